import * as fs from 'node:fs';

/**
 * A file's text decoded exactly as the scan decoded it (UTF-8, BOM removed), so a finding's
 * offsets point at the same characters; undefined when it is no longer a regular file, is larger
 * than `maxBytes`, or cannot be read. For the few steps after a scan that need what a finding
 * points at (verification re-reads the value right before asking its provider).
 */
export function readScannedText(absolute: string, maxBytes: number): string | undefined {
  try {
    const stat = fs.statSync(absolute);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const text = fs.readFileSync(absolute).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
