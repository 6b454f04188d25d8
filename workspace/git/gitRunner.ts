import type * as ChildProcess from 'node:child_process';

/**
 * child_process, loaded on the first git call: it pulls in net, dgram and streams, start-up
 * work an audit that never runs git (--no-git, no secret found) does not need.
 */
function childProcess(): typeof ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process') as typeof ChildProcess;
}

/**
 * The one way nhi-lens runs git: argument arrays (never a shell), stdin closed unless we feed
 * it, stderr discarded, a time limit and an output cap on every call, and "git is missing or
 * failed" as `undefined` rather than an exception: every git feature degrades to a note.
 */
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;

export interface GitOptions {
  /** Output cap in bytes; larger output counts as a failure. */
  maxBuffer?: number;
  timeoutMs?: number;
}

/** Runs git synchronously and returns its stdout, or undefined when git is missing or the command failed. */
export function git(root: string, args: string[], options: GitOptions = {}): string | undefined {
  try {
    return childProcess().execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** `git` without blocking the thread (the language server keeps answering while it runs). */
export function gitAsync(root: string, args: string[], options: GitOptions = {}): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = childProcess().execFile(
      'git',
      args,
      { cwd: root, encoding: 'utf8', maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
    child.stdin?.end();
  });
}

/**
 * How long a streamed git may stay silent before it is stopped: a history scan streams as it
 * goes, so silence this long is a git that hangs (a network file system, a hook or fsmonitor that
 * never answers). Without a limit, two such reads held the language server's history reads of a
 * folder for good.
 */
export const GIT_QUIET_LIMIT_MS = 5 * 60_000;

/**
 * Runs git and streams its stdout to `onData` (history scans read gigabytes this way, one
 * chunk at a time); `input` is written to its stdin. Resolves with the exit code, -1 when git
 * is missing, `signal` stopped it (a reader that has what it needs stops the walk early) or it
 * stayed silent for `quietLimitMs`. `onError` reads its stderr (else discarded).
 */
export function gitStream(
  root: string,
  args: string[],
  onData: (chunk: Buffer) => void,
  input?: string,
  signal?: AbortSignal,
  quietLimitMs = GIT_QUIET_LIMIT_MS,
  onError?: (chunk: Buffer) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const child = childProcess().spawn('git', args, {
      cwd: root,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', onError ? 'pipe' : 'ignore'],
      signal,
    });
    if (onError) child.stderr!.on('data', onError);
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      clearTimeout(quiet);
      resolve(code);
    };
    // Killed, git's own children (a hook) may still hold its output open: answered at once, not at their end.
    const quiet = setTimeout(() => {
      child.kill('SIGKILL');
      child.stdout!.destroy();
      finish(-1);
    }, quietLimitMs);
    quiet.unref();
    child.stdout!.on('data', (chunk: Buffer) => {
      quiet.refresh();
      onData(chunk);
    });
    child.on('error', () => finish(-1));
    child.on('close', (code) => finish(code ?? -1));
    if (input !== undefined) {
      // git may exit before it reads its input (not a repository, a bad ref): the broken pipe is
      // its answer, already given by the exit code, not an error of this process.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(input);
    }
  });
}

/** git quotes paths with unusual characters in C style (`core.quotePath=false` keeps UTF-8 as is). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"')) return p;
  try {
    return JSON.parse(p) as string;
  } catch {
    return p.slice(1, -1);
  }
}
