import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliHarness';

/**
 * A repository's own `.nhi-lens.yaml` is input from whoever wrote the repository: it must not
 * make the CLI hang, exhaust memory, read or echo files elsewhere, or run a pattern that
 * backtracks without bound. Every case ends promptly with exit 2 and a clear message.
 */
describe('a hostile .nhi-lens.yaml', function () {
  this.timeout(60_000);
  let ws: string;
  const SECRET_LINE = 'root:x:0:0:private-marker-7f3a:/root:/bin/bash';

  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-hostile-'));
    fs.writeFileSync(path.join(ws, 'app.py'), 'print("hello")\n');
  });
  const config = (yaml: string) => fs.writeFileSync(path.join(ws, '.nhi-lens.yaml'), yaml);
  const audit = (...extra: string[]) => runCli(['audit', '.', '--format', 'json', ...extra], ws);

  it('baseline: /dev/zero is refused (outside the workspace), without reading it', () => {
    config('baseline: /dev/zero\n');
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /baseline "\/dev\/zero" is outside the workspace/);
  });

  it('--baseline naming a device or a FIFO is refused as "not a regular file"', () => {
    assert.match(audit('--baseline', '/dev/zero').stderr, /baseline is not a regular file/);
    const fifo = path.join(ws, 'baseline.json');
    execFileSync('mkfifo', [fifo]);
    const run = audit('--baseline', fifo);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /baseline is not a regular file/);
  });

  it('a FIFO as the config is refused, not waited on', () => {
    execFileSync('mkfifo', [path.join(ws, '.nhi-lens.yaml')]);
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /config file is not a regular file/);
  });

  it('a baseline outside the workspace (../) is refused', () => {
    config('baseline: ../../x/notes.txt\n');
    assert.match(audit().stderr, /baseline "..\/..\/x\/notes.txt" is outside the workspace/);
  });

  it('a baseline that is not JSON is named, and its content never echoed', () => {
    fs.writeFileSync(path.join(ws, 'baseline.json'), `${SECRET_LINE}\n`);
    config('baseline: baseline.json\n');
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /baseline.json: cannot read baseline: not valid JSON/);
    assert.ok(!run.stderr.includes('private-marker'), run.stderr);
  });

  it('a config that links to a file outside the workspace is not read, and nothing of it is printed', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-outside-'));
    fs.writeFileSync(path.join(outside, 'passwd'), `${SECRET_LINE}\nprivate-marker-key: x\n`);
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(ws, '.nhi-lens.yaml'));
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /links outside the workspace: not read/);
    assert.ok(!run.stderr.includes('private-marker'), run.stderr);
  });

  /** `.nhi-lens.yaml` with one workspace rule. */
  const ruleConfig = (id: string, pattern: string) =>
    config(
      [
        'rules:',
        `  - id: ${id}`,
        '    title: A workspace rule',
        '    category: secret',
        '    severity: error',
        '    description: A rule the repository brings.',
        '    remediation: Remove the rule from the config.',
        '    keywords: [tok]',
        `    pattern: '${pattern}'`,
        '    examples: { positive: ["tokq8zr3lm0pd5xv"], negative: ["b"] }',
        '',
      ].join('\n'),
    );

  it('a custom rule that backtracks catastrophically in V8 runs in linear time: the audit ends and finds what the rule matches', () => {
    // V8 needs minutes for 31 characters of this line (nested unbounded repeats failing at the `!`);
    // here it has 50,000, and the test's timeout is the failure.
    fs.writeFileSync(path.join(ws, 'slow.txt'), `tok${'a'.repeat(50_000)}!\n`);
    fs.writeFileSync(path.join(ws, 'token.txt'), 'tokq8zr3lm0pd5xv2kc7hs1ty4u\n');
    ruleConfig('catastrophic', '^tok(?<secret>([a-z0-9]+)+)$');
    const run = audit();
    assert.equal(run.code, 1, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; path: string }[] }).findings;
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.path}`),
      ['catastrophic token.txt'],
    );
  });

  it('a custom rule the linear-time engine cannot express is a config error naming the rule and the construct', () => {
    fs.writeFileSync(path.join(ws, 'token.txt'), 'tokq8zr3lm0pd5xv2kc7hs1ty4u\n');
    ruleConfig('doubled', 'tok(?<secret>([a-z])\\2[a-z0-9]{8})');
    let run = audit();
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /\.nhi-lens\.yaml: rule "doubled" pattern uses a back-reference \(\\2\) \(workspace rules run on a linear-time regex engine/,
    );
    ruleConfig('peeking', 'tok(?=[a-z]{3})(?<secret>[a-z0-9]{8,40})');
    run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /rule "peeking" pattern uses a lookahead .* not at the very end of the pattern/);
    assert.ok(!run.stderr.includes('q8zr3lm0pd5xv'), 'no file content in the message');
  });

  it('limits above the caps are a config error, not an out-of-memory crash', () => {
    config('limits:\n  maxFileBytes: 100000000000\n');
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /limits.maxFileBytes must be <= 67108864/);
  });
});
