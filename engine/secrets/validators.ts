/**
 * Structural and checksum checks for token formats that carry one. A value that fails its
 * validator is not a live credential of that format (typo, truncation, made-up sample).
 */

export type ValidatorName = 'github-checksum' | 'npm-checksum' | 'jwt' | 'pem-private-key' | 'base64-json';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62_UPPER_FIRST = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_LOWER_FIRST = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function base62(value: number, alphabet = BASE62_UPPER_FIRST, width = 6): string {
  let out = '';
  do {
    out = alphabet[value % 62] + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub and npm tokens end in 6 base62 characters of a CRC32. Published descriptions differ
 * on whether the prefix is hashed and on the base62 alphabet order, so every variant is
 * accepted: the chance that a random string passes any of the four is about 1 in 10^10.
 */
function checksumTokenValid(token: string): boolean {
  const underscore = token.indexOf('_');
  const body = token.slice(underscore + 1);
  if (body.length < 7) return false;
  const random = body.slice(0, -6);
  const check = body.slice(-6);
  for (const input of [random, token.slice(0, -6)]) {
    const sum = crc32(input);
    if (base62(sum) === check || base62(sum, BASE62_LOWER_FIRST) === check) return true;
  }
  return false;
}

function decodeBase64Url(segment: string): string | undefined {
  if (!/^[A-Za-z0-9_\-+/]+={0,2}$/.test(segment)) return undefined;
  try {
    return Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function isJsonObject(text: string | undefined): boolean {
  if (!text) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A JWT whose header is a JSON object with `alg` and whose payload is a JSON object. */
function jwtValid(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeBase64Url(parts[0]);
  if (!isJsonObject(header) || !/"alg"\s*:/.test(header!)) return false;
  return isJsonObject(decodeBase64Url(parts[1]));
}

/** A PEM private key whose body is real base64 of plausible length (not `...` or `<key>`). */
function pemValid(block: string): boolean {
  const begin = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----/.exec(block);
  if (!begin) return /PuTTY-User-Key-File-\d: /.test(block) && /Private-Lines: \d+/.test(block);
  const end = block.lastIndexOf('-----END');
  if (end < 0) return false;
  // Bodies appear raw, with escaped newlines inside JSON strings, or with header fields (PGP).
  const body = block
    .slice(begin.index + begin[0].length, end)
    .replace(/\\[nr]/g, '\n')
    .split(/\r?\n/)
    .filter((line) => line && !line.includes(':'))
    .join('')
    .replace(/[\s"',\\]/g, '');
  if (body.length < 40) return false;
  return /^[A-Za-z0-9+/=]+$/.test(body) && !/(.)\1{15}/.test(body);
}

export const VALIDATORS: Record<ValidatorName, (value: string) => boolean> = {
  'github-checksum': checksumTokenValid,
  'npm-checksum': checksumTokenValid,
  jwt: jwtValid,
  'pem-private-key': pemValid,
  'base64-json': (value) => isJsonObject(decodeBase64Url(value)),
};
