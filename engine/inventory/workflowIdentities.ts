import { entry, get, itemsOf, stringValue, type SourceNode } from '../iac/sourceTree';
import type { IdentityDraft } from './identity';

/** Login actions: which inputs make the login static, which make it federated (OIDC). */
const LOGINS: Array<{ action: RegExp; provider: string; label: string; staticInputs: string[]; oidcInputs: string[] }> = [
  {
    action: /^aws-actions\/configure-aws-credentials@/i,
    provider: 'aws',
    label: 'AWS',
    staticInputs: ['aws-access-key-id', 'aws-secret-access-key'],
    oidcInputs: ['role-to-assume'],
  },
  {
    action: /^google-github-actions\/auth@/i,
    provider: 'gcp',
    label: 'Google Cloud',
    staticInputs: ['credentials_json'],
    oidcInputs: ['workload_identity_provider'],
  },
  { action: /^azure\/login@/i, provider: 'azure', label: 'Azure', staticInputs: ['creds'], oidcInputs: ['client-id'] },
  {
    action: /^hashicorp\/vault-action@/i,
    provider: 'vault',
    label: 'Vault',
    staticInputs: ['token', 'secretId', 'roleId'],
    oidcInputs: ['jwtGithubAudience', 'role'],
  },
];
const STATIC_ENV =
  /^(?:AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|GOOGLE_CREDENTIALS|GOOGLE_APPLICATION_CREDENTIALS_JSON|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/;

/** The workflow's GITHUB_TOKEN and every cloud login its steps perform. */
export function workflowIdentities(workflow: SourceNode, path: string): IdentityDraft[] {
  if (workflow.type !== 'map') return [];
  const jobs = get(workflow, 'jobs');
  const jobEntries = jobs?.type === 'map' ? jobs.entries : [];
  const drafts: IdentityDraft[] = [];
  const at = entry(workflow, 'permissions') ?? entry(workflow, 'on') ?? entry(workflow, 'name');
  const file = path.split(/[\\/]/).pop() ?? path;
  if (at) {
    const declared = !!entry(workflow, 'permissions') || (jobEntries.length > 0 && jobEntries.every((j) => entry(j.value, 'permissions')));
    drafts.push({
      kind: 'workflow-token',
      name: `GITHUB_TOKEN of ${file}`,
      provider: 'github',
      start: at.keyStart,
      end: at.keyEnd,
      credential: 'federated',
      links: ['workflow', ...jobEntries.map((j) => `job ${j.key}`)],
      permissionsDeclared: declared,
    });
  }
  for (const job of jobEntries) {
    const jobEnvStatic = (env: SourceNode | undefined) => env?.type === 'map' && env.entries.some((e) => STATIC_ENV.test(e.key));
    for (const [i, step] of itemsOf(get(job.value, 'steps')).entries()) {
      const usesNode = get(step, 'uses');
      const uses = stringValue(usesNode) ?? '';
      const login = LOGINS.find((l) => l.action.test(uses));
      if (!login || !usesNode) continue;
      const inputs = get(step, 'with');
      const has = (names: string[]) => inputs?.type === 'map' && inputs.entries.some((e) => names.includes(e.key));
      const isStatic = has(login.staticInputs) || jobEnvStatic(get(step, 'env')) || jobEnvStatic(get(job.value, 'env'));
      drafts.push({
        kind: 'cloud-login',
        name: `${login.label} login in job ${job.key}`,
        provider: login.provider,
        start: usesNode.start,
        end: usesNode.end,
        credential: isStatic ? 'static' : has(login.oidcInputs) ? 'federated' : 'reference',
        links: [`job ${job.key}`, `job ${job.key} step ${i + 1}`],
        permissionsDeclared: false,
      });
    }
  }
  return drafts;
}
