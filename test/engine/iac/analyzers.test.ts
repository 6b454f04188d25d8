import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine, Finding } from '../../../engine';
import { applyIacFix } from '../../support/applyEdits';
import { builtinRules, testEngine } from '../../support/engineFixture';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'iac');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
/** `ruleId@line:text` of each finding: the exact offending element, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

// Like the workspace reader: a folder that is not there has no siblings (manifests scanned by name only ask too).
const siblingsOf = (file: string) =>
  (fs.existsSync(path.dirname(file)) ? fs.readdirSync(path.dirname(file)) : [])
    .map((name) => path.join(path.dirname(file), name))
    .filter((p) => p !== file)
    .map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8') }));

describe('IaC analysers on realistic files', () => {
  const rules = builtinRules();
  const engine = testEngine({ rules, siblingFiles: (p) => siblingsOf(p) });

  describe('Terraform module', () => {
    const file = path.join(FIXTURES, 'terraform-module', 'iam.tf');
    const text = read('terraform-module/iam.tf');

    it('reports policies, owners per provider alias and static keys at their elements', () => {
      const got = summary(text, engine.scan({ path: file, text }).findings);
      assert.deepEqual(got, [
        'aws-iam-service-wildcard@34:lambda:*',
        'missing-owner-tag@42:resource "aws_iam_role" "auditor"',
        'owner-tag-not-static@48:resource "aws_iam_user" "legacy_ci"',
        'aws-iam-access-key-created@54:resource "aws_iam_access_key" "legacy_ci"',
      ]);
    });

    it('takes default_tags from a sibling providers.tf; without it, every role is unowned', () => {
      const alone = testEngine({ rules })
        .scan({ path: file, text })
        .findings.filter((f) => f.ruleId === 'missing-owner-tag');
      assert.deepEqual(
        alone.map((f) => f.fix.iac?.resource),
        ['aws_iam_role.billing_deploy', 'aws_iam_role.auditor'],
      );
    });

    it('narrows lambda:* to the lambda actions the file already uses', () => {
      const f = engine.scan({ path: file, text }).findings.find((x) => x.ruleId === 'aws-iam-service-wildcard')!;
      assert.deepEqual(f.fix.iac?.narrower, ['lambda:UpdateFunctionCode', 'lambda:GetFunction']);
    });

    it('the add-owner edit produces valid Terraform that no longer lacks an owner', () => {
      const f = engine.scan({ path: file, text }).findings.find((x) => x.ruleId === 'missing-owner-tag')!;
      const fixed = applyIacFix(text, f);
      assert.match(
        fixed,
        / {2}name {15}= "auditor"\n {2}assume_role_policy = data.aws_iam_policy_document.github_trust.json\n {2}tags = \{\n {4}owner = "platform-team"\n {2}\}\n\}/,
      );
      const after = engine.scan({ path: file, text: fixed });
      assert.ok(!after.findings.some((x) => x.ruleId === 'missing-owner-tag'));
      assert.deepEqual(after.skipped, []);
    });

    it('adds the owner into an existing literal tag map, multi-line or inline', () => {
      for (const tags of ['{\n    env = "prod"\n  }', '{ env = "prod" }', '{}', 'merge(var.base, { env = "prod" })']) {
        const src = `resource "aws_iam_user" "k" {\n  name = "k"\n  tags = ${tags}\n}\n`;
        const f = testEngine({ rules })
          .scan({ path: 'kms.tf', text: src })
          .findings.find((x) => x.ruleId === 'missing-owner-tag' || x.ruleId === 'owner-tag-not-static')!;
        if (f.ruleId === 'owner-tag-not-static') {
          assert.ok(tags.startsWith('merge'));
          continue;
        }
        const fixed = applyIacFix(src, f);
        const again = testEngine({ rules }).scan({ path: 'kms.tf', text: fixed });
        assert.deepEqual(
          again.findings.map((x) => x.ruleId),
          [],
          fixed,
        );
      }
    });

    it('uses configured owner keys', () => {
      const src = 'resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n  tags = { Squad = "a" }\n}\n';
      assert.equal(testEngine({ rules }).scan({ path: 'r.tf', text: src }).findings.length, 1);
      assert.equal(testEngine({ rules, config: { iac: { ownerTags: ['squad'] } } }).scan({ path: 'r.tf', text: src }).findings.length, 0);
    });

    it('takes owner, team, maintainer and contact as owner keys by default, in any case and namespaced; a configured list replaces them', () => {
      const role = (tag: string) => `resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n  tags = { "${tag}" = "a" }\n}\n`;
      const ownerless = (tag: string, config?: { iac: { ownerTags: string[] } }) =>
        testEngine({ rules, ...(config ? { config } : {}) })
          .scan({ path: 'r.tf', text: role(tag) })
          .findings.some((f) => f.ruleId === 'missing-owner-tag');
      for (const tag of ['owner', 'Team', 'MAINTAINER', 'contact', 'acme.io/team', 'acme:owner', 'owner-email', 'team_name'])
        assert.equal(ownerless(tag), false, tag);
      for (const tag of ['name', 'teams', 'ownership', 'owner-count', 'cost-center']) assert.equal(ownerless(tag), true, tag);
      assert.equal(ownerless('team', { iac: { ownerTags: ['owner'] } }), true);
      assert.equal(ownerless('owner', { iac: { ownerTags: ['owner'] } }), false);
    });
  });

  describe('Kubernetes manifests', () => {
    const text = read('k8s/operator.yaml');

    it('reports every offending element of every rule and document', () => {
      const got = summary(text, engine.scan({ path: 'k8s/operator.yaml', text }).findings);
      assert.deepEqual(got, [
        'missing-owner-tag@4:operator',
        'k8s-rbac-cluster-secrets-read@19:secrets',
        'k8s-rbac-wildcard@21:*',
        'k8s-cluster-admin-binding@32:cluster-admin',
      ]);
      // One finding per RBAC rule: pods/exec of the same rule is a related location of the "*".
      const wildcard = engine.scan({ path: 'k8s/operator.yaml', text }).findings.find((f) => f.ruleId === 'k8s-rbac-wildcard')!;
      assert.deepEqual(
        wildcard.related?.map((r) => `${r.range.start.line + 1}:${text.slice(r.offsets.start, r.offsets.end)}`),
        ['22:pods/exec'],
      );
    });

    it('the add-label and automount edits fix what they claim', () => {
      let current = text;
      // The CronJob's default account is bound to nothing here: only the default-account mode reports it.
      const onDefault = testEngine({ rules, config: { iac: { automountServiceAccountToken: 'default-service-account' } } });
      for (const id of ['missing-owner-tag', 'k8s-automount-service-account-token']) {
        const f = onDefault.scan({ path: 'k8s/operator.yaml', text: current }).findings.find((x) => x.ruleId === id)!;
        current = applyIacFix(current, f);
        assert.ok(!onDefault.scan({ path: 'k8s/operator.yaml', text: current }).findings.some((x) => x.ruleId === id), current);
      }
      assert.match(current, / {2}labels:\n {4}owner: platform-team\n {4}app: operator\n/);
      assert.match(current, / {8}spec:\n {10}automountServiceAccountToken: false\n {10}restartPolicy: OnFailure/);
    });

    it('iac.automountServiceAccountToken widens or silences the automount check', () => {
      const ids = (e: Engine) =>
        e.scan({ path: 'k8s/operator.yaml', text }).findings.filter((f) => f.ruleId === 'k8s-automount-service-account-token').length;
      // The operator Deployment uses a ServiceAccount that disables automount in the same file.
      assert.equal(ids(testEngine({ rules, config: { iac: { automountServiceAccountToken: 'all' } } })), 1);
      assert.equal(ids(testEngine({ rules, config: { iac: { automountServiceAccountToken: 'off' } } })), 0);
      // By default (bound) only tokens a binding grants something are reported: none here.
      assert.equal(ids(engine), 0);
    });
  });

  describe('GitHub Actions workflows', () => {
    const text = read('workflows/deploy.yml');
    const wf = '.github/workflows/deploy.yml';

    it('reports token permissions, inherited secrets and static cloud keys', () => {
      assert.deepEqual(summary(text, engine.scan({ path: wf, text }).findings), [
        'gha-missing-permissions@2:on',
        'gha-permissions-write-all@8:write-all',
        'gha-static-cloud-credentials@21:aws-access-key-id',
        'gha-secrets-inherit@27:inherit',
      ]);
      assert.deepEqual(engine.scan({ path: 'ci/deploy.yml', text }).findings, [], 'only files under .github/workflows are workflows');
    });

    it('switches the login step to OIDC in one edit, keeping the other inputs', () => {
      const f = engine.scan({ path: wf, text }).findings.find((x) => x.ruleId === 'gha-static-cloud-credentials')!;
      assert.equal(f.fix.iac?.fix?.title, 'Switch to AWS OIDC federation');
      const fixed = applyIacFix(text, f);
      assert.match(
        fixed,
        / {8}with:\n {10}role-to-assume: arn:aws:iam::<account-id>:role\/<role-name>\n {10}aws-region: \$\{\{ env.AWS_REGION \}\}\n/,
      );
      assert.ok(!engine.scan({ path: wf, text: fixed }).findings.some((x) => x.ruleId === 'gha-static-cloud-credentials'));
    });

    it('the OIDC switch grants id-token: write where it takes effect, keeping every other permission', () => {
      const oidc = (workflow: string) => {
        const f = engine.scan({ path: wf, text: workflow }).findings.find((x) => x.ruleId === 'gha-static-cloud-credentials')!;
        const fixed = applyIacFix(workflow, f);
        assert.doesNotThrow(() => parseYaml(fixed), fixed);
        return { fixed, parsed: parseYaml(fixed) as { permissions?: unknown; jobs: { deploy: { permissions?: unknown } } } };
      };
      const login = [
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@v4',
        '        with:',
        '          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
        '          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        '          aws-region: eu-west-1',
        '',
      ].join('\n');
      // No permissions anywhere: a job block, with the read the default token had.
      const none = oidc(`on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n${login}`);
      assert.deepEqual(none.parsed.jobs.deploy.permissions, { contents: 'read', 'id-token': 'write' });
      // The job's own map: one line added.
      const job = oidc(
        `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      packages: write\n${login}`,
      );
      assert.deepEqual(job.parsed.jobs.deploy.permissions, { 'id-token': 'write', contents: 'read', packages: 'write' });
      // Only the workflow's map: added there (a job block would replace it for this job).
      const top = oidc(`on: push\npermissions: { contents: read }\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n${login}`);
      assert.deepEqual(top.parsed.permissions, { contents: 'read', 'id-token': 'write' });
      assert.equal(top.parsed.jobs.deploy.permissions, undefined);
      // Already granted: nothing changes there.
      const granted = oidc(`on: push\njobs:\n  deploy:\n    permissions:\n      id-token: write\n${login}`);
      assert.deepEqual(granted.parsed.jobs.deploy.permissions, { 'id-token': 'write' });
    });

    it('the permissions edit adds a read-only top-level block', () => {
      const f = engine.scan({ path: wf, text }).findings.find((x) => x.ruleId === 'gha-missing-permissions')!;
      const fixed = applyIacFix(text, f);
      assert.ok(!engine.scan({ path: wf, text: fixed }).findings.some((x) => x.ruleId === 'gha-missing-permissions'));
      assert.match(fixed, /^name: deploy\npermissions:\n {2}contents: read\non:/);
    });
  });

  describe('CloudFormation JSON', () => {
    const text = read('cloudformation/service.json');

    it('reads Fn::Sub managed policies, inline policies and tags', () => {
      assert.deepEqual(summary(text, engine.scan({ path: 'service.json', text }).findings), [
        'missing-owner-tag@4:ServiceRole',
        'aws-iam-broad-action-on-any-resource@14:sqs:SendMessage',
      ]);
    });

    it('adds Tags in JSON syntax, and the result parses and passes', () => {
      let current = text;
      for (let i = 0; i < 1; i++) {
        const f = engine.scan({ path: 'service.json', text: current }).findings.find((x) => x.ruleId === 'missing-owner-tag')!;
        current = applyIacFix(current, f);
      }
      JSON.parse(current);
      assert.ok(!engine.scan({ path: 'service.json', text: current }).findings.some((x) => x.ruleId === 'missing-owner-tag'));
    });
  });

  describe('robustness', () => {
    it('a file that does not parse gets one clear note and the readable part is still analysed', () => {
      const text = 'resource "aws_iam_access_key" "k" {\n  user = "u"\n}\nresource "broken" {\n  x = = 1\n}\n';
      const result = engine.scan({ path: 'bad.tf', text });
      assert.deepEqual(
        result.findings.map((f) => f.ruleId),
        ['aws-iam-access-key-created'],
      );
      assert.equal(result.skipped.length, 1);
      assert.match(result.skipped[0].reason, /^Terraform syntax error: .* \(the rest of the file was still analysed\)$/);
      assert.equal(result.skipped[0].line, 4);
    });

    it('broken YAML workflows and templates get a note; Helm templates and plain YAML do not', () => {
      const broken = 'on: push\njobs: [unclosed\n';
      assert.equal(engine.scan({ path: '.github/workflows/x.yml', text: broken }).skipped.length, 1);
      assert.equal(
        engine.scan({ path: 'templates/deploy.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  x: [\n' })
          .skipped.length,
        0,
      );
      assert.equal(engine.scan({ path: 'notes.yaml', text: 'a: [unclosed\n' }).skipped.length, 0);
    });

    it('hostile inputs finish without throwing', () => {
      const inputs = [
        { path: 'deep.tf', text: `x = ${'['.repeat(200_000)}` },
        { path: 'k8s.yaml', text: `apiVersion: v1\nkind: List\nitems: ${'['.repeat(50_000)}` },
        {
          path: 'bomb.yaml',
          text: `apiVersion: v1\nkind: ConfigMap\n${Array.from(
            { length: 20 },
            (_, i) =>
              `a${i}: &a${i} [${
                i
                  ? Array(9)
                      .fill(`*a${i - 1}`)
                      .join(',')
                  : 'x'
              }]`,
          ).join('\n')}\n`,
        },
        { path: 'p.json', text: `{"Statement": [{"Effect": "Allow", "Action": "${'*a'.repeat(2000)}:x", "Resource": "*"}]}` },
        { path: 'rbac.yaml', text: 'apiVersion: v1\nkind: ClusterRole\nrules: 5\n' },
        { path: 'wf.yaml', text: 'apiVersion: 3\nkind: {}\nspec: null\n' },
      ];
      for (const doc of inputs) assert.doesNotThrow(() => engine.scan(doc), doc.path);
    });
  });

  describe('config, suppression and baseline apply to IaC findings', () => {
    const text = 'resource "aws_iam_access_key" "ci" {\n  user = "ci"\n}\n';

    it('overrides re-grade and disable check rules', () => {
      const regraded = testEngine({ rules, config: { overrides: { 'aws-iam-access-key-created': { severity: 'error' } } } });
      assert.equal(regraded.scan({ path: 'k.tf', text }).findings[0].severity, 'error');
      assert.deepEqual(
        testEngine({ rules, config: { disable: ['aws-iam-access-key-created'] } }).scan({ path: 'k.tf', text }).findings,
        [],
      );
    });

    it('an inline nhi-lens:ignore comment silences the finding on the next line', () => {
      const result = engine.scan({ path: 'k.tf', text: `# nhi-lens:ignore aws-iam-access-key-created -- rotated by vault\n${text}` });
      assert.deepEqual([result.findings.length, result.suppressed], [0, 1]);
    });

    it('fingerprints survive moving the resource', () => {
      const a = engine.scan({ path: 'k.tf', text }).findings[0];
      const b = engine.scan({ path: 'k.tf', text: `\n\n# moved\n${text}` }).findings[0];
      assert.equal(a.fingerprint, b.fingerprint);
      assert.notEqual(a.range.start.line, b.range.start.line);
    });

    it('a user rule naming an unknown check is a clear config error', () => {
      assert.throws(
        () =>
          testEngine({
            rules,
            config: {
              rules: [
                {
                  id: 'mine',
                  title: 'Mine',
                  description: 'my own check rule',
                  remediation: 'do the right thing',
                  category: 'permission',
                  severity: 'error',
                  check: 'nope',
                  examples: { positive: ['a'], negative: ['b'] },
                },
              ],
            },
          }),
        /rule "mine" names unknown check "nope"/,
      );
    });
  });
});
