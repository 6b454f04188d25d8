import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BaselineEntry, Finding, IdentityRecord, SkipNote } from '../../engine';
import { createEngine, type EngineSetup } from '../engineFactory';
import { scanFile, type FileScan } from '../files/fileReader';
import { walkFiles, type WalkedFile } from '../files/fileWalker';
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
}

export interface AuditOptions {
  targets: string[];
  root: string;
  setup: ScanSetup;
  gitignore?: boolean;
  /** Worker threads; 0 scans on the calling thread. Default: one per core for large trees. */
  jobs?: number;
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
  suppressed: number;
  cancelled: boolean;
  durationMs: number;
}

const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Below this much work, starting workers costs more than it saves. */
const IN_PROCESS_LIMIT = { files: 200, bytes: 4 * 1024 * 1024 };

function batchesOf(files: WalkedFile[]): WalkedFile[][] {
  const batches: WalkedFile[][] = [];
  let current: WalkedFile[] = [];
  let bytes = 0;
  for (const f of files) {
    current.push(f);
    bytes += f.size;
    if (current.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Walks the targets and scans every file, on worker threads when the tree is large. */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const started = Date.now();
  const engine = createEngine({ ...options.setup, siblingCache: 'per-audit' });
  // Links, pipes, devices and unreadable folders are listed with the files' own skip notes.
  const walkSkipped: SkipNote[] = [];
  const files = [
    ...walkFiles(options.targets, {
      root: options.root,
      gitignore: options.gitignore,
      isIgnored: (p) => engine.isIgnoredPath(p),
      onSkip: (note) => walkSkipped.push(note),
    }),
  ];
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
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
    suppressed: 0,
    cancelled: false,
    durationMs: 0,
  };
  const progress: AuditProgress = { filesDone: 0, filesTotal: files.length, bytesDone: 0, findings: 0 };
  const strings = new SharedStrings();
  const collect = (scan: FileScan) => {
    strings.shareScan(scan);
    result.filesScanned++;
    result.bytesScanned += scan.bytes;
    result.suppressed += scan.suppressed;
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

  const small = files.length <= IN_PROCESS_LIMIT.files && totalBytes <= IN_PROCESS_LIMIT.bytes;
  // One core walks and collects; the others scan. On two cores, measured, a single worker is
  // slower and heavier than scanning here (npm run bench prints both), so workers start at three.
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const jobs = options.jobs ?? (small || cores < 3 ? 0 : Math.min(cores - 1, 8));
  if (jobs === 0) {
    for (const f of files) {
      if (options.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      collect(scanFile(engine, f.absolute, f.relative, options.setup.inventory));
      options.onProgress?.(progress);
      if (result.filesScanned % 50 === 0) await new Promise((r) => setImmediate(r)); // let cancellation in
    }
  } else {
    result.cancelled = await scanOnWorkers(batchesOf(files), jobs, options, collect, () => options.onProgress?.(progress));
  }
  result.findings = retained.findings();
  result.baselined = retained.baselined;
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * Resolves true when cancelled. Batches are handed out as workers free up. The calling thread
 * only collects: its default young generation is large, a worker's is capped, which keeps the
 * resident set low (each worker is a whole V8 heap; see npm run bench for figures).
 */
function scanOnWorkers(
  batches: WalkedFile[][],
  jobs: number,
  options: AuditOptions,
  onScan: (scan: FileScan) => void,
  onBatch: () => void,
): Promise<boolean> {
  const workerFile = path.join(__dirname, 'scanWorker.js');
  const count = Math.min(jobs, Math.max(1, batches.length));
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let pending = 0;
    let finished = false;
    const finish = (cancelled: boolean, error?: Error) => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(cancelled);
    };
    const dispatch = (worker: Worker) => {
      if (options.signal?.aborted) {
        finish(true);
        return;
      }
      if (next >= batches.length) {
        if (pending === 0) finish(false);
        return;
      }
      const id = next++;
      pending++;
      worker.postMessage({ id, files: batches[id].map(({ absolute, relative }) => ({ absolute, relative })) });
    };
    options.signal?.addEventListener('abort', () => finish(true), { once: true });
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerFile, {
        workerData: options.setup,
        resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 2 },
      });
      workers.push(worker);
      worker.on('message', (message: { results: FileScan[] }) => {
        pending--;
        for (const scan of message.results) onScan(scan);
        onBatch();
        dispatch(worker);
      });
      worker.on('error', (error) => finish(false, new Error(`audit worker failed: ${error.message}`)));
      // Two batches in flight per worker keep it busy while this thread collects.
      dispatch(worker);
      dispatch(worker);
    }
  });
}
