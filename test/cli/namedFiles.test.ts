import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliHarness';

describe('nhi-lens audit <file>: says why a named file was not scanned', function () {
  this.timeout(120_000);
  let ws: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-named-'));
    fs.writeFileSync(path.join(ws, '.nhi-lens.yaml'), 'paths:\n  ignore: ["vendor/**"]\n');
    fs.mkdirSync(path.join(ws, 'vendor'));
    fs.writeFileSync(path.join(ws, 'vendor', 'lib.py'), 'x = 1\n');
    fs.writeFileSync(path.join(ws, 'blob.dat'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0]));
    fs.writeFileSync(path.join(ws, 'huge.txt'), 'a'.repeat(5 * 1024 * 1024 + 10));
    fs.writeFileSync(path.join(ws, 'clean.py'), 'x = 1\n');
  });

  it('excluded by paths.ignore in the config', () => {
    const run = runCli(['audit', 'vendor/lib.py', '--fail-on', 'never'], ws);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^nhi-lens: vendor\/lib\.py: not scanned: excluded by paths\.ignore in \.nhi-lens\.yaml$/m);
  });

  it('binary, and too large', () => {
    assert.match(runCli(['audit', 'blob.dat'], ws).stderr, /^nhi-lens: blob\.dat: not scanned: binary file$/m);
    assert.match(runCli(['audit', 'huge.txt'], ws).stderr, /^nhi-lens: huge\.txt: not scanned: file larger than 5120 KiB$/m);
  });

  it('says nothing for a file that was scanned and is clean; --quiet silences it', () => {
    assert.doesNotMatch(runCli(['audit', 'clean.py'], ws).stderr, /not scanned/);
    assert.doesNotMatch(runCli(['audit', 'vendor/lib.py', '--quiet'], ws).stderr, /not scanned/);
  });
});
