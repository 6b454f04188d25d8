/**
 * Values that sit where secrets sit (under secret-sounding names, in the same syntaxes) and are
 * not secrets: placeholders, templates and references, identifiers, hashes, settings, vendor
 * documentation samples, masks, test-database defaults. They are written through the same
 * contexts as the positives.
 */
import type { Entry } from './contexts';
import { negative } from './document';
import { PROVIDERS } from './providers';
import { ALNUM, BASE64, BASE64URL, type Rng } from '../../support/seededRandom';

/** The jwt.io sample token: published on jwt.io and copied into countless docs and tests. */
export const JWT_IO_SAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

const PLACEHOLDERS = [
  '<your-api-key>',
  '<YOUR_TOKEN>',
  'your-api-key-here',
  'YOUR_API_KEY',
  'xxxxxxxxxxxxxxxxxxxxxxxx',
  'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  'changeme',
  'CHANGE_ME',
  'change-me-in-production',
  'REPLACE_ME',
  'replace-with-your-token',
  'TODO',
  '<token>',
  '<insert token here>',
  '[REDACTED]',
  'dummy-token',
  'none',
  'null',
  'example',
  '...',
  'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
  'sk_test_XXXXXXXXXXXXXXXXXXXXXXXX',
  'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'xoxb-your-bot-token',
  'glpat-xxxxxxxxxxxxxxxxxxxx',
  'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'fake-api-key-for-local-dev',
  'not-a-real-secret',
  'insert_key_here',
  'your_password_here',
  'sample_token_value',
  'notasecret',
  '0000000000000000',
  'abcdef0123456789abcdef0123456789',
  '1234567890abcdef1234567890abcdef',
  'AKIAXXXXXXXXXXXXXXXX',
  'sk-...',
  'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  'placeholder',
];

const MASKS = [
  '********',
  '••••••••',
  '[FILTERED]',
  '***REDACTED***',
  '<hidden>',
  '******',
  '[MASKED]',
  '*** hidden ***',
  '<redacted>',
  'XXXX-XXXX-XXXX',
];

const WORDS = ['password', 'secret', 'token', 'apikey', 'admin', 'root', 'test', 'none', 'true', 'default', 'required', 'string'];

function template(rng: Rng, w: string[]): string {
  const E = w.join('_').toUpperCase();
  const s = w.join('_').toLowerCase();
  const c = w.map((x, i) => (i ? x[0].toUpperCase() + x.slice(1) : x)).join('');
  return rng.pick([
    `\${${E}}`,
    `\${{ secrets.${E} }}`,
    `{{ .Values.${c} }}`,
    `{{ ${s} }}`,
    `%(${s})s`,
    `#{${c}}`,
    `$(${E})`,
    `%${E}%`,
    `\${env:${E}}`,
    `\${${E}:-}`,
    `$${E}`,
    `@${E}@`,
    `<%= ENV["${E}"] %>`,
    `{{resolve:secretsmanager:prod/${s}:SecretString:value}}`,
    `{{resolve:ssm-secure:/prod/${s}}}`,
    `op://Production/${c}/credential`,
    `vault:secret/data/prod#${s}`,
    `ENC[AES256_GCM,data:${rng.chars(BASE64, 32)},iv:${rng.chars(BASE64, 43)}=,tag:${rng.chars(BASE64, 22)}==,type:str]`,
    `\${ssm:/prod/${s}}`,
    `\${file(./secrets.yml):${c}}`,
    `{{ lookup('env', '${E}') }}`,
    `$__file{/run/secrets/${s}}`,
    `arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/${s}-${rng.chars(ALNUM, 6)}`,
    `projects/acme-prod/secrets/${s}/versions/latest`,
    `@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/${c}/)`,
    `\${${E}?is required}`,
    `{{ vault "secret/data/${s}" }}`,
  ]);
}

