// Held-out secrets sets (the third and later): turns case templates (cases/*.cases) into files at
// run time; the fourth set's cases (../../heldout4/secrets/cases) use the same generators.
// No secret-shaped value is stored in the repository: every key, token and password in a case is
// written as a generator call (⟦r an 40⟧, ⟦gh ghp⟧, ⟦pem rsa⟧ …) and made here, from a PRNG seeded
// by the case id (private keys come from node:crypto and differ between runs; their shape does not).
// The format is documented in ../README.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Marks the start and end of generated text, so the lines that hold a secret are known. */
const OPEN = '\u0001';
const CLOSE = '\u0002';

const ALPHABETS = {
  an: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  lan: 'abcdefghijklmnopqrstuvwxyz0123456789',
  uan: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  dig: '0123456789',
  b32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  low: 'abcdefghijklmnopqrstuvwxyz',
  up: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  // Passwords people type: letters, digits and punctuation that is legal unescaped in a URI's user info.
  pw: 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!*-_.',
  // bech32 data characters (age keys).
  bech: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
  bechl: 'qpzry9x8gf2tvdw0s3jn54khce6mua7l',
  lb32: 'abcdefghijklmnopqrstuvwxyz234567',
};
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** mulberry32: small, seeded, good enough to pick characters. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text) {
  let c = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** GitHub's and npm's token checksum: CRC32 of the random part, in base62, left-padded to 6. */
export function base62Checksum(body) {
  let n = crc32(body);
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(6, '0');
}

/** OpenPGP armour checksum (RFC 4880 §6.1). */
function crc24(bytes) {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

function sshString(buf) {
  const data = typeof buf === 'string' ? Buffer.from(buf) : buf;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
}

const wrap = (text, width) => text.match(new RegExp(`.{1,${width}}`, 'g')).join('\n');

function ed25519Raw() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { seed: Buffer.from(jwk.d, 'base64url'), pub: Buffer.from(jwk.x, 'base64url'), publicKey };
}

/** An unencrypted openssh-key-v1 private key (what ssh-keygen writes), for a fresh ed25519 key. */
function openSshKey(comment) {
  const { seed, pub } = ed25519Raw();
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = crypto.randomBytes(4);
  let priv = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    Buffer.from([0, 0, 0, 1]),
    sshString(pubBlob),
    sshString(priv),
  ]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----`;
}

/** A PuTTY .ppk version 3 file, unencrypted, with its correct Private-MAC. */
function puttyKey(comment) {
  const { seed, pub } = ed25519Raw();
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const privBlob = sshString(seed);
  const mac = crypto
    .createHmac('sha256', Buffer.alloc(0))
    .update(Buffer.concat([sshString('ssh-ed25519'), sshString('none'), sshString(comment), sshString(pubBlob), sshString(privBlob)]))
    .digest('hex');
  const pubLines = wrap(pubBlob.toString('base64'), 64).split('\n');
  const privLines = wrap(privBlob.toString('base64'), 64).split('\n');
  return [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    'Encryption: none',
    `Comment: ${comment}`,
    `Public-Lines: ${pubLines.length}`,
    ...pubLines,
    `Private-Lines: ${privLines.length}`,
    ...privLines,
    `Private-MAC: ${mac}`,
  ].join('\n');
}

/** An armoured OpenPGP secret-key block: a v4 RSA secret-key packet header, random body, CRC24. */
function pgpKey(rand) {
  const body = Buffer.alloc(900);
  for (let i = 0; i < body.length; i++) body[i] = Math.floor(rand() * 256);
  const len = body.length - 3;
  body[0] = 0x95;
  body[1] = len >> 8;
  body[2] = len & 0xff;
  body[3] = 4;
  body[8] = 1;
  const crc = Buffer.from([crc24(body) >> 16, (crc24(body) >> 8) & 0xff, crc24(body) & 0xff]).toString('base64');
  return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${wrap(body.toString('base64'), 64)}\n=${crc}\n-----END PGP PRIVATE KEY BLOCK-----`;
}

function pem(kind) {
  switch (kind) {
    case 'rsa':
      return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).trim();
    case 'pkcs8':
      return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).trim();
    case 'ec':
      return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).trim();
    case 'ec8':
      return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).trim();
    case 'ed25519':
      return crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).trim();
    case 'rsapub':
      return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).trim();
    case 'cert':
      return selfSignedLookalike();
    default:
      throw new Error(`unknown pem kind ${kind}`);
  }
}

/** A CERTIFICATE block shaped like DER (SEQUENCE header) around a real public key: public, not a secret. */
function selfSignedLookalike() {
  const spki = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  const body = Buffer.concat([
    Buffer.from([0x30, 0x82, (spki.length + 200) >> 8, (spki.length + 200) & 0xff]),
    spki,
    crypto.randomBytes(200),
  ]);
  return `-----BEGIN CERTIFICATE-----\n${wrap(body.toString('base64'), 64)}\n-----END CERTIFICATE-----`;
}

