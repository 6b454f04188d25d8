import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Verification } from '../../../engine';
import { stsRegion } from '../../../integrations/verify/awsSigning';
import { credentialsIn, type Credential } from '../../../integrations/verify/credentials';
import { EndpointError, parseEndpointOverrides } from '../../../integrations/verify/endpoints';
import { PROVIDERS, checkForRule, type ProviderId } from '../../../integrations/verify/providers';
import { VerdictCache, userCacheFile } from '../../../integrations/verify/verdictCache';
import { verifyCredentials, type VerifyOptions } from '../../../integrations/verify/verifier';
import { defaultEngine } from '../../support/engineFixture';
import { fake } from './fakeCredentials';
import { startFakeProviders, type FakeProvider } from './fakeProviders';

/** The credentials the engine finds in one file's text, with their values read back as the audit does. */
function credentialsOf(file: string, text: string): Credential[] {
  return credentialsIn({ text, findings: defaultEngine().scan({ path: file, text }).findings });
}

/** A working and an unknown credential of each single-value provider, as `NAME=value` lines. */
function singleValues() {
  return {
    github: { name: 'GITHUB_TOKEN', good: fake.github(), bad: fake.github(), identity: 'octocat', shown: '@octocat' },
    gitlab: { name: 'GITLAB_TOKEN', good: fake.gitlab(), bad: fake.gitlab(), identity: 'gl-bot', shown: '@gl-bot' },
    slack: { name: 'SLACK_BOT_TOKEN', good: fake.slack(), bad: fake.slack(), identity: 'deploy-bot', shown: '@deploy-bot in Acme' },
    stripe: {
      name: 'STRIPE_SECRET_KEY',
      good: fake.stripe(),
      bad: fake.stripe(),
      identity: 'Acme Payments',
      shown: 'Acme Payments (acct_1Fake)',
    },
    openai: { name: 'OPENAI_API_KEY', good: fake.openai(), bad: fake.openai(), identity: 'org-acme', shown: 'org-acme' },
    anthropic: { name: 'ANTHROPIC_API_KEY', good: fake.anthropic(), bad: fake.anthropic(), identity: 'org-uuid-1', shown: 'org-uuid-1' },
    sendgrid: { name: 'SENDGRID_API_KEY', good: fake.sendgrid(), bad: fake.sendgrid(), identity: 'mailer', shown: '@mailer' },
    npm: { name: 'NPM_TOKEN', good: fake.npm(), bad: fake.npm(), identity: 'publisher', shown: '@publisher' },
    google: { name: 'GOOGLE_API_KEY', good: fake.google(), bad: fake.google(), identity: '', shown: undefined },
    huggingface: {
      name: 'HF_TOKEN',
      good: fake.huggingface(),
      bad: fake.huggingface(),
      identity: 'hf-user',
      shown: '@hf-user (token "ci")',
    },
    datadog: { name: 'DD_API_KEY', good: fake.datadog(), bad: fake.datadog(), identity: 'x', shown: undefined },
  } satisfies Partial<Record<ProviderId, { name: string; good: string; bad: string; identity: string; shown?: string }>>;
}

const awsFile = (keyId: string, secret: string, extra = '') =>
  `[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n${extra}`;

