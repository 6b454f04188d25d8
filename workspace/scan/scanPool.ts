import * as os from 'node:os';
import * as path from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { BaselineEntry, Engine, Finding, IdentityRecord, SkipNote } from '../../engine';
import { createEngine, type EngineSetup } from '../engineFactory';
import { scanFile, type FileScan } from '../files/fileReader';
import { lookUpListed, walkFiles, type ListedFile, type WalkedFile } from '../files/fileWalker';
import type { FileSource } from './walkReplay';
import { contentHash, type AuditCache } from './auditCache';
import { unpackScans, type PackedScans } from './batchResults';
import { IdleCoreSampler } from './idleCores';
import { DEFAULT_MAX_FINDINGS, RetainedFindings, type OmittedFindings } from './retainedFindings';
import { SharedStrings } from './sharedStrings';

/** Everything a worker needs to build the same engine as the main thread (plain data). */
export interface ScanSetup extends EngineSetup {
  /** Folder that scanned paths are relative to. */
  root: string;
  baseline: BaselineEntry[];
  /** Also collect the identities each file declares (the NHI inventory). */
  inventory?: boolean;
}

export interface AuditProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  findings: number;
  currentFile?: string;
  /** The walk is still listing files: `filesTotal` is what it found so far. */
  listing: boolean;
  /** Files whose cached results were reused (with a cache). */
  filesCached: number;
}

export interface AuditOptions {
  targets: string[];
  /** An engine already built from `setup` (saves building a second one on this thread). */
  engine?: Engine;
  root: string;
  setup: ScanSetup;
  gitignore?: boolean;
  /**
   * Worker threads besides the calling thread, which lists, collects and scans too; 0 scans on
   * the calling thread only. Default: one per core beyond the first (for trees large enough).
   */
  jobs?: number;
  /** Per-file results of earlier audits to reuse; this audit's results are recorded into it (the caller saves it). */
  cache?: AuditCache;
  onProgress?: (progress: AuditProgress) => void;
  /** Called with each file's findings as soon as it is scanned (partial results). */
  onFindings?: (findings: Finding[]) => void;
  signal?: AbortSignal;
  /** Findings kept in full (the most severe); the rest are counted. Default DEFAULT_MAX_FINDINGS; Infinity keeps all. */
  maxFindings?: number;
  /** Also collect the fingerprint of every secret found, kept or not (for the history scan). */
  secretFingerprints?: boolean;
}

export interface AuditResult {
  /** The findings kept (not baselined, the `maxFindings` most severe), by file and position. */
  findings: Finding[];
  /** Findings matched by the baseline: counted only. */
  baselined: number;
  /** Findings past `maxFindings`: counted only. */
  omitted: OmittedFindings;
  maxFindings: number;
  /** Fingerprints of every secret found in the files (with `secretFingerprints`). */
  secretFingerprints?: Set<string>;
  /** Identities declared in the scanned files (with `setup.inventory`). */
  identities: IdentityRecord[];
  skipped: SkipNote[];
  filesScanned: number;
  bytesScanned: number;
  /** Of `filesScanned`, files whose results came from the cache (absent: no cache). */
  filesCached?: number;
  suppressed: number;
  cancelled: boolean;
  durationMs: number;
}

/**
 * A file to scan, as listed by the walk, with the content hash the cache expects of it (if any).
 * Without a cache, listed without its size (a `ListedFile`) unless the idle cores may yet ask
 * for a worker (see `sizesWanted`), or with the size a bounded read of this thread told.
 */
type Job = (WalkedFile & { expect?: string }) | ListedFile | SizedFile;

/** A listed file whose size this thread's bounded read told: too large for it, so a worker's. */
export interface SizedFile {
  absolute: string;
  relative: string;
  size: number;
}

/** Whether the walk looked the file up (the audit cache needs its times): every file, with a cache. */
const walked = (job: Job): job is WalkedFile & { expect?: string } => 'mtimeMs' in job;

/** What a worker is sent: files to scan, and whether to hash them for the cache. */
export interface WorkerBatch {
  id: number;
  hash: boolean;
  /**
   * `size`: as the walk saw it (the reader checks it still holds). `stamp`: the walk did not look
   * the file up, the reader takes its stamp (with `hash`).
   */
  files: Array<{ absolute: string; relative: string; size?: number; expect?: string; stamp?: true }>;
}

