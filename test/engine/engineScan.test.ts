import * as assert from 'node:assert/strict';
import { Baseline, DEFAULT_LIMITS, baselineOf } from '../../engine';
import { builtinRules, defaultEngine, testEngine } from '../support/engineFixture';

const AWS_KEY = 'AKIAZ3MPLQ7RTX4VWY2Q';
const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

describe('Engine.scan', () => {
  const engine = defaultEngine();

  it('a rule limited to files by name (`files`) reads every line of those files and no other', () => {
    const hex = Array.from({ length: 32 }, (_, i) => '0123456789abcdef'[(i * 7 + 3) % 16]).join('');
    const ids = (path: string, text: string) => engine.scan({ path, text }).findings.map((f) => f.ruleId);
    assert.deepEqual(ids('config/master.key', `${hex}\n`), ['rails-master-key']);
    assert.deepEqual(ids('apps/shop/config/credentials/production.key', hex), ['rails-master-key']);
    assert.deepEqual(ids('config/other.key', `${hex}\n`), []);
    const password = ['mqmuqfFd', 'iONIkECh', 'e2963v9g'].join('');
    const line = `db.internal:5432:app:app:${password}`;
    assert.deepEqual(ids('.pgpass', `# host:port:db:user:password\n${line}\n`), ['pgpass-password']);
    assert.deepEqual(ids('notes/hosts.txt', line), []);
    // Only small files are read line by line: a 64 KiB+ file of that name is not a credential file.
    assert.deepEqual(ids('.pgpass', `${'#'.repeat(70_000)}\n${line}\n`), []);
  });

  it('reports the exact range of the value, masked, with what a quick-fix needs', () => {
    const text = `import os\n\nclient = boto3.client("s3", aws_access_key_id="${AWS_KEY}")\n`;
    const [finding] = engine.scan({ path: 'app/storage.py', text }).findings;
    assert.equal(finding.ruleId, 'aws-access-key-id');
    assert.equal(finding.category, 'secret');
    assert.equal(finding.severity, 'error');
    const column = text.split('\n')[2].indexOf(AWS_KEY);
    assert.deepEqual(finding.range, { start: { line: 2, character: column }, end: { line: 2, character: column + AWS_KEY.length } });
    assert.equal(text.slice(finding.offsets.start, finding.offsets.end), AWS_KEY);
    assert.equal(finding.masked, 'AK…2Q');
    assert.ok(!finding.message.includes(AWS_KEY));
    assert.deepEqual(finding.fix, { fileKind: 'python', keyName: 'aws_access_key_id', quote: '"' });
    assert.match(finding.docs, /#aws-access-key-id$/);
  });

  it('names the key from the pattern when the name is on another line (Kubernetes env)', () => {
    const text = 'env:\n  - name: DATABASE_PASSWORD\n    value: "Kq8#mZ2vT9xL"\n';
    const [finding] = engine.scan({ path: 'k8s/deploy.yaml', text }).findings;
    assert.equal(finding.ruleId, 'kubernetes-env-plain-secret');
    assert.deepEqual(finding.fix, { fileKind: 'yaml', keyName: 'DATABASE_PASSWORD', quote: '"' });
    assert.equal(text.slice(finding.offsets.start, finding.offsets.end), 'Kq8#mZ2vT9xL');
  });

  it('counts UTF-16 columns the way LSP does', () => {
    const [finding] = engine.scan({ path: 'a.js', text: `const note = "🔑 clé"; const t = "${SLACK}";` }).findings;
    assert.equal(finding.range.start.character, `const note = "🔑 clé"; const t = "`.length);
  });

  it('a specific rule wins over the generic one on the same value', () => {
    const ids = engine.scan({ path: '.env', text: `SLACK_TOKEN=${SLACK}` }).findings.map((f) => f.ruleId);
    assert.deepEqual(ids, ['slack-bot-token']);
  });

  it('generic detection needs a quoted literal in code, accepts bare values in config files', () => {
    const value = 'q8Zr3Lm0Pd5Xv2Kc7Hs1';
    assert.equal(engine.scan({ path: 'a.py', text: `api_key = ${value}` }).findings.length, 0);
    assert.equal(engine.scan({ path: 'a.py', text: `api_key = "${value}"` }).findings.length, 1);
    assert.equal(engine.scan({ path: 'settings.ini', text: `api_key = ${value}` }).findings.length, 1);
  });

  it('skips lockfiles for generic rules but not for provider rules', () => {
    const text = `"resolved": "https://registry.acme.io/x.tgz", "token": "q8Zr3Lm0Pd5Xv2Kc7Hs1", "npm": "${SLACK}"`;
    assert.deepEqual(
      engine.scan({ path: 'package-lock.json', text }).findings.map((f) => f.ruleId),
      ['slack-bot-token'],
    );
  });

  it('skips binary, oversized content and over-long lines with a reason, without throwing', () => {
    assert.deepEqual(
      engine.scan({ path: 'a.bin', text: `\0\0PNG ${SLACK}` }).skipped.map((s) => s.reason),
      ['binary file not scanned'],
    );
    const small = testEngine({ rules: builtinRules(), config: { limits: { maxFileBytes: 2048, maxLineLength: 300 } } });
    assert.match(small.scan({ path: 'big.txt', text: 'a'.repeat(5000) }).skipped[0].reason, /larger than/);
    const longLine = small.scan({ path: 'min.js', text: `ok\nvar t="${SLACK}";${'x'.repeat(400)}\n` });
    assert.equal(longLine.findings.length, 0);
    assert.deepEqual(
      longLine.skipped.map((s) => [s.line, s.reason]),
      [[1, 'line longer than 300 characters not scanned']],
    );
  });

  it('pathological input built from rule keywords: no crash, and a planted secret is still found where it is', () => {
    const hostile = [
      'ghp_'.repeat(50_000),
      '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(20_000),
      `${'postgres://a:'.repeat(20_000)}@`,
      `jdbc:x:${';password='.repeat(20_000)}`,
      `api_key = "${'a1'.repeat(50_000)}`,
      `${'a.'.repeat(100_000)}= "x"`,
    ];
    const planted = `SLACK_TOKEN = "${SLACK}"`;
    for (const body of hostile) {
      for (const text of [`${body}\n${planted}\n`, `${planted}\n${body}`]) {
        const result = engine.scan({ path: 'hostile.txt', text });
        const where = `${body.slice(0, 16)}… (${text.startsWith(planted) ? 'secret first' : 'secret last'})`;
        assert.deepEqual(
          result.findings.map((f) => [f.ruleId, f.offsets.start, f.offsets.end]),
          [['slack-bot-token', text.indexOf(SLACK), text.indexOf(SLACK) + SLACK.length]],
          where,
        );
        assert.deepEqual(result.skipped, [], where);
      }
    }
  });

  it('a hostile line past the line limit is skipped with a reason naming the limit; the other lines are scanned', () => {
    const { maxLineLength } = DEFAULT_LIMITS;
    const text = `${'ghp_'.repeat(maxLineLength / 4 + 1)}\nSLACK_TOKEN = "${SLACK}"\n`;
    const result = engine.scan({ path: 'hostile.txt', text });
    assert.deepEqual(
      result.skipped.map((s) => [s.line, s.reason]),
      [[0, `line longer than ${maxLineLength} characters not scanned`]],
    );
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.range.start.line]),
      [['slack-bot-token', 1]],
    );
  });

  it('finds several secrets on one line and across a PEM block', () => {
    const text = `a="${AWS_KEY}" b="${SLACK}"\n`;
    assert.deepEqual(
      engine.scan({ path: 'x.js', text }).findings.map((f) => f.ruleId),
      ['aws-access-key-id', 'slack-bot-token'],
    );
  });

  it('marks findings present in the baseline, keyed by fingerprint and path', () => {
    const text = `token: ${SLACK}\n`;
    const first = engine.scan({ path: 'ci/config.yml', text }).findings;
    const baseline = new Baseline(baselineOf(first).findings);
    const withBaseline = testEngine({ rules: builtinRules(), baseline });
    assert.equal(withBaseline.scan({ path: 'ci/config.yml', text: `# moved down\n\n${text}` }).findings[0].baselined, true);
    assert.equal(withBaseline.scan({ path: 'other.yml', text }).findings[0].baselined, undefined);
  });

  it('baseline files are sorted and carry no line numbers or timestamps', () => {
    const findings = engine.scan({ path: 'b.env', text: `A=${SLACK}\nB=${AWS_KEY}` }).findings;
    const file = baselineOf([...findings].reverse());
    assert.deepEqual(Object.keys(file.findings[0]).sort(), ['fingerprint', 'path', 'ruleId']);
    assert.deepEqual(file, baselineOf(findings));
  });
});

