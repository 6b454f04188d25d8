import { isAscii } from 'node:buffer';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { openFreshFile } from '../files/freshFile';
import { userCacheFolder } from '../files/userCacheFolder';
import { V8_DEFAULTS_ENV } from './v8Release';

/**
 * Runs a CommonJS bundle through a V8 code cache kept in the user's cache folder, so a start does
 * not parse and compile the CLI's 1.3 MB bundle or the language server's 1.8 MB again (Node 20
 * has no `module.enableCompileCache`). Compiling the CLI's was a tenth of a warm `--cache` audit;
 * reading the cache back costs part of that again (V8 materialises every function in it): a CLI
 * start saves 12-24 ms of CPU, a warm audit 7-15, the server's start to its first diagnostics
 * ~70 (bench/RESULTS.md, issue 13).
 *
 * A code cache is trusted only for the exact bundle it was made from: its file is named by, and
 * its header holds, a SHA-256 of the bundle's bytes and path with node's version, architecture and flags, and a
 * SHA-256 of its payload (V8 itself checks only its own version, its flags and the source's
 * length, and in release builds not even a checksum of the data). A file that is missing, not a
 * regular file, too large, cut short, damaged, or made for another build is ignored, the bundle is
 * compiled as usual and a fresh cache written when the process exits. V8 may still reject the
 * data (other flags, e.g. `--cpu-prof`): the same. Nothing here ever fails a run: the worst case
 * is a start as slow as without it.
 *
 * Only the user's own cache folder is used, never a folder a repository could write (like the
 * `--cache-location` of an audit's results): whatever can write a code cache chooses the code that
 * runs. The cache is made at exit (the server's a while after it starts), so it holds the
 * functions the run compiled as well, one file per command (`audit`, `fix`, ..., `server`): each
 * holds what its own runs need.
 */

const MAGIC = 'nhi-lens code cache 1';
/** A larger file is not one of ours (the CLI's is about 0.5 MB). */
export const MAX_CODE_CACHE_BYTES = 16 * 1024 * 1024;
/** Code caches kept (builds and commands); the least recently written or used go first. */
const KEEP_FILES = 8;
/** Turns the code cache off (benchmarks comparing starts, or a suspicion). */
export const CODE_CACHE_OFF_ENV = 'NHI_LENS_NO_CODE_CACHE';

/**
 * The folder this process keeps its code caches in: `code` in the user's cache folder, unless
 * there is none (no home folder known, or only a relative one) or `NHI_LENS_NO_CODE_CACHE` is set.
 */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[CODE_CACHE_OFF_ENV]) return undefined;
  const folder = userCacheFolder(env);
  return folder === undefined ? undefined : path.join(folder, 'code');
}

/** What happened to the code cache at this start. */
export interface CodeCacheUse {
  /** `used`: compiled from the cache; `made`: compiled afresh, `save` writes a cache; `off`: no folder. */
  state: 'used' | 'made' | 'off';
  /** The cache file (absent when off). */
  file?: string;
  /** Why an existing cache file was not used. */
  ignored?: string;
  /** With `made`: writes the code cache of what has been compiled so far (call it at exit). Never throws. */
  save?: () => boolean;
}

/** How the bundle's source is wrapped, as Node wraps a CommonJS module (the code cache is made for this exact text). */
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n});';

/**
 * Runs `bundle` as the module `module` (its exports become the bundle's; `require.main === module`
 * holds in it when `module` is the process's main module), its `__filename` the bundle's.
 * `folder` holds the code caches (undefined: none); `variant` (a command name) gives each kind of
 * run a cache of its own.
 */
export function runBundle(
  bundle: string,
  module: NodeModule,
  require: NodeRequire,
  folder: string | undefined,
  variant = '',
): CodeCacheUse {
  const bytes = fs.readFileSync(bundle);
  // The build writes its bundles ASCII-only (esbuild.mjs): then a copy, not a UTF-8 decode (1-2 ms).
  let source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // A `#!` line is only valid at the very start of a script: the same length of comment instead.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const wrapped = HEAD + source + TAIL;
  let use: CodeCacheUse = { state: 'off' };
  let cachedData: Buffer | undefined;
  let digest = '';
  if (folder) {
    digest = bundleDigest(bytes, bundle);
    const file = path.join(folder, `${digest.slice(0, 32)}${VARIANT.test(variant) ? `-${variant}` : ''}.bin`);
    const read = readCodeCache(file, digest);
    if (typeof read === 'string') use = { state: 'made', file, ...(read ? { ignored: read } : {}) };
    else {
      cachedData = read;
      use = { state: 'used', file };
    }
  }
  const script = new vm.Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  if (cachedData && script.cachedDataRejected) use = { state: 'made', file: use.file, ignored: 'rejected by V8 (other node flags?)' };
  // Used: dated now, so the pruning (by date) keeps the caches in use, not the last ones written.
  else if (use.state === 'used') touch(use.file!);
  if (use.state === 'made') {
    const file = use.file!;
    // Serialising costs 10-20 ms: not for a folder that cannot take the file (a read-only home).
    use.save = () => writableFolder(path.dirname(file)) && writeCodeCache(file, digest, script.createCachedData());
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, require, module, bundle, path.dirname(bundle));
  return use;
}

