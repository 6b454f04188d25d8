import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditWorkspaceRequest, type AuditFinding, type AuditResult } from '../../protocol/nhiLensProtocol';
import { runCli } from '../cli/cliHarness';
import { LspSession } from './lspHarness';

const WINDOW = { window: { workDoneProgress: true } };

/** A Slack bot token of the rule's shape, different for each `i`, assembled at run time. */
function slackToken(i: number): string {
  // Six scrambled characters: a run like `000000` reads as a placeholder, not a token.
  const tail = `Qz7Lm2Vx9Kc4Rt8Wb1${(((i + 1) * 2654435761) % 2176782336).toString(36).padStart(6, 'k')}`;
  return ['xoxb', String(2741093856 + i), String(4820193746512 + i), tail].join('-');
}
/** The rule pack's own example token (its checksum is valid): an error, where Slack tokens are made warnings. */
const GITHUB_PAT = ['ghp', 'yhxSRXGeq3de9UouAUV9YGjnZhrWK842qOuj'].join('_');

/** `files` .env files of `perFile` Slack tokens each. */
function floodOfTokens(files: number, perFile: number): Record<string, string> {
  const tree: Record<string, string> = {};
  for (let f = 0; f < files; f++)
    tree[`svc${String(f).padStart(2, '0')}/.env`] = Array.from(
      { length: perFile },
      (_, line) => `SLACK_${line}=${slackToken(f * perFile + line)}`,
    ).join('\n');
  return tree;
}

async function auditOf(s: LspSession): Promise<{ result: AuditResult; partial: AuditFinding[] }> {
  const result = await s.connection.sendRequest(AuditWorkspaceRequest.type, { workDoneToken: 'cap', partialResultToken: 'cap-partial' });
  const partial = s.progress.filter((p) => p.token === 'cap-partial').flatMap((p) => p.value as AuditFinding[]);
  return { result, partial };
}

describe('language server audit: a flood of findings is capped on the wire, counted in full', function () {
  this.timeout(180_000);

  it('6,000 findings: 5,000 sent (the most severe), the summary counts all, a note says so', async () => {
    const s = await LspSession.start(WINDOW, {
      '.nhi-lens.yaml': 'overrides:\n  slack-bot-token: { severity: warning }\n',
      ...floodOfTokens(12, 500),
      // Last in path order: kept only because errors come before warnings.
      'zz/last.py': `GITHUB_TOKEN = "${GITHUB_PAT}"\n`,
    });
    try {
      const { result, partial } = await auditOf(s);
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cap-')), 'all.json');
      runCli(['audit', '.', '--format', 'json', '--no-git', '--max-findings', '100000', '--output', out], s.root);
      const cli = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.ok(cli.summary.total > 6000, `the CLI counts ${cli.summary.total}`);
      assert.equal(result.summary.findings, cli.summary.total, 'the summary counts every finding');
      assert.equal(result.summary.listed, 5000);
      assert.equal(result.findings.length, 5000);
      assert.ok(partial.length > 0 && partial.length <= 5000, `${partial.length} partial results`);
      assert.ok(
        result.findings.some((f) => f.path === 'zz/last.py' && f.severity === 'error'),
        'the error is listed ahead of warnings found before it',
      );
      assert.ok(
        result.notes.some((n) => n.startsWith(`${cli.summary.total} findings: the 5000 most severe are listed here`)),
        result.notes.join('\n'),
      );
      const wire = JSON.stringify(result) + JSON.stringify(partial);
      for (const i of [0, 2999, 5999]) assert.ok(!wire.includes(slackToken(i)), 'no token value crosses the protocol');
    } finally {
      await s.stop();
    }
  });

  it("a folder's limits.maxFindings caps partial results and the answer too", async () => {
    const s = await LspSession.start(WINDOW, { '.nhi-lens.yaml': 'limits:\n  maxFindings: 10\n', ...floodOfTokens(3, 10) });
    try {
      const { result, partial } = await auditOf(s);
      assert.equal(result.summary.findings, 30);
      assert.equal(result.summary.listed, 10);
      assert.equal(result.findings.length, 10);
      assert.ok(partial.length <= 10, `${partial.length} partial results`);
      assert.ok(
        result.notes.some((n) => /^30 findings: the 10 most severe are listed/.test(n)),
        result.notes.join('\n'),
      );
    } finally {
      await s.stop();
    }
  });

  it('under the cap, everything is listed and nothing noted', async () => {
    const s = await LspSession.start(WINDOW, floodOfTokens(2, 5));
    try {
      const { result, partial } = await auditOf(s);
      assert.deepEqual([result.summary.findings, result.summary.listed, result.findings.length, partial.length], [10, 10, 10, 10]);
      assert.deepEqual(result.notes, []);
    } finally {
      await s.stop();
    }
  });
});
