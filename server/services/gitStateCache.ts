import type { Engine } from '../../engine';
import { secretsInHistory, type FileSecretHistory } from '../../workspace/git/secretExposure';
import { gitTopLevel, isIgnoredByGit } from '../../workspace/git/secretHistory';

/** Fingerprint → the commit the secret entered the history in, its author, pushed or not, commits since. */
type History = FileSecretHistory;

/** How long a file's history stays fresh; after that it is re-read in the background. */
const FRESH_MS = 60_000;
/** At most this many history reads (git processes and scans of past versions) at a time. */
const MAX_PARALLEL_READS = 2;

/**
 * Which secrets of each open file are already in git history, read in the background so typing
 * never waits on git. Diagnostics use what is known; when a read finishes with something new,
 * that file's `versionOf` moves and `onUpdate(path)` asks for that file's diagnostics again:
 * the other open documents keep their result ids and are not re-checked.
 */
export class GitStateCache {
  private readonly entries = new Map<string, { at: number; history?: History; ignored?: boolean; pending?: boolean; version?: number }>();
  /** Bumped by `invalidate`, so every file's version moves at once. */
  private epoch = 0;
  private nextVersion = 1;
  private available?: boolean;
  private readonly queue: Array<() => Promise<void>> = [];
  private running = 0;

  constructor(
    private readonly root: () => string | undefined,
    private readonly engine: () => Engine,
    private readonly onUpdate: (path: string) => void,
  ) {}

  /** Changes whenever what is known of this file's history changes: part of its diagnostics' result id. */
  versionOf(path: string): string {
    return `${this.epoch}.${this.entries.get(path)?.version ?? 0}`;
  }

  /** The file's secrets in history, or undefined while unknown (git missing, or still reading). */
  historyOf(path: string): History | undefined {
    const root = this.root();
    if (!root) return undefined;
    this.available ??= !!gitTopLevel(root);
    if (!this.available) return undefined;
    const entry = this.entries.get(path);
    if (!entry || (!entry.pending && Date.now() - entry.at > FRESH_MS)) this.refresh(root, path, entry?.history);
    return entry?.history;
  }

  /** Whether git ignores the file (read with its history; false while unknown). */
  ignoredOf(path: string): boolean {
    return this.entries.get(path)?.ignored ?? false;
  }

  /** The rules changed: past versions are scanned again on next use. */
  invalidate(): void {
    this.entries.clear();
    this.available = undefined;
    this.epoch++;
  }

  private refresh(root: string, path: string, previous?: History): void {
    const entry = this.entries.get(path);
    const version = entry?.version;
    const wasIgnored = entry?.ignored;
    this.entries.set(path, { at: Date.now(), history: previous, ignored: wasIgnored, pending: true, version });
    this.queue.push(() =>
      Promise.all([secretsInHistory(root, [path], this.engine()), isIgnoredByGit(root, path)]).then(
        ([found, ignored]) => {
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
          this.entries.set(path, { at: Date.now(), history, ignored, version: changed ? this.nextVersion++ : version });
          if (changed) this.onUpdate(path);
        },
        () => {
          this.entries.delete(path);
        },
      ),
    );
    this.startReads();
  }

  /**
   * Runs queued reads, a few at a time: opening 200 files with secrets would otherwise start 200
   * git processes at once, and on two cores the editor's typing would wait behind them.
   */
  private startReads(): void {
    while (this.running < MAX_PARALLEL_READS && this.queue.length) {
      const read = this.queue.shift()!;
      this.running++;
      void read().finally(() => {
        this.running--;
        this.startReads();
      });
    }
  }
}
