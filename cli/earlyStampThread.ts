import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { userCacheFolder } from '../workspace/files/userCacheFolder';
import { StampThread, type StampStarter } from '../workspace/scan/stampPrefetch';

/**
 * The stamp thread of a warm `--cache` audit (workspace/scan/stampPrefetch.ts), started by the
 * CLI's launcher before it loads its bundle, **off unless asked for** (`NHI_LENS_STAMP_THREAD`).
 * A warm audit of an unchanged tree is mostly one `lstat` per file; the thread takes the files
 * from the end of the last audit's list while the walk goes from the start. Started by the
 * launcher, its start-up runs beside the bundle's load, the config and the cache's opening.
 *
 * Why off: on the shared 2-core test machine (load 2-4, never quiet in the session that wrote
 * this) a warm audit of the npm bench tree with the thread took 50-60 ms more wall and CPU than
 * without, and an audit whose thread got no job and was ended still cost ~40 ms more CPU and
 * ~50 ms more wall: a worker's start-up is 20-40 ms of CPU, and `process.exit` joins every
 * worker thread, one still starting included. Whether it pays on an idle machine is left to
 * measure there (bench/RESULTS.md, branch warm-start).
 *
 * Only for what looks like a warm audit: `audit` or `inventory` with `--cache` (the user's audit
 * cache folder exists) or `--cache-location` naming an existing file, not `--jobs 0` (one thread
 * asked for), not `--diff`, `--staged` or `--write-baseline`. With `auto`, also not on one core,
 * not when threads have been waiting for a core lately (CPU pressure), and not when the other
 * cores are all running something right now; the audit then asks the idle-core sampler again
 * before it hands the thread its job, as the server does. A thread that gets no job (a first
 * audit, a cache for other rules, busy cores) is ended at once.
 */

/** Where the launcher leaves the thread for the bundle it runs (same realm, another copy of this module). */
const EARLY_THREAD = Symbol.for('nhi-lens.early-stamp-thread');

/** What the machine and the file system say, for `wantsEarlyStampThread` (tests pass their own). */
export interface EarlyStampProbe {
  cores: number;
  /** Threads running or runnable on the whole machine right now, this one included (undefined: not known). */
  running: () => number | undefined;
  /** Share of the last 10 s (%) in which some thread waited for a CPU (Linux PSI; undefined: not known). */
  cpuPressure: () => number | undefined;
  /** Whether `file` is a regular file. */
  isFile: (file: string) => boolean;
  /** Whether `folder` is a folder. */
  isFolder: (folder: string) => boolean;
  /** The folder the default `--cache` files are kept in. */
  defaultCacheFolder: () => string;
}

const ONE_THREAD = /^(?:--jobs=0+|-j=?0+)$/;

/**
 * Unset or anything else: no thread. `auto`: a thread when the command line asks for a cached
 * audit and the cores look free. `1`: a thread whenever the command line asks for a cached audit,
 * whatever the cores are doing (benchmarks comparing both in the same minutes).
 */
export const STAMP_THREAD_ENV = 'NHI_LENS_STAMP_THREAD';

/**
 * Whether `args` (the command line after `node cli.js`) asks for what looks like a warm cached
 * audit and `mode` (NHI_LENS_STAMP_THREAD) wants a thread for it: `1` always, `auto` on a machine
 * with a core to spare.
 */
