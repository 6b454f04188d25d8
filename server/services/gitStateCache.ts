import type { Engine } from '../../engine';
import { secretsInHistory, type FileSecretHistory } from '../../workspace/git/secretExposure';
import { gitTopLevel, ignoredByGit } from '../../workspace/git/secretHistory';

/** Fingerprint → the commit the secret entered the history in, its author, pushed or not, commits since. */
type History = FileSecretHistory;

/** How long a file's history stays fresh; after that it is re-read in the background. */
const FRESH_MS = 60_000;
/** At most this many history reads (each a few git processes and scans of past versions) at a time. */
const MAX_PARALLEL_READS = 2;
/**
 * How long a read waits for more files to ask about: each new file waits this long again, up to
 * MAX_GATHER_MS after the first. Opening files asks about each in turn, as the editor pulls or the
 * server publishes their diagnostics: one read for all of them costs the same half-dozen git
 * processes as a read for one. Read one at a time, opening 200 files (50 with secrets) started
 * ~300 git processes; each spawn blocked the server's thread for 2-6 ms (a fork of a large
 * process), and each finished read asked a pull client to re-pull every open document: the first
 * keystroke after opening them waited 0.4-1.3 s for its diagnostics (bench/RESULTS.md).
 */
const GATHER_MS = 100;
const MAX_GATHER_MS = 1500;
/** Files one read asks git about at most (their paths go on git's command line). */
const MAX_BATCH = 200;

/** Reads the history of `paths` under `root`: their secrets in history and which git ignores (undefined: git failed). */
export type HistoryReader = (root: string, paths: string[], engine: Engine) => Promise<[Map<string, History> | undefined, Set<string>]>;

/** The real reader: one `git log` pass and one `git check-ignore` for all of `paths`. */
const readHistory: HistoryReader = (root, paths, engine) => Promise.all([secretsInHistory(root, paths, engine), ignoredByGit(root, paths)]);

interface Entry {
  at: number;
  history?: History;
  ignored?: boolean;
  pending?: boolean;
  version?: number;
}

/**
 * Which secrets of each open file are already in git history, read in the background so typing
 * never waits on git. Diagnostics use what is known; when a read finishes with something new,
 * that file's `versionOf` moves and `onUpdate` asks for that file's diagnostics again (once for all the files of a read):
 * the other open documents keep their result ids and are not re-checked. Files asked about
 * close together are read together (GATHER_MS).
 */
export class GitStateCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by `invalidate`, so every file's version moves at once (and a read started before it is dropped). */
  private epoch = 0;
  private nextVersion = 1;
  private available?: boolean;
  /** Files waiting for a read, with the folder each was asked about under. */
  private readonly waiting = new Map<string, string>();
  private gathering?: NodeJS.Timeout;
  /** When the first of the waiting files was asked about. */
  private gatheringSince = 0;
  private running = 0;

  constructor(
    private readonly root: () => string | undefined,
    private readonly engine: () => Engine,
    private readonly onUpdate: (paths: string[]) => void,
    private readonly read: HistoryReader = readHistory,
    private readonly isRepository: (root: string) => boolean = (root) => !!gitTopLevel(root),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Changes whenever what is known of this file's history changes: part of its diagnostics' result id. */
  versionOf(path: string): string {
    return `${this.epoch}.${this.entries.get(path)?.version ?? 0}`;
  }

  /** The file's secrets in history, or undefined while unknown (git missing, or still reading). */
  historyOf(path: string): History | undefined {
    const root = this.root();
    if (!root) return undefined;
    this.available ??= this.isRepository(root);
    if (!this.available) return undefined;
    const entry = this.entries.get(path);
    if (!entry || (!entry.pending && this.now() - entry.at > FRESH_MS)) this.refresh(root, path, entry);
    return entry?.history;
  }

  /** Whether git ignores the file (read with its history; false while unknown). */
  ignoredOf(path: string): boolean {
    return this.entries.get(path)?.ignored ?? false;
  }

  /** The rules changed: past versions are scanned again on next use. */
  invalidate(): void {
    this.entries.clear();
    this.waiting.clear();
    this.available = undefined;
    this.epoch++;
  }

  private refresh(root: string, path: string, entry: Entry | undefined): void {
    // What was known stays in use (and is what the read is compared with) until the read is back.
    this.entries.set(path, { at: this.now(), history: entry?.history, ignored: entry?.ignored, pending: true, version: entry?.version });
    this.waiting.set(path, root);
    const now = this.now();
    if (!this.gathering) this.gatheringSince = now;
    clearTimeout(this.gathering);
    this.gathering = setTimeout(
      () => {
        this.gathering = undefined;
        this.startReads();
      },
      Math.max(0, Math.min(GATHER_MS, this.gatheringSince + MAX_GATHER_MS - now)),
    );
  }

  /**
   * Starts reads of the waiting files, a few at a time: many git processes at once would make
   * the editor's typing wait behind them on two cores.
   */
  private startReads(): void {
    while (this.running < MAX_PARALLEL_READS && this.waiting.size) {
      const [first] = this.waiting.values();
      const batch: string[] = [];
      for (const [path, root] of this.waiting) {
        if (root !== first) continue;
        batch.push(path);
        if (batch.length === MAX_BATCH) break;
      }
      for (const path of batch) this.waiting.delete(path);
      this.running++;
      void this.readBatch(first, batch).finally(() => {
        this.running--;
        this.startReads();
      });
    }
  }

  private async readBatch(root: string, paths: string[]): Promise<void> {
    const epoch = this.epoch;
    let read: Awaited<ReturnType<HistoryReader>>;
    try {
      read = await this.read(root, paths, this.engine());
    } catch {
      if (epoch === this.epoch) for (const path of paths) this.entries.delete(path);
      return;
    }
    // The rules changed while git was read: these files are read again when next asked about.
    if (epoch !== this.epoch) return;
    const [found, ignoredPaths] = read;
    const updated: string[] = [];
    for (const path of paths) {
      const entry = this.entries.get(path);
      const previous = entry?.history;
      const wasIgnored = entry?.ignored;
      const ignored = ignoredPaths.has(path);
      if (!found && !previous) {
        // git failed and nothing was known: still unknown (not "in no commit"), read again after FRESH_MS.
        this.entries.set(path, { at: this.now(), ignored: entry?.ignored, version: entry?.version });
        continue;
      }
      // git failed: keep what was known, read again after FRESH_MS.
      const history = found?.get(path) ?? previous ?? new Map();
      // A push or a new commit changes what the diagnostic says, as a new commit id does.
      const changed =
        !previous ||
        previous.size !== history.size ||
        [...history].some(([fp, v]) => {
          const was = previous.get(fp);
          return !was || was.commit !== v.commit || was.pushed !== v.pushed || was.commitsSince !== v.commitsSince;
        }) ||
        ignored !== wasIgnored;
      this.entries.set(path, { at: this.now(), history, ignored, version: changed ? this.nextVersion++ : entry?.version });
      if (changed) updated.push(path);
    }
    if (updated.length) this.onUpdate(updated);
  }
}
