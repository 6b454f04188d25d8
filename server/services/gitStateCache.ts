import type { Engine } from '../../engine';
import { gitTopLevel, isIgnoredByGit, secretsInFileHistory } from '../../workspace/git/secretHistory';

type History = Map<string, { commit: string; date: string }>;

/** How long a file's history stays fresh; after that it is re-read in the background. */
const FRESH_MS = 60_000;

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
    void Promise.all([secretsInFileHistory(root, path, this.engine()), isIgnoredByGit(root, path)]).then(
      ([history, ignored]) => {
        const changed =
          !previous ||
          previous.size !== history.size ||
          [...history].some(([fp, v]) => previous.get(fp)?.commit !== v.commit) ||
          ignored !== wasIgnored;
        this.entries.set(path, { at: Date.now(), history, ignored, version: changed ? this.nextVersion++ : version });
        if (changed) this.onUpdate(path);
      },
      () => this.entries.delete(path),
    );
  }
}
