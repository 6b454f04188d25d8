import * as fs from 'node:fs';
import { RuleError } from '../../engine/rules/ruleTypes';

/** Config, baseline and rule files are small: anything larger is refused, not read. */
export const SETTINGS_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file that a repository names for us (config, baseline, rule pack): regular files only
 * (a FIFO or a device would hang or never end), at most `maxBytes`, BOM removed. Errors name
 * the file and the reason, never its content.
 */
export function readSettingsFile(file: string, what: string, maxBytes = SETTINGS_FILE_MAX_BYTES): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new RuleError([`${file}: cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`]);
  }
  if (!stat.isFile()) throw new RuleError([`${file}: ${what} is not a regular file`]);
  if (stat.size > maxBytes) throw new RuleError([`${file}: ${what} is larger than ${Math.round(maxBytes / 1024)} KiB`]);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    // Read at most one byte more than allowed: a file that grew after the stat is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let filled = 0;
    for (let n = -1; n !== 0 && filled < buffer.length; filled += n) n = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
    if (filled > maxBytes) throw new RuleError([`${file}: ${what} is larger than ${Math.round(maxBytes / 1024)} KiB`]);
    const text = buffer.subarray(0, filled).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    fs.closeSync(fd);
  }
}
