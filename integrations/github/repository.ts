import { git as runGit } from '../../workspace/git/gitRunner';

const git = (root: string, args: string[]) => runGit(root, args)?.trim() || undefined;

/** `owner/name` from a GitHub remote URL (https, ssh or scp form; GHES hosts too). */
export function repositoryFromRemote(url: string): string | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^/:]+[:/](?:\d+\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The repository to talk to: `GITHUB_REPOSITORY` in Actions, else the `origin` remote. */
export function detectRepository(root: string, env = process.env): string | undefined {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  const url = git(root, ['remote', 'get-url', 'origin']);
  return url ? repositoryFromRemote(url) : undefined;
}

/** Commit and ref the SARIF describes: Actions' variables, else the local HEAD and branch. */
export function detectCommit(root: string, env = process.env): { commitSha?: string; ref?: string } {
  const commitSha = env.GITHUB_SHA ?? git(root, ['rev-parse', 'HEAD']);
  const branch = git(root, ['symbolic-ref', '-q', 'HEAD']);
  return { commitSha, ref: env.GITHUB_REF ?? branch };
}
