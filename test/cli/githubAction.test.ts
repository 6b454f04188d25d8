import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO } from './cliHarness';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;

/** The step's environment as the runner would set it, expressions replaced by the given values. */
function stepEnv(step: Step, expressions: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.env ?? {}))
    env[name] = value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      if (!(expr in expressions)) throw new Error(`test does not know ${expr}`);
      return expressions[expr];
    });
  return env;
}

/** Runs a `run:` step of action.yml with bash, as a composite action step runs. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
}

const token = (a: string, b: string, c: string) => ['xoxb', a, b, c].join('-');

describe('GitHub Action (action.yml)', function () {
  this.timeout(120_000);
  const audit = action.runs.steps.find((s) => s.id === 'audit')!;
  const result = action.runs.steps.find((s) => s.name === 'Result')!;

  /** A checkout of a pull request: main with an old secret, a feature branch adding a new one. */
  function pullRequestCheckout() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-action-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    fs.writeFileSync(path.join(dir, 'old.py'), `T = "${token('2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3')}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    git('checkout', '-q', '-b', 'feature');
    fs.writeFileSync(path.join(dir, 'new.py'), `T = "${token('9182736450', '1928374650192', 'Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7')}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'feature');
    return { dir, base };
  }

  function runAudit(dir: string, inputs: Record<string, string>, prBase = '') {
    const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-runner-'));
    const summary = path.join(runnerTemp, 'step-summary.md');
    const output = path.join(runnerTemp, 'output.txt');
    const input = (name: string) => inputs[name] ?? action.inputs[name].default ?? '';
    const env = stepEnv(audit, {
      'inputs.path': input('path'),
      'inputs.diff-base': input('diff-base'),
      'inputs.fail-on': input('fail-on'),
      'inputs.sarif-file': input('sarif-file'),
      'inputs.args': input('args'),
      'github.event.pull_request.base.sha': prBase,
      'github.action_path': REPO,
    });
    const run = runStep(audit, dir, { ...env, RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
    const outputs = Object.fromEntries(
      fs
        .readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=', 2) as [string, string]),
    );
    return { run, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '', outputs };
  }

  it('is a composite action: audit, SARIF upload to code scanning, a result step', () => {
    assert.equal(action.runs.using, 'composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'uploads SARIF');
    assert.equal(upload.with?.sarif_file, '${{ steps.audit.outputs.sarif-file }}');
    // Inputs never pasted into a script: only through env.
    for (const step of action.runs.steps)
      assert.ok(!/\$\{\{\s*inputs\./.test(step.run ?? ''), `${step.name ?? step.id}: inputs in the script`);
  });

  it('on a pull request: only the findings it adds, a Markdown job summary, SARIF, outputs; the job then fails', () => {
    const { dir, base } = pullRequestCheckout();
    const { run, summary, outputs } = runAudit(dir, {}, base);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(outputs['exit-code'], '1');
    assert.equal(outputs.findings, '1');
    assert.match(summary, /^# NHI Lens audit/);
    assert.match(summary, /`new\.py:1:6`/);
    assert.ok(!summary.includes('old.py'), "the base branch's own secret is not the pull request's");
    assert.match(summary, /--diff [0-9a-f]{40}: 1 files changed/);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, outputs['sarif-file']), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    assert.equal(sarif.runs[0].results.length, 1);

    const failed = runStep(result, dir, stepEnv(result, { 'steps.audit.outputs.exit-code': '1', 'steps.audit.outputs.findings': '1' }));
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /::error title=nhi-lens::1 findings/);
  });

  it('on a push (no base): the whole tree; fail-on never passes; a configuration error is not a finding', () => {
    const { dir } = pullRequestCheckout();
    const { outputs, summary } = runAudit(dir, { 'fail-on': 'never' });
    assert.equal(outputs['exit-code'], '0');
    assert.equal(outputs.findings, '2');
    assert.match(summary, /old\.py/);
    const passed = runStep(result, dir, stepEnv(result, { 'steps.audit.outputs.exit-code': '0', 'steps.audit.outputs.findings': '2' }));
    assert.equal(passed.status, 0);

    const broken = runAudit(dir, { args: '--baseline missing.json' });
    assert.equal(broken.outputs['exit-code'], '2');
    assert.match(broken.run.stderr, /baseline file not found/);
    assert.match(action.runs.steps.find((s) => s.uses?.includes('upload-sarif'))!.if!, /exit-code != '2'/);
  });

  it('a diff-base that is not a ref is passed as data, never run as shell', () => {
    const { dir } = pullRequestCheckout();
    const marker = path.join(dir, 'pwned');
    const { outputs } = runAudit(dir, { 'diff-base': `$(touch ${marker})` });
    assert.equal(outputs['exit-code'], '2');
    assert.ok(!fs.existsSync(marker));
  });
});
