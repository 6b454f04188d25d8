import * as os from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { IdleCoreSampler } from './idleCores';

/**
 * A second thread that looks up (`lstat`) the files a warm audit will ask the cache about, from
 * the end of the last audit's list, while the walk works from its start: the two meet in the
 * middle. On an unchanged tree the walk is one `lstat` per file (~3 µs each in the test VM,
 * 9,047 files on the npm bench tree): most of a warm audit in the language server, and no sound
 * cache can skip it (an edit in place changes the file's own stamp, not its folder's).
 *
 * Nothing waits on the other thread: the walk takes a stamp from it only when that file is
 * already done, else looks the file up itself, and tells the thread how far it got so the thread
 * stops there. A stamp is what `lstat` said of the file during this audit, as the walk's own
 * would be (only regular files; anything else the walk looks at again itself). The paths come
 * from the cache file's lines; only plain relative paths below the audited folder are looked up,
 * and a stamp is used only for the path the walk itself reached (the cache's `fileStamp`).
 */

/** A regular file's stamp as the walk and the cache use it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** What the stamp thread is handed for one audit (all of it plain data, the arrays shared). */
export interface StampJob {
  /** The audited folder, absolute, with the platform's separator. */
  root: string;
  sep: string;
  /** The cache's text (file lines), and where each file line starts, in walk order. */
  text: string;
  starts: Int32Array;
  /** [lowest line done by the thread (lines.length: none yet), the walk's next line]. */
  control: Int32Array;
  /** Per line: 1 when `stamps` holds a regular file's size, mtime, ctime and inode. */
  found: Uint8Array;
  stamps: Float64Array;
}

const LOWEST_DONE = 0;
const WALK_NEXT = 1;

/**
 * The thread's loop, from the last line down, until it meets the walk. Self-contained (it runs
 * in the worker from its source text, so it uses nothing outside itself); `lstat` is
 * `fs.lstatSync` there, anything with its shape in tests.
 */
export function stampLines(
  job: StampJob,
  lstat: (
    path: string,
    options: { throwIfNoEntry: false },
  ) => { isFile(): boolean; size: number; mtimeMs: number; ctimeMs: number; ino: number } | undefined,
): number {
  const { text, starts, control, found, stamps, root, sep } = job;
  let done = 0;
  // The line's first tab, searched for within the line only: a crafted text of lines without one is not read to its end once per line.
  const tabInLine = /[^\t\n]*\t/y;
  for (let i = starts.length - 1; i >= 0; i--) {
    if (Atomics.load(control, 1) > i) break;
    const start = starts[i];
    tabInLine.lastIndex = start;
    const tab = tabInLine.test(text) ? tabInLine.lastIndex - 1 : -1;
    let relative: unknown;
    if (tab > start + 1 && text.charCodeAt(start) === 34 && text.charCodeAt(tab - 1) === 34) {
      const quoted = text.slice(start, tab);
      if (quoted.indexOf('\\') < 0) relative = quoted.slice(1, -1);
      else {
        try {
          relative = JSON.parse(quoted);
        } catch {
          relative = undefined;
        }
      }
    }
    // Plain relative paths below the root only: no empty, `.` or `..` part, no NUL, no other separator.
    if (
      typeof relative === 'string' &&
      relative.length > 0 &&
      !/(?:^|\/)\.{0,2}(?:\/|$)/.test(relative) &&
      !relative.includes('\0') &&
      (sep === '/' || !relative.includes(sep))
    ) {
      try {
        const stat = lstat(root + sep + (sep === '/' ? relative : relative.split('/').join(sep)), { throwIfNoEntry: false });
        if (stat && stat.isFile()) {
          stamps[i * 4] = stat.size;
          stamps[i * 4 + 1] = stat.mtimeMs;
          stamps[i * 4 + 2] = stat.ctimeMs;
          stamps[i * 4 + 3] = stat.ino;
          found[i] = 1;
          done++;
        }
      } catch {
        /* not looked up: the walk does it */
      }
    }
    // After the stamp's fields: whoever sees this line as done sees them too.
    Atomics.store(control, 0, i);
  }
  return done;
}

/** The worker's source: `stampLines` on each job, then a word back (the job is done, the thread free). */
function workerSource(): string {
  return [
    "const { parentPort } = require('node:worker_threads');",
    "const fs = require('node:fs');",
    `const stampLines = (${stampLines.toString()});`,
    'parentPort.on("message", (job) => parentPort.postMessage(stampLines(job, fs.lstatSync)));',
  ].join('\n');
}