/** Identifiers and public values under names that sound like secrets. */
const IDENTIFIERS: Array<[string, (r: Rng) => string]> = [
  ['azure tenant id', (r) => r.uuid()],
  ['azure subscription id', (r) => r.uuid()],
  ['google client id', (r) => r.format('{d:12}-{lan:32}.apps.googleusercontent.com')],
  ['aws account id', (r) => r.format('{d:12}')],
  ['cloudflare zone id', (r) => r.format('{hex:32}')],
  ['cloudflare account id', (r) => r.format('{hex:32}')],
  ['twilio account sid', (r) => r.format('AC{hex:32}')],
  ['kms key id', (r) => r.uuid()],
  ['signing key id', (r) => r.format('{hex:16}')],
  ['stripe publishable key', (r) => r.format('pk_live_51{an:97}')],
  ['posthog project api key', (r) => r.format('phc_{an:43}')],
  [
    'mapbox public token',
    (r) => `pk.${Buffer.from(JSON.stringify({ u: 'acme', a: r.format('{lan:25}') })).toString('base64url')}.${r.chars(BASE64URL, 22)}`,
  ],
  ['sentry dsn', (r) => r.format('https://{hex:32}@o{d:6}.ingest.sentry.io/{d:7}')],
  ['recaptcha site key', (r) => r.format('6L{b64u:38}')],
  ['ga measurement id', (r) => r.format('G-{AN:10}')],
  ['algolia app id', (r) => r.format('{AN:10}')],
  ['algolia search only key', (r) => r.format('{hex:32}')],
  ['firebase app id', (r) => r.format('1:{d:12}:web:{hex:22}')],
  ['appinsights instrumentation key', (r) => r.uuid()],
  ['vapid public key', (r) => r.format('B{b64u:86}')],
  ['stripe price id', (r) => r.format('price_1{an:23}')],
  ['slack channel id', (r) => r.format('C0{AN:9}')],
  ['github app id', (r) => r.format('{d:6}')],
  ['github client id', (r) => r.format('Iv1.{hex:16}')],
  ['oauth client id', (r) => r.format('{hex:20}')],
  ['mongo object id', (r) => r.format('{hex:24}')],
  ['request id', (r) => r.uuid()],
  ['trace id', (r) => r.format('{hex:32}')],
  ['git commit sha', (r) => r.format('{hex:40}')],
  ['image digest', (r) => r.format('sha256:{hex:64}')],
  ['build id', (r) => r.uuid()],
  ['ssh public key', (r) => r.format('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64:43} deploy@ci')],
  ['gpg key id', (r) => r.format('{HEX:16}')],
  ['ssh key fingerprint', (r) => r.format('SHA256:{b64:43}')],
  ['cert thumbprint', (r) => r.format('{HEX:40}')],
  ['vpc id', (r) => r.format('vpc-0{hex:16}')],
  ['deploy role arn', (r) => r.format('arn:aws:iam::{d:12}:role/github-deploy')],
  ['kms key arn', (r) => `arn:aws:kms:eu-west-1:${r.format('{d:12}')}:key/${r.uuid()}`],
  ['api key id', (r) => r.format('{AN:10}')],
  ['access key name', () => 'ci-deployer'],
  ['secret version id', (r) => r.uuid()],
  ['public key', (r) => r.format('MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE{b64:86}==')],
  ['token issuer', () => 'https://auth.acme.io/'],
  ['client id', (r) => r.uuid()],
  ['idempotency key', (r) => r.uuid()],
  ['cache key prefix', () => 'user-session:v2:'],
  ['partition key', () => '/tenantId'],
];

const HASHES: Array<[string, (r: Rng) => string]> = [
  ['file sha256', (r) => r.format('{hex:64}')],
  ['checksum', (r) => r.format('{hex:64}')],
  ['archive md5', (r) => r.format('{hex:32}')],
  ['etag', (r) => r.format('W/"{hex:32}"')],
  ['integrity', (r) => r.format('sha512-{b64:86}==')],
  ['password hash', (r) => `$2b$12$${r.chars(ALNUM + './', 53)}`],
  ['admin password digest', (r) => `pbkdf2_sha256$600000$${r.chars(ALNUM, 22)}$${r.chars(BASE64, 43)}=`],
  ['password digest', (r) => `$argon2id$v=19$m=65536,t=3,p=4$${r.chars(BASE64, 22)}$${r.chars(BASE64, 43)}`],
  ['token hash', (r) => r.format('{hex:64}')],
  ['api key sha256', (r) => r.format('{hex:64}')],
  ['content hash', (r) => r.format('{hex:20}')],
  ['lfs oid', (r) => r.format('sha256:{hex:64}')],
];

