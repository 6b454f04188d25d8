import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, OffsetEdit } from '../../../engine';
import { fixesFor, lineEndingOf, secretFix, type FixOptions, type FixProposal } from '../../../engine/fixes/fixProposals';
import { defaultEngine } from '../../support/engineFixture';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

/** Applies one proposal's edits, last first (they never overlap). */
function apply(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function findingsOf(path: string, text: string): Finding[] {
  return defaultEngine().scan({ path, text }).findings;
}

/** The one finding of `ruleId` in the text, and its fixes. */
function proposals(path: string, text: string, ruleId: string, options: FixOptions = { manager: 'env' }): FixProposal[] {
  const finding = findingsOf(path, text).find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} not found in ${path}`);
  return fixesFor(finding, text, options);
}

const kinds = (list: FixProposal[]) => list.map((p) => p.kind);
const byKind = (list: FixProposal[], kind: FixProposal['kind']) => {
  const found = list.find((p) => p.kind === kind);
  assert.ok(found, `no ${kind} fix among ${kinds(list).join(', ')}`);
  return found;
};

const TF_ROLE = 'resource "aws_iam_role" "app" {\n  name = "app"\n  assume_role_policy = "{}"\n}\n';

describe('fix proposals (fixesFor)', () => {
  describe('secrets', () => {
    it('Python: the safe, preferred rewrite to the environment clears the finding; suppressions are offered, not safe', () => {
      const text = `import logging\nSLACK_BOT_TOKEN = "${SLACK}"\n`;
      const list = proposals('app/settings.py', text, 'slack-bot-token');
      assert.deepEqual(kinds(list), ['secret-to-manager', 'suppress-line', 'suppress-file']);
      const secret = list[0];
      assert.equal(secret.safe, true);
      assert.equal(secret.preferred, true);
      assert.equal(secret.needs, undefined);
      const fixed = apply(text, secret.edits);
      assert.equal(fixed, 'import logging\nimport os\nSLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]\n');
      assert.deepEqual(findingsOf('app/settings.py', fixed), []);
      assert.ok(list.slice(1).every((p) => !p.safe && !p.preferred));
    });

    it('the manager changes the rewrite and its title', () => {
      const text = `import { WebClient } from "@slack/web-api";\nconst slackToken = "${SLACK}";\n`;
      const aws = byKind(proposals('src/a.ts', text, 'slack-bot-token', { manager: 'aws' }), 'secret-to-manager');
      assert.match(aws.title, /AWS Secrets Manager/);
      assert.equal(aws.reads, 'aws');
      assert.match(apply(text, aws.edits), /GetSecretValueCommand\(\{ SecretId: "slack-token" \}\)/);
      const env = byKind(proposals('src/a.ts', text, 'slack-bot-token'), 'secret-to-manager');
      assert.equal(
        apply(text, env.edits),
        'import { WebClient } from "@slack/web-api";\nconst slackToken = (process.env.SLACK_TOKEN ?? (() => { throw new Error("SLACK_TOKEN is not set"); })());\n',
      );
    });

    it('an SDK read needs await: a CommonJS top level reads the environment and says why', () => {
      const text = `const { WebClient } = require('@slack/web-api');\nconst slackToken = '${SLACK}';\n`;
      const aws = byKind(proposals('src/a.js', text, 'slack-bot-token', { manager: 'aws', deferSecretRewrite: true }), 'secret-to-manager');
      assert.equal(aws.reads, 'env');
      assert.equal(
        aws.title,
        'Read from environment variable SLACK_TOKEN (AWS Secrets Manager needs await, which is not valid outside an async function of a CommonJS file)',
      );
    });

    it('the editor defers the rewrite: the proposal has no edits until secretFix computes them, but its final title', () => {
      const text = `SLACK_BOT_TOKEN = "${SLACK}"\n`;
      const [finding] = findingsOf('a.py', text);
      const [deferred] = fixesFor(finding, text, { manager: 'vault', deferSecretRewrite: true });
      const resolved = secretFix(finding, text, 'vault')!;
      assert.deepEqual(
        { kind: deferred.kind, deferred: deferred.deferred, edits: deferred.edits, title: deferred.title, reads: deferred.reads },
        {
          kind: 'secret-to-manager',
          deferred: true,
          edits: [],
          title: 'Read from HashiCorp Vault ("slack-bot-token")',
          reads: 'vault',
        },
      );
      assert.equal(resolved.title, deferred.title);
      assert.match(apply(text, resolved.edits), /hvac\.Client/);
    });

    it("a language without the manager's idiom says so and reads the environment (Go + AWS)", () => {
      const text = `package main\n\nconst slackToken = "${SLACK}"\n`;
      for (const deferSecretRewrite of [false, true]) {
        const secret = byKind(proposals('main.go', text, 'slack-bot-token', { manager: 'aws', deferSecretRewrite }), 'secret-to-manager');
        assert.equal(secret.title, 'Read from environment variable SLACK_TOKEN (no AWS Secrets Manager rewrite for Go)');
        assert.equal(secret.reads, 'env');
      }
      const fixed = apply(text, byKind(proposals('main.go', text, 'slack-bot-token', { manager: 'aws' }), 'secret-to-manager').edits);
      assert.equal(fixed, 'package main\n\nimport "os"\n\nvar slackToken = os.Getenv("SLACK_TOKEN")\n');
    });

    it('a .env file is kept out of git, which is not a safe fix (the value stays in the file)', () => {
      const text = `SLACK_TOKEN=${SLACK}\n`;
      const list = proposals('config/.env', text, 'slack-bot-token');
      const ignore = byKind(list, 'ignore-env-file');
      assert.equal(ignore.safe, false);
      assert.equal(ignore.gitignoreLine, 'config/.env');
      assert.deepEqual(ignore.edits, []);
      assert.ok(!list.some((p) => p.kind === 'secret-to-manager'));
    });

    it('a key file (deploy-key.pem, id_rsa) has no rewrite: the menu offers keeping it out of git, never a no-op move', () => {
      const pem = fs.readFileSync(path.join(__dirname, '../../../../examples/workspace/config/deploy-key.pem'), 'utf8');
      for (const file of ['config/deploy-key.pem', 'home/.ssh/id_rsa', 'certs\\server.key']) {
        const finding = findingsOf(file, pem).find((f) => f.category === 'secret');
        assert.ok(finding, `the PEM key is found in ${file}`);
        for (const deferSecretRewrite of [false, true]) {
          const list = fixesFor(finding, pem, { manager: 'aws', deferSecretRewrite });
          assert.ok(!list.some((p) => p.kind === 'secret-to-manager'), kinds(list).join(', '));
          assert.ok(!list.some((p) => p.safe), kinds(list).join(', '));
          const ignore = byKind(list, 'ignore-env-file');
          assert.equal(ignore.preferred, true);
          assert.equal(ignore.gitignoreLine, file.replace(/\\/g, '/'));
          assert.match(ignore.title, new RegExp(`^Keep ${file.replace(/.*[\\/]/, '').replace('.', '\\.')} out of git .*rotate the key`));
        }
      }
    });

    it('a file with no idiom and no key-file name (a YAML config) gets no rewrite, only the suppressions that fit', () => {
      const text = `slack:\n  token: "${SLACK}"\n`;
      const list = proposals('config/app.yaml', text, 'slack-bot-token', { manager: 'env', deferSecretRewrite: true });
      assert.ok(!list.some((p) => p.kind === 'secret-to-manager' || p.kind === 'ignore-env-file'), kinds(list).join(', '));
      assert.ok(list.length > 0 && list.every((p) => p.kind.startsWith('suppress')), kinds(list).join(', '));
    });

    it('JSON takes no comment: no suppression edits there', () => {
      const text = `{"servers": {"slack": {"env": {"SLACK_BOT_TOKEN": "${SLACK}"}}}}\n`;
      const list = proposals('.vscode/mcp.json', text, 'slack-bot-token');
      assert.deepEqual(kinds(list), ['secret-to-manager']);
    });
  });

  describe('owner tags', () => {
    it('Terraform: the owner is written quoted; the finding is gone', () => {
      const owner = byKind(
        proposals('infra/iam.tf', TF_ROLE, 'missing-owner-tag', { manager: 'env', owner: '@acme/platform' }),
        'owner-tag',
      );
      assert.equal(owner.safe, true);
      assert.equal(owner.needs, undefined);
      const fixed = apply(TF_ROLE, owner.edits);
      assert.match(fixed, / {2}tags = \{\n {4}owner = "@acme\/platform"\n {2}\}\n/);
      assert.deepEqual(findingsOf('infra/iam.tf', fixed), []);
    });

    it('without an owner the placeholder stays and the fix says it needs one', () => {
      const owner = byKind(proposals('infra/iam.tf', TF_ROLE, 'missing-owner-tag'), 'owner-tag');
      assert.deepEqual(owner.needs, ['owner']);
      assert.ok(owner.edits.some((e) => e.newText.includes('{{owner}}')));
    });

    it('asks for the owner only when there is an owner fix', () => {
      let asked = 0;
      const ask = () => {
        asked++;
        return 'platform-team';
      };
      proposals('a.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`, 'slack-bot-token', { manager: 'env', owner: ask });
      assert.equal(asked, 0);
      proposals('infra/iam.tf', TF_ROLE, 'missing-owner-tag', { manager: 'env', owner: ask });
      assert.equal(asked, 1);
    });

    it('CloudFormation YAML: an owner YAML would misread is double-quoted, a plain one is not', () => {
      const text =
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  AppRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: app\n';
      const quoted = apply(
        text,
        byKind(proposals('t.yaml', text, 'missing-owner-tag', { manager: 'env', owner: '@acme/platform' }), 'owner-tag').edits,
      );
      assert.match(quoted, /- Key: owner\n {10}Value: "@acme\/platform"\n/);
      assert.deepEqual(findingsOf('t.yaml', quoted), []);
      const plain = apply(
        text,
        byKind(proposals('t.yaml', text, 'missing-owner-tag', { manager: 'env', owner: 'platform-team' }), 'owner-tag').edits,
      );
      assert.match(plain, /Value: platform-team\n/);
      const boolish = apply(
        text,
        byKind(proposals('t.yaml', text, 'missing-owner-tag', { manager: 'env', owner: 'yes' }), 'owner-tag').edits,
      );
      assert.match(boolish, /Value: "yes"\n/);
    });

    it('CloudFormation JSON: the owner is escaped inside its quotes', () => {
      const text =
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"Tags": []}}}}\n';
      const fixed = apply(
        text,
        byKind(proposals('t.json', text, 'missing-owner-tag', { manager: 'env', owner: 'a "b" team' }), 'owner-tag').edits,
      );
      assert.equal(JSON.parse(fixed).Resources.R.Properties.Tags[0].Value, 'a "b" team');
    });

    it('Kubernetes labels: a label-shaped owner is fine; a team handle is written but flagged', () => {
      const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: payments\n';
      const good = byKind(proposals('sa.yaml', text, 'missing-owner-tag', { manager: 'env', owner: 'platform-team' }), 'owner-tag');
      assert.equal(good.needs, undefined);
      assert.deepEqual(findingsOf('sa.yaml', apply(text, good.edits)), []);
      const handle = byKind(proposals('sa.yaml', text, 'missing-owner-tag', { manager: 'env', owner: '@acme/platform' }), 'owner-tag');
      assert.match(handle.needs?.[0] ?? '', /Kubernetes label value/);
      assert.match(apply(text, handle.edits), /owner: "@acme\/platform"/);
    });

    it('Azure AD owners need an object id', () => {
      const azure = 'resource "azuread_application" "a" {\n  display_name = "a"\n}\n';
      assert.match(
        byKind(proposals('a.tf', azure, 'missing-owner-tag', { manager: 'env', owner: 'platform' }), 'owner-tag').needs?.[0] ?? '',
        /object id/,
      );
      const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
      const ok = byKind(proposals('a.tf', azure, 'missing-owner-tag', { manager: 'env', owner: id }), 'owner-tag');
      assert.equal(ok.needs, undefined);
      assert.match(apply(azure, ok.edits), new RegExp(`owners = \\["${id}"\\]`));
    });
  });

  describe('CI and other IaC fixes', () => {
    const workflow = (login: string) =>
      `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${login}`;

    it('AWS OIDC is safe but needs the role: its placeholders are listed', () => {
      const text = workflow(
        '      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.KEY_ID }}\n          aws-secret-access-key: ${{ secrets.KEY }}\n          aws-region: eu-west-1\n',
      );
      const oidc = byKind(proposals('.github/workflows/a.yml', text, 'gha-static-cloud-credentials'), 'oidc');
      assert.equal(oidc.safe, true);
      assert.deepEqual(oidc.needs, ['<account-id>', '<role-name>']);
    });

    it('Azure OIDC reads repository variables: nothing to fill in, and the finding is gone', () => {
      const text = workflow('      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n');
      const oidc = byKind(proposals('.github/workflows/a.yml', text, 'gha-static-cloud-credentials'), 'oidc');
      assert.equal(oidc.needs, undefined);
      assert.deepEqual(findingsOf('.github/workflows/a.yml', apply(text, oidc.edits)), []);
    });

    it('read-only workflow permissions are a ready edit but not safe (a job may need to write)', () => {
      const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n';
      const edit = byKind(proposals('.github/workflows/a.yml', text, 'gha-missing-permissions'), 'iac-edit');
      assert.equal(edit.safe, false);
      assert.deepEqual(findingsOf('.github/workflows/a.yml', apply(text, edit.edits)), []);
    });

    it('a wildcard gets a narrowing proposal, a choice that is not preferred (read-only is a guess), never safe', () => {
      const text = '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\n';
      const narrow = byKind(proposals('policy.json', text, 'aws-iam-service-wildcard'), 'narrow');
      assert.equal(narrow.title, 'Narrow to read-only actions: s3:Get*, s3:List*, s3:Describe*');
      assert.equal(narrow.preferred, false);
      assert.equal(narrow.safe, false);
      assert.equal(
        apply(text, narrow.edits),
        '{"Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:Describe*"], "Resource": "*"}]}\n',
      );
    });
  });

  describe('line endings', () => {
    it('tells CRLF from LF by the majority', () => {
      assert.equal(lineEndingOf('a\r\nb\r\nc\n'), '\r\n');
      assert.equal(lineEndingOf('a\nb\nc\r\n'), '\n');
      assert.equal(lineEndingOf('no newline'), '\n');
    });

    it('inserted lines follow a CRLF file; an LF file keeps LF', () => {
      const crlf = TF_ROLE.replace(/\n/g, '\r\n');
      const owner = byKind(proposals('infra/iam.tf', crlf, 'missing-owner-tag', { manager: 'env', owner: 'platform-team' }), 'owner-tag');
      const fixed = apply(crlf, owner.edits);
      assert.ok(!/[^\r]\n/.test(fixed), JSON.stringify(fixed));
      assert.match(fixed, /tags = \{\r\n {4}owner = "platform-team"\r\n/);
      assert.deepEqual(findingsOf('infra/iam.tf', fixed), []);
      const lf = apply(
        TF_ROLE,
        byKind(proposals('infra/iam.tf', TF_ROLE, 'missing-owner-tag', { manager: 'env', owner: 'x' }), 'owner-tag').edits,
      );
      assert.ok(!lf.includes('\r'));

      const py = `import logging\r\nSLACK_BOT_TOKEN = "${SLACK}"\r\n`;
      const rewritten = apply(py, byKind(proposals('a.py', py, 'slack-bot-token'), 'secret-to-manager').edits);
      assert.equal(rewritten, 'import logging\r\nimport os\r\nSLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]\r\n');
    });
  });
});