describe('live verification (integrations/verify against loopback providers)', function () {
  this.timeout(30_000);
  let fakes: Map<ProviderId, FakeProvider>;
  let tmp: string;
  const endpoints = (): VerifyOptions['endpoints'] => Object.fromEntries([...fakes].map(([id, f]) => [id, f.url]));
  const verify = (credentials: Credential[], options: VerifyOptions = {}) =>
    verifyCredentials(credentials, { endpoints: endpoints(), ...options });
  const verdictOf = (run: { verdicts: Map<string, Verification> }, c: Credential | undefined) => {
    assert.ok(c, 'the credential was found');
    return run.verdicts.get(c.key);
  };

  before(async () => {
    fakes = await startFakeProviders();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-verify-'));
  });
  after(async () => {
    await Promise.all([...fakes.values()].map((f) => f.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const f of fakes.values()) {
      f.reset();
      f.valid.clear();
      f.limited.clear();
      f.awsKeys.clear();
    }
  });

  it('asks each provider its own endpoint: a working credential is live with its owner, an unknown one invalid', async () => {
    const values = singleValues();
    for (const [id, v] of Object.entries(values)) fakes.get(id as ProviderId)!.valid.set(v.good, v.identity);
    const aws = { keyId: fake.awsKeyId(), secret: fake.awsSecret() };
    fakes.get('aws')!.awsKeys.set(aws.keyId, { secret: aws.secret, arn: 'arn:aws:iam::123456789012:user/ci' });
    const twilio = { sid: fake.twilioAccountSid(), token: fake.twilioToken(), badToken: fake.twilioToken() };
    fakes.get('twilio')!.valid.set(`${twilio.sid}:${twilio.token}`, 'Acme SMS');

    const env = (which: 'good' | 'bad') =>
      Object.values(values)
        .map((v) => `${v.name}=${v[which]}`)
        .join('\n') + '\n';
    const good = credentialsOf('good.env', env('good'));
    const bad = credentialsOf('bad.env', env('bad'));
    const awsGood = credentialsOf('aws/credentials', awsFile(aws.keyId, aws.secret));
    const twilioGood = credentialsOf('twilio.env', `TWILIO_ACCOUNT_SID=${twilio.sid}\nTWILIO_AUTH_TOKEN=${twilio.token}\n`);
    const twilioBad = credentialsOf('old/twilio.env', `TWILIO_ACCOUNT_SID=${twilio.sid}\nTWILIO_AUTH_TOKEN=${twilio.badToken}\n`);
    assert.equal(good.length, Object.keys(values).length, good.map((c) => c.provider.id).join());
    assert.equal(bad.length, Object.keys(values).length);

    const run = await verify([...good, ...bad, ...awsGood, ...twilioGood, ...twilioBad]);
    for (const [id, v] of Object.entries(values)) {
      const live = verdictOf(
        run,
        good.find((c) => c.provider.id === id),
      );
      assert.equal(live?.state, 'live', `${id}: ${JSON.stringify(live)}`);
      assert.equal(live?.identity, v.shown, id);
      assert.equal(live?.provider, PROVIDERS.find((p) => p.id === id)!.name);
      assert.ok(!Number.isNaN(Date.parse(live!.checkedAt)));
      const invalid = verdictOf(
        run,
        bad.find((c) => c.provider.id === id),
      );
      assert.equal(invalid?.state, 'invalid', `${id}: ${JSON.stringify(invalid)}`);
    }
    assert.deepEqual(
      { ...verdictOf(run, awsGood[0]), checkedAt: '' },
      { state: 'live', provider: 'AWS', identity: 'arn:aws:iam::123456789012:user/ci', checkedAt: '' },
    );
    assert.equal(verdictOf(run, twilioGood[0])?.identity, `Acme SMS (${twilio.sid})`);
    assert.equal(verdictOf(run, twilioBad[0])?.state, 'invalid');
    assert.equal(run.sent, 2 * Object.keys(values).length + 3);

    // Each fake received its own provider's credentials and nobody else's.
    const everyValue = new Map<ProviderId, string[]>(
      Object.entries(values).map(([id, v]) => [id as ProviderId, [v.good, v.bad]] as [ProviderId, string[]]),
    );
    everyValue.set('aws', [aws.secret]);
    everyValue.set('twilio', [twilio.token, twilio.badToken]);
    for (const [id, f] of fakes) {
      const received = f.received();
      for (const [owner, secrets] of everyValue) {
        for (const secret of secrets) {
          if (owner === id && id !== 'aws') assert.ok(received.includes(secret), `${id} got its own credential`);
          else assert.ok(!received.includes(secret), `${id} must not receive a ${owner} credential`);
        }
      }
    }
    // The AWS secret only signs: it never travels, the key ID does (in the credential scope).
    assert.ok(fakes.get('aws')!.received().includes(aws.keyId));
  });

  it('AWS: the fake STS recomputes the SigV4 signature; a wrong secret or an unknown key is invalid', async () => {
    const sts = fakes.get('aws')!;
    const keyId = fake.awsKeyId();
    sts.awsKeys.set(keyId, { secret: fake.awsSecret(), arn: 'arn:aws:iam::111122223333:user/deploy' });
    const wrongSecret = credentialsOf('a.ini', awsFile(keyId, fake.awsSecret()));
    const unknownKey = credentialsOf('b.ini', awsFile(fake.awsKeyId(), fake.awsSecret()));
    const run = await verify([...wrongSecret, ...unknownKey]);
    assert.equal(verdictOf(run, wrongSecret[0])?.state, 'invalid');
    assert.equal(verdictOf(run, unknownKey[0])?.state, 'invalid');
    assert.equal(sts.seen.length, 2);
    assert.match(sts.seen[0].body, /^Action=GetCallerIdentity&Version=2011-06-15$/);
    assert.match(
      String(sts.seen[0].headers.authorization),
      /^AWS4-HMAC-SHA256 Credential=AKIA[A-Z2-7]{16}\/\d{8}\/us-east-1\/sts\/aws4_request/,
    );
  });

  it('AWS: temporary keys are verified with their session token, and not at all without one', async () => {
    const keyId = fake.awsTempKeyId();
    const secret = fake.awsSecret();
    const token = fake.awsSessionToken();
    fakes.get('aws')!.awsKeys.set(keyId, { secret, sessionToken: token, arn: 'arn:aws:sts::123456789012:assumed-role/ci/session' });
    const withToken = credentialsOf('s.ini', awsFile(keyId, secret, `aws_session_token = ${token}\n`));
    assert.equal(withToken.length, 1);
    assert.equal(credentialsOf('t.ini', awsFile(keyId, secret)).length, 0, 'an ASIA key without its session token is not sent');
    const run = await verify(withToken);
    assert.equal(verdictOf(run, withToken[0])?.identity, 'arn:aws:sts::123456789012:assumed-role/ci/session');
    assert.equal(withToken[0].fingerprints.length, 3, 'the key ID, the secret and the session token share the verdict');
  });

  it('AWS: the signing region follows the STS endpoint (GovCloud, China), else the global one', () => {
    assert.equal(stsRegion('sts.us-gov-west-1.amazonaws.com'), 'us-gov-west-1');
    assert.equal(stsRegion('sts.cn-north-1.amazonaws.com.cn'), 'cn-north-1');
    assert.equal(stsRegion('sts.amazonaws.com'), 'us-east-1');
    assert.equal(stsRegion('127.0.0.1'), 'us-east-1');
  });

  it('pairs each AWS key ID with the secret nearest to it, and each Twilio token with its SID', async () => {
    const [a, b] = [
      { keyId: fake.awsKeyId(), secret: fake.awsSecret() },
      { keyId: fake.awsKeyId(), secret: fake.awsSecret() },
    ];
    const sts = fakes.get('aws')!;
    sts.awsKeys.set(a.keyId, { secret: a.secret, arn: 'arn:aws:iam::1:user/a' });
    sts.awsKeys.set(b.keyId, { secret: b.secret, arn: 'arn:aws:iam::1:user/b' });
    const text = `[a]\naws_access_key_id = ${a.keyId}\naws_secret_access_key = ${a.secret}\n\n[b]\naws_access_key_id = ${b.keyId}\naws_secret_access_key = ${b.secret}\n`;
    const pairs = credentialsOf('credentials', text);
    assert.deepEqual(
      pairs.map((c) => [c.id, c.secret]),
      [
        [a.keyId, a.secret],
        [b.keyId, b.secret],
      ],
    );
    const run = await verify(pairs);
    assert.deepEqual(
      pairs.map((c) => run.verdicts.get(c.key)?.identity),
      ['arn:aws:iam::1:user/a', 'arn:aws:iam::1:user/b'],
    );
    // Far apart in a file with several of each: not paired (a guess would send a secret with the wrong key).
    const far = `aws_access_key_id = ${a.keyId}\naws_access_key_id = ${b.keyId}\n${'\n'.repeat(30)}aws_secret_access_key = ${a.secret}\n`;
    assert.equal(credentialsOf('far.ini', far).length, 0);

    const sid = fake.twilioAccountSid();
    const token = fake.twilioToken();
    const twilio = credentialsOf('app.py', `TWILIO_AUTH_TOKEN = "${token}"\nclient = Client("${sid}", TWILIO_AUTH_TOKEN)\n`);
    assert.deepEqual(
      twilio.map((c) => [c.id, c.secret]),
      [[sid, token]],
    );
    assert.equal(credentialsOf('lonely.env', `TWILIO_AUTH_TOKEN=${token}\n`).length, 0, 'no SID, nothing to send');
  });

  it('an .npmrc token goes to npmjs.org only when its line names registry.npmjs.org', () => {
    const token = fake.github().replace('ghp_', 'tok');
    const npmjs = credentialsOf('.npmrc', `//registry.npmjs.org/:_authToken=${token}\n`);
    assert.deepEqual(
      npmjs.map((c) => c.provider.id),
      ['npm'],
    );
    assert.deepEqual(credentialsOf('.npmrc', `//npm.example.com/:_authToken=${token}\n`), []);
  });

  it('a file edited since the scan gives no value: the fingerprint must still match', () => {
    const token = fake.github();
    const text = `GITHUB_TOKEN=${token}\n`;
    const findings = defaultEngine().scan({ path: '.env', text }).findings;
    assert.equal(credentialsIn({ text, findings }).length, 1);
    const edited = text.replace(token, fake.github());
    assert.deepEqual(credentialsIn({ text: edited, findings }), []);
  });

  it('a value that does not look like the provider’s credential is never sent, whatever rule it came under', async () => {
    const github = checkForRule('github-pat-classic')!;
    const forged: Credential = { ...github, secret: fake.awsSecret(), fingerprints: ['f'], key: 'github:f' };
    const run = await verify([forged]);
    assert.equal(run.verdicts.size, 0);
    assert.equal(fakes.get('github')!.seen.length, 0);
  });

  it('an identity that quotes the credential is dropped', async () => {
    const token = fake.github();
    fakes.get('github')!.valid.set(token, token);
    const [c] = credentialsOf('.env', `GITHUB_TOKEN=${token}\n`);
    const run = await verify([c]);
    assert.deepEqual({ ...run.verdicts.get(c.key), checkedAt: '' }, { state: 'live', provider: 'GitHub', checkedAt: '' });
  });

  it('GitLab tokens without read_user, Google keys of a project without the API and Twilio API keys that may not list accounts are live', async () => {
    const gitlab = fake.gitlab();
    const google = fake.google();
    const apiKeySid = `SK${fake.twilioToken()}`;
    const apiKeySecret = fake.twilioToken();
    fakes.get('gitlab')!.limited.add(gitlab);
    fakes.get('google')!.limited.add(google);
    fakes.get('google')!.valid.set(google, 'projects/123456');
    fakes.get('twilio')!.limited.add(`${apiKeySid}:${apiKeySecret}`);
    const cs = credentialsOf(
      '.env',
      `GITLAB_TOKEN=${gitlab}\nGOOGLE_API_KEY=${google}\nTWILIO_API_KEY=${apiKeySid}\nTWILIO_API_SECRET=${apiKeySecret}\n`,
    );
    const run = await verify(cs);
    assert.deepEqual(
      cs.map((c) => [c.provider.id, run.verdicts.get(c.key)?.state, run.verdicts.get(c.key)?.identity]),
      [
        ['gitlab', 'live', undefined],
        ['google', 'live', 'projects/123456'],
        ['twilio', 'live', undefined],
      ],
    );
    // The API key SID is a finding of its own: it shares the verdict.
    assert.equal(cs[2].id, apiKeySid);
    assert.equal(cs[2].fingerprints.length, 2);
  });

  describe('when the provider does not answer well: unknown, never an exception', () => {
    const one = () => credentialsOf('.env', `GITHUB_TOKEN=${fake.github()}\n`);

    it('a request that hangs times out', async () => {
      fakes.get('github')!.mode = 'hang';
      const [c] = one();
      const run = await verify([c], { timeoutMs: 300 });
      assert.deepEqual([run.verdicts.get(c.key)?.state, run.verdicts.get(c.key)?.detail], ['unknown', 'timed out after 0.3 s']);
    });

    it('a server error', async () => {
      fakes.get('github')!.mode = 'error';
      const [c] = one();
      const run = await verify([c]);
      assert.deepEqual([run.verdicts.get(c.key)?.state, run.verdicts.get(c.key)?.detail], ['unknown', 'provider error (HTTP 503)']);
    });

    it('nobody listening', async () => {
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      const [c] = one();
      const run = await verifyCredentials([c], { endpoints: { github: `http://127.0.0.1:${port}` } });
      assert.deepEqual([run.verdicts.get(c.key)?.state, run.verdicts.get(c.key)?.detail], ['unknown', 'network error (ECONNREFUSED)']);
    });

    it('a redirect is not followed: the credential goes nowhere else', async () => {
      const github = fakes.get('github')!;
      const elsewhere = fakes.get('gitlab')!;
      github.mode = 'redirect';
      github.redirectTo = `${elsewhere.origin}/api/v4/user`;
      const [c] = one();
      const run = await verify([c]);
      assert.deepEqual(
        [run.verdicts.get(c.key)?.state, run.verdicts.get(c.key)?.detail],
        ['unknown', 'redirected (HTTP 302, not followed)'],
      );
      assert.equal(elsewhere.seen.length, 0);
    });

    it('429 with a short Retry-After: waits it out, then asks once more', async () => {
      const github = fakes.get('github')!;
      github.mode = 'rate-limit-once';
      const [c] = one();
      github.valid.set(c.secret, 'octocat');
      const run = await verify([c]);
      assert.equal(run.verdicts.get(c.key)?.state, 'live');
      assert.equal(github.seen.length, 2);
      assert.ok(github.seen[1].at - github.seen[0].at >= 990, 'the retry came after Retry-After');
    });

    it('429 with a long Retry-After: unknown, and the provider is not asked again in this run', async () => {
      const github = fakes.get('github')!;
      github.mode = 'rate-limit-long';
      const cs = [...one(), ...one(), ...one()];
      const run = await verify(cs, { concurrency: 1 });
      assert.deepEqual(
        cs.map((c) => run.verdicts.get(c.key)?.state),
        ['unknown', 'unknown', 'unknown'],
      );
      assert.match(run.verdicts.get(cs[0].key)!.detail!, /^rate limited \(retry after 3600 s\)$/);
      assert.equal(github.seen.length, 1);
      assert.match(run.notes.join('\n'), /rate limited by GitHub/);
    });

    it('the time budget bounds the whole stage: what is left is not sent', async () => {
      const github = fakes.get('github')!;
      github.mode = 'hang';
      const cs = [...one(), ...one(), ...one()];
      const run = await verify(cs, { concurrency: 1, budgetMs: 400, timeoutMs: 5_000 });
      assert.equal(github.seen.length, 1);
      assert.deepEqual(
        cs.map((c) => run.verdicts.get(c.key)?.detail),
        ['timed out after 0.4 s', 'time budget spent', 'time budget spent'],
      );
      assert.match(run.notes.join('\n'), /2 credentials not checked: the 0\.4 s time budget was spent/);
    });
  });

  it('at most `concurrency` requests are in flight', async () => {
    const github = fakes.get('github')!;
    // Answers are held until two requests wait: one at a time would never be answered.
    github.gate = 2;
    const cs = Array.from({ length: 6 }, () => credentialsOf('.env', `GITHUB_TOKEN=${fake.github()}\n`)[0]);
    const run = await verify(cs, { concurrency: 2 });
    assert.equal(github.maxInFlight, 2);
    assert.equal(run.sent, 6);
    assert.ok([...run.verdicts.values()].every((v) => v.state === 'invalid'));
  });

  it('the same credential in two places is asked about once', async () => {
    const token = fake.github();
    const a = credentialsOf('a.env', `GITHUB_TOKEN=${token}\n`);
    const b = credentialsOf('b/c.env', `export GITHUB_TOKEN="${token}"\n`);
    const run = await verify([...a, ...b]);
    assert.equal(a[0].key, b[0].key);
    assert.equal(fakes.get('github')!.seen.length, 1);
    assert.equal(run.verdicts.size, 1);
  });

  describe('verdict cache', () => {
    it('keeps verdicts by fingerprint in a file that holds no value; a second run asks nothing', async () => {
      const file = path.join(tmp, 'cache', 'verify-cache.json');
      const good = fake.github();
      const bad = fake.github();
      fakes.get('github')!.valid.set(good, 'octocat');
      const cs = credentialsOf('.env', `GITHUB_TOKEN=${good}\nGH_TOKEN=${bad}\n`);
      const first = await verify(cs, { cacheFile: file });
      assert.equal(first.sent, 2);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(!text.includes(good) && !text.includes(bad), 'no value in the cache file');
      for (const c of cs) assert.ok(text.includes(c.fingerprints[0]), 'keyed by fingerprint');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const second = await verify(cs, { cacheFile: file });
      assert.equal(second.sent, 0);
      assert.equal(second.cached, 2);
      assert.deepEqual(
        cs.map((c) => second.verdicts.get(c.key)),
        cs.map((c) => first.verdicts.get(c.key)),
      );
      assert.equal(fakes.get('github')!.seen.length, 2);
    });

    it('does not keep unknown verdicts, nor reuse a verdict from another endpoint', async () => {
      const cache = new VerdictCache();
      const [c] = credentialsOf('.env', `GITHUB_TOKEN=${fake.github()}\n`);
      const github = fakes.get('github')!;
      github.mode = 'error';
      await verify([c], { cache });
      github.mode = 'normal';
      assert.equal((await verify([c], { cache })).sent, 1, 'unknown is asked again');
      assert.equal((await verify([c], { cache })).sent, 0, 'invalid is kept');
      const elsewhere = await verifyCredentials([c], { cache, endpoints: { ...endpoints(), github: `${github.origin}/api/v3` } });
      assert.equal(elsewhere.sent, 1, 'another endpoint is asked');
    });

    it('forgets a verdict after its TTL', () => {
      let now = 1_000_000;
      const cache = new VerdictCache({ liveTtlMs: 1000, now: () => now });
      cache.set('github:f', 'https://api.github.com', { state: 'live', provider: 'GitHub', checkedAt: 'then' });
      assert.equal(cache.get('github:f', 'https://api.github.com')?.state, 'live');
      now += 1001;
      assert.equal(cache.get('github:f', 'https://api.github.com'), undefined);
    });

    it('lives in the user cache folder by default', () => {
      assert.equal(
        userCacheFile({ XDG_CACHE_HOME: '/x/cache' }, 'linux', () => '/home/u'),
        path.join('/x/cache', 'nhi-lens', 'verify-cache.json'),
      );
      assert.equal(
        userCacheFile({}, 'linux', () => '/home/u'),
        path.join('/home/u', '.cache', 'nhi-lens', 'verify-cache.json'),
      );
      assert.equal(
        userCacheFile({}, 'darwin', () => '/Users/u'),
        path.join('/Users/u', 'Library', 'Caches', 'nhi-lens', 'verify-cache.json'),
      );
      // None with no home folder known, or only a relative one: verdicts are kept for the run only.
      assert.equal(
        userCacheFile({}, 'linux', () => 'relhome'),
        undefined,
      );
      assert.equal(
        userCacheFile({}, 'linux', () => {
          throw new Error('no home');
        }),
        undefined,
      );
    });
  });

  describe('endpoints (the user’s only)', () => {
    it('accepts https, and plain http to a loopback address', () => {
      assert.deepEqual(parseEndpointOverrides(['github=https://github.example.com/api/v3/', 'aws=http://127.0.0.1:8080']), {
        github: 'https://github.example.com/api/v3',
        aws: 'http://127.0.0.1:8080',
      });
      assert.deepEqual(parseEndpointOverrides(['gitlab=https://a.example,datadog=https://api.datadoghq.eu']), {
        gitlab: 'https://a.example',
        datadog: 'https://api.datadoghq.eu',
      });
    });

    for (const bad of [
      'github=http://github.example.com',
      'github=http://10.0.0.1/api',
      'github=https://user:pass@github.example.com',
      'github=https://github.example.com/api?x=1',
      'nosuch=https://x.example',
      'github',
      'github=not a url',
    ]) {
      it(`refuses ${bad}`, () => {
        assert.throws(() => parseEndpointOverrides([bad]), EndpointError);
      });
    }
  });
});
