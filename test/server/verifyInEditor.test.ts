import * as assert from 'node:assert/strict';
import { AuditWorkspaceRequest, type AuditResult } from '../../protocol/nhiLensProtocol';
import { fake } from '../integrations/verify/fakeCredentials';
import { startFakeProviders, type FakeProvider } from '../integrations/verify/fakeProviders';
import { LspSession } from './lspHarness';

const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false } },
  workspace: { configuration: true },
  window: { workDoneProgress: true },
};

/**
 * `nhiLens.verify` in the editor: the workspace audit asks the secret's own provider (a loopback
 * fake GitHub here) only when the setting is `on`, or `ask` and the request says the user agreed.
 */
describe('language server: live verification in the workspace audit', function () {
  this.timeout(60_000);
  let github: FakeProvider;
  let stopAll: () => Promise<void>;
  const good = fake.github();

  before(async () => {
    const fakes = await startFakeProviders();
    github = fakes.get('github')!;
    github.valid.set(good, 'octocat');
    stopAll = async () => {
      for (const f of fakes.values()) await f.stop();
    };
  });
  after(() => stopAll());

  async function auditWith(settings: Record<string, unknown>, params: Record<string, unknown> = {}, trusted = true) {
    const s = await LspSession.start(
      PULL_CLIENT,
      { '.env': `GITHUB_TOKEN=${good}\n` },
      { initializationOptions: { trusted }, settings: { ...settings, verifyEndpoints: { github: github.url } } },
    );
    try {
      // The server reads its settings once initialized; wait until it has them.
      await s.until('settings read', () => s.configurationRequests > 0 || undefined);
      const before = github.seen.length;
      const result: AuditResult = await s.connection.sendRequest(AuditWorkspaceRequest.type, params);
      return { result, sent: github.seen.length - before, token: JSON.stringify(result).includes(good) };
    } finally {
      await s.stop();
    }
  }

  it('off (the default): nothing is sent', async () => {
    const { result, sent } = await auditWith({ verify: 'off' });
    assert.equal(sent, 0);
    assert.ok(result.findings.every((f) => !f.verification));
  });

  it('on: the token is checked with GitHub and the finding says whose it is; the value never comes back', async () => {
    const { result, sent, token } = await auditWith({ verify: 'on' });
    assert.equal(sent, 1);
    const f = result.findings.find((x) => x.verification)!;
    assert.equal(f.verification!.state, 'live');
    assert.match(f.verification!.identity ?? '', /octocat/);
    assert.equal(f.severity, 'error');
    assert.equal(token, false);
  });

  it('ask: only when the request says the user agreed', async () => {
    assert.equal((await auditWith({ verify: 'ask' })).sent, 0);
    assert.equal((await auditWith({ verify: 'ask' }, { verify: true })).sent, 1);
  });

  it('an untrusted workspace never verifies, whatever the setting', async () => {
    assert.equal((await auditWith({ verify: 'on' }, { verify: true }, false)).sent, 0);
  });
});
