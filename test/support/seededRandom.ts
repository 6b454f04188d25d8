/**
 * The one seeded generator of test data and benchmark trees: the labelled secrets corpus, the
 * engine fuzz's checksummed tokens, and the benchmark trees (bench/seededRandom.mjs loads this
 * file). The same seed gives the same data, so figures can be compared run to run. Values are
 * assembled here in the providers' published formats (with their checksums where a format has
 * one); none is copied from a real key.
 */

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const BASE64 = ALNUM + '+/';
export const BASE64URL = ALNUM + '-_';

/** Character sets a format string may name: `{an:24}` is 24 characters of ALNUM. */
const SETS: Record<string, string> = {
  an: ALNUM,
  AN: UPPER + DIGITS,
  lan: LOWER + DIGITS,
  a: LOWER,
  A: UPPER,
  d: DIGITS,
  hex: HEX,
  HEX: HEX.toUpperCase(),
  b32: BASE32,
  lb32: BASE32.toLowerCase(),
  b64: BASE64,
  b64u: BASE64URL,
  an_: ALNUM + '_',
  'an-': ALNUM + '-',
  pw: ALNUM + '!#%*-_.+=@^',
};

/** mulberry32: small, fast, and good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }

  uuid(): string {
    const h = this.chars(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /** Expands `{set:n}` (and `{uuid}`) in a format string: `sk_live_{an:24}`. */
  format(template: string): string {
    return template.replace(/\{(uuid|[A-Za-z0-9_-]+):?(\d*)\}/g, (_m, set: string, n: string) => {
      if (set === 'uuid') return this.uuid();
      const alphabet = SETS[set];
      if (!alphabet) throw new Error(`unknown character set ${set}`);
      return this.chars(alphabet, Number(n));
    });
  }

  /** A password as people choose them: words, digits and a symbol, or random characters. */
  password(): string {
    const words = ['Winter', 'Falcon', 'Orbit', 'Maple', 'Copper', 'Harbor', 'Tiger', 'Lumen', 'Quartz', 'Nimbus', 'Cedar', 'Atlas'];
    switch (this.int(3)) {
      case 0:
        return `${this.pick(words)}${this.chars(DIGITS, 2 + this.int(3))}${this.pick(['!', '#', '$', '%', '&', '*', '@'])}${this.pick(words).toLowerCase()}`;
      case 1:
        return this.chars(SETS.pw, 14 + this.int(10));
      default:
        return this.chars(ALNUM, 16 + this.int(16));
    }
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = CRC_TABLE[(c ^ text.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function base62(value: number, width = 6): string {
  const a = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  do {
    out = a[value % 62] + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out.padStart(width, '0');
}

/** GitHub and npm token layout: prefix, 30 random base62 characters, 6 of CRC32 checksum. */
export function checksummedToken(rng: Rng, prefix: string): string {
  const random = rng.chars(ALNUM, 30);
  return prefix + random + base62(crc32(random));
}

export const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
export const b64url = (text: string | Buffer): string => Buffer.from(text).toString('base64url');
