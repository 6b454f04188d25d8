import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeText, scanFile } from '../../workspace/files/fileReader';
import { defaultEngine, testEngine } from '../support/engineFixture';

/** A Slack bot token assembled at run time (never written whole in the source). */
const SLACK = ['xo', 'xb-2741093856-4820193746512-', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');

const where = (scan: ReturnType<typeof scanFile>) =>
  scan.findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);

// The audit passes the size the walk saw (lstat) so the reader need not ask again (fstat): one
// read of one byte more than that tells whether the file still has that size. Whatever happened
// to the file since, the scan must be the one of what the file holds when it is read.
describe('fileReader: reading with the size the walk saw', () => {
  let dir: string;
  let file: string;
  const content = `# settings\nSLACK_TOKEN=${SLACK}\n`;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-reader-'));
    file = path.join(dir, 'app.env');
    fs.writeFileSync(file, content);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expected = () => where(scanFile(defaultEngine(), file, 'app.env'));

  it('finds the same with the walked size as without it', () => {
    const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, content.length);
    assert.ok(scan.findings.length > 0);
    assert.equal(scan.bytes, content.length);
    assert.deepEqual(where(scan), expected());
  });

  it('reads the whole file when it grew after the walk', () => {
    const walked = 12; // the walk saw an older, shorter version
    const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, walked);
    assert.equal(scan.bytes, content.length);
    assert.deepEqual(where(scan), expected());
    assert.ok(scan.findings.length > 0);
  });

  it('reads what is left when the file shrank after the walk', () => {
    const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, content.length + 4096);
    assert.equal(scan.bytes, content.length);
    assert.deepEqual(where(scan), expected());
    fs.writeFileSync(file, '');
    const emptied = scanFile(defaultEngine(), file, 'app.env', false, undefined, content.length);
    assert.equal(emptied.bytes, 0);
    assert.deepEqual(emptied.findings, []);
    assert.deepEqual(emptied.skipped, []);
  });

  it('an empty file the walk saw empty, and one that was filled since', () => {
    fs.writeFileSync(file, '');
    assert.deepEqual(scanFile(defaultEngine(), file, 'app.env', false, undefined, 0).findings, []);
    fs.writeFileSync(file, content);
    const filled = scanFile(defaultEngine(), file, 'app.env', false, undefined, 0);
    assert.equal(filled.bytes, content.length);
    assert.deepEqual(where(filled), expected());
  });

  it('skips a file that grew past the size limit after the walk, and scans one that shrank below it', () => {
    const engine = testEngine({ config: { limits: { maxFileBytes: 1024 } } });
    fs.writeFileSync(file, `${content}${'x'.repeat(2048)}\n`);
    assert.deepEqual(scanFile(engine, file, 'app.env', false, undefined, content.length).skipped, [
      { path: 'app.env', reason: 'file larger than 1 KiB not scanned' },
    ]);
    fs.writeFileSync(file, content);
    const shrunk = scanFile(engine, file, 'app.env', false, undefined, 4096);
    assert.deepEqual(shrunk.skipped, []);
    assert.ok(shrunk.findings.length > 0);
  });

  it('a binary file is skipped whether or not its size is known', () => {
    const bytes = Buffer.concat([Buffer.from(content), Buffer.from([0, 1, 2, 0])]);
    fs.writeFileSync(file, bytes);
    for (const walked of [undefined, bytes.length]) {
      const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, walked);
      assert.deepEqual(scan.skipped, [{ path: 'app.env', reason: 'binary file not scanned' }]);
      assert.deepEqual(scan.findings, []);
    }
  });

  (process.platform !== 'win32' ? it : it.skip)('a file swapped for a FIFO after the walk is skipped, not waited on', () => {
    fs.rmSync(file);
    const made = spawnSync('mkfifo', [file]);
    assert.equal(made.status, 0, String(made.stderr));
    const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, content.length);
    assert.deepEqual(scan.skipped, [{ path: 'app.env', reason: 'named pipe (FIFO): not read' }]);
  });

  // A one-thread audit without a cache reads what the walk listed without looking it up: the
  // reader then asks the open file (fstat) what it is and how large.
  it('without the walked size: a file over the limit, one replaced by a folder, one gone', () => {
    const engine = testEngine({ config: { limits: { maxFileBytes: 1024 } } });
    fs.writeFileSync(file, `${content}${'x'.repeat(2048)}\n`);
    assert.deepEqual(scanFile(engine, file, 'app.env').skipped, [{ path: 'app.env', reason: 'file larger than 1 KiB not scanned' }]);
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.deepEqual(scanFile(engine, file, 'app.env').skipped, [{ path: 'app.env', reason: 'not a regular file: not read' }]);
    fs.rmSync(file, { recursive: true });
    assert.deepEqual(scanFile(engine, file, 'app.env').skipped, [{ path: 'app.env', reason: 'cannot read: ENOENT' }]);
  });

  it('non-ASCII text and a BOM: offsets count the characters the scan sees', () => {
    const texts = [
      `# café ☕ 設定\nSLACK_TOKEN=${SLACK}\n`,
      `\ufeff# settings\nSLACK_TOKEN=${SLACK}\n`,
      `\ufeffSLACK_TOKEN=${SLACK} # é\n`,
    ];
    for (const text of texts) {
      fs.writeFileSync(file, text);
      const size = Buffer.byteLength(text);
      const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, size);
      assert.equal(scan.bytes, size);
      const lines = text.replace(/^\ufeff/, '').split('\n');
      const line = lines.findIndex((l) => l.includes(SLACK));
      const column = lines[line].indexOf(SLACK);
      assert.deepEqual(where(scan), [`slack-bot-token@${line}:${column}-${column + SLACK.length}`], text);
    }
  });
});

