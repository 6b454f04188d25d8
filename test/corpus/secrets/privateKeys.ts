/**
 * Private keys the way they end up in repositories: key files, block scalars, `\n`-escaped
 * strings in JSON/YAML/.env, strings concatenated over lines, heredocs, PuTTY and PGP files,
 * base64 without PEM armour, .NET XML and JWK private keys, kubeconfig client keys.
 */
import { code, lines, secret, type CorpusDocument, type Mark, type Piece } from './document';
import {
  encryptedPkcs8Der,
  ecSec1Der,
  openSshPrivateKey,
  pem,
  pgpPrivateKey,
  pkcs8EcDer,
  pkcs8Ed25519Der,
  pkcs8RsaDer,
  puttyKey,
  rsaPkcs1Der,
} from './keys';
import { type Rng, b64, b64url } from '../../support/seededRandom';

const K = (value: string, provider: string): Mark => secret(value, { provider, group: 'private-key' });

/** Every armoured kind, as [figure label, PEM text]. */
function anyPem(rng: Rng, i: number): [string, string] {
  switch (i % 7) {
    case 0:
      return ['RSA private key (PKCS#1)', pem('RSA PRIVATE KEY', rsaPkcs1Der(rng))];
    case 1:
      return ['Private key (PKCS#8)', pem('PRIVATE KEY', pkcs8RsaDer(rng))];
    case 2:
      return ['EC private key (SEC1)', pem('EC PRIVATE KEY', ecSec1Der(rng))];
    case 3:
      return ['OpenSSH private key', openSshPrivateKey(rng)];
    case 4:
      return ['Private key (PKCS#8, EC)', pem('PRIVATE KEY', pkcs8EcDer(rng))];
    case 5:
      return ['Encrypted private key (PKCS#8)', pem('ENCRYPTED PRIVATE KEY', encryptedPkcs8Der(rng))];
    default:
      return ['Private key (PKCS#8, Ed25519)', pem('PRIVATE KEY', pkcs8Ed25519Der(rng))];
  }
}

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);
const escaped = (text: string) => text.replace(/\n/g, '\\n');

