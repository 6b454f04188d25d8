/**
 * Structural and checksum checks for token formats that carry one. A value that fails its
 * validator is not a live credential of that format (typo, truncation, made-up sample).
 */

export type ValidatorName =
  | 'github-checksum'
  | 'npm-checksum'
  | 'jwt'
  | 'pem-private-key'
  | 'base64-json'
  | 'uri-credentials'
  | 'basic-auth'
  | 'der-private-key'
  | 'base64-pem-private-key'
  | 'base64-aws-credentials';

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
  // `EXAMPLE` in the body marks a redacted key in AWS's documentation (`-----BEGIN RSA PRIVATE
  // KEY-----EXAMPLEBAAKCAQEA…`), as in its sample access keys; random base64 holding it is ~1e-9.
  return /^[A-Za-z0-9+/=]+$/.test(body) && !/(.)\1{15}/.test(body) && !body.includes('EXAMPLE');
}

/**
 * Hosts on this machine or a compose/cluster-local service name (`db`, `postgres`); no host at all
 * (`postgres://u:p@/db?host=/var/run/postgresql`) is a unix socket on this machine.
 */
const LOCAL_HOST = /^(?:|localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|host\.docker\.internal|[A-Za-z][A-Za-z0-9_-]{0,62})$/i;
/** Passwords that images and tutorials ship with, for local and test databases. */
const DEFAULT_PASSWORDS = new Set([
  'postgres',
  'root',
  'guest',
  'password',
  'passw0rd',
  'secret',
  'admin',
  'test',
  'example',
  'changeme',
  'pass',
  'dev',
  'local',
  'docker',
  'mysql',
  'mongo',
  'rabbitmq',
  'redispw',
  'mysecretpassword',
  'yourstrong(!)password',
  'toor',
  'default',
]);

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Domains reserved for documentation (RFC 2606, RFC 6761): no real service answers there. */
const DOCUMENTATION_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|example|invalid)$/i;
/** A user name that asks the reader for theirs: `your-name`, `your_username`, `YOUR_EMAIL`. */
const STAND_IN_USER = /^your[_-]?(?:name|user(?:name)?|e-?mail|login|account|id)\b/i;

/**
 * Credentials in a URI are reported unless they are a local test database's defaults (the
 * user's own name or a well-known image default, on localhost, a single-label service host or a
 * local socket),
 * or a documentation example: a user that stands for the reader's own, or a short password on
 * a reserved documentation domain (`https://abc:123@example.com/`).
 */
function uriCredentialsValid(value: string, match = value): boolean {
  const uri = /:\/\/([^:@/\s]{0,100}):[^@\s]{1,200}@(\[[0-9A-Fa-f:.]{2,45}\]|[^:/?#\s@,"'`<>]{0,253})/.exec(match);
  if (!uri) return true;
  const password = percentDecoded(value);
  const user = percentDecoded(uri[1]);
  if (STAND_IN_USER.test(user) || (DOCUMENTATION_HOST.test(uri[2]) && password.length < 8)) return false;
  if (!LOCAL_HOST.test(uri[2])) return true;
  return password !== user && !DEFAULT_PASSWORDS.has(password.toLowerCase());
}

/** Base64 of `user:password` (HTTP Basic, Docker `auths`), with a password worth the name. */
function basicAuthValid(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  // RFC 7617's (and 2617's) worked example, quoted in HTTP libraries' docs and tests.
  if (decoded === 'Aladdin:open sesame') return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 4 && !DEFAULT_PASSWORDS.has(password.toLowerCase()) && !/^\$|^<.*>$|^\*+$/.test(password);
}

/** One DER TLV header at `at`: tag, content start and content length. */
function derHeader(der: Buffer, at: number): { tag: number; start: number; length: number } | undefined {
  if (at + 2 > der.length) return undefined;
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n < 1 || n > 3 || start + n > der.length) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = (length << 8) | der[start + i];
    start += n;
  }
  return start + length <= der.length ? { tag, start, length } : undefined;
}

/**
 * Base64 of a DER private key without PEM armour: PKCS#1 (RSA), SEC1 (EC) or PKCS#8, which all
 * open with a SEQUENCE holding a small INTEGER version. Certificates and public keys open with a
 * SEQUENCE holding another SEQUENCE, so they fail here.
 */
function derPrivateKeyValid(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{60,}={0,2}$/.test(value)) return false;
  const der = Buffer.from(value, 'base64');
  const outer = derHeader(der, 0);
  if (!outer || outer.tag !== 0x30 || outer.start + outer.length < der.length - 2) return false;
  const version = derHeader(der, outer.start);
  if (!version || version.tag !== 0x02 || version.length !== 1 || der[version.start] > 1) return false;
  const next = derHeader(der, version.start + version.length);
  // PKCS#1: INTEGER modulus; SEC1: OCTET STRING key; PKCS#8: SEQUENCE algorithm identifier.
  return !!next && (next.tag === 0x02 || next.tag === 0x04 || next.tag === 0x30) && next.length >= 8;
}

/**
 * A whole PEM private key, armour included, base64-encoded again into one value (env variables
 * and CI secrets that cannot hold newlines): `LS0tLS1CRUdJTi…` is `-----BEGIN`. Certificates and
 * public keys encoded the same way fail the PEM check.
 */
function base64PemPrivateKeyValid(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) return false;
  return pemValid(Buffer.from(value, 'base64').toString('latin1'));
}

/**
 * A whole AWS shared credentials file (or its `[profile]` section) base64-encoded into one value,
 * as bootstrap scripts write it back with `base64 -d > ~/.aws/credentials`: it must decode to
 * text with an `aws_secret_access_key` of 40 characters that is not the documentation example.
 */
function base64AwsCredentialsValid(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) return false;
  const secret = /aws_secret_access_key[ \t]*[=:][ \t]*([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/.exec(
    Buffer.from(value, 'base64').toString('latin1'),
  );
  return !!secret && !/EXAMPLE/.test(secret[1]) && /[0-9]/.test(secret[1]) && /[a-z]/.test(secret[1]) && /[A-Z]/.test(secret[1]);
}

/**
 * Checks by name; `match` is the whole text the rule's pattern matched (the value is part of it),
 * for checks that need the value's surroundings (the host of a URI).
 */
export const VALIDATORS: Record<ValidatorName, (value: string, match?: string) => boolean> = {
  'github-checksum': checksumTokenValid,
  'npm-checksum': checksumTokenValid,
  jwt: jwtValid,
  'pem-private-key': pemValid,
  'base64-json': (value) => isJsonObject(decodeBase64Url(value)),
  'uri-credentials': uriCredentialsValid,
  'basic-auth': basicAuthValid,
  'der-private-key': derPrivateKeyValid,
  'base64-pem-private-key': base64PemPrivateKeyValid,
  'base64-aws-credentials': base64AwsCredentialsValid,
};