// A first `--cache` audit does not look files up in the walk: the reader takes each one's stamp
// from an fstat of the descriptor it reads through, before the read (`HashRequest.stamp`).
describe('fileReader: the stamp of what was read', () => {
  let dir: string;
  let file: string;
  const content = `# settings\nSLACK_TOKEN=${SLACK}\n`;
  const stamping = { hash: (bytes: Uint8Array) => `h${bytes.length}`, stamp: true };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-stamp-'));
    file = path.join(dir, 'app.env');
    fs.writeFileSync(file, content);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the file's own stamp (as lstat gives it), with the content's hash and the same scan as without it", () => {
    const before = fs.lstatSync(file);
    const scan = scanFile(defaultEngine(), file, 'app.env', false, stamping);
    assert.deepEqual(scan.stamp, { size: before.size, mtimeMs: before.mtimeMs, ctimeMs: before.ctimeMs, ino: before.ino });
    assert.equal(scan.hash, `h${content.length}`);
    assert.equal(scan.bytes, content.length);
    assert.ok(scan.findings.length > 0);
    assert.deepEqual(where(scan), where(scanFile(defaultEngine(), file, 'app.env')));
    // Not asked for: none taken.
    assert.equal(scanFile(defaultEngine(), file, 'app.env', false, { hash: stamping.hash }).stamp, undefined);
  });

  it('a rewrite after the read gives another stamp (the next audit reads the file again)', () => {
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(file, past, past);
    const first = scanFile(defaultEngine(), file, 'app.env', false, stamping).stamp!;
    fs.writeFileSync(file, content.replace('settings', 'SETTINGS')); // same size
    fs.utimesSync(file, past, past); // the old mtime put back: the ctime still moves
    const second = scanFile(defaultEngine(), file, 'app.env', false, stamping).stamp!;
    assert.equal(second.size, first.size);
    assert.equal(second.mtimeMs, first.mtimeMs);
    assert.equal(second.ctimeMs, fs.lstatSync(file).ctimeMs);
  });

  it('none for an entry that is no longer a regular file: swapped for a link, a folder or a FIFO, or gone', () => {
    const target = path.join(dir, 'other.env');
    fs.writeFileSync(target, content);
    fs.rmSync(file);
    fs.symlinkSync(target, file);
    const linked = scanFile(defaultEngine(), file, 'app.env', false, stamping);
    assert.deepEqual(linked.skipped, [{ path: 'app.env', reason: 'became a symbolic link after the walk: not followed' }]);
    assert.equal(linked.stamp, undefined);
    assert.equal(linked.hash, undefined);
    assert.deepEqual(linked.findings, []);
    fs.rmSync(file);
    fs.mkdirSync(file);
    const folder = scanFile(defaultEngine(), file, 'app.env', false, stamping);
    assert.deepEqual(folder.skipped, [{ path: 'app.env', reason: 'not a regular file: not read' }]);
    assert.equal(folder.stamp, undefined);
    fs.rmSync(file, { recursive: true });
    const gone = scanFile(defaultEngine(), file, 'app.env', false, stamping);
    assert.deepEqual(gone.skipped, [{ path: 'app.env', reason: 'cannot read: ENOENT' }]);
    assert.equal(gone.stamp, undefined);
    if (process.platform === 'win32') return;
    assert.equal(spawnSync('mkfifo', [file]).status, 0);
    const fifo = scanFile(defaultEngine(), file, 'app.env', false, stamping);
    assert.deepEqual(fifo.skipped, [{ path: 'app.env', reason: 'named pipe (FIFO): not read' }]);
    assert.equal(fifo.stamp, undefined);
  });

  it('a file over the read limit is not read (its size from the fstat), one over the size limit is skipped; neither is stamped', () => {
    const larger = scanFile(defaultEngine(), file, 'app.env', false, stamping, undefined, 16);
    assert.equal(larger.larger, content.length);
    assert.equal(larger.bytes, 0);
    assert.equal(larger.hash, undefined);
    assert.equal(larger.stamp, undefined);
    const engine = testEngine({ config: { limits: { maxFileBytes: 1024 } } });
    fs.writeFileSync(file, `${content}${'x'.repeat(2048)}\n`);
    const skipped = scanFile(engine, file, 'app.env', false, stamping);
    assert.deepEqual(skipped.skipped, [{ path: 'app.env', reason: 'file larger than 1 KiB not scanned' }]);
    assert.equal(skipped.stamp, undefined);
  });

  it('a binary file: stamped and hashed (the cache keeps its skip), not scanned', () => {
    const bytes = Buffer.concat([Buffer.from(content), Buffer.from([0, 1, 2, 0])]);
    fs.writeFileSync(file, bytes);
    const scan = scanFile(defaultEngine(), file, 'app.env', false, stamping);
    assert.deepEqual(scan.skipped, [{ path: 'app.env', reason: 'binary file not scanned' }]);
    assert.equal(scan.stamp?.size, bytes.length);
    assert.equal(scan.hash, `h${bytes.length}`);
  });
});