const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;
/** The calling thread scans this much between two looks at the walk and the workers. */
const SLICE_FILES = 8;
const SLICE_BYTES = 512 * 1024;
/** Files listed between two looks at the workers (a walk step is a few milliseconds). */
const LIST_STEP = 256;
/** The walk pauses while this many files wait: memory stays bounded however large the tree. */
const MAX_QUEUED = 4096;
/** Below this much work, starting a worker costs more than it saves. */
const IN_PROCESS_LIMIT = { files: 200, bytes: 4 * 1024 * 1024 };
/** Batches queued at each worker, so it never waits for this thread between two. */
const IN_FLIGHT_PER_WORKER = 2;
/**
 * With workers, this thread scans only files up to this size: it hands out the batches, and one
 * large file (the npm tree's 4.5 MB `types.d.ts` takes ~100 ms) kept it from doing so while the
 * worker sat idle. Nor does it take one when the workers have all the work they can queue (it
 * waits for them instead): a large file's text and what its scan builds grew this thread's heap
 * by 25 MB (young generation and large objects) while the worker's was at its largest too, and
 * the audit with one worker peaked at 153-160 MB of RSS, over the 150 MB goal.
 */
const CALLER_FILE_MAX = 128 * 1024;
/**
 * Once the walk is done and every worker has all it can queue, this thread takes files up to this
 * size rather than wait: the files of 128-256 KiB left at the end of the npm tree kept it waiting
 * 100-190 ms. On the 1 GB tree (the npm tree 16 times over), files of 256 KiB-1.3 MB (lib.dom.d.ts,
 * react-dom, moment's locales) were a good part of the ~100 MB still queued when the walk ended,
 * all the worker's: this thread then waited 0.5-1.5 s for it with 256 KiB, 0.06-0.14 s with this
 * limit, and the audit peaked no higher than before. The 4.5 MB files stay with the workers.
 */
const CALLER_WAITING_FILE_MAX = 1536 * 1024;
/**
 * How soon an audit that started no worker looks again at the idle cores: soon after its first
 * look, then every half second. The first look covers the CLI's first ~50 ms, a few clock ticks
 * of each core: on an idle machine it said "busy" in about one audit in four of the npm tree (a
 * passing system task is enough), and the worker then started half a second late.
 */
const RELOOK_MS = { first: 100, later: 500 };
/**
 * A worker that would start once the walk is over, for less than this much work left, is not
 * started: it costs ~0.25 s of CPU and ~80 ms before it scans anything, and ~30 MB. Starting one
 * 0.5 s into an audit of the npm tree (12 MB left) made it slower than one thread (0.80-0.88 s
 * against 0.77) and peaked at 148-153 MB of RSS, over the 150 MB goal.
 */
