import * as util from 'node:util';
import * as v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { COMPILER_FLAGS, tunesV8 } from '../workspace/runtime/v8Release';

/**
 * V8 settings for a CLI run: a second or two, not an editor session. V8 flags are process-wide:
 * what is set here holds for the main thread and every worker an audit starts. Only on the V8
 * they were measured on, and not with `NHI_LENS_V8_DEFAULTS=1` (workspace/runtime/v8Release.ts).
 *
 * The optimising compiler's flags (v8Release.ts), set by the launcher before the bundle is
 * compiled. With Node 20's default interrupt budget an audit of the npm bench tree had TurboFan
 * compile ~250 functions, several of them 3-7 times after deoptimisations: ~0.4 s of background
 * CPU beside ~0.8 s of the main thread's own, on the same 2 cores. An audit worker is a second V8
 * isolate that optimises the same functions again: that was most of what a worker cost (0.45 s
 * more CPU than no worker, bench/RESULTS.md). A larger budget optimises only what stays hot past
 * the first few hundred milliseconds: on that tree the audit's CPU fell by 0.13 s without a
 * worker and 0.35 s with one, while a long audit still gets optimised code, a little later.
 * Without inlining, another 0.12 s of CPU (v8Release.ts).
 */

/**
 * The main thread's young generation stops growing while an audit runs. V8 doubles it, up to 32 MB
 * of semi-spaces, whenever enough has survived its collections since it last grew, which
 * happened at some point in most audits. Held, an audit without a worker peaked 14 MB lower for
 * the same CPU time (the goal is 150 MB). Workers have their own young generation limit
 * (scanPool.ts). The hold lasts until the report is written (cli/main.ts): rendering the report
 * of the 1 GB tree grew the new space to 32 MB, the peak of RSS of a one-thread audit once its old
 * generation was bounded (below). The flag goes back to V8's default (2) after the audit: the
 * code cache written at exit (codeCache.ts) is checked against the flags the next start runs
 * with, and V8 rejects one made under other flags.
 *
 * Every new V8 isolate puts a growth factor under 2 back to 2 for the whole process (which is
 * also why `--semi-space-growth-factor=1` on node's command line does nothing): the audit's
 * worker undid the hold as it started. The main thread's new space (v8.getHeapSpaceStatistics)
 * then grew from 8 to 16 MB in most audits with a worker, and on to 32 MB in most first `--cache`
 * audits (more survives there: the cache's entries): those peaked at 150-166 MB of RSS on the npm
 * tree with `--jobs 1`, against 131-143 MB without the cache. So the hold is set again once each
 * worker runs (`withAuditV8Settings`), when its isolate exists: the new space stays at 8 MB (it
 * grows once while the worker starts) and a first `--cache` audit with its worker peaks at
 * 134-145 MB on a quiet machine (up to 150 with both cores busy), for the same wall and CPU time
 * (bench/RESULTS.md, section cache-rss).
 */
const YOUNG_GENERATION_GROWTH = { held: 1, v8Default: 2 };

/**
 * The hold is process-wide, so it also kept an audit worker's young generation at the 1 MB
 * semi-space V8 starts an isolate with, short of the 2 MB a 4 MB young generation allows: twice
 * the worker's scavenges (111-131 against 55-67 per audit of the npm tree). A worker made while
 * this is set starts at 2 MB instead (at its limit then, V8 taking the smaller). Workers now have
 * an 8 MB young generation (scanPool.ts) and still start at 2 MB, held there: starting them at
 * 4 MB was no faster on the 1 GB tree and peaked 5-10 MB higher (bench/RESULTS.md, "A worker's
 * young generation"). V8's default (0: its own initial size) again after the audit, for the code
 * cache as above.
 */
const WORKER_SEMI_SPACE_MB = { audit: 2, v8Default: 0 };

