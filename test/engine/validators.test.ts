import * as assert from 'node:assert/strict';
import { VALIDATORS, base62, crc32 } from '../../engine/secrets/validators';

describe('validators', () => {
  const withChecksum = (prefix: string, random: string) => prefix + random + base62(crc32(random));

  it('crc32 matches the standard check value', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
  });

  it('accepts GitHub and npm tokens whose last six characters are the CRC32 of the body', () => {
    const random = 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0';
    assert.ok(VALIDATORS['github-checksum'](withChecksum('ghp_', random)));
    assert.ok(VALIDATORS['npm-checksum'](withChecksum('npm_', random)));
  });

  it('rejects a token with one character changed', () => {
    const token = withChecksum('ghp_', 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0');
    const broken = token.slice(0, 10) + (token[10] === 'x' ? 'y' : 'x') + token.slice(11);
    assert.ok(!VALIDATORS['github-checksum'](broken));
  });

  it('JWT: needs a JSON header with alg and a JSON payload', () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    assert.ok(VALIDATORS.jwt(`${b64({ alg: 'HS256' })}.${b64({ sub: 'svc' })}.c2lnbmF0dXJl`));
    assert.ok(!VALIDATORS.jwt(`${b64({ typ: 'JWT' })}.${b64({ sub: 'svc' })}.c2lnbmF0dXJl`));
    assert.ok(!VALIDATORS.jwt(`${b64({ alg: 'HS256' })}.bm90IGpzb24.c2ln`));
  });

  it('PEM: needs a real base64 body, also when escaped inside a JSON string', () => {
    const body = Buffer.from(Array.from({ length: 120 }, (_, i) => (i * 37) % 256)).toString('base64');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END RSA PRIVATE KEY-----`;
    assert.ok(VALIDATORS['pem-private-key'](pem));
    assert.ok(VALIDATORS['pem-private-key'](pem.replace(/\n/g, '\\n')));
    assert.ok(!VALIDATORS['pem-private-key']('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----'));
    assert.ok(!VALIDATORS['pem-private-key'](`-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(80)}\n-----END RSA PRIVATE KEY-----`));
  });
});