export function privateKeyDocuments(rng: Rng): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  const add = (path: string, context: string, piece: Piece) =>
    docs.push({ path: `key-${docs.length}/${path}`, context: `key-${context}`, ...piece });
  for (let i = 0; i < 7; i++) {
    let [kind, key] = anyPem(rng, i);
    add(
      ['deploy/id_rsa', 'certs/server.key', 'ssl/ec.key', '.ssh/id_ed25519', 'keys/signing.pem', 'secrets/backup.key', 'keys/ed25519.pem'][
        i
      ],
      'file',
      lines(code`${K(key, kind)}`, ''),
    );
    [kind, key] = anyPem(rng, i + 1);
    add(
      `charts/app/values-${i}.yaml`,
      'yaml-block',
      lines('tls:', '  enabled: true', '  key: |', code`    ${K(indent(key, '    '), kind)}`, ''),
    );
    [kind, key] = anyPem(rng, i + 2);
    add(
      `config/service-${i}.json`,
      'json-escaped',
      lines('{', '  "issuer": "billing",', code`  "privateKey": "${K(escaped(key) + '\\n', kind)}"`, '}', ''),
    );
    [kind, key] = anyPem(rng, i + 3);
    add(`.env.${i}`, 'dotenv-escaped', lines('APP_ID=12345', code`GITHUB_APP_PRIVATE_KEY="${K(escaped(key), kind)}"`, ''));
    [kind, key] = anyPem(rng, i + 4);
    add(`config/jwt-${i}.yml`, 'yaml-escaped', lines('jwt:', code`  private_key: "${K(escaped(key), kind)}"`, ''));
    // Strings concatenated over lines.
    [kind, key] = anyPem(rng, i);
    const rows = key.split('\n');
    const js = rows.map((row, n) => `  '${row}\\n'${n < rows.length - 1 ? ' +' : ';'}`).join('\n');
    add(
      `src/keys-${i}.js`,
      'js-concatenated',
      lines('const privateKey =', code`${K(js.trimStart().replace(/^/, ''), kind)}`, 'module.exports = { privateKey };', ''),
    );
    [kind, key] = anyPem(rng, i + 1);
    const javaRows = key.split('\n');
    const java = javaRows.map((row, n) => `"${row}\\n"${n < javaRows.length - 1 ? ' +' : ';'}`).join('\n            ');
    add(
      `src/main/java/io/acme/Keys${i}.java`,
      'java-concatenated',
      lines('class Keys {', code`    static final String PRIVATE_KEY = ${K(java, kind)}`, '}', ''),
    );
    [kind, key] = anyPem(rng, i + 2);
    const py = key
      .split('\n')
      .map((row) => `"${row}\\n"`)
      .join('\n    ');
    add(`app/keys_${i}.py`, 'python-concatenated', lines('SIGNING_KEY = (', code`    ${K(py, kind)}`, ')', ''));
    [kind, key] = anyPem(rng, i + 3);
    add(
      `infra/tls-${i}.tf`,
      'terraform-heredoc',
      lines(
        'resource "aws_iam_server_certificate" "app" {',
        '  name = "app"',
        '  private_key = <<EOF',
        code`${K(key, kind)}`,
        'EOF',
        '}',
        '',
      ),
    );
    [kind, key] = anyPem(rng, i + 4);
    add(`cmd/signer-${i}/main.go`, 'go-raw-string', lines('package main', '', code`const signingKey = \`${K(key, kind)}\``, ''));
    [kind, key] = anyPem(rng, i + 5);
    add(`src/Signer${i}.cs`, 'csharp-verbatim', lines('static class Signer {', code`    const string Key = @"${K(key, kind)}";`, '}', ''));
    // Without armour: the base64 of the DER alone.
    const der = i % 2 ? rsaPkcs1Der(rng) : pkcs8RsaDer(rng);
    add(`.env.noarmour${i}`, 'unarmoured', lines(code`JWT_PRIVATE_KEY=${K(der.toString('base64'), 'Private key without PEM armour')}`, ''));
    add(
      `config/keys-${i}.json`,
      'unarmoured',
      lines('{', code`  "signingKey": "${K(pkcs8RsaDer(rng).toString('base64'), 'Private key without PEM armour')}"`, '}', ''),
    );
    add(`keys/id-${i}.ppk`, 'putty', lines(code`${K(puttyKey(rng, i % 2 ? 2 : 3), `PuTTY private key (v${i % 2 ? 2 : 3})`)}`, ''));
    add(`keys/release-${i}.asc`, 'pgp', lines(code`${K(pgpPrivateKey(rng), 'PGP private key block')}`, ''));
    add(
      `.kube/config-${i}`,
      'kubeconfig',
      lines(
        'users:',
        '- name: admin',
        '  user:',
        '    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=',
        code`    client-key-data: ${K(b64(pem('RSA PRIVATE KEY', rsaPkcs1Der(rng))), 'kubeconfig client key')}`,
        '',
      ),
    );
    const gcpKey = pem('PRIVATE KEY', pkcs8RsaDer(rng));
    add(
      `secrets/sa-${i}.json`,
      'gcp-service-account',
      lines(
        '{',
        '  "type": "service_account",',
        '  "project_id": "acme-prod",',
        `  "private_key_id": "${rng.format('{hex:40}')}",`,
        code`  "private_key": "${K(escaped(gcpKey) + '\\n', 'GCP service account key')}",`,
        '  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",',
        '  "token_uri": "https://oauth2.googleapis.com/token"',
        '}',
        '',
      ),
    );
  }
  for (let i = 0; i < 4; i++) {
    const part = (n: number) => rng.bytes(n).toString('base64');
    add(
      `keys/signing-${i}.xml`,
      'dotnet-xml',
      lines(
        '<RSAKeyValue>',
        `  <Modulus>${part(256)}</Modulus>`,
        '  <Exponent>AQAB</Exponent>',
        code`  <P>${K(part(128), '.NET RSA XML private key')}</P>`,
        `  <Q>${part(128)}</Q>`,
        `  <DP>${part(128)}</DP>`,
        `  <DQ>${part(128)}</DQ>`,
        `  <InverseQ>${part(128)}</InverseQ>`,
        code`  <D>${K(part(256), '.NET RSA XML private key')}</D>`,
        '</RSAKeyValue>',
        '',
      ),
    );
    add(
      `keys/jwk-${i}.json`,
      'jwk',
      lines(
        '{',
        '  "kty": "EC",',
        '  "crv": "P-256",',
        `  "x": "${b64url(rng.bytes(32))}",`,
        `  "y": "${b64url(rng.bytes(32))}",`,
        code`  "d": "${K(b64url(rng.bytes(32)), 'JWK private key')}",`,
        `  "kid": "${rng.format('{hex:16}')}"`,
        '}',
        '',
      ),
    );
  }
  return docs;
}