const LATE_WORKER_MIN_BYTES = 16 * 1024 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Walks the targets and scans every file. The walk is streamed: files are handed out as they are
 * listed, so scanning starts with the first ones and the list of a large tree is never held
 * whole. This thread lists, collects and scans small slices itself; worker threads (one per core
 * beyond the first, started only once there is enough work) take batches. Files the cache
 * vouches for are not read at all.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const started = Date.now();
  const engine = options.engine ?? createEngine({ ...options.setup, siblingCache: 'per-audit' });
  const cache = options.cache;
  // Links, pipes, devices and unreadable folders are listed with the files' own skip notes.
  const walkSkipped: SkipNote[] = [];
  const gitignore = options.gitignore !== false;
  // An unchanged tree's walk is taken from the cache's lines (walkReplay.ts); else the tree is walked.
  const replay = cache?.replay(options.targets, options.root, gitignore);
  const walk = replay
    ? undefined
    : walkFiles(options.targets, {
        root: options.root,
        gitignore,
        isIgnored: (p) => engine.isIgnoredPath(p),
        onSkip: (note) => walkSkipped.push(note),
        ...(cache ? { listings: cache } : {}),
        statFiles: () => sizesWanted(),
      });
  const walker: FileSource = replay ?? walk!;
  if (replay) walkSkipped.push(...replay.notes);
  const retained = new RetainedFindings(options.maxFindings ?? DEFAULT_MAX_FINDINGS);
  const result: AuditResult = {
    findings: [],
    baselined: 0,
    omitted: retained.omitted,
    maxFindings: retained.cap,
    ...(options.secretFingerprints ? { secretFingerprints: new Set<string>() } : {}),
    identities: [],
    skipped: walkSkipped,
    filesScanned: 0,
    bytesScanned: 0,
    filesCached: 0,
    suppressed: 0,
    cancelled: false,
    durationMs: 0,
  };
  const progress: AuditProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, findings: 0, listing: true, filesCached: 0 };
  const strings = new SharedStrings();
  const collect = (scan: FileScan, cached = false) => {
    if (cached && !scan.findings.length && !scan.skipped.length && !scan.identities?.length) {
      // Most files of a warm cached audit: nothing to share, keep or list, only counts.
      result.filesScanned++;
      result.bytesScanned += scan.bytes;
      result.suppressed += scan.suppressed;
      result.filesCached = (result.filesCached ?? 0) + 1;
      progress.filesCached++;
      progress.filesDone++;
      progress.bytesDone += scan.bytes;
      progress.currentFile = scan.path;
      return;
    }
    strings.shareScan(scan);
    result.filesScanned++;
    result.bytesScanned += scan.bytes;
    result.suppressed += scan.suppressed;
    if (cached) {
      result.filesCached = (result.filesCached ?? 0) + 1;
      progress.filesCached++;
    }
    retained.add(scan.findings);
    if (result.secretFingerprints) for (const f of scan.findings) if (f.category === 'secret') result.secretFingerprints.add(f.fingerprint);
    if (scan.identities) for (const identity of scan.identities) result.identities.push(identity);
    for (const note of scan.skipped) result.skipped.push(note);
    if (scan.findings.length) options.onFindings?.(scan.findings);
    progress.filesDone++;
    progress.bytesDone += scan.bytes;
    progress.findings += scan.findings.length;
    progress.currentFile = scan.path;
  };
  /** With the cache: hash what is read, and take the stamp of a file the walk did not look up from the reader's `fstat`. */
  const hashing = (job: Job) => cache && (walked(job) ? { hash: contentHash, expect: job.expect } : { hash: contentHash, stamp: true });
  /** Scans a file on this thread. */
  const scanHere = (job: Job, readLimit?: number) =>
    scanFile(engine, job.absolute, job.relative, options.setup.inventory, hashing(job), job.size, readLimit);
  /** A scan back from this thread or a worker: the cache learns it (or vouches for it), then it is collected. */
  const finish = (job: Job, scan: FileScan) => {
    if (cache && walked(job) && scan.unchanged) {
      const cached = cache.confirm(job);
      if (cached) return collect(cached, true);
      scan = scanFile(engine, job.absolute, job.relative, options.setup.inventory, undefined, job.size); // cannot happen: the entry was valid when listed
    }
    if (cache) {
      // The walk's stamp, or else the one the reader took before reading (a first audit's files).
      if (scan.hash && walked(job)) cache.record(scan, job, scan.hash);
      else if (scan.hash && scan.stamp) cache.record(scan, job, scan.hash, scan.stamp);
      else cache.forget(job);
    }
    // As it is: `collect` keeps the scan's lists, never the scan with its hash (a copy without it,
    // an object spread per file, was ~80 ms of a 1 GB audit's calling thread).
    collect(scan);
  };

  const queue: Job[] = [];
  /**
   * What reading a queued file costs, in bytes: none for a file over the engine's size limit, which
   * is skipped without being read. Counted as its size, a few such files made a warm `--cache`
   * audit (nothing else to read) start a worker for them: 0.23 s instead of 0.16 on the npm tree.
   */
  const maxFileBytes = engine.maxFileBytes;
  const work = (job: { size?: number }) => (job.size === undefined || job.size > maxFileBytes ? 0 : job.size);
  let queuedBytes = 0;
  const take = (files: number, bytes: number): Job[] => {
    let n = 0;
    let sum = 0;
    while (n < queue.length && n < files && (n === 0 || sum + work(queue[n]) <= bytes)) sum += work(queue[n++]);
    queuedBytes -= sum;
    return queue.splice(0, n);
  };
  /** Files a replayed walk answered for in place (unchanged, nothing found): counted as `collect` counts such a file. */
  const countUnchanged = (unchanged: { files: number; bytes: number; last: string | undefined }) => {
    const { files, bytes, last } = unchanged;
    unchanged.files = unchanged.bytes = 0;
    result.filesScanned += files;
    result.bytesScanned += bytes;
    result.filesCached = (result.filesCached ?? 0) + files;
    progress.filesTotal += files;
    progress.filesCached += files;
    progress.filesDone += files;
    progress.bytesDone += bytes;
    progress.currentFile = last;
  };
  const list = (count: number) => {
    for (let i = 0; i < count; i++) {
      const f = walker.nextFile();
      if (replay?.unchanged.files) countUnchanged(replay.unchanged);
      if (f === null) return;
      if (!f) {
        progress.listing = false;
        if (walk && !options.signal?.aborted) cache?.walkOver(walk.trace, options.targets, options.root, gitignore);
        return;
      }
      progress.filesTotal++;
      let known: ReturnType<AuditCache['lookup']>;
      if (cache) {
        if (f.size === undefined)
          cache.listed(f.relative); // its stamp comes with its read
        else known = cache.lookup(f);
      }
      if (known && 'scan' in known) collect(known.scan, true);
      else {
        queue.push(known && f.size !== undefined ? { ...f, expect: known.hash } : f);
        queuedBytes += work(f);
      }
    }
  };

  /** This thread's share while workers run (see `callerShare`). */
  const takeSmall = (fileMax = CALLER_FILE_MAX): Job[] => {
    const picked = callerShare(queue, fileMax).map((i) => queue.splice(i, 1)[0]); // indexes descending: each splice leaves the next in place
    for (const job of picked) queuedBytes -= work(job);
    return picked;
  };

  const cores = os.availableParallelism?.() ?? os.cpus().length;
  // Without --jobs: one worker per core the machine leaves idle, looked at once there is enough
  // work (and again while there is none to spare).
  const sampler = options.jobs === undefined && cores > 1 ? new IdleCoreSampler(cores) : undefined;
  let nextLook = 0;
  let looksSaidNo = 0;
  const workersNow = (): number => {
    if (options.jobs !== undefined) return options.jobs;
    if (!sampler || Date.now() < nextLook) return 0;
    const idle = sampler.idleCores();
    if (idle === undefined) return 0; // too soon to tell: asked again on the next turn
    const count = defaultWorkerCount(cores, idle);
    if (!count) nextLook = Date.now() + (looksSaidNo++ ? RELOOK_MS.later : RELOOK_MS.first);
    return count;
  };
  let pool: WorkerPool | undefined;
  /**
   * Whether the walk looks each file up for its size and times. The cache compares them; the
   * sizes decide whether a worker is worth starting, until the idle cores have said no. Once
   * workers run, nothing needs them during the walk: this thread reads the files it takes with
   * a limit (`scanFile`'s `readLimit`), which tells it of a larger one for the cost of one read
   * (it then goes to a worker), and a worker's read finds the size of its files as one thread's
   * does. The lookup was the walk's largest cost, an `lstat` per file (~0.4 s of CPU on a tree
   * of 146,000 files), on the thread that also hands out the work. The files still queued when
   * the walk ends are looked up then (at most MAX_QUEUED): the end shares them out by size.
   */
  const sizesWanted = () =>
    cache?.wantsWalkStamps() === true ||
    (pool === undefined && (options.jobs === undefined ? sampler !== undefined && nextLook === 0 : options.jobs > 0));
  /** Whether the queue has been put in size order (once the walk is done, with workers). */
  let bySize = false;
  const onAbort = () => pool?.interrupt();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (!options.signal?.aborted) {
      if (progress.listing && queue.length < MAX_QUEUED) list(LIST_STEP);
      const enough = queue.length > IN_PROCESS_LIMIT.files || queuedBytes > IN_PROCESS_LIMIT.bytes;
      if (!pool && enough) {
        const late = looksSaidNo > 0 && !progress.listing;
        const workers = workersNow();
        if (workers > 0 && late) {
          // The walk is over: the queue is all there is left (its files' sizes, looked up now).
          queuedBytes += lookUpQueued(queue, work);
          if (lateWorkerWorthIt(queuedBytes)) pool = new WorkerPool(workers, options.setup, !!cache);
          else nextLook = Number.POSITIVE_INFINITY; // this thread finishes alone
        } else if (workers > 0) {
          pool = new WorkerPool(workers, options.setup, !!cache);
          // Files queued without their size stay so: this thread reads them with its limit, the workers as one thread does.
        }
      }
      if (pool) {
        if (pool.failure) throw pool.failure;
        if (!progress.listing && !bySize) {
          queuedBytes += lookUpQueued(queue, work); // listed without their size while workers ran
          // The rest, largest first: the workers' batches go from the front, this thread's small
          // files from the back. In walk order, this thread had taken every small file long
          // before the end and sat idle (230-310 ms of a 0.85 s audit of the npm tree, --jobs 1)
          // while a worker scanned the large ones left.
          queue.sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
          bySize = true;
        }
        // While listing, only whole batches go out; at the end, smaller ones keep every thread busy to the last file.
        const share = progress.listing ? BATCH_FILES : Math.max(4, Math.ceil(queue.length / (pool.size * IN_FLIGHT_PER_WORKER + 2)));
        // ... and of the bytes left too: two large last batches kept this thread waiting 20-35 ms at the end.
        const shareBytes = progress.listing ? BATCH_BYTES : Math.ceil(queuedBytes / (pool.size * IN_FLIGHT_PER_WORKER + 2));
        while (queue.length && pool.wantsWork() && (!progress.listing || queue.length >= BATCH_FILES || queuedBytes >= BATCH_BYTES)) {
          const jobs = take(Math.min(share, BATCH_FILES), Math.min(shareBytes, BATCH_BYTES));
          pool.send(jobs, (scans) => {
            scans.forEach((scan, i) => finish(jobs[i], scan));
            options.onProgress?.(progress);
          });
        }
      }
      let scanned = 0;
      if (pool && queue.length) {
        let slice = takeSmall();
        let late: Job[] | undefined;
        if (!slice.length && !progress.listing && !pool.wantsWork()) slice = late = takeSmall(CALLER_WAITING_FILE_MAX);
        const fileMax = slice === late ? CALLER_WAITING_FILE_MAX : CALLER_FILE_MAX;
        for (const job of slice) {
          const scan = scanHere(job, fileMax);
          if (scan.larger === undefined) finish(job, scan);
          else {
            // Too large for this thread: to the front, where the next batch takes it (a worker reads it with its size).
            const sized: SizedFile = { absolute: job.absolute, relative: job.relative, size: scan.larger };
            queue.unshift(sized);
            queuedBytes += work(sized);
          }
        }
        scanned = slice.length;
      } else {
        // One thread: in walk order, up to SLICE_FILES files or SLICE_BYTES read (sizes may be known only once read).
        for (let read = 0; queue.length && scanned < SLICE_FILES && read < SLICE_BYTES; scanned++) {
          const job = queue.shift()!;
          queuedBytes -= work(job);
          const scan = scanHere(job);
          read += scan.bytes;
          finish(job, scan);
        }
      }
      options.onProgress?.(progress);
      if (!progress.listing && !queue.length) {
        if (!pool?.busy) break;
        await pool.nextMessage();
      } else if (pool?.busy && !scanned && (!progress.listing || queue.length >= MAX_QUEUED)) {
        // Nothing this thread may take, nothing to list, every worker fed: wait for one.
        await pool.nextMessage();
      } else await nextTurn(); // lets the workers' results and cancellation in
    }
    if (pool?.failure) throw pool.failure;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    pool?.stop();
  }
  result.cancelled = !!options.signal?.aborted;
  result.findings = retained.findings();
  result.baselined = retained.baselined;
  // Workers finish in any order: the lists come out the same every run.
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.identities.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.offsets.start - b.offsets.start));
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * Which queued files the calling thread scans itself while workers run, as indexes into `queue`
 * from the back (descending): up to SLICE_FILES files of at most `fileMax` bytes each among the
 * last BATCH_FILES (batches go from the front), SLICE_BYTES together unless the first alone is
 * more. A file listed without its size is taken too: the caller reads it with `fileMax` as its
 * limit and hands it back if it is larger. None when there is no such file there: the caller
 * then waits for a worker rather than take a large one.
 */