describe('fileReader: decodeText', () => {
  it('decodes ASCII, UTF-8 and invalid UTF-8 as the UTF-8 decoder does, without a BOM', () => {
    const cases = [
      Buffer.from('plain ascii\n\tand control \x01 characters\x7f'),
      Buffer.from('naïve café, 日本語, 🔑\n'),
      Buffer.from('\ufeffwith a BOM\n'),
      Buffer.from('\ufeff'),
      Buffer.from([0xef, 0xbb]), // a cut BOM
      Buffer.from([0x61, 0xe9, 0x62, 0xff, 0xfe]), // Latin-1 bytes: not UTF-8
      Buffer.alloc(0),
    ];
    for (const bytes of cases) {
      const utf8 = bytes.toString('utf8');
      assert.equal(decodeText(bytes), utf8.charCodeAt(0) === 0xfeff ? utf8.slice(1) : utf8, JSON.stringify(bytes.toString('hex')));
    }
    assert.equal(decodeText(Buffer.from('\ufeffkey')), 'key');
  });
});

// The audit's calling thread reads files the walk did not look up with a limit: a larger one is
// left unread (a worker scans it) and its size is told, so that it never scans a large file.
describe('fileReader: reading with a limit (files the walk did not look up)', () => {
  let dir: string;
  let file: string;
  const content = `# settings\nSLACK_TOKEN=${SLACK}\n`;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-reader-limit-'));
    file = path.join(dir, 'app.env');
    fs.writeFileSync(file, content);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('scans a file up to the limit as without it', () => {
    const unlimited = scanFile(defaultEngine(), file, 'app.env');
    for (const limit of [content.length, content.length + 1, 1024 * 1024]) {
      const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, undefined, limit);
      assert.equal(scan.larger, undefined, `limit ${limit}`);
      assert.equal(scan.bytes, content.length);
      assert.ok(scan.findings.length > 0);
      assert.deepEqual(where(scan), where(unlimited));
    }
  });

  it('leaves a larger file unread and says its size, whether or not it fits the read buffer', () => {
    for (const size of [content.length, 300 * 1024, 600 * 1024]) {
      fs.writeFileSync(file, content.padEnd(size, '\n'));
      const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, undefined, size - 1);
      assert.equal(scan.larger, size);
      assert.equal(scan.bytes, 0);
      assert.deepEqual(scan.findings, []);
      assert.deepEqual(scan.skipped, []);
    }
  });

  it('a file over the engine size limit, a folder, a missing file: the skip notes of a read without a limit', () => {
    const engine = testEngine({ config: { limits: { maxFileBytes: 1024 } } });
    fs.writeFileSync(file, `${content}${'x'.repeat(2048)}\n`);
    for (const limit of [64, 4096]) {
      const scan = scanFile(engine, file, 'app.env', false, undefined, undefined, limit);
      assert.equal(scan.larger, undefined);
      assert.deepEqual(scan.skipped, [{ path: 'app.env', reason: 'file larger than 1 KiB not scanned' }]);
    }
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.deepEqual(scanFile(engine, file, 'app.env', false, undefined, undefined, 64).skipped, [
      { path: 'app.env', reason: 'not a regular file: not read' },
    ]);
    fs.rmSync(file, { recursive: true });
    assert.deepEqual(scanFile(engine, file, 'app.env', false, undefined, undefined, 64).skipped, [
      { path: 'app.env', reason: 'cannot read: ENOENT' },
    ]);
  });

  it('the limit does not apply to a file read with its walked size (the caller chose it knowing its size)', () => {
    const scan = scanFile(defaultEngine(), file, 'app.env', false, undefined, content.length, 8);
    assert.equal(scan.larger, undefined);
    assert.deepEqual(where(scan), where(scanFile(defaultEngine(), file, 'app.env')));
  });
});