function jwk(kind) {
  if (kind === 'ec')
    return JSON.stringify(crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' }));
  if (kind === 'ecpub')
    return JSON.stringify(crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' }));
  if (kind === 'rsa')
    return JSON.stringify(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }));
  throw new Error(`unknown jwk kind ${kind}`);
}

function sshPublic(comment) {
  const { pub } = ed25519Raw();
  return `ssh-ed25519 ${Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]).toString('base64')} ${comment}`;
}

const b64url = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');

function jwt(payloadJson, key) {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = Buffer.from(payloadJson).toString('base64url');
  const sig = crypto.createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** True when position `at` lies inside an unexpanded ⟦…⟧ call. */
function insideCall(text, at) {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === '⟦') depth++;
    else if (text[i] === '⟧') depth--;
  }
  return depth > 0;
}

/**
 * Expands one case body. Calls are ⟦name args⟧, innermost first, left to right; each output is
 * wrapped in OPEN/CLOSE so that the caller can tell which lines hold generated text.
 */
export function expand(template, caseId) {
  const hash = crypto.createHash('sha256').update(caseId).digest();
  const rand = prng(hash.readUInt32BE(0));
  const pick = (alphabet, n) => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
    return out;
  };
  const vars = new Map();
  const strip = (s) => s.replaceAll(OPEN, '').replaceAll(CLOSE, '');
  const call = (name, rest) => {
    const args = rest.split(' ');
    switch (name) {
      case 'r': {
        const alphabet = ALPHABETS[args[0]];
        if (!alphabet) throw new Error(`${caseId}: unknown alphabet ${args[0]}`);
        return pick(alphabet, Number(args[1]));
      }
      case 'uuid': {
        const h = pick(ALPHABETS.hex, 32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
      }
      case 'gh': {
        const body = pick(ALPHABETS.an, 30);
        return `${args[0]}_${body}${base62Checksum(body)}`;
      }
      case 'ghpat': {
        const body = `11${pick(ALPHABETS.uan, 20)}_${pick(ALPHABETS.an, 53)}`;
        return `github_pat_${body}${base62Checksum(body)}`;
      }
      case 'npm': {
        const body = pick(ALPHABETS.an, 30);
        return `npm_${body}${base62Checksum(body)}`;
      }
      case 'awsid':
        return `${args[0] ?? 'AKIA'}${pick(ALPHABETS.b32, 16)}`;
      case 'awssecret': {
        // Real secret keys mix / and + in about two of three cases; force one so the case tests it.
        const s = pick(ALPHABETS.b64, 40);
        return `${s.slice(0, 17)}/${s.slice(18)}`;
      }
      case 'slackbot':
        return `xoxb-${pick(ALPHABETS.dig, 12)}-${pick(ALPHABETS.dig, 13)}-${pick(ALPHABETS.an, 24)}`;
      case 'discordbot': {
        const id = `1${pick(ALPHABETS.dig, 18)}`;
        return `${Buffer.from(id).toString('base64').replace(/=+$/, '')}.${pick(ALPHABETS.b64u, 6)}.${pick(ALPHABETS.b64u, 38)}`;
      }
      case 'pem':
        return pem(args[0]);
      case 'openssh':
        return openSshKey(args[0] ?? 'deploy@ci');
      case 'ppk':
        return puttyKey(args[0] ?? 'ed25519-key-20261130');
      case 'pgp':
        return pgpKey(rand);
      case 'jwk':
        return jwk(args[0]);
      case 'sshpub':
        return sshPublic(args[0] ?? 'ops@bastion');
      case 'jwt': {
        // ⟦jwt {"sub":"svc"}⟧: an HS256 token over that payload with a random key.
        return jwt(rest, pick(ALPHABETS.an, 32));
      }
      case 'let':
        vars.set(args[0], strip(args.slice(1).join(' ')));
        return '';
      case 'b64':
        return Buffer.from(strip(rest)).toString('base64');
      case 'b64u':
        return Buffer.from(strip(rest)).toString('base64url');
      case 'url':
        return encodeURIComponent(strip(rest));
      case 'jsonesc':
        return JSON.stringify(strip(rest)).slice(1, -1);
      case 'hexenc':
        return Buffer.from(strip(rest)).toString('hex');
      case 'sha256':
        return crypto.createHash('sha256').update(strip(rest)).digest('hex');
      case 'sha1':
        return crypto.createHash('sha1').update(strip(rest)).digest('hex');
      case 'nl':
        return '\n';
      case 'pembody':
        // The base64 body of a PEM block on one line, without its armour (an "unarmoured" key).
        return strip(rest)
          .split('\n')
          .filter((l) => !l.startsWith('-----'))
          .join('');
      default:
        if (name.startsWith('$')) {
          const value = vars.get(name.slice(1));
          if (value === undefined) throw new Error(`${caseId}: ${name} used before let`);
          // ⟦$K @2⟧ is the value's third line, ⟦$K 0 20⟧ a slice of it (split strings).
          if (args[0]?.startsWith('@')) return value.split('\n')[Number(args[0].slice(1))];
          return args[0] === '' || args.length === 0
            ? value
            : value.slice(Number(args[0]), args[1] === undefined ? undefined : Number(args[1]));
        }
        throw new Error(`${caseId}: unknown generator ${name}`);
    }
  };
  let text = template;
  const innermost = /⟦([^⟦⟧]*)⟧/;
  for (let m = innermost.exec(text); m; m = innermost.exec(text)) {
    const inner = strip(m[1]);
    const space = inner.indexOf(' ');
    const word = space < 0 ? inner : inner.slice(0, space);
    const rest = space < 0 ? '' : inner.slice(space + 1);
    // ⟦~name …⟧ generates a value that is not the secret (an id, a region): its line is not marked.
    const unmarked = word.startsWith('~');
    let out = call(unmarked ? word.slice(1) : word, rest);
    // A multi-line value written at the top level (not inside another call) continues at the
    // indentation of the line it starts on: YAML blocks, text blocks and heredocs stay valid.
    if (out.includes('\n') && !insideCall(text, m.index)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, m.index))[0];
      out = out.replaceAll('\n', `\n${indent}`);
    }
    // The raw-content functions keep markers out of what they encode, and mark their result.
    const marked = out === '' || unmarked ? out : OPEN + out + CLOSE;
    text = text.slice(0, m.index) + marked + text.slice(m.index + m[0].length);
  }
  // Lines (1-based) holding generated text.
  const marked = new Set();
  let line = 1;
  let depth = 0;
  let clean = '';
  for (const ch of text) {
    if (ch === OPEN) depth++;
    else if (ch === CLOSE) depth--;
    else {
      if (ch === '\n') line++;
      else if (depth > 0) marked.add(line);
      clean += ch;
    }
  }
  return { text: clean, markedLines: [...marked].sort((a, b) => a - b) };
}

