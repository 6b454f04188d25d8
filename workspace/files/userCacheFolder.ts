import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The user's own cache folder for nhi-lens: `$XDG_CACHE_HOME/nhi-lens` (else `~/.cache/nhi-lens`)
 * on Linux, `~/Library/Caches/nhi-lens` on macOS, `%LOCALAPPDATA%\nhi-lens` on Windows. Outside
 * every workspace, so a repository can never plant or commit what is kept there.
 */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  const base =
    platform === 'win32'
      ? (env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : path.join(home, '.cache');
  return path.join(base, 'nhi-lens');
}
