import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The user's own cache folder for nhi-lens: `$XDG_CACHE_HOME/nhi-lens` (else `~/.cache/nhi-lens`)
 * on Linux, `~/Library/Caches/nhi-lens` on macOS, `%LOCALAPPDATA%\nhi-lens` on Windows. Outside
 * every workspace, so a repository can never plant or commit what is kept there. Undefined when
 * there is none: no home folder is known (HOME unset and no account entry, in some containers),
 * or only a relative one, which would be read from the working folder, a workspace's when the
 * editor starts the language server.
 */
export function userCacheFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
  home: () => string = os.homedir,
): string | undefined {
  let base: string;
  try {
    base =
      platform === 'win32'
        ? (absolute(env.LOCALAPPDATA) ?? path.join(home(), 'AppData', 'Local'))
        : platform === 'darwin'
          ? path.join(home(), 'Library', 'Caches')
          : (absolute(env.XDG_CACHE_HOME) ?? path.join(home(), '.cache'));
  } catch {
    return undefined;
  }
  return path.isAbsolute(base) ? path.join(base, 'nhi-lens') : undefined;
}

const absolute = (folder: string | undefined) => (folder && path.isAbsolute(folder) ? folder : undefined);