/**
 * How far the old generation may grow past what survived its last full collection before the next
 * one, while an audit runs (and its report is written): 30%. A file's text over ~128 KB is a large
 * object; it outlives the young generation's collections during its own scan, and once scanned it
 * is garbage that only a full collection frees. On the main thread V8's own factor goes up to 4
 * (its heap limit is large): an audit of the 1 GB tree on one thread (`--jobs 0`) let the old
 * generation reach 120-133 MB, 60-77 MB of it dead texts, and peaked at 192-206 MB of RSS (8 of 9
 * runs); at 1.3 it peaks at 114-115 MB (1.5: 118-120, 2: 133-137). An audit worker's heap limit is
 * small (scanPool.ts): V8's own factor there is at most 1.3 already (with its minimum step of 8 MB,
 * the worker's full collections came at 24-35 MB after 13-23 MB survived), so it is the same rule
 * for both threads; at 2 the worker grew and an audit with one peaked at 170-186 MB. The price is
 * more full collections on the main thread when it scans large files (49 against 10 on the 1 GB
 * tree with `--jobs 0`, ~1 s more CPU of ~9; 0.03 s on the npm tree); with a worker, where the main
 * thread scans small files, no more CPU beyond the noise and a median peak of 156 MB against 161 on
 * the 1 GB tree (bench/RESULTS.md, section memory-churn). V8's default (0: its own factor) again
 * after the audit, for the code cache as above.
 */
const OLD_GENERATION_GROWTH_PERCENT = { audit: 30, v8Default: 0 };

/** When flags are set: the launcher's start, an audit's start and its end. */
type Moment = 'start' | 'audit' | 'audit-done';

/** The V8 flags for a CLI run at `moment`, or none (another V8, or turned off). */
export function v8Flags(moment: Moment, v8Version: string, env: NodeJS.ProcessEnv): string[] {
  if (!tunesV8(v8Version, env)) return [];
  if (moment === 'start') return [...COMPILER_FLAGS];
  const auditing = moment === 'audit';
  return [
    `--semi-space-growth-factor=${auditing ? YOUNG_GENERATION_GROWTH.held : YOUNG_GENERATION_GROWTH.v8Default}`,
    `--min-semi-space-size=${auditing ? WORKER_SEMI_SPACE_MB.audit : WORKER_SEMI_SPACE_MB.v8Default}`,
    `--heap-growing-percent=${auditing ? OLD_GENERATION_GROWTH_PERCENT.audit : OLD_GENERATION_GROWTH_PERCENT.v8Default}`,
  ];
}

/**
 * Runs an audit under the `audit` flags, set again each time a worker thread of this process
 * starts running (a new isolate resets the young generation's growth factor, see above), and
 * then the `audit-done` ones. A worker that comes up after the audit changes nothing.
 */
export async function withAuditV8Settings<T>(audit: () => Promise<T>, apply: (moment: Moment) => void = applyV8Settings): Promise<T> {
  let auditing = true;
  const holdAgain = () => {
    if (auditing) apply('audit');
  };
  const onWorker = (worker: Worker) => worker.once('online', holdAgain);
  apply('audit');
  process.on('worker', onWorker);
  try {
    return await audit();
  } finally {
    auditing = false;
    process.removeListener('worker', onWorker);
    apply('audit-done');
  }
}

/**
 * Loads, before the `start` flags are set, the parts of Node that every CLI run loads later.
 * Node compiles its own modules from a code cache built into the binary, which V8 takes only
 * under the flags it was made with: a module first loaded once a flag is set is compiled from its
 * source. Creating `process.stdout` and `stderr` for pipes (`net`, what a CI job or a benchmark
 * gives the CLI) took 7.4-10.5 ms against 3.4-3.9, `util.parseArgs` 2.4-2.8 ms against 1.4-1.7
 * (bench/RESULTS.md, issue 13). Every command parses its arguments and writes to one of the two,
 * and an audit reads both as it exits (cli/main.ts).
 */
export function loadBeforeFlags(): void {
  void process.stdout;
  void process.stderr;
  void util.parseArgs;
}

/**
 * Applies the flags for `moment`: `start` in the launcher before the bundle is compiled, `audit`
 * when an audit begins and `audit-done` when it is over.
 */
export function applyV8Settings(moment: Moment, env: NodeJS.ProcessEnv = process.env): void {
  for (const flag of v8Flags(moment, process.versions.v8, env)) v8.setFlagsFromString(flag);
}