/** A command name as it may appear in a file name. */
const VARIANT = /^[a-z][a-z-]{0,23}$/;

/**
 * Which bundle, where, and which node and machine a code cache is for: any other gets another
 * digest. The path too: V8 keeps the file name a cache was made under (Node 20), so the same
 * bundle installed twice (a global and a project's copy) would name the other one in its stack
 * traces and source maps.
 */
export function bundleDigest(bytes: Uint8Array, bundle: string): string {
  // V8 takes a cache only under the flags it was made with: node's own flags (a debug launch's
  // `--nolazy`, NODE_OPTIONS) and the ones ours set (V8_DEFAULTS_ENV) name a cache of their own,
  // rather than replacing each other's at every start.
  const flags = [process.versions.v8, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? '', process.env[V8_DEFAULTS_ENV] ?? ''];
  return crypto
    .createHash('sha256')
    .update(`${MAGIC}\0${process.version}\0${process.arch}\0${path.resolve(bundle)}\0${flags.join('\0')}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * The code cache in `file` for the bundle of `digest`: its V8 data, or why not ('' when there is
 * no file). Bounded and checked before V8 sees a byte of it.
 */
export function readCodeCache(file: string, digest: string): Buffer | string {
  let buffer: Buffer;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return 'not a regular file';
    if (stat.size > MAX_CODE_CACHE_BYTES) return 'larger than the limit';
    buffer = fs.readFileSync(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : 'unreadable';
  }
  const headerEnd = buffer.indexOf(0x0a);
  const header = headerEnd > 0 && headerEnd < 512 ? buffer.toString('latin1', 0, headerEnd).split('\t') : [];
  if (header.length !== 4 || header[0] !== MAGIC) return 'not an nhi-lens code cache';
  if (header[1] !== digest) return 'made for another build of the tool or another node';
  const data = buffer.subarray(headerEnd + 1);
  if (String(data.length) !== header[2]) return 'cut short or damaged (its length does not match)';
  if (payloadChecksum(data) !== header[3]) return 'cut short or damaged (its checksum does not match)';
  return data;
}

/** Writes a code cache atomically (a reader sees the old file or the new one, whole); prunes old ones. Never throws. */
export function writeCodeCache(file: string, digest: string, data: Buffer): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const header = Buffer.from(`${MAGIC}\t${digest}\t${data.length}\t${payloadChecksum(data)}\n`, 'latin1');
    // Created anew, never through a link left at its predictable name.
    const fd = openFreshFile(temp, 0o600);
    try {
      fs.writeFileSync(fd, Buffer.concat([header, data]));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      /* the next start compiles as usual */
    }
    return false;
  }
  pruneCodeCaches(path.dirname(file));
  return true;
}

/** Sets a file's times to now; a read-only folder only costs the pruning's order. */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    /* read-only: kept or pruned by its write date */
  }
}

/** Whether `folder` exists (made if need be) and this process may write in it. */
function writableFolder(folder: string): boolean {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.accessSync(folder, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function payloadChecksum(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('base64url');
}

/** A temporary file this old is a writer's that was killed mid-write (a language server stopped as it exited). */
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Keeps the KEEP_FILES most recently written or used code caches (other builds' are dead weight), and
 * removes temporary files left by writers that never finished. Never throws.
 */
function pruneCodeCaches(folder: string): void {
  try {
    const names = fs.readdirSync(folder);
    const files = names
      .filter((name) => name.endsWith('.bin'))
      .map((name) => ({ file: path.join(folder, name), mtimeMs: fs.lstatSync(path.join(folder, name)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { file } of files.slice(KEEP_FILES)) fs.rmSync(file, { force: true });
    const stale = Date.now() - STALE_TEMP_MS;
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      const file = path.join(folder, name);
      if (fs.lstatSync(file).mtimeMs < stale) fs.rmSync(file, { force: true });
    }
  } catch {
    /* costs disk space, nothing else */
  }
}
