import type { SourceNode } from '../iac/sourceTree';
import { get } from '../iac/sourceTree';
import type { IdentityDraft } from './identity';

/** Names of env entries and headers that carry a credential. */
const SECRETISH = /token|secret|key|password|pat|auth|credential/i;

/** Each MCP server (MCP client configs: Claude, Cursor, VS Code `servers`, Windsurf, the generic `.mcp.json`) an agent is configured to start or call, with how it gets its credentials. */
export function agentIdentities(config: SourceNode): IdentityDraft[] {
  const servers = get(config, 'mcpServers') ?? get(config, 'servers') ?? get(config, 'mcp', 'servers');
  if (servers?.type !== 'map') return [];
  return servers.entries.map((server) => {
    let credential: IdentityDraft['credential'] = 'none';
    for (const block of ['env', 'headers']) {
      const values = get(server.value, block);
      if (values?.type !== 'map') continue;
      for (const e of values.entries) {
        const v = e.value.type === 'scalar' ? String(e.value.value ?? '') : '';
        if (!SECRETISH.test(e.key) && !/^Bearer\s/i.test(v)) continue;
        if (/\$\{|\{\{/.test(v) || v === '') {
          if (credential === 'none') credential = 'reference';
        } else credential = 'static';
      }
    }
    return {
      kind: 'agent-server',
      name: `MCP server ${server.key}`,
      provider: 'mcp',
      start: server.keyStart,
      end: server.value.end,
      credential,
      links: [],
      permissionsDeclared: false,
    };
  });
}
