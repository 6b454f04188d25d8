// Fake credentials in the formats providers issue, made at run time so that no secret-shaped
// value is ever committed. Deterministic (the same case id always yields the same values), except
// private keys, which node:crypto generates afresh on each run.
// Formats follow the providers' public documentation and public scanner test data; checksummed
// formats (GitHub, npm) carry a valid CRC32 checksum, keys and JWTs are really generated/signed.
import crypto from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';

/** A small seeded PRNG (mulberry32) so a case's values do not change between runs. */
function rng(seedText) {
  let seed = crypto.createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function crc32(text) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < text.length; n++) {
    c = (crc ^ text.charCodeAt(n)) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n, width) {
  const chars = DIGITS + UPPER + LOWER;
  let out = '';
  while (n > 0) {
    out = chars[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

function b64url(buf) {
  return Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Generators by kind. Each gets `r` (random chars from an alphabet) and `bytes`. */
function makeKinds(random) {
  const r = (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  };
  const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const digits = (n) => String(1 + Math.floor(random() * 9)) + r(DIGITS, n - 1);
  const uuid = () => `${r(HEX, 8)}-${r(HEX, 4)}-4${r(HEX, 3)}-${'89ab'[Math.floor(random() * 4)]}${r(HEX, 3)}-${r(HEX, 12)}`;
  const ghToken = (prefix) => {
    const body = r(ALNUM, 30);
    return `${prefix}_${body}${base62(crc32(body), 6)}`;
  };
  // Passwords people actually set on service accounts: mixed classes, 14–24 characters.
  const password = () => r(ALNUM, 6) + r('!#%*-_.', 1) + r(ALNUM, 5) + r(DIGITS, 2) + r('@^+=', 1) + r(ALNUM, 3);
  const seedKey = (kind) =>
    crypto
      .createHash('sha256')
      .update(kind + r(ALNUM, 16))
      .digest();
  const jwt = (payload, key) => {
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(payload));
    const sig = b64url(crypto.createHmac('sha256', key).update(`${header}.${body}`).digest());
    return `${header}.${body}.${sig}`;
  };
  return {
    aws_access_key_id: () => 'AKIA' + r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    aws_temp_key_id: () => 'ASIA' + r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    aws_secret_key: () => {
      // About one real key in six carries a '/' or '+': make sure these do.
      const s = r(ALNUM, 40).split('');
      s[7 + Math.floor(random() * 20)] = random() < 0.5 ? '/' : '+';
      return s.join('');
    },
    aws_session_token: () => 'IQoJb3JpZ2luX2VjE' + r(B64, 300),
    github_pat: () => ghToken('ghp'),
    github_oauth: () => ghToken('gho'),
    github_app_install: () => ghToken('ghs'),
    github_refresh: () => 'ghr_' + r(ALNUM, 76),
    github_fine_grained: () => `github_pat_11${r(UPPER + DIGITS, 20)}_${r(ALNUM, 59)}`,
    gitlab_pat: () => 'glpat-' + r(ALNUM + '-_', 20),
    gitlab_runner: () => 'glrt-' + r(ALNUM + '-_', 20),
    gitlab_deploy: () => 'gldt-' + r(ALNUM + '-_', 20),
    npm_token: () => {
      const body = r(ALNUM, 30);
      return `npm_${body}${base62(crc32(body), 6)}`;
    },
    pypi_token: () => 'pypi-AgEIcHlwaS5vcmc' + r(B64URL, 150),
    slack_bot: () => `xoxb-${digits(12)}-${digits(13)}-${r(ALNUM, 24)}`,
    slack_user: () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${r(HEX, 32)}`,
    slack_app: () => `xapp-1-A${r(UPPER + DIGITS, 10)}-${digits(13)}-${r(HEX, 64)}`,
    slack_webhook: () => `https://hooks.slack.com/services/T${r(UPPER + DIGITS, 8)}/B${r(UPPER + DIGITS, 10)}/${r(ALNUM, 24)}`,
    slack_legacy: () => `xoxb-${digits(11)}-${r(ALNUM, 24)}`,
    discord_bot: () => `${b64url(digits(18))}.${r(B64URL, 6)}.${r(B64URL, 38)}`,
    discord_bot_old: () => `${b64url(digits(18))}.${r(B64URL, 6)}.${r(B64URL, 27)}`,
    discord_webhook: () => `https://discord.com/api/webhooks/${digits(19)}/${r(B64URL, 68)}`,
    teams_webhook: () =>
      `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${r(HEX, 32)}/${uuid()}/V2${r(ALNUM, 43)}`,
    stripe_secret: () => 'sk_live_51' + r(ALNUM, 97),
    stripe_restricted: () => 'rk_live_51' + r(ALNUM, 97),
    stripe_webhook_secret: () => 'whsec_' + r(ALNUM, 32),
    twilio_api_key_sid: () => 'SK' + r(HEX, 32),
    twilio_account_sid: () => 'AC' + r(HEX, 32),
    hex32: () => r(HEX, 32),
    hex40: () => r(HEX, 40),
    hex64: () => r(HEX, 64),
    alnum32: () => r(ALNUM, 32),
    alnum40: () => r(ALNUM, 40),
    sendgrid: () => `SG.${r(B64URL, 22)}.${r(B64URL, 43)}`,
    mailgun: () => `key-${r(HEX, 32)}`,
    mailgun_new: () => `${r(HEX, 32)}-${r(HEX, 8)}-${r(HEX, 8)}`,
    mailchimp: () => `${r(HEX, 32)}-us${1 + Math.floor(random() * 20)}`,
    openai_project: () => `sk-proj-${r(B64URL, 74)}T3BlbkFJ${r(B64URL, 74)}`,
    openai_legacy: () => `sk-${r(ALNUM, 20)}T3BlbkFJ${r(ALNUM, 20)}`,
    openai_admin: () => `sk-admin-${r(B64URL, 74)}T3BlbkFJ${r(B64URL, 74)}`,
    anthropic: () => `sk-ant-api03-${r(B64URL, 93)}AA`,
    anthropic_admin: () => `sk-ant-admin01-${r(B64URL, 93)}AA`,
    huggingface: () => 'hf_' + r(UPPER + LOWER, 34),
    groq: () => 'gsk_' + r(ALNUM, 52),
    openrouter: () => 'sk-or-v1-' + r(HEX, 64),
    perplexity: () => 'pplx-' + r(ALNUM, 48),
    xai: () => 'xai-' + r(ALNUM, 80),
    replicate: () => 'r8_' + r(ALNUM, 37),
    langsmith: () => `lsv2_pt_${r(HEX, 32)}_${r(HEX, 10)}`,
    pinecone: () => `pcsk_${r(ALNUM, 6)}_${r(ALNUM, 63)}`,
    datadog_api: () => r(HEX, 32),
    datadog_app: () => r(HEX, 40),
    newrelic_user: () => 'NRAK-' + r(UPPER + DIGITS, 27),
    newrelic_license: () => r(HEX, 36) + 'NRAL',
    sentry_org_token: () =>
      'sntrys_' +
      b64url(JSON.stringify({ iat: 1717000000, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })) +
      '_' +
      r(B64URL, 43),
    sentry_user_token: () => 'sntryu_' + r(HEX, 64),
    grafana_sa: () => `glsa_${r(ALNUM, 32)}_${r(HEX, 8)}`,
    grafana_cloud: () =>
      'glc_' + b64url(JSON.stringify({ o: digits(6), n: 'stack-' + digits(6) + '-hm-write', k: r(ALNUM, 24), m: { r: 'prod-eu-west-2' } })),
    shopify_access: () => 'shpat_' + r(HEX, 32),
    shopify_shared_secret: () => 'shpss_' + r(HEX, 32),
    square_access: () => 'EAAA' + r(B64URL, 60),
    square_oauth_secret: () => 'sq0csp-' + r(B64URL, 43),
    paypal_braintree: () => `access_token$production$${r(LOWER + DIGITS, 16)}$${r(HEX, 32)}`,
    digitalocean: () => 'dop_v1_' + r(HEX, 64),
    digitalocean_oauth: () => 'doo_v1_' + r(HEX, 64),
    heroku_new: () => 'HRKU-AA' + r(B64URL, 58),
    uuid: () => uuid(),
    atlassian: () => 'ATATT3xFfGF0' + r(B64URL, 171) + '=' + r(HEX.toUpperCase(), 8),
    bitbucket_app_password: () => 'ATBB' + r(ALNUM, 32),
    doppler: () => 'dp.pt.' + r(ALNUM, 43),
    vault_token: () => 'hvs.' + r(B64URL, 24),
    vault_batch: () => 'hvb.' + r(B64URL, 138),
    terraform_cloud: () => `${r(ALNUM, 14)}.atlasv1.${r(ALNUM, 67)}`,
    postman: () => `PMAK-${r(HEX, 24)}-${r(HEX, 34)}`,
    linear: () => 'lin_api_' + r(ALNUM, 40),
    notion: () => 'secret_' + r(ALNUM, 43),
    notion_new: () => 'ntn_' + digits(11) + r(ALNUM, 35),
    figma: () => `figd_${r(B64URL, 40)}`,
    databricks: () => 'dapi' + r(HEX, 32),
    telegram_bot: () => `${digits(10)}:AA${r(B64URL, 33)}`,
    alibaba_id: () => 'LTAI' + r(ALNUM, 20),
    alibaba_secret: () => r(ALNUM, 30),
    tencent_id: () => 'AKID' + r(ALNUM, 32),
    age_secret: () => 'AGE-SECRET-KEY-1' + r('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58),
    contentful: () => 'CFPAT-' + r(B64URL, 43),
    dynatrace: () => `dt0c01.${r(UPPER + DIGITS, 24)}.${r(UPPER + DIGITS, 64)}`,
    pulumi: () => 'pul-' + r(HEX, 40),
    rubygems: () => 'rubygems_' + r(HEX, 48),
    clojars: () => 'CLOJARS_' + r(LOWER + DIGITS, 60),
    shippo: () => 'shippo_live_' + r(HEX, 40),
    razorpay_id: () => 'rzp_live_' + r(ALNUM, 14),
    plaid_access: () => `access-production-${uuid()}`,
    sonar_project: () => 'sqp_' + r(HEX, 40),
    sonar_user: () => 'squ_' + r(HEX, 40),
    artifactory: () => 'AKCp' + r(ALNUM, 69),
    tailscale: () => `tskey-auth-k${r(ALNUM, 10)}CNTRL-${r(ALNUM, 33)}`,
    buildkite: () => 'bkua_' + r(HEX, 40),
    sourcegraph: () => 'sgp_' + r(HEX, 40),
    prefect: () => 'pnu_' + r(ALNUM, 36),
    easypost: () => 'EZAK' + r(ALNUM, 54),
    typeform: () => `tfp_${r(B64URL, 44)}_${r(ALNUM, 14)}`,
    planetscale_token: () => 'pscale_tkn_' + r(B64URL, 43),
    planetscale_password: () => 'pscale_pw_' + r(B64URL, 43),
    readme: () => 'rdme_' + r(LOWER + DIGITS, 70),
    infracost: () => 'ico-' + r(ALNUM, 32),
    brevo: () => `xkeysib-${r(HEX, 64)}-${r(ALNUM, 16)}`,
    resend: () => `re_${r(ALNUM, 8)}_${r(ALNUM, 24)}`,
    supabase_pat: () => 'sbp_' + r(HEX, 40),
    fly: () => 'fo1_' + r(B64URL, 43),
    cloudflare_token: () => r(B64URL, 40),
    circleci: () => `CCIPAT_${r(ALNUM, 22)}_${r(HEX, 40)}`,
    launchdarkly: () => `api-${uuid()}`,
    launchdarkly_sdk: () => `sdk-${uuid()}`,
    hubspot: () => `pat-na1-${uuid()}`,
    okta: () => '00' + r(B64URL, 40),
    dropbox: () => 'sl.u.' + r(B64URL, 140),
    facebook: () => 'EAAG' + r(ALNUM, 180),
    twitter_bearer: () => 'AAAAAAAAAAAAAAAAAAAAA' + r(ALNUM, 22) + '%2B' + r(ALNUM, 15) + '%3D' + r(ALNUM, 50),
    google_api: () => 'AIza' + r(B64URL, 35),
    google_oauth_secret: () => 'GOCSPX-' + r(B64URL, 28),
    google_refresh: () => '1//0' + r(B64URL, 99),
    azure_storage_key: () => bytes(64).toString('base64'),
    azure_sb_key: () => bytes(32).toString('base64'),
    azure_ad_secret: () => r(ALNUM, 3) + '8Q~' + r(ALNUM + '_.~-', 34),
    azure_devops_pat: () => r('abcdefghijklmnopqrstuvwxyz234567', 52),
    azure_sas_sig: () => encodeURIComponent(bytes(32).toString('base64')),
    azure_search_key: () => r(ALNUM, 52),
    mapbox_secret: () => `sk.${b64url(JSON.stringify({ u: 'acme-maps', a: 'cl' + r(LOWER + DIGITS, 23) }))}.${r(B64URL, 22)}`,
    asana: () => `2/${digits(16)}/${digits(16)}:${r(HEX, 32)}`,
    django_secret: () => r(LOWER + DIGITS + '!@#$%^&*(-_=+)', 50),
    laravel_key: () => 'base64:' + bytes(32).toString('base64'),
    rails_secret: () => r(HEX, 128),
    random_secret: () => r(ALNUM, 12) + r('-_', 1) + r(ALNUM, 19),
    password: () => password(),
    // The same password as it appears inside a URI: percent-encoded, as URI libraries write it.
    uri_password: () => encodeURIComponent(password()),
    dockerhub_pat: () => 'dckr_pat_' + r(B64URL, 27),
    docker_auth: () => Buffer.from(`ci-bot:${password()}`).toString('base64'),
    jenkins_secret: () => '{AQAAABAAAAAQ' + bytes(48).toString('base64') + '}',
    jwt_service: () => jwt({ iss: 'supabase', ref: r(LOWER, 20), role: 'service_role', iat: 1700000000, exp: 2015576000 }, seedKey('jwt')),
    jwt_bearer: () =>
      jwt({ sub: 'svc-reporting', scope: 'orders:read orders:write', iat: 1732000000, exp: 2047360000, jti: uuid() }, seedKey('jwt')),
    rsa_pkcs1: () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).trim(),
    rsa_pkcs8: () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).trim(),
    ec_key: () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).trim(),
    encrypted_pkcs8: () =>
      crypto
        .generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'unused' })
        .trim(),
    openssh_ed25519: () => opensshEd25519(bytes),
    putty_ppk: () => puttyPpk(r, bytes),
    pgp_private: () =>
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n' +
      wrap(bytes(900).toString('base64'), 64) +
      '\n=' +
      r(B64, 4) +
      '\n-----END PGP PRIVATE KEY BLOCK-----',
  };
}

