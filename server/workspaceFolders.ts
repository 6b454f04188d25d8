import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitStateCache } from './services/gitStateCache';
import { WorkspaceState } from './workspaceState';

/**
 * The file system path of a `file:` URI, or undefined: other schemes (`untitled:`), and file URIs
 * Node cannot map, which `fileURLToPath` throws on (a host on POSIX, `file://host/share/x`; an
 * encoded separator, `%2F`). A client may send any of them; none may take the server down.
 */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** One workspace folder the client opened: its own config, baseline, engine and git state. */
export interface WorkspaceFolder {
  /** The folder's URI as the client sent it. */
  readonly uri: string;
  /** Unique among the open folders: the prefix of its paths in a multi-folder report. */
  readonly name: string;
  readonly root: string;
  readonly state: WorkspaceState;
  readonly git: GitStateCache;
  /** Tells folders apart in diagnostic result ids (a document can move to another folder). */
  readonly id: number;
}

/** What checking one document needs: the state of its folder and its path there. */
export interface DocumentScope {
  /** Absent: the document is outside every folder (built-in rules, no path-based features). */
  folder?: WorkspaceFolder;
  state: WorkspaceState;
  /** Folder-relative path with `/` (what config globs and baseline keys use); outside a folder: the absolute path, or the URI. */
  path: string;
  git?: GitStateCache;
  /** Identifies the folder in result ids; 0 outside every folder. */
  key: number;
}

// Windows paths ignore case (path.relative does too); elsewhere case tells files apart.
const comparable = (p: string) => (process.platform === 'win32' ? p.toLowerCase() : p);

/**
 * Every workspace folder the server serves, keyed by the folder's path (two spellings of one
 * folder URI, `c%3A` and `c:`, are one folder). A document belongs to the folder whose path is the
 * longest prefix of its own, so in nested folders the innermost one's config and baseline apply.
 */
export class WorkspaceFolders {
  /** Documents outside every folder: the built-in rules (and workspace trust), nothing read from disk. */
  readonly outside: WorkspaceState;
  private readonly folders = new Map<string, WorkspaceFolder>();
  private nextId = 1;

  /** Trust is the client's, for the whole workspace: it applies to every folder. */
  constructor(
    readonly trusted: boolean,
    private readonly onGitUpdate: (folder: WorkspaceFolder, paths: readonly string[]) => void,
  ) {
    this.outside = new WorkspaceState(undefined, trusted);
  }

  /** Adds a folder and loads its config and baseline; undefined for a URI that names no local folder, or a folder already served. */
  add(uri: string, name: string | undefined): WorkspaceFolder | undefined {
    const root = filePathOf(uri);
    if (!root) return undefined;
    const key = comparable(path.resolve(root));
    if (this.folders.has(key)) return undefined;
    const state = new WorkspaceState(root, this.trusted);
    state.reload();
    // Git runs only in trusted workspaces: it is an external program the workspace can configure.
    const git: GitStateCache = new GitStateCache(
      () => (state.trusted ? root : undefined),
      () => state.engine,
      (files) => this.onGitUpdate(folder, files),
    );
    const folder: WorkspaceFolder = {
      uri,
      name: this.uniqueName(name || path.basename(root) || root),
      root,
      state,
      git,
      id: this.nextId++,
    };
    this.folders.set(key, folder);
    return folder;
  }

  /** Removes the folder of this URI; returns it, or undefined when it was not served. */
  remove(uri: string): WorkspaceFolder | undefined {
    const root = filePathOf(uri);
    const key = root && comparable(path.resolve(root));
    const folder = key ? this.folders.get(key) : undefined;
    if (key && folder) this.folders.delete(key);
    return folder;
  }

  /** The folders in the order they were added (the client's order). */
  list(): WorkspaceFolder[] {
    return [...this.folders.values()];
  }

  has(folder: WorkspaceFolder): boolean {
    return this.folders.get(comparable(path.resolve(folder.root))) === folder;
  }

  /** The innermost folder containing this document, or undefined. */
  folderOf(uri: string): WorkspaceFolder | undefined {
    const file = filePathOf(uri);
    return file ? this.folderOfPath(file) : undefined;
  }

  folderOfPath(file: string): WorkspaceFolder | undefined {
    const target = comparable(path.resolve(file));
    let best: { key: string; folder: WorkspaceFolder } | undefined;
    for (const [key, folder] of this.folders) {
      const prefix = key.endsWith(path.sep) ? key : key + path.sep;
      if ((target === key || target.startsWith(prefix)) && (!best || key.length > best.key.length)) best = { key, folder };
    }
    return best?.folder;
  }

  scopeOf(uri: string): DocumentScope {
    const file = filePathOf(uri);
    const folder = file ? this.folderOfPath(file) : undefined;
    if (!folder) return { state: this.outside, path: file ?? uri, key: 0 };
    return { folder, state: folder.state, path: folder.state.relativePath(file!), git: folder.git, key: folder.id };
  }

  /** Paths, relative to `folder`, of the folders inside it: their files are theirs, not `folder`'s. */
  innerFolders(folder: WorkspaceFolder): string[] {
    return this.list()
      .filter((other) => other !== folder)
      .map((other) => path.relative(folder.root, other.root))
      .filter((relative) => relative && !relative.startsWith('..') && !path.isAbsolute(relative))
      .map((relative) => relative.split(path.sep).join('/'));
  }

  private uniqueName(name: string): string {
    const taken = new Set(this.list().map((f) => f.name));
    if (!taken.has(name)) return name;
    let n = 2;
    while (taken.has(`${name} (${n})`)) n++;
    return `${name} (${n})`;
  }
}