export function callerShare(queue: ReadonlyArray<{ size?: number }>, fileMax = CALLER_FILE_MAX): number[] {
  const picked: number[] = [];
  let sum = 0;
  for (let i = queue.length - 1; i >= 0 && i >= queue.length - BATCH_FILES && picked.length < SLICE_FILES; i--) {
    const size = queue[i].size;
    if (size === undefined) {
      picked.push(i);
      continue;
    }
    if (size > fileMax || (picked.length && sum + size > SLICE_BYTES)) continue;
    sum += size;
    picked.push(i);
  }
  return picked;
}

/** Whether a worker is worth starting once the walk is over, for the work left (see LATE_WORKER_MIN_BYTES). */
export function lateWorkerWorthIt(bytesLeft: number): boolean {
  return bytesLeft >= LATE_WORKER_MIN_BYTES;
}

/**
 * Looks up, in place, the queued files listed without their size (while the idle cores said no
 * to a worker, or while workers ran): a late worker's start and the end of the audit share the
 * queue out by size. Returns the work they add to the queue.
 */
export function lookUpQueued(queue: Array<WalkedFile | ListedFile | SizedFile>, work: (file: { size?: number }) => number): number {
  let added = 0;
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    if (file.size === undefined) added += work((queue[i] = lookUpListed(file)));
  }
  return added;
}

