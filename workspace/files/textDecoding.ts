import { isAscii } from 'node:buffer';

/**
 * Below this size a file that is not pure ASCII is decoded whole: the block pass and the join
 * below save nothing measurable on a small file.
 */
const BLOCKWISE_FROM = 64 * 1024;
/** Bytes per block of the ASCII look-up: 4 KiB measured fastest of 1, 4 and 16 KiB on the npm tree's non-ASCII files. */
const BLOCK_BYTES = 4 * 1024;

/**
 * The text of a file's bytes: UTF-8 without its BOM, the same string as `toString('utf8')` minus
 * a leading U+FEFF, invalid sequences included. Most source is pure ASCII, which decodes to the
 * same string as Latin-1, and Latin-1 decoding is a plain copy (the UTF-8 decoder costs several
 * times as much per byte); an ASCII file has no BOM. A large file with a few non-ASCII
 * characters (octokit's 4.5 MB `types.d.ts` has 40 non-ASCII bytes) is decoded block by block:
 * see `decodeBlockwise`. `blockBytes` and `blockwiseFrom` are for tests (small blocks put
 * characters across block boundaries).
 */
export function decodeText(bytes: Buffer, blockBytes = BLOCK_BYTES, blockwiseFrom = BLOCKWISE_FROM): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.length >= blockwiseFrom ? decodeBlockwise(bytes, blockBytes) : bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Runs of pure-ASCII blocks decoded as Latin-1, the runs of other blocks as UTF-8, joined (one
 * flat string). Cutting there never splits a character and never changes what an invalid
 * sequence decodes to: an ASCII block starts and ends with an ASCII byte, which is a character
 * of its own in UTF-8 and ends any sequence left open before it, so the UTF-8 decoder is in the
 * same state at each cut whether it decodes the whole or the run. A file mostly of other blocks
 * (CJK text) is decoded whole: there the join would only add a copy.
 */
function decodeBlockwise(bytes: Buffer, blockBytes: number): string {
  const parts: string[] = [];
  const length = bytes.length;
  let other = 0;
  let runStart = 0;
  let runAscii = true;
  for (let at = 0; at < length; at += blockBytes) {
    const end = Math.min(at + blockBytes, length);
    const ascii = isAscii(bytes.subarray(at, end));
    if (!ascii) {
      other += end - at;
      if (other * 2 > length) return bytes.toString('utf8');
    }
    if (ascii === runAscii) continue;
    if (at > runStart) parts.push(bytes.toString(runAscii ? 'latin1' : 'utf8', runStart, at));
    runStart = at;
    runAscii = ascii;
  }
  parts.push(bytes.toString(runAscii ? 'latin1' : 'utf8', runStart, length));
  return parts.length === 1 ? parts[0] : parts.join('');
}
