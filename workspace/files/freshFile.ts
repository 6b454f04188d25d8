import * as fs from 'node:fs';

/**
 * Opens `file` for writing as a new file of its own: whatever is at that name first is removed
 * (a link itself, not what it points to), then the file is created with O_CREAT | O_EXCL, which
 * neither opens an existing file nor follows a link. For the temporary files written before a
 * rename, or read back (`'wx+'`): their names are predictable (the target's, a process id, `.tmp`), and where the target
 * sits in a folder a repository fills (`--output` in a checkout, a shared CI cache), a link
 * planted at such a name would make a plain `'w'` open overwrite whatever it points to.
 */
export function openFreshFile(file: string, mode = 0o666, flags: 'wx' | 'wx+' = 'wx'): number {
  fs.rmSync(file, { force: true });
  return fs.openSync(file, flags, mode);
}