/**
 * Worker threads to start besides the calling thread: one per core beyond the first, but only for
 * cores the machine leaves idle (idleCores.ts: measured while this thread was busy, so its own
 * core is not among them), counting a core three-quarters idle. A worker costs its own start-up
 * and warm-up (0.22 s more CPU than none on the npm bench tree, bench/RESULTS.md): on a machine
 * whose cores are all busy it only makes the audit slower.
 */
export function defaultWorkerCount(cores: number, idleCores: number): number {
  const free = Math.floor(Math.max(0, idleCores) + 0.25);
  return Math.max(0, Math.min(cores - 1, free, 7));
}

/**
 * Audit worker threads, each with its own engine, fed batches of files. A worker's young
 * generation is capped, which keeps its resident set low (each worker is a whole V8 heap): at
 * 8 MB. At 2 MB a CPU profile of the npm tree showed a third of the worker's time in scavenges.
 * At 4 MB an audit of a 1 GB tree still had its worker make 280 scavenges and 47 full
 * collections, against 156 and 18 at 8 MB, which takes 0.2-0.6 s of CPU off it (3-7% of its
 * wall time); 8 MB once put the npm tree's audit at 157-162 MB of RSS, but no longer does since
 * a scan allocates half as much and the CLI bounds its old generation (129-141 MB; the goal is
 * 150; bench/RESULTS.md, "A worker's young generation").
 */
