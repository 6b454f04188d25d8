import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_CODE_CACHE_BYTES, bundleDigest, runBundle, type CodeCacheUse } from '../../workspace/runtime/codeCache';

/** A bundle whose export says which build it is: `answer()` gives `value`, `named` its own file name. */
function writeBundle(dir: string, value: number): string {
  const file = path.join(dir, 'bundle.js');
  fs.writeFileSync(
    file,
    `#!/usr/bin/env node\n"use strict";\nexports.answer = function () { return ${value}; };\nexports.named = require('node:path').basename(__filename);\n`,
  );
  return file;
}

/** Runs a bundle as a fresh module; answers what it exported and what the code cache did. */
function load(
  bundle: string,
  folder: string | undefined,
  variant = 'audit',
): { exports: { answer(): number; named: string }; use: CodeCacheUse } {
  const module = { exports: {} } as NodeModule;
  const use = runBundle(bundle, module, require, folder, variant);
  return { exports: module.exports as { answer(): number; named: string }, use };
}

describe('V8 code cache of the CLI and server bundles (workspace/runtime/codeCache.ts)', () => {
  let dir: string;
  let folder: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-codecache-'));
    folder = path.join(dir, 'cache', 'code');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Makes the code cache of `bundle` (a first start and its exit) and answers its file. */
  function primed(bundle: string): string {
    const first = load(bundle, folder);
    assert.equal(first.use.state, 'made');
    assert.equal(first.use.ignored, undefined);
    assert.equal(first.exports.answer(), 1);
    assert.ok(first.use.save!());
    return first.use.file!;
  }

  it('the first start writes it at exit, the next starts use it and run the same code', () => {
    const bundle = writeBundle(dir, 1);
    const file = primed(bundle);
    assert.ok(file.startsWith(folder + path.sep) && file.endsWith('-audit.bin'), file);
    for (let i = 0; i < 2; i++) {
      const again = load(bundle, folder);
      assert.equal(again.use.state, 'used');
      assert.equal(again.use.save, undefined, 'a cache in use is not written again');
      assert.equal(again.exports.answer(), 1);
      assert.equal(again.exports.named, 'bundle.js', '__filename is the bundle');
    }
    // Another command has a cache of its own (each holds what its runs compile).
    assert.equal(load(bundle, folder, 'fix').use.state, 'made');
    assert.equal(load(bundle, folder, '../x').use.file, path.join(folder, `${path.basename(file).slice(0, 32)}.bin`));
  });

  it('a bundle that is not ASCII is read as UTF-8, from its code cache or not', () => {
    // The build writes ASCII-only bundles, read as Latin-1 (a copy): any other is still UTF-8.
    const bundle = path.join(dir, 'bundle.js');
    fs.writeFileSync(bundle, `exports.answer = function () { return 1; };\nexports.named = '\u2026 caf\u00e9';\n`);
    primed(bundle);
    const again = load(bundle, folder);
    assert.equal(again.use.state, 'used');
    assert.equal(again.exports.named, '\u2026 caf\u00e9');
    assert.equal(load(bundle, undefined).exports.named, '\u2026 caf\u00e9');
  });

  it('a rebuilt bundle of the same length is not run from the old cache (V8 alone would run the old code)', () => {
    const bundle = writeBundle(dir, 1);
    const file = primed(bundle);
    writeBundle(dir, 2); // same length, other code
    const rebuilt = load(bundle, folder);
    assert.equal(rebuilt.exports.answer(), 2);
    assert.equal(rebuilt.use.state, 'made');
    // The old build's cache file, put under the new build's name: refused by its header.
    fs.copyFileSync(file, rebuilt.use.file!);
    const planted = load(bundle, folder);
    assert.equal(planted.exports.answer(), 2);
    assert.equal(planted.use.state, 'made');
    assert.match(planted.use.ignored!, /another build/);
  });

  it('a damaged, cut or foreign cache file is ignored, the bundle runs as usual and the cache is made again', () => {
    const bundle = writeBundle(dir, 1);
    const file = primed(bundle);
    const good = fs.readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 100] ^= 0xff;
    const cases: Array<[string, Buffer | string, RegExp]> = [
      ['one byte of the V8 data changed', damaged, /checksum does not match/],
      ['cut short', good.subarray(0, good.length - 10), /length does not match/],
      ['header only', good.subarray(0, good.indexOf(0x0a) + 1), /length does not match/],
      ['empty', '', /not an nhi-lens code cache/],
      ['something else', 'hello\nworld', /not an nhi-lens code cache/],
      ['no newline', 'x'.repeat(4096), /not an nhi-lens code cache/],
    ];
    for (const [what, content, reason] of cases) {
      fs.writeFileSync(file, content);
      const run = load(bundle, folder);
      assert.equal(run.exports.answer(), 1, what);
      assert.equal(run.use.state, 'made', what);
      assert.match(run.use.ignored!, reason, what);
      assert.ok(run.use.save!(), what);
      assert.equal(load(bundle, folder).use.state, 'used', `${what}: made again`);
    }
  });

  it('V8 data that passes the checks but V8 refuses is ignored too', () => {
    // A bundle this process never compiled (V8 answers a source it compiled before from memory, without the data).
    const bundle = writeBundle(dir, 7);
    const digest = bundleDigest(fs.readFileSync(bundle), bundle);
    // A well-formed file (right digest, length and checksum) around data that is not V8's.
    const data = Buffer.alloc(64, 7);
    const checksum = crypto.createHash('sha256').update(data).digest('base64url');
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${digest.slice(0, 32)}-audit.bin`);
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`nhi-lens code cache 1\t${digest}\t${data.length}\t${checksum}\n`), data]));
    const run = load(bundle, folder);
    assert.equal(run.exports.answer(), 7);
    assert.equal(run.use.file, file);
    assert.equal(run.use.state, 'made');
    assert.match(run.use.ignored!, /rejected by V8/);
  });

  it('the same bundle at two paths has a cache each: a start from a cache names its own file in stack traces', () => {
    // V8 keeps the file name a code cache was made under: keyed by bytes alone, the second copy
    // would report the first one's path (and its source map would be looked for there).
    const source = `exports.answer = function () { return 1; };\nexports.where = function () { return new Error('x').stack.split('\\n')[1]; };\n`;
    const copies = ['a', 'b'].map((name) => path.join(dir, name, 'bundle.js'));
    for (const copy of copies) {
      fs.mkdirSync(path.dirname(copy));
      fs.writeFileSync(copy, source);
    }
    const runner = `const { runBundle } = require(${JSON.stringify(require.resolve('../../workspace/runtime/codeCache'))});
const module_ = { exports: {} };
const use = runBundle(process.argv[1], module_, require, process.argv[2], 'audit');
if (use.save) use.save();
process.stdout.write(use.state + ' ' + module_.exports.where());`;
    const start = (bundle: string): string => {
      const r = spawnSync(process.execPath, ['-e', runner, bundle, folder], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.match(start(copies[0]), /^made .*[/\\]a[/\\]bundle\.js:/);
    assert.match(start(copies[0]), /^used .*[/\\]a[/\\]bundle\.js:/);
    assert.match(start(copies[1]), /^made .*[/\\]b[/\\]bundle\.js:/);
    assert.match(start(copies[1]), /^used .*[/\\]b[/\\]bundle\.js:/);
    assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.bin')).length, 2);
  });

  it("node flags name a cache of their own (a debug launch and a plain one do not replace each other's)", () => {
    const bundle = writeBundle(dir, 1);
    const runner = `const { runBundle } = require(${JSON.stringify(require.resolve('../../workspace/runtime/codeCache'))});
const use = runBundle(process.argv[1], { exports: {} }, require, process.argv[2], 'server');
if (use.save) use.save();
process.stdout.write(use.state);`;
    const start = (flags: string[]): string => {
      const r = spawnSync(process.execPath, [...flags, '-e', runner, bundle, folder], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.equal(start([]), 'made');
    assert.equal(start(['--nolazy']), 'made');
    assert.equal(start([]), 'used');
    assert.equal(start(['--nolazy']), 'used');
    assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.bin')).length, 2);
  });

  it('the caches in use are kept by the pruning, however long ago they were written', () => {
    const bundle = writeBundle(dir, 1);
    const file = primed(bundle);
    const other = (i: number) => {
      const made = load(writeBundle(fs.mkdtempSync(path.join(dir, 'build-')), i), folder);
      assert.equal(made.use.state, 'made');
      assert.ok(made.use.save!());
      return made.use.file!;
    };
    // Seven other builds' caches written an hour ago, this one a day ago.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (let i = 2; i <= 8; i++) fs.utimesSync(other(i), hourAgo, hourAgo);
    const dayAgo = new Date(Date.now() - 86_400_000);
    fs.utimesSync(file, dayAgo, dayAgo);
    assert.equal(load(bundle, folder).use.state, 'used');
    // A ninth cache: the pruning keeps eight, the one just used among them (its write is the oldest).
    other(9);
    assert.ok(fs.existsSync(file), 'used now: kept');
    assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.bin')).length, 8);
  });

  it('is written as a new file, never through a link planted at its temporary name', () => {
    const bundle = writeBundle(dir, 1);
    const first = load(bundle, folder);
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    fs.mkdirSync(folder, { recursive: true });
    fs.symlinkSync(victim, `${first.use.file!}.${process.pid}.tmp`);
    assert.ok(first.use.save!());
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me');
    assert.equal(load(bundle, folder).use.state, 'used');
  });

  it("a temporary file a killed writer left is removed once it is old, a writer's fresh one is not", () => {
    const bundle = writeBundle(dir, 1);
    fs.mkdirSync(folder, { recursive: true });
    const stale = path.join(folder, 'old-server.bin.4242.tmp');
    const fresh = path.join(folder, 'now-server.bin.4343.tmp');
    fs.writeFileSync(stale, 'half a cache');
    fs.writeFileSync(fresh, 'being written');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    primed(bundle);
    assert.ok(!fs.existsSync(stale), 'an hour old: removed');
    assert.ok(fs.existsSync(fresh), 'another process may be writing it');
  });

  it('a link, a folder or a file over the size limit in its place is not read', () => {
    const bundle = writeBundle(dir, 1);
    const file = primed(bundle);
    const elsewhere = path.join(dir, 'elsewhere.bin');
    fs.renameSync(file, elsewhere);
    fs.symlinkSync(elsewhere, file);
    assert.match(load(bundle, folder).use.ignored!, /not a regular file/);
    fs.rmSync(file);
    fs.mkdirSync(file);
    const inPlaceOfFolder = load(bundle, folder);
    assert.match(inPlaceOfFolder.use.ignored!, /not a regular file/);
    assert.equal(inPlaceOfFolder.use.save!(), false, 'cannot write over a folder, and says so without throwing');
    fs.rmdirSync(file);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_CODE_CACHE_BYTES + 1);
    assert.match(load(bundle, folder).use.ignored!, /larger than the limit/);
  });

  it('without a folder nothing is read or written; an unwritable folder only costs the cache', () => {
    const bundle = writeBundle(dir, 1);
    const off = load(bundle, undefined);
    assert.equal(off.use.state, 'off');
    assert.equal(off.exports.answer(), 1);
    assert.ok(!fs.existsSync(folder));
    fs.writeFileSync(path.join(dir, 'file'), '');
    const blocked = load(bundle, path.join(dir, 'file', 'code'));
    assert.equal(blocked.use.state, 'made');
    assert.equal(blocked.use.save!(), false);
  });
});