/** One audit's stamps, as the cache reads them: shared with the thread, read in walk order. */
export class PrefetchedStamps {
  /** The line the last stamp asked for was on (lines are asked for mostly in order). */
  private line = 0;

  constructor(private readonly job: StampJob) {}

  /** The stamp of the file whose line holds offset `at` of the text, when the thread has it; else undefined. */
  stampAt(at: number): FileStamp | undefined {
    const { starts, control, found, stamps } = this.job;
    const count = starts.length;
    let line = this.line;
    if (line >= count || starts[line] > at) line = 0;
    // Forward from the last one (in step with the walk); a jump back starts again from the top.
    while (line + 1 < count && starts[line + 1] <= at) line++;
    this.line = line;
    if (Atomics.load(control, WALK_NEXT) <= line) Atomics.store(control, WALK_NEXT, line + 1);
    if (Atomics.load(control, LOWEST_DONE) > line || !found[line]) return undefined;
    const k = line * 4;
    return { size: stamps[k], mtimeMs: stamps[k + 1], ctimeMs: stamps[k + 2], ino: stamps[k + 3] };
  }

  /** The walk is over: the thread stops at its next line. */
  finish(): void {
    Atomics.store(this.job.control, WALK_NEXT, this.job.starts.length);
  }
}

/** The job for `text` (a cache's file lines) under `root`, in shared memory. */
export function stampJob(root: string, sep: string, text: string, starts: Int32Array): StampJob {
  const lines = starts.length;
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[LOWEST_DONE] = lines;
  const shared = new Int32Array(new SharedArrayBuffer(Math.max(4, lines * 4)), 0, lines);
  shared.set(starts);
  return {
    root,
    sep,
    text,
    starts: shared,
    control,
    found: new Uint8Array(new SharedArrayBuffer(Math.max(1, lines))),
    stamps: new Float64Array(new SharedArrayBuffer(Math.max(8, lines * 32)), 0, lines * 4),
  };
}

/** Idle cores since the last question (none at all on a single core). */
function idleCores(): () => number | undefined {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  if (cores < 2) return () => 0;
  const sampler = new IdleCoreSampler(cores);
  return () => sampler.idleCores();
}

/** What the audit cache asks of a stamp thread (a test hands it one that works in place). */
export type StampStarter = Pick<StampThread, 'start'>;

/**
 * The least idle share of a core, since the last audit, for the thread to be asked: on the
 * 2-core test machine with both cores busy (load 5-7), warm audits with the thread took longer
 * at the median than without it (the thread only took the walk's own share of the CPU), and
 * less only at their fastest.
 */
const MIN_IDLE_CORES = 0.75;

/**
 * The stamp thread of a long-running process (the language server): started on first use, kept
 * between audits (a thread costs ~20-30 ms of CPU to start), not keeping the process alive.
 * One job at a time: while one runs, another audit looks everything up itself. Not used when
 * the machine left no core idle since the last audit (`idle`: idle cores since it was last asked,
 * undefined when too little time has passed to tell; a single core never has one to spare).
 */
export class StampThread {
  private worker?: Worker;
  private busy = false;
  private broken = false;

  constructor(private readonly idle: () => number | undefined = idleCores()) {}

  /** Starts looking up `job`'s files; false (nothing started) when the thread is busy, failed or has no core to run on. */
  start(job: StampJob): boolean {
    if (this.busy || this.broken) return false;
    const idle = this.idle();
    if (idle !== undefined && idle < MIN_IDLE_CORES) return false;
    try {
      this.worker ??= this.spawn();
    } catch {
      this.broken = true;
      return false;
    }
    this.busy = true;
    this.worker.postMessage(job);
    return true;
  }

  /** Ends the thread (a later `start` makes another). */
  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.busy = false;
    void worker?.terminate();
  }

  private spawn(): Worker {
    // Loaded on first use: most processes never start this thread.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    const worker = new Worker(workerSource(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 2 } });
    worker.unref();
    worker.on('message', () => {
      this.busy = false;
    });
    // A thread that fails is not started again: every later audit looks its files up itself.
    const fail = () => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.broken = true;
        this.busy = false;
      }
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return worker;
  }
}