describe('Engine.scan: names and values of generic detections', () => {
  const engine = defaultEngine();
  const rules = (path: string, text: string) => engine.scan({ path, text }).findings.map((f) => f.ruleId);

  it('matches names in every spelling, and excludes verbs only as whole words', () => {
    assert.deepEqual(rules('app/settings.py', 'USER_PASSWORD = "Kq8#mZ2vT9xLw"'), ['generic-password-assignment']);
    assert.deepEqual(rules('src/app.ts', 'const userToken = "Zx9Lq2Vm8Rt4Kc7W";'), ['generic-secret-assignment']);
    assert.deepEqual(rules('src/app.ts', 'const isPasswordValid = "Kq8#mZ2vT9xLw";'), []);
    assert.deepEqual(rules('app/settings.py', 'minio_secret_key = "Zx9Lq2Vm8Rt4Kc7Wb1Yn"'), ['generic-secret-assignment']);
  });

  it('a multiline rule does not report a placeholder it captured on one line', () => {
    const text = 'env:\n  - name: DATABASE_PASSWORD\n    value: "********"\n';
    assert.deepEqual(rules('k8s/deploy.yaml', text), []);
  });
});

describe('Engine.scan: secrets in tests, fixtures, examples and docs', () => {
  const aws = 'aws_access_key_id = "AKIAZ3MPLQ7RTX4VWY2Q"\n';
  const severities = (engine: ReturnType<typeof testEngine>, path: string) =>
    engine.scan({ path, text: aws }).findings.map((f) => f.severity);

  it('stay visible one level lower by default', () => {
    const engine = testEngine();
    assert.deepEqual(severities(engine, 'src/config.py'), ['error']);
    for (const path of [
      'tests/config.py',
      'pkg/fixtures/creds.json',
      'docs/setup.md',
      'README.md',
      'roles/backup/README.rst',
      'src/client.test.ts',
      'cmd/main_test.go',
      'examples/app/.env',
      'contrib/credential/netrc/test.netrc',
      'crypto/tls/testdata/example-key.pem',
    ])
      assert.deepEqual(severities(engine, path), ['warning'], path);
    assert.ok(engine.isLowerSeverityPath('test_auth.py') && !engine.isLowerSeverityPath('src/latest.py'));
    assert.ok(engine.isLowerSeverityPath('kubernetes/config/kube_config_test.py') && !engine.isLowerSeverityPath('src/contest.py'));
    assert.ok(
      engine.isLowerSeverityPath('spec.rb') && !engine.isLowerSeverityPath('src/contest.py') && !engine.isLowerSeverityPath('attest.txt'),
    );
  });

  it('name-based rules run in documentation folders, one level lower, and not in tests', () => {
    const engine = testEngine();
    const value = ['Vb7Kq2mX', 'z9RwT4pL', 'c8Hn'].join(''); // built at run time: no full secret in the source
    const text = `wget --user=backup --password=${value} https://files.acme.io/db.tar.gz\n`;
    const found = (path: string) => engine.scan({ path, text }).findings.map((f) => `${f.ruleId}:${f.severity}`);
    const [inSource] = found('scripts/restore.sh');
    assert.equal(inSource, 'cli-password-flag:warning');
    assert.deepEqual(found('docs/ops.md'), ['cli-password-flag:info']);
    assert.deepEqual(found('tests/restore.sh'), []);
  });

  it("a Python module's documentation strings (Ansible's EXAMPLES) are docs too", () => {
    const module = (code: string) => `DOCUMENTATION = r"""\nmodule: s3_sync\n"""\n\nEXAMPLES = r'''\n- s3_sync:\n    ${aws}'''\n\n${code}`;
    const severitiesIn = (engine: ReturnType<typeof testEngine>, text: string) =>
      engine.scan({ path: 'plugins/modules/s3_sync.py', text }).findings.map((f) => `${f.range.start.line + 1}:${f.severity}`);
    assert.deepEqual(severitiesIn(testEngine(), module('')), ['7:warning']);
    assert.deepEqual(severitiesIn(testEngine(), module(aws)), ['7:warning', '10:error']);
    assert.deepEqual(severitiesIn(testEngine({ config: { paths: { lowerSeverity: [] } } }), module('')), ['7:error']);
  });

  it('the paths are configurable, and an empty list keeps full severity everywhere', () => {
    const custom = testEngine({ config: { paths: { lowerSeverity: ['sandbox/'] } } });
    assert.deepEqual(severities(custom, 'sandbox/x.py'), ['warning']);
    assert.deepEqual(severities(custom, 'tests/x.py'), ['error']);
    const off = testEngine({ config: { paths: { lowerSeverity: [] } } });
    assert.deepEqual(severities(off, 'tests/x.py'), ['error']);
  });
});