export function wantsEarlyStampThread(args: string[], probe: EarlyStampProbe, mode?: string): boolean {
  if (args[0] !== 'audit' && args[0] !== 'inventory') return false;
  if (mode !== 'auto' && mode !== '1') return false;
  if (probe.cores < 2) return false;
  let cacheFile: string | undefined;
  let defaultCache = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === '--cache') defaultCache = true;
    else if (arg === '--cache-location') cacheFile = args[++i];
    else if (arg.startsWith('--cache-location=')) cacheFile = arg.slice('--cache-location='.length);
    else if ((arg === '--jobs' || arg === '-j') && /^0+$/.test(args[i + 1] ?? '')) return false;
    else if (ONE_THREAD.test(arg)) return false;
    // Only changed files (`--diff`), staged blobs, or a scan that keeps no cache: no walk of the cached files.
    else if (arg === '--diff' || arg.startsWith('--diff=') || arg === '--staged' || arg === '--write-baseline') return false;
  }
  if (cacheFile !== undefined ? !cacheFile || !probe.isFile(cacheFile) : !defaultCache || !probe.isFolder(probe.defaultCacheFolder()))
    return false;
  if (mode === '1') return true;
  // Threads waiting for a CPU lately: the cores are shared out already (builds, tests beside us).
  const pressure = probe.cpuPressure();
  if (pressure !== undefined && pressure >= MAX_CPU_PRESSURE) return false;
  const running = probe.running();
  // This thread is one of them: the others must leave a core free.
  return running === undefined || running - 1 < probe.cores;
}

/**
 * CPU pressure (% of the last 10 s in which a thread waited for a core) from which no thread is
 * started: with the other engineers' builds and tests beside it on the 2-core test machine (load
 * 3-4, pressure 28-54 %), a warm audit with the thread took 50-60 ms more wall and CPU than
 * without (bench/RESULTS.md, branch warm-start). Near 0 on an idle machine.
 */
const MAX_CPU_PRESSURE = 10;

/** `some avg10` of /proc/pressure/cpu (`some avg10=1.23 avg60=... total=...`), or undefined. */
export function cpuPressure(read: () => string = () => fs.readFileSync('/proc/pressure/cpu', 'latin1')): number | undefined {
  try {
    const match = /^some avg10=(\d+(?:\.\d+)?)\b/m.exec(read());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The running-thread count of /proc/loadavg (`1.20 0.90 0.80 2/345 6789`), or undefined. */
export function runningThreads(read: () => string = () => fs.readFileSync('/proc/loadavg', 'latin1')): number | undefined {
  try {
    const match = /^\S+ \S+ \S+ (\d+)\//.exec(read());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const systemProbe: EarlyStampProbe = {
  cores: os.availableParallelism?.() ?? os.cpus().length,
  running: () => runningThreads(),
  cpuPressure: () => cpuPressure(),
  isFile: (file) => {
    try {
      return fs.lstatSync(file).isFile();
    } catch {
      return false;
    }
  },
  isFolder: (folder) => {
    try {
      return fs.lstatSync(folder).isDirectory();
    } catch {
      return false;
    }
  },
  defaultCacheFolder: () => path.join(userCacheFolder(), 'audit'),
};

/** In the launcher: starts the thread when `args` asks for a warm cached audit, and leaves it for the bundle. */
export function startEarlyStampThread(
  args: string[],
  probe: EarlyStampProbe = systemProbe,
  stash: Record<symbol, unknown> = globalThis as unknown as Record<symbol, unknown>,
  mode: string | undefined = process.env[STAMP_THREAD_ENV],
): void {
  if (stash[EARLY_THREAD] || !wantsEarlyStampThread(args, probe, mode)) return;
  // Forced on, the audit hands it its job whatever the idle-core sampler says.
  const thread = mode === '1' ? new StampThread(() => undefined) : new StampThread();
  if (thread.prestart()) stash[EARLY_THREAD] = thread;
}

/** What the audit is handed: the thread as a stamp starter that is ended when the audit gives it no job. */
export type EarlyStampThread = StampStarter & Pick<StampThread, 'whenOnline' | 'stop'> & { unused(): void };

/** In the bundle: the thread the launcher started, if any (taken once: a second audit in the process starts its own or none). */
export function takeEarlyStampThread(
  stash: Record<symbol, unknown> = globalThis as unknown as Record<symbol, unknown>,
): EarlyStampThread | undefined {
  const thread = stash[EARLY_THREAD] as StampThread | undefined;
  if (!thread) return undefined;
  delete stash[EARLY_THREAD];
  return {
    start: (job) => thread.start(job),
    whenOnline: (then) => thread.whenOnline(then),
    stop: () => thread.stop(),
    unused: () => thread.stop(),
  };
}