function wrap(text, width) {
  return text.match(new RegExp(`.{1,${width}}`, 'g')).join('\n');
}

/** An openssh-key-v1 Ed25519 private key, laid out as ssh-keygen writes it (unencrypted). */
function opensshEd25519(bytes) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const str = (b) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, Buffer.from(b)]);
  };
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const keyType = Buffer.from('ssh-ed25519');
  const pubBlob = Buffer.concat([str(keyType), str(pub)]);
  const check = bytes(4);
  let priv = Buffer.concat([check, check, str(keyType), str(pub), str(Buffer.concat([seed, pub])), str(Buffer.from('deploy@ci'))]);
  const pad = [];
  for (let i = 1; priv.length % 8 !== 0; i++) {
    pad.push(i);
    priv = Buffer.concat([priv, Buffer.from([i])]);
  }
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    str(Buffer.from('none')),
    str(Buffer.from('none')),
    str(Buffer.alloc(0)),
    u32(1),
    str(pubBlob),
    str(priv),
  ]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(blob.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----`;
}

/** A PuTTY v3 key file body (random key material; PuTTY's layout and line counts). */
function puttyPpk(r, bytes) {
  const pub = wrap(bytes(279).toString('base64'), 64).split('\n');
  const priv = wrap(bytes(1236).toString('base64'), 64).split('\n');
  return [
    'PuTTY-User-Key-File-3: ssh-rsa',
    'Encryption: none',
    'Comment: rsa-key-20240611',
    `Public-Lines: ${pub.length}`,
    ...pub,
    `Private-Lines: ${priv.length}`,
    ...priv,
    `Private-MAC: ${r(HEX, 64)}`,
  ].join('\n');
}

/**
 * Fills a case's text: {{fake:KIND}} (same KIND twice gives the same value; KIND#2 a second one),
 * then the filters, which read the filled text between their markers:
 *   {{b64:TEXT:b64}}            base64 of TEXT ("\n" in TEXT is a newline)
 *   {{json:TEXT:json}}          TEXT as a JSON string body (newlines escaped as \n)
 *   {{jsconcat:TEXT:jsconcat}}  TEXT's lines as JavaScript string literals joined with +
 */
export function fillCase(id, text) {
  const kinds = makeKinds(rng(id));
  const made = new Map();
  const value = (kind, n = '') => {
    const key = kind + n;
    if (!made.has(key)) {
      if (!kinds[kind]) throw new Error(`case ${id}: unknown fake kind ${kind}`);
      made.set(key, kinds[kind]());
    }
    return made.get(key);
  };
  const FAKE = /\{\{fake:([a-z0-9_]+)(#\d+)?\}\}/g;
  const raw = (t) => t.replace(FAKE, (_, kind, n) => value(kind, n)).replace(/\\n/g, '\n');
  let out = text
    .replace(/\{\{b64:([\s\S]*?):b64\}\}/g, (_, t) => Buffer.from(raw(t)).toString('base64'))
    .replace(/\{\{json:([\s\S]*?):json\}\}/g, (_, t) => JSON.stringify(raw(t)).slice(1, -1))
    .replace(/\{\{jsconcat:([\s\S]*?):jsconcat\}\}/g, (_, t) =>
      raw(t)
        .trim()
        .split('\n')
        .map((line) => `'${line}\\n'`)
        .join(' +\n  '),
    );
  // A multi-line value (a PEM key) placed in an indented line keeps that indentation on every
  // line, as it would sit in a YAML block scalar.
  out = out
    .split('\n')
    .map((line) => {
      const indent = /^\s*/.exec(line)[0];
      return line.replace(FAKE, (_, kind, n) =>
        value(kind, n)
          .split('\n')
          .join('\n' + indent),
      );
    })
    .join('\n');
  if (/\{\{(fake|b64|json|jsconcat):/.test(out)) throw new Error(`case ${id}: unfilled placeholder`);
  return out;
}

export const FAKE_KINDS = Object.keys(makeKinds(rng('list')));
