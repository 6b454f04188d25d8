import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineSpool } from '../../workspace/scan/lineSpool';

/** Every byte `copy` hands over for a line, joined. */
function lineAt(spool: LineSpool, start: number, length: number): string {
  let text = '';
  spool.copy(start, length, (bytes, from, to) => {
    text += bytes.toString('latin1', from, to);
  });
  return text;
}

describe('line spool (the audit cache’s new lines, put aside while an audit runs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-spool-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives back every line, in any order, from memory and from its file, across block edges', () => {
    const file = path.join(dir, 'cache.json.1.spool');
    const spool = new LineSpool(file, 64 * 1024 * 1024);
    const lines: Array<{ text: string; start: number }> = [];
    // Lines of varied lengths (some longer than a read-back block), well past the in-memory stage.
    for (let i = 0; lines.length < 6000; i++) {
      const text = `"dir/file-${i}.js"\t${i}\t${'v'.repeat((i * 37) % 700)}${i % 1500 === 7 ? 'L'.repeat(200_000) : ''}`;
      lines.push({ text, start: spool.append(text) });
    }
    assert.ok(spool.size > 1024 * 1024, 'the lines went to the file');
    assert.ok(!fs.existsSync(file) || process.platform === 'win32', 'the file has no name while it is open (POSIX)');
    assert.ok(spool.finish());
    const order = lines.map((_, i) => i);
    // Mostly in order, some far back and far ahead, as the audit's results come.
    for (let i = 0; i < order.length; i += 97) {
      const j = (i * 7919) % order.length;
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) assert.equal(lineAt(spool, lines[i].start, lines[i].text.length + 1), `${lines[i].text}\n`);
    spool.close();
    assert.ok(!fs.existsSync(file));
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing left behind');
  });

  it('a spool that stays small never makes a file', () => {
    const file = path.join(dir, 'small.spool');
    const spool = new LineSpool(file, 1024);
    const start = spool.append('"a.js"\t1');
    assert.ok(spool.finish());
    assert.equal(lineAt(spool, start, 9), '"a.js"\t1\n');
    spool.close();
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('refuses lines past its bound', () => {
    const spool = new LineSpool(path.join(dir, 'bounded.spool'), 100);
    assert.equal(spool.append('x'.repeat(49)), 0);
    assert.equal(spool.append('y'.repeat(49)), 50);
    assert.equal(spool.append('z'), -1, 'over the bound: not kept');
    assert.equal(spool.size, 100);
    spool.close();
  });

  it('never writes through a file or link already at its name: the link is removed, the lines kept in a file of its own', () => {
    const target = path.join(dir, 'target');
    fs.writeFileSync(target, 'untouched');
    const file = path.join(dir, 'planted.spool');
    fs.symlinkSync(target, file);
    const spool = new LineSpool(file, 64 * 1024 * 1024);
    const lines = Array.from({ length: 20_000 }, (_, i) => `"f${i}"\t${'v'.repeat(100)}`);
    const starts = lines.map((l) => spool.append(l));
    assert.ok(
      starts.every((s) => s >= 0),
      'every line kept',
    );
    assert.equal(spool.failure, undefined);
    assert.ok(spool.finish());
    let back = '';
    spool.copy(starts[19_999], lines[19_999].length, (bytes, start, end) => (back += bytes.toString('latin1', start, end)));
    assert.equal(back, lines[19_999]);
    spool.close();
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    assert.ok(!fs.existsSync(file), 'nothing left at the name');
  });
});
