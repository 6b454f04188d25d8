import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { VALIDATORS, base62, crc32 } from '../../engine/secrets/validators';

describe('validators', () => {
  const withChecksum = (prefix: string, random: string) => prefix + random + base62(crc32(random));

  it('crc32 matches the standard check value', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
  });

  it('accepts GitHub and npm tokens whose last six characters are the CRC32 of the body', () => {
    const random = 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0';
    assert.ok(VALIDATORS['github-checksum'](withChecksum('ghp_', random), ''));
    assert.ok(VALIDATORS['npm-checksum'](withChecksum('npm_', random), ''));
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

describe('validators: URIs, Basic credentials and bare DER keys', () => {
  const uri = (text: string) => {
    const m = /:\/\/[^:]*:([^@]*)@/.exec(text)!;
    return VALIDATORS['uri-credentials'](m[1], text);
  };

  it('uri-credentials: reports real passwords, not local test defaults', () => {
    assert.ok(uri('postgres://app:Xk29vLmq81@db.acme.io:5432/app'));
    assert.ok(uri('postgres://app:Xk29vLmq81@localhost:5432/app'), 'random password on localhost is still a secret');
    assert.ok(uri('postgres://postgres:postgres@prod-db.acme.io/app'), 'a default on a real host is reported');
    assert.ok(!uri('postgres://postgres:postgres@localhost:5432/test'));
    assert.ok(!uri('amqp://guest:guest@rabbitmq:5672/'), 'compose service name');
    assert.ok(!uri('mysql://root:root@127.0.0.1:3306/test'));
    assert.ok(!uri('mssql://sa:yourStrong(!)Password@localhost:1433'));
    assert.ok(!uri('redis://default:redispw@localhost:55000'));
    // No host before the path: a unix socket (local defaults stay quiet), or Cloud SQL's socket
    // and Airflow's Snowflake connections, whose real passwords are reported.
    assert.ok(!uri('postgresql://postgres:postgres@/app?host=/var/run/postgresql'));
    assert.ok(uri('postgresql://app:Xk29vLmq81@/orders?host=/cloudsql/acme:europe-west1:orders'));
    assert.ok(uri('snowflake://etl:Xk29vLmq81@/ANALYTICS/PUBLIC?account=xy12345'));
  });

  it('uri-credentials: documentation examples (a stand-in user, a toy password on a reserved domain) are not reported', () => {
    assert.ok(!uri('https://abc:123@example.com/'), 'short password on example.com (RFC 2606)');
    assert.ok(!uri('https://ops:hunter2@build.example.org/'));
    assert.ok(!uri('socks://your-name%40gmail.com:abcdef12345124@br41.nordvpn.com'), 'the user stands for the reader');
    assert.ok(!uri('https://YOUR_USERNAME:Xk29vLmq81@git.acme.io/x.git'));
    assert.ok(uri('https://deploy:Xk29vLmq81Tz@git.example.com/x.git'), 'a long password is reported even on a documentation domain');
    assert.ok(uri('https://yourcompany-bot:Xk29vLmq81@git.acme.io/x.git'), 'a user that only starts with "your" is a user');
    assert.ok(uri('https://abc:123@example.community/'), 'not a reserved domain');
  });

  it('basic-auth: base64 of user:password with a real password', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    assert.ok(VALIDATORS['basic-auth'](b64('deploy:Tq7x9LmKa2'), ''));
    assert.ok(!VALIDATORS['basic-auth'](b64('deploy:password'), ''));
    assert.ok(!VALIDATORS['basic-auth'](b64('no colon here'), ''));
    assert.ok(!VALIDATORS['basic-auth'](b64('user:$TOKEN'), ''));
  });

  it('der-private-key: PKCS#1, SEC1 and PKCS#8 key bodies, not certificates or public keys', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sec1 = privateKey.export({ type: 'sec1', format: 'der' }).toString('base64');
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    assert.ok(VALIDATORS['der-private-key'](sec1, ''));
    assert.ok(VALIDATORS['der-private-key'](pkcs8, ''));
    assert.ok(!VALIDATORS['der-private-key'](spki, ''));
    assert.ok(!VALIDATORS['der-private-key'](Buffer.from('x'.repeat(90)).toString('base64'), ''));
  });

  it('base64-pem-private-key: a whole PEM private key base64-encoded, not a certificate or a stub', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const encoded = (pem: string | Buffer) => Buffer.from(pem).toString('base64');
    assert.ok(VALIDATORS['base64-pem-private-key'](encoded(privateKey.export({ type: 'pkcs8', format: 'pem' })), ''));
    assert.ok(VALIDATORS['base64-pem-private-key'](encoded(privateKey.export({ type: 'sec1', format: 'pem' })), ''));
    assert.ok(!VALIDATORS['base64-pem-private-key'](encoded(publicKey.export({ type: 'spki', format: 'pem' })), ''));
    assert.ok(!VALIDATORS['base64-pem-private-key'](encoded('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n'), ''));
    assert.ok(!VALIDATORS['base64-pem-private-key']('LS0tLS1CRUdJTi not base64', ''));
  });
});
