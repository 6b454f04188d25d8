/** What a directory entry or stat says it is, for the ones a scan never opens. */
export interface EntryType {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/**
 * Why an entry that is neither a regular file nor a folder is not read: opening a FIFO blocks
 * until a writer comes, a device may never end, a socket cannot be read at all.
 */
export function notRegularReason(type: EntryType): string {
  if (type.isFIFO()) return 'named pipe (FIFO): not read';
  if (type.isSocket()) return 'socket: not read';
  if (type.isCharacterDevice() || type.isBlockDevice()) return 'device file: not read';
  return 'not a regular file: not read';
}
