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

  it('a custom rule that backtracks without bound is rejected before it runs', () => {
    fs.writeFileSync(path.join(ws, 'slow.txt'), `${'a'.repeat(31)}!\n`);
    config(
      [
        'rules:',
        '  - id: catastrophic',
        '    title: Catastrophic',
        '    category: secret',
        '    severity: error',
        '    description: A pattern with nested unbounded repeats.',
        '    remediation: Remove the rule from the config.',
        '    keywords: [aaa]',
        '    pattern: "^(?<secret>(a+)+)$"',
        '    examples: { positive: ["aaaa"], negative: ["b"] }',
        '',
      ].join('\n'),
    );
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /rule "catastrophic" pattern has an unbounded quantifier/);
    assert.match(run.stderr, /rule "catastrophic" pattern repeats a group that itself repeats/);
  });

  it('limits above the caps are a config error, not an out-of-memory crash', () => {
    config('limits:\n  maxFileBytes: 100000000000\n');
    const run = audit();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /limits.maxFileBytes must be <= 67108864/);
  });
});
