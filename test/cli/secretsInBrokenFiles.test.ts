import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { AuditReportRequest, AuditWorkspaceRequest } from '../../protocol/nhiLensProtocol';
import { LspSession } from '../server/lspHarness';
import { runCli } from './cliHarness';

// Fake credentials in real formats, assembled at run time.
const AWS_KEY_ID = ['AKIA', 'Q3EGRT5Y', 'NHJ7UWPX'].join('');
const STRIPE_RESTRICTED = ['rk_live', '51Hx9QmT2kLpV8nR4cWz7yBd'].join('_');
// The rule pack's own example token: its checksum is valid, so the engine treats it as real.
const GITHUB_PAT = ['ghp', 'yhxSRXGeq3de9UouAUV9YGjnZhrWK842qOuj'].join('_');
const SLACK_BOT = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
const SECRETS = [AWS_KEY_ID, STRIPE_RESTRICTED, GITHUB_PAT, SLACK_BOT];

/**
 * Broken files of every kind the engine parses, each with a secret where its parser complains
 * (the token it quotes), as a key of another secret, or in a tag: the texts that used to carry
 * the value out in a parse error or a message.
 */
const BROKEN: Record<string, string> = {
  // Terraform / HCL: a bare token on a line, a block opened by a token, unclosed blocks.
  'infra/main.tf': `${AWS_KEY_ID}\n`,
  'infra/keys.tf': `resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n${GITHUB_PAT} {\n`,
  'infra/open.tf': `locals {\n  token = "${SLACK_BOT}"\n  broken = ${STRIPE_RESTRICTED}\n`,
  'infra/vars.hcl': `variable "x" {\n  default = "${GITHUB_PAT}"\n  nested {\n`,
  // YAML with a bad tag, an unclosed flow mapping in Kubernetes, a broken workflow, broken CloudFormation.
  'config/tagged.yaml': `key: !${STRIPE_RESTRICTED} x\n`,
  'k8s/deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nspec: {token: ${GITHUB_PAT}\n`,
  'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  key: !${SLACK_BOT} x\n`,
  '.github/workflows/ci.yml': `on: push\njobs:\n  build: [${SLACK_BOT}\n`,
  'cfn/stack.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Key: {Type: AWS::IAM::AccessKey, Token: ${AWS_KEY_ID}\n`,
  'cfn/stack.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"K": "${AWS_KEY_ID}" "x"}}`,
  // JSON with a syntax error after the secret, and a secret as the key of another.
  'config/settings.json': `{"tokens": {"${SLACK_BOT}": "${GITHUB_PAT}",}`,
  // .env and properties: a secret as the name of another.
  '.env': `${GITHUB_PAT}=${STRIPE_RESTRICTED}\n`,
  'app/application.properties': `${SLACK_BOT}=${AWS_KEY_ID}\nbroken\\\n`,
  'config/tokens.py': `TOKENS = {"${AWS_KEY_ID}": "${GITHUB_PAT}"}\n`,
};

/** Fails with the place when `output` holds a planted value or a 12-character piece of one. */
function assertNoSecret(what: string, output: string): void {
  assert.ok(output.length > 0, `${what}: empty`);
  for (const secret of SECRETS) {
    assert.ok(!output.includes(secret), `${what}: a full value (${secret.slice(0, 4)}…)`);
    for (let i = 0; i + 12 <= secret.length; i += 4)
      assert.ok(!output.includes(secret.slice(i, i + 12)), `${what}: part of a value (…${secret.slice(i, i + 4)}… at ${i})`);
  }
}

describe('secrets planted in broken files of every kind reach no output', function () {
  this.timeout(180_000);
  let ws: string;
  let out: string;

  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-broken-'));
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-broken-out-'));
    for (const [name, text] of Object.entries(BROKEN)) {
      fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
      fs.writeFileSync(path.join(ws, name), text);
    }
  });

  it('the audit still finds them, and says which files it could not parse', () => {
    const run = runCli(['audit', '.', '--format', 'json', '--no-git', '--output', path.join(out, 'found.json')], ws);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'found.json'), 'utf8'));
    const withSecret = new Set(
      report.findings.filter((f: { category: string }) => f.category === 'secret').map((f: { path: string }) => f.path),
    );
    for (const file of Object.keys(BROKEN)) assert.ok(withSecret.has(file), `no secret found in ${file}`);
    assert.ok(
      report.skipped.some((s: { path: string }) => s.path === 'infra/main.tf'),
      'a Terraform parse error is noted',
    );
  });

  it('CLI: text, JSON, SARIF, Markdown, HTML, inventory (JSON, CSV, Markdown), the baseline and stderr', () => {
    const outputs: Array<[string, string]> = [];
    for (const format of ['text', 'json', 'sarif', 'markdown', 'html']) {
      const file = path.join(out, `report.${format}`);
      const run = runCli(['audit', '.', '--no-git', '--format', format, '--output', file], ws);
      outputs.push([`audit --format ${format}`, fs.readFileSync(file, 'utf8')], [`audit --format ${format} (stderr)`, run.stderr || '-']);
    }
    const stdout = runCli(['audit', '.', '--no-git'], ws);
    outputs.push(['audit to stdout', stdout.stdout]);
    for (const format of ['json', 'csv', 'markdown']) {
      const file = path.join(out, `inventory.${format}`);
      runCli(['inventory', '.', '--format', format, '--output', file], ws);
      outputs.push([`inventory --format ${format}`, fs.readFileSync(file, 'utf8')]);
    }
    const baseline = path.join(out, 'baseline.json');
    runCli(['audit', '.', '--write-baseline', baseline], ws);
    outputs.push(['--write-baseline', fs.readFileSync(baseline, 'utf8')]);
    const fix = runCli(['fix', '.'], ws);
    outputs.push(['fix preview', fix.stdout + fix.stderr]);
    for (const [what, output] of outputs) assertNoSecret(what, output);
  });

  it('language server: diagnostics of every broken file, the audit answer and its reports', async () => {
    const s = await LspSession.start({ window: { workDoneProgress: true } });
    try {
      for (const [name, text] of Object.entries(BROKEN)) {
        fs.mkdirSync(path.dirname(path.join(s.root, name)), { recursive: true });
        fs.writeFileSync(path.join(s.root, name), text);
      }
      for (const [name, text] of Object.entries(BROKEN)) {
        const uri = s.uri(name);
        await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: 'plaintext', version: 1, text },
        });
        const { diagnostics } = await s.diagnosticsFor(uri, 1);
        assert.ok(diagnostics.length > 0, `no diagnostic for ${name}`);
      }
      const audit = await s.connection.sendRequest(AuditWorkspaceRequest.type, { partialResultToken: 'broken-partial' });
      assert.ok(audit.findings.length >= Object.keys(BROKEN).length);
      const reports = await Promise.all(
        (['markdown', 'sarif', 'html'] as const).map((format) => s.connection.sendRequest(AuditReportRequest.type, { format })),
      );
      assertNoSecret('published diagnostics', JSON.stringify(s.published));
      assertNoSecret('audit answer', JSON.stringify(audit));
      assertNoSecret('audit partial results', JSON.stringify(s.progress));
      assertNoSecret('messages to the user', JSON.stringify(s.messages) || '-');
      for (const report of reports) assertNoSecret('audit report', report!.content);
    } finally {
      await s.stop();
    }
  });
});
