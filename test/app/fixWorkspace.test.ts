import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, applyFixPlan, planFixes, type FixRequest } from '../../app/fixWorkspace';
import { loadWorkspaceConfig } from '../../workspace/config/configFile';
import { copyOfExampleWorkspace } from '../cli/cliHarness';
import { defaultEngine } from '../support/engineFixture';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

function request(root: string, extra: Partial<FixRequest> = {}): FixRequest {
  return { root, config: loadWorkspaceConfig(root).config, baseline: [], jobs: 0, manager: 'env', ...extra };
}

/** Every file of a tree with its bytes, to tell whether anything was written. */
function treeOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

describe('fix use case (planFixes, applyFixPlan)', function () {
  this.timeout(60_000);
  let ws: string;
  beforeEach(() => {
    ws = copyOfExampleWorkspace();
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('plans without writing; every planned file, scanned again, no longer has its fixed findings', async () => {
    const before = treeOf(ws);
    const plan = await planFixes(request(ws));
    assert.deepEqual(treeOf(ws), before, 'planning writes nothing');
    assert.ok(plan.files.length >= 5, `${plan.files.length} files planned`);
    for (const file of plan.files) {
      const left = new Set(
        defaultEngine()
          .scan({ path: file.path, text: file.after })
          .findings.map((f) => `${f.ruleId} ${f.fingerprint}`),
      );
      for (const fix of file.fixes)
        assert.ok(!left.has(`${fix.finding.ruleId} ${fix.finding.fingerprint}`), `${file.path}: ${fix.finding.ruleId}`);
    }
    // The .env secrets and the PEM key have no safe fix; the OIDC switch needs the role.
    assert.ok(plan.unfixable.some((f) => f.path === '.env'));
    assert.ok(plan.unfixable.some((f) => f.path === 'config/deploy-key.pem'));
    assert.ok(plan.held.some((h) => h.proposal.kind === 'oidc' && /<account-id>/.test(h.reason)));
  });

  it('writes the plan, keeps file modes, and the re-audit confirms each fix', async () => {
    fs.chmodSync(path.join(ws, 'scripts/deploy.sh'), 0o755);
    const plan = await planFixes(request(ws, { owner: 'platform-team' }));
    const results = await applyFixPlan(plan);
    assert.equal(results.length, plan.files.length);
    for (const r of results) {
      assert.ok(r.written, `${r.path}: ${r.problem}`);
      assert.deepEqual(r.notFixed, [], r.path);
      assert.deepEqual(r.introduced, [], r.path);
      assert.deepEqual(r.skipped, [], r.path);
      assert.equal(r.fixed.length, plan.files.find((f) => f.path === r.path)!.fixes.length);
      assert.equal(fs.readFileSync(path.join(ws, r.path), 'utf8'), plan.files.find((f) => f.path === r.path)!.after);
    }
    assert.equal(fs.statSync(path.join(ws, 'scripts/deploy.sh')).mode & 0o777, 0o755);
    assert.deepEqual(
      fs.readdirSync(ws, { recursive: true }).filter((p) => String(p).endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
    // With a label-shaped owner the Kubernetes owner label is written too.
    assert.match(fs.readFileSync(path.join(ws, 'k8s/deployment.yaml'), 'utf8'), /labels:\n {4}owner: platform-team\n/);
  });

  it('does not overwrite a file that changed between read and write; the others are written', async () => {
    const plan = await planFixes(request(ws));
    const edited = path.join(ws, 'src/notify.py');
    const theirs = `${fs.readFileSync(edited, 'utf8')}# edited meanwhile\n`;
    fs.writeFileSync(edited, theirs);
    const results = await applyFixPlan(plan);
    const notify = results.find((r) => r.path === 'src/notify.py')!;
    assert.equal(notify.written, false);
    assert.match(notify.problem ?? '', /changed since it was read/);
    assert.equal(fs.readFileSync(edited, 'utf8'), theirs);
    assert.ok(results.filter((r) => r.path !== 'src/notify.py').every((r) => r.written));
  });

  it('keeps CRLF line endings and the BOM', async () => {
    const file = path.join(ws, 'src/windows.py');
    fs.writeFileSync(file, `\ufeffimport logging\r\n\r\nSLACK_BOT_TOKEN = "${SLACK}"\r\nprint(1)\r\n`);
    const plan = await planFixes(request(ws, { targets: [file] }));
    const [result] = await applyFixPlan(plan);
    assert.deepEqual(
      { written: result.written, fixed: result.fixed.length, notFixed: result.notFixed.length },
      { written: true, fixed: 1, notFixed: 0 },
    );
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    const text = bytes.toString('utf8').slice(1);
    assert.equal(text, 'import logging\r\nimport os\r\n\r\nSLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]\r\nprint(1)\r\n');
  });

  it('leaves a file that is not valid UTF-8 alone', async () => {
    const file = path.join(ws, 'src/latin1.py');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`# caf\xe9\nSLACK_BOT_TOKEN = "${SLACK}"\n`, 'latin1')]));
    const original = fs.readFileSync(file);
    const plan = await planFixes(request(ws, { targets: [file] }));
    assert.deepEqual(plan.files, []);
    assert.ok(
      plan.notes.some((n) => /src\/latin1\.py: not valid UTF-8/.test(n)),
      plan.notes.join('\n'),
    );
    assert.ok(fs.readFileSync(file).equals(original));
  });

  it('reports a fix whose finding is still there, and a finding an edit brought in', async () => {
    const plan = await planFixes(request(ws, { targets: [path.join(ws, 'src/notify.py'), path.join(ws, 'src/billing.ts')] }));
    const notify = plan.files.find((f) => f.path === 'src/notify.py')!;
    const billing = plan.files.find((f) => f.path === 'src/billing.ts')!;
    // Edits that miss: one leaves the secret where it is, one adds another secret.
    notify.after = `${notify.before}# touched\n`;
    billing.after = `${billing.after}const slack = "${SLACK}";\n`;
    const results = await applyFixPlan(plan);
    const n = results.find((r) => r.path === 'src/notify.py')!;
    assert.deepEqual(
      n.notFixed.map((f) => f.finding.ruleId),
      ['slack-bot-token'],
    );
    assert.deepEqual(n.fixed, []);
    const b = results.find((r) => r.path === 'src/billing.ts')!;
    assert.deepEqual(
      b.fixed.map((f) => f.finding.ruleId),
      ['stripe-secret-key'],
    );
    assert.deepEqual(
      b.introduced.map((f) => f.ruleId),
      ['slack-bot-token'],
    );
  });

  it('never writes a placeholder owner: without --owner or CODEOWNERS the owner fixes are held', async () => {
    fs.rmSync(path.join(ws, '.github/CODEOWNERS'));
    const plan = await planFixes(request(ws));
    const owners = plan.held.filter((h) => h.proposal.kind === 'owner-tag');
    assert.equal(owners.length, 3);
    for (const h of owners) assert.match(h.reason, /no owner: pass --owner or add a CODEOWNERS entry/);
    for (const f of plan.files) assert.ok(!/\{\{owner\}\}|TODO-owner/.test(f.after), f.path);
    assert.ok(!plan.files.some((f) => f.fixes.some((x) => x.proposal.kind === 'owner-tag')));
  });

  it('holds the second of two overlapping fixes; the first may clear both', async () => {
    const file = path.join(ws, '.github/workflows/azure.yml');
    fs.writeFileSync(
      file,
      `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          creds: ${SLACK}\n`,
    );
    const plan = await planFixes(request(ws, { targets: [file] }));
    assert.deepEqual(
      plan.files[0].fixes.map((f) => f.proposal.kind),
      ['oidc'],
    );
    assert.deepEqual(
      plan.held.map((h) => [h.finding.ruleId, /overlaps the fix for gha-static-cloud-credentials/.test(h.reason)]),
      [['slack-bot-token', true]],
    );
    const [result] = await applyFixPlan(plan);
    assert.deepEqual(result.remaining, [], 'the OIDC switch removed the line holding the secret');
  });

  it('applies an insertion in front of a replacement at the same offset, and insertions in order', () => {
    assert.equal(
      applyEdits('abc', [
        { start: 1, end: 1, newText: 'X' },
        { start: 1, end: 2, newText: 'B' },
        { start: 1, end: 1, newText: 'Y' },
      ]),
      'aXYBc',
    );
  });
});