/** Header fields of a case: `%%% id=… | path=… | label=pos|neg | provider=… | context=… [| lines=a-b] [| note=…]`. */
function parseHeader(line, file) {
  const fields = {};
  for (const part of line.replace(/^%%%\s*/, '').split(' | ')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`${file}: bad header field "${part}"`);
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  for (const need of ['id', 'path', 'label', 'provider', 'context']) {
    if (!fields[need]) throw new Error(`${file}: case without ${need}: ${line}`);
  }
  if (fields.label !== 'pos' && fields.label !== 'neg') throw new Error(`${file}: ${fields.id}: label must be pos or neg`);
  return fields;
}

/** Reads every case template, in file order. */
export function readCases(dir = path.join(here, 'cases')) {
  const cases = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cases'))
    .sort()) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    let current;
    for (const line of lines) {
      if (line.startsWith('%%% ')) {
        if (current) cases.push(current);
        current = { ...parseHeader(line, file), file, body: [] };
      } else if (current) current.body.push(line);
    }
    if (current) cases.push(current);
  }
  const ids = new Set();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
    // Trailing blank lines separate cases in the template files; they are not part of a case.
    while (c.body.length && c.body[c.body.length - 1] === '') c.body.pop();
    c.template = c.body.join('\n') + '\n';
    delete c.body;
  }
  return cases;
}

function parseLines(spec) {
  const [a, b] = spec.split('-').map(Number);
  return { first: a, last: b ?? a };
}

/**
 * Writes every case under `outDir/cNNN/<path>` and returns the labels: for a positive, the line
 * range a finding must touch (generated lines, or the case's `lines=`). The folder is a neutral
 * number, not the case id, so that no word of an id (`fixture`, `doc`, `test`) reaches the path.
 */
export function materialise(outDir, casesDir) {
  const labels = [];
  for (const [i, c] of readCases(casesDir).entries()) {
    const { text, markedLines } = expand(c.template, c.id);
    const rel = path.join(`c${String(i + 1).padStart(3, '0')}`, c.path);
    const target = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    let range;
    if (c.label === 'pos') {
      if (c.lines) range = parseLines(c.lines);
      else if (markedLines.length) range = { first: markedLines[0], last: markedLines[markedLines.length - 1] };
      else throw new Error(`${c.id}: positive with no generated value and no lines=`);
    }
    labels.push({ id: c.id, path: rel, label: c.label, provider: c.provider, context: c.context, note: c.note, range });
  }
  return labels;
}
