/**
 * Private key material in the encodings tools write: PKCS#1, SEC1, PKCS#8 (plain and
 * encrypted), OpenSSH, PuTTY v2/v3 and OpenPGP. The DER and binary layouts are real (so the
 * base64 starts the way real keys do: MIIE…, MHcC…, b3BlbnNzaC1rZXktdjE…); the numbers in
 * them are seeded random bytes, not working keys.
 */
import { HEX, type Rng } from '../../support/seededRandom';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const int = (b: Buffer) => tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const small = (n: number) => tlv(0x02, Buffer.from([n]));
const octets = (b: Buffer) => tlv(0x04, b);
const oid = (hex: string) => tlv(0x06, Buffer.from(hex, 'hex'));
const NULL = Buffer.from([0x05, 0x00]);

function positive(rng: Rng, n: number): Buffer {
  const b = rng.bytes(n);
  b[0] |= 0x80;
  return b;
}

export function rsaPkcs1Der(rng: Rng, bits = 2048): Buffer {
  const k = bits / 8;
  return seq(
    small(0),
    int(positive(rng, k)),
    int(Buffer.from([0x01, 0x00, 0x01])),
    int(positive(rng, k)),
    int(positive(rng, k / 2)),
    int(positive(rng, k / 2)),
    int(positive(rng, k / 2)),
    int(positive(rng, k / 2)),
    int(positive(rng, k / 2)),
  );
}

const RSA_OID = '2a864886f70d010101';
const EC_OID = '2a8648ce3d0201';
const P256_OID = '2a8648ce3d030107';

export const pkcs8RsaDer = (rng: Rng) => seq(small(0), seq(oid(RSA_OID), NULL), octets(rsaPkcs1Der(rng)));

export function ecSec1Der(rng: Rng): Buffer {
  return seq(
    small(1),
    octets(rng.bytes(32)),
    tlv(0xa0, oid(P256_OID)),
    tlv(0xa1, tlv(0x03, Buffer.concat([Buffer.from([0, 4]), rng.bytes(64)]))),
  );
}

export const pkcs8EcDer = (rng: Rng) => seq(small(0), seq(oid(EC_OID), oid(P256_OID)), octets(ecSec1Der(rng)));
export const pkcs8Ed25519Der = (rng: Rng) => seq(small(0), seq(oid('2b6570')), octets(octets(rng.bytes(32))));

export function encryptedPkcs8Der(rng: Rng): Buffer {
  const pbkdf2 = seq(
    oid('2a864886f70d01050c'),
    seq(octets(rng.bytes(8)), tlv(0x02, Buffer.from([0x08, 0x00])), seq(oid('2a864886f70d020b'), NULL)),
  );
  const aes = seq(oid('608648016503040102'), octets(rng.bytes(16)));
  return seq(seq(oid('2a864886f70d01050d'), seq(pbkdf2, aes)), octets(rng.bytes(1232)));
}

export function pem(label: string, der: Buffer, eol = '\n'): string {
  const body = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join(eol);
  return `-----BEGIN ${label}-----${eol}${body}${eol}-----END ${label}-----`;
}

const sshString = (b: Buffer | string) => {
  const body = Buffer.from(b);
  const l = Buffer.alloc(4);
  l.writeUInt32BE(body.length);
  return Buffer.concat([l, body]);
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

export function ed25519PublicBlob(rng: Rng): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(rng.bytes(32))]);
}

/** An unencrypted OpenSSH ed25519 private key (openssh-key-v1). */
export function openSshPrivateKey(rng: Rng): string {
  const pub = rng.bytes(32);
  const check = rng.bytes(4).readUInt32BE();
  const comment = `deploy@build-${rng.format('{lan:6}')}`;
  let priv = Buffer.concat([
    u32(check),
    u32(check),
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([rng.bytes(32), pub])),
    sshString(comment),
  ]);
  const pad = [];
  for (let i = 1; (priv.length + pad.length) % 8; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    u32(1),
    sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(pub)])),
    sshString(priv),
  ]);
  const body = blob
    .toString('base64')
    .match(/.{1,70}/g)!
    .join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`;
}

/** A PuTTY .ppk file, version 2 or 3, unencrypted. */
export function puttyKey(rng: Rng, version: 2 | 3): string {
  const pub = ed25519PublicBlob(rng).toString('base64');
  const priv = sshString(rng.bytes(32)).toString('base64');
  return [
    `PuTTY-User-Key-File-${version}: ssh-ed25519`,
    'Encryption: none',
    `Comment: eddsa-key-2024${rng.format('{d:4}')}`,
    'Public-Lines: 2',
    ...pub.match(/.{1,64}/g)!,
    'Private-Lines: 1',
    priv,
    `Private-MAC: ${rng.chars(HEX, version === 3 ? 64 : 40)}`,
  ].join('\n');
}

/** An ASCII-armoured OpenPGP secret key block. */
export function pgpPrivateKey(rng: Rng): string {
  const packet = Buffer.concat([Buffer.from([0x95, 0x03, 0xc6, 0x04]), rng.bytes(960)]);
  const body = packet
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}\n=${rng.format('{b64:4}')}\n-----END PGP PRIVATE KEY BLOCK-----`;
}

/** Public material that sits next to keys and is not secret. */
export function sshPublicKeyLine(rng: Rng): string {
  return `ssh-ed25519 ${ed25519PublicBlob(rng).toString('base64')} ops@${rng.pick(['laptop', 'bastion', 'ci'])}`;
}

export function certificatePem(rng: Rng): string {
  const der = seq(seq(tlv(0xa0, small(2)), int(positive(rng, 16)), seq(oid('2a864886f70d01010b'), NULL)), rng.bytes(700));
  return pem('CERTIFICATE', der);
}

export function publicKeyPem(rng: Rng): string {
  return pem(
    'PUBLIC KEY',
    seq(seq(oid(RSA_OID), NULL), tlv(0x03, Buffer.concat([Buffer.from([0]), seq(int(positive(rng, 256)), int(Buffer.from([1, 0, 1])))]))),
  );
}