class WorkerPool {
  private readonly workers: Array<{ worker: Worker; inFlight: number }> = [];
  /** Each batch in flight: what to do with its scans, and its files' paths (to unpack them). */
  private readonly handlers = new Map<number, { onResults: (scans: FileScan[]) => void; paths: string[] }>();
  private nextId = 0;
  private wake?: () => void;
  private stopped = false;
  /** Why the pool cannot go on (a worker failed or ended): the audit throws it. */
  failure?: Error;

  constructor(
    readonly size: number,
    setup: ScanSetup,
    private readonly hash: boolean,
  ) {
    const workerFile = path.join(__dirname, 'scanWorker.js');
    // Loaded with the first pool: an audit of a small tree never starts a worker.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile, {
        workerData: setup,
        resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
      });
      const slot = { worker, inFlight: 0 };
      this.workers.push(slot);
      worker.on('message', (message: PackedScans) => {
        slot.inFlight--;
        const handler = this.handlers.get(message.id);
        this.handlers.delete(message.id);
        if (handler) handler.onResults(unpackScans(message, handler.paths));
        this.interrupt();
      });
      worker.on('error', (error) => this.fail(`audit worker failed: ${error.message}`));
      // A worker that ends by itself (not stopped) would leave its batches unanswered forever.
      worker.on('exit', (code) => {
        if (!this.stopped) this.fail(`audit worker stopped unexpectedly (exit code ${code})`);
      });
    }
  }

  get busy(): boolean {
    return this.handlers.size > 0 && !this.failure;
  }

  wantsWork(): boolean {
    return this.workers.some((w) => w.inFlight < IN_FLIGHT_PER_WORKER);
  }

  /** Sends a batch to the least loaded worker; `onResults` gets its scans in the batch's order. */
  send(jobs: Job[], onResults: (scans: FileScan[]) => void): void {
    const slot = this.workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    slot.inFlight++;
    this.handlers.set(id, { onResults, paths: jobs.map((job) => job.relative) });
    const batch: WorkerBatch = {
      id,
      hash: this.hash,
      files: jobs.map((job) =>
        'expect' in job && job.expect
          ? { absolute: job.absolute, relative: job.relative, size: job.size, expect: job.expect }
          : this.hash && !walked(job)
            ? { absolute: job.absolute, relative: job.relative, size: job.size, stamp: true as const }
            : { absolute: job.absolute, relative: job.relative, size: job.size },
      ),
    };
    slot.worker.postMessage(batch);
  }

  /** Resolves when a batch comes back (or a worker fails). */
  nextMessage(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  stop(): void {
    this.stopped = true;
    for (const { worker } of this.workers) void worker.terminate();
  }

  private fail(message: string): void {
    this.failure ??= new Error(message);
    this.interrupt();
  }

  /** Ends a wait in `nextMessage`. */
  interrupt(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