const KNOBS: Array<[string, string]> = [
  ['token ttl', '3600'],
  ['password min length', '12'],
  ['max tokens', '4096'],
  ['secret rotation days', '90'],
  ['token expiry', '15m'],
  ['password reset timeout', '259200'],
  ['api key header', 'X-API-Key'],
  ['auth scheme', 'Bearer'],
  ['token type', 'Bearer'],
  ['secret name', 'prod/billing/db'],
  ['password file', '/run/secrets/db_password'],
  ['token url', 'https://oauth2.googleapis.com/token'],
  ['private key path', '/etc/ssl/private/app.key'],
  ['credentials file', '/var/run/secrets/gcp/sa.json'],
  ['secret store', 'aws-secrets-manager'],
  ['token endpoint', 'https://login.microsoftonline.com/common/oauth2/v2.0/token'],
  ['password policy', 'strong'],
  ['secret key ref', 'db-credentials'],
  ['token audience', 'api://acme-billing'],
  ['key vault name', 'acme-kv-prod'],
  ['password encoder', 'bcrypt'],
  ['signing algorithm', 'RS256'],
  ['secret mount path', '/mnt/secrets-store'],
  ['api key location', 'header'],
  ['token cookie name', '__Host-session'],
  ['password field', 'user_password'],
  ['secret provider class', 'azure-kv-sync'],
  ['token refresh margin', '300s'],
  ['api key prefix', 'acme_live_'],
  ['password hash algorithm', 'argon2id'],
];

/** Default credentials of local and test databases (docker images' documented defaults). */
const FIXTURE_URIS = [
  'postgres://postgres:postgres@localhost:5432/app_test',
  'mysql://root:root@127.0.0.1:3306/test',
  'mongodb://admin:admin@localhost:27017',
  'redis://:password@localhost:6379/0',
  'amqp://guest:guest@localhost:5672/',
  'postgresql://user:password@localhost/mydb',
  'postgres://test:test@localhost:5432/test',
  'mysql://user:secret@localhost/dev',
  'postgresql://postgres:example@127.0.0.1:5432/postgres',
  'mongodb://root:example@localhost:27017/',
  'postgresql://dev:dev@localhost:5432/dev_db',
  'amqp://guest:guest@127.0.0.1:5672//',
  'mysql://app:app@localhost:3306/app_dev',
  'postgres://postgres:password@localhost:5432/postgres',
  'redis://default:redispw@localhost:55000',
  'mssql://sa:yourStrong(!)Password@localhost:1433',
];

const AKIA_SAMPLES = [
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'AKIATESTTESTTESTTEST',
  'AKIAFAKEFAKEFAKEFAKE',
  'AKIAKEYKEYKEYKEYKEYK',
  'AKIAEXAMPLEEXAMPLEEX',
  'AKIADUMMYDUMMYDUMMYD',
  'AKIAABCDABCDABCDABCD',
  'AKIAAAAAAAAAAAAAAAAA',
  'AKIAEXAMPLEKEYEXAMPL',
];

const VENDOR_SAMPLES: Array<[string, string]> = [
  ['aws secret access key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['aws secret access key', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'],
  ['stripe secret key', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
  ['jwt token', JWT_IO_SAMPLE],
  ['access token', JWT_IO_SAMPLE],
  ['slack bot token', 'xoxb-not-a-real-token-this-will-not-work'],
  ['twilio account sid', 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  ['twilio auth token', 'your_auth_token'],
];

const words = (s: string) => s.split(' ');
const providerWords = (r: Rng) => r.pick(PROVIDERS).words;

/** `count` named negatives, cycling through the families so each is represented. */
export function namedNegatives(rng: Rng, count: number): Entry[] {
  const out: Entry[] = [];
  const families: Array<() => Entry> = [
    () => ({ words: providerWords(rng), mark: negative(rng.pick(PLACEHOLDERS), 'placeholder') }),
    () => {
      const w = providerWords(rng);
      return { words: w, mark: negative(template(rng, w), 'template or reference', 'template') };
    },
    () => {
      const [name, make] = rng.pick(IDENTIFIERS);
      return { words: words(name), mark: negative(make(rng), name, 'identifier') };
    },
    () => {
      const [name, make] = rng.pick(HASHES);
      return { words: words(name), mark: negative(make(rng), name, 'hash') };
    },
    () => {
      const [name, value] = rng.pick(KNOBS);
      return { words: words(name), mark: negative(value, name, 'setting') };
    },
    () => ({ words: providerWords(rng), mark: negative(rng.pick(MASKS), 'mask') }),
    () => ({ words: providerWords(rng), mark: negative(rng.pick(WORDS), 'word') }),
    () => ({
      words: words(rng.pick(['database url', 'test database url', 'redis url', 'broker url'])),
      mark: negative(rng.pick(FIXTURE_URIS), 'local default credentials', 'fixture-uri'),
    }),
    () => ({ words: words('aws access key id'), mark: negative(rng.pick(AKIA_SAMPLES), 'AKIA sample or repeated word', 'vendor-sample') }),
    () => {
      const [name, value] = rng.pick(VENDOR_SAMPLES);
      return { words: words(name), mark: negative(value, 'vendor documentation sample', 'vendor-sample') };
    },
  ];
  for (let i = 0; i < count; i++) {
    out.push(families[i % families.length]());
  }
  return out;
}
