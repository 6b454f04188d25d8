import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { OffsetEdit } from '../../../engine';
import { fixesFor } from '../../../engine/fixes/fixProposals';
import { kubernetesSecretNames, sameSecret, workflowSecretNames } from '../../../engine/fixes/referencedSecrets';
import { SECRETS_MANAGERS, type SecretsManager } from '../../../engine/fixes/secretReplacement';
import { parseHcl } from '../../../engine/iac/hcl/hclParser';
import { defaultEngine } from '../../support/engineFixture';

/**
 * The config-file half of the quick-fix matrix: for each file kind a tool reads (Terraform,
 * CloudFormation, Kubernetes, workflows, docker-compose, properties, MCP) and each manager, the
 * preferred fix is applied and the result read back with the project's own parsers (YAML, JSON,
 * HCL): it must parse, hold no secret, and reference the secret where the tool looks for it.
 * The languages' toolchains check code files in toolchainAcceptance.test.ts.
 */

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

type Parsed = unknown;

interface Case {
  name: string;
  path: string;
  text: string;
  parse: 'yaml' | 'json' | 'hcl' | 'properties';
  /** What the rewritten file must say, given the parsed result and its text. */
  check: (parsed: Parsed, out: string, manager: SecretsManager) => void;
  /** The managers this idiom reads from itself (others: the title says it has no rewrite for them). */
  reads: (manager: SecretsManager) => SecretsManager;
}

const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);

const CASES: Case[] = [
  {
    name: 'Terraform environment variable',
    path: 'infra/main.tf',
    parse: 'hcl',
    text: `resource "aws_lambda_function" "notify" {\n  function_name = "notify"\n  environment {\n    variables = {\n      SLACK_TOKEN = "${SLACK}"\n    }\n  }\n}\n`,
    reads: (m) => m,
    check: (_p, out, manager) => {
      const ref = {
        env: ['var.slack_token', 'variable "slack_token"'],
        aws: ['data.aws_secretsmanager_secret_version.slack_token.secret_string', 'data "aws_secretsmanager_secret_version" "slack_token"'],
        vault: ['data.vault_kv_secret_v2.slack_token.data["value"]', 'data "vault_kv_secret_v2" "slack_token"'],
        azure: ['data.azurerm_key_vault_secret.slack_token.value', 'data "azurerm_key_vault_secret" "slack_token"'],
        gcp: [
          'data.google_secret_manager_secret_version.slack_token.secret_data',
          'data "google_secret_manager_secret_version" "slack_token"',
        ],
      }[manager];
      assert.ok(out.includes(`SLACK_TOKEN = ${ref[0]}`), out);
      assert.ok(out.includes(ref[1]), `the referenced block is declared:\n${out}`);
    },
  },
  {
    name: 'CloudFormation YAML',
    path: 'template.yaml',
    parse: 'yaml',
    text: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Notify:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          SLACK_TOKEN: "${SLACK}"\n`,
    reads: () => 'aws',
    check: (p) =>
      assert.equal(
        at(p, 'Resources', 'Notify', 'Properties', 'Environment', 'Variables', 'SLACK_TOKEN'),
        '{{resolve:secretsmanager:slack-token:SecretString}}',
      ),
  },
  {
    name: 'CloudFormation JSON',
    path: 'template.json',
    parse: 'json',
    text: `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Notify": {\n      "Type": "AWS::Lambda::Function",\n      "Properties": { "Environment": { "Variables": { "SLACK_TOKEN": "${SLACK}" } } }\n    }\n  }\n}\n`,
    reads: () => 'aws',
    check: (p) =>
      assert.equal(
        at(p, 'Resources', 'Notify', 'Properties', 'Environment', 'Variables', 'SLACK_TOKEN'),
        '{{resolve:secretsmanager:slack-token:SecretString}}',
      ),
  },
  {
    name: 'Kubernetes env entry, no Secret in the file',
    path: 'k8s/deploy.yaml',
    parse: 'yaml',
    text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: notify\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: SLACK_BOT_TOKEN\n              value: "${SLACK}"\n`,
    reads: () => 'env',
    check: (p) =>
      assert.deepEqual(at(p, 'spec', 'template', 'spec', 'containers', 0, 'env', 0), {
        name: 'SLACK_BOT_TOKEN',
        valueFrom: { secretKeyRef: { name: 'slack-bot-token', key: 'SLACK_BOT_TOKEN' } },
      }),
  },
  {
    name: 'Kubernetes flow-style entry, the Secret the pod already reads',
    path: 'k8s/pod.yaml',
    parse: 'yaml',
    text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: notify\nspec:\n  containers:\n    - name: app\n      image: app:1\n      envFrom:\n        - secretRef:\n            name: notify-secrets\n      env:\n        - {name: SLACK_BOT_TOKEN, value: "${SLACK}"}\n`,
    reads: () => 'env',
    check: (p) =>
      assert.deepEqual(at(p, 'spec', 'containers', 0, 'env', 0), {
        name: 'SLACK_BOT_TOKEN',
        valueFrom: { secretKeyRef: { name: 'notify-secrets', key: 'SLACK_BOT_TOKEN' } },
      }),
  },
  {
    name: 'workflow step env, reusing the secret another step reads',
    path: '.github/workflows/notify.yml',
    parse: 'yaml',
    text: `name: notify\non: push\npermissions:\n  contents: read\njobs:\n  send:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./check.sh\n        env:\n          SLACK_BOT_TOKEN: \${{ secrets.SLACK_BOT_TOKEN }}\n      - run: ./notify.sh\n        env:\n          SLACK_TOKEN: ${SLACK}\n`,
    reads: () => 'env',
    check: (p) => assert.equal(at(p, 'jobs', 'send', 'steps', 1, 'env', 'SLACK_TOKEN'), '${{ secrets.SLACK_BOT_TOKEN }}'),
  },
  {
    name: 'docker-compose connection string',
    path: 'docker-compose.yml',
    parse: 'yaml',
    text: `services:\n  app:\n    image: app:1\n    environment:\n      DATABASE_URL: postgres://app:Zq8vR2mK9xLp4Wn7@db:5432/app\n`,
    reads: () => 'env',
    check: (p) => assert.equal(at(p, 'services', 'app', 'environment', 'DATABASE_URL'), 'postgres://app:${DATABASE_PASSWORD}@db:5432/app'),
  },
  {
    name: 'Spring properties',
    path: 'src/main/resources/application.properties',
    parse: 'properties',
    text: `server.port=8080\nslack.token=${SLACK}\n`,
    reads: () => 'env',
    check: (p) => assert.equal((p as Map<string, string>).get('slack.token'), '${SLACK_TOKEN}'),
  },
  {
    name: 'MCP server config',
    path: '.vscode/mcp.json',
    parse: 'json',
    text: `{\n  "mcpServers": {\n    "slack": { "command": "npx", "args": ["slack-mcp"], "env": { "SLACK_BOT_TOKEN": "${SLACK}" } }\n  }\n}\n`,
    reads: () => 'env',
    check: (p) => assert.equal(at(p, 'mcpServers', 'slack', 'env', 'SLACK_BOT_TOKEN'), '${env:SLACK_BOT_TOKEN}'),
  },
];

function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function parse(kind: Case['parse'], text: string): Parsed {
  switch (kind) {
    case 'yaml': {
      const docs = parseAllDocuments(text);
      const list = Array.isArray(docs) ? docs : [docs];
      for (const d of list) assert.deepEqual(d.errors, [], `YAML errors in:\n${text}`);
      return list[0].toJS();
    }
    case 'json':
      return JSON.parse(text);
    case 'hcl': {
      const file = parseHcl(text);
      assert.deepEqual(file.errors, [], `HCL errors in:\n${text}`);
      return file;
    }
    case 'properties':
      return new Map(
        text
          .split('\n')
          .filter((l) => l.trim() && !/^\s*[#!]/.test(l))
          .map((l) => {
            const m = /^\s*([^=:\s]+)\s*[=:]\s*(.*)$/.exec(l);
            assert.ok(m, `not a properties line: ${l}`);
            return [m[1], m[2]] as [string, string];
          }),
      );
  }
}

describe('preferred secret fixes in config files, read back with the project parsers', function () {
  for (const c of CASES)
    for (const manager of SECRETS_MANAGERS)
      it(`${c.name} (${manager})`, function () {
        const finding = defaultEngine()
          .scan({ path: c.path, text: c.text })
          .findings.find((f) => f.category === 'secret');
        assert.ok(finding, 'no secret found');
        const preferred = fixesFor(finding, c.text, { manager }).find((p) => p.preferred);
        assert.equal(preferred?.kind, 'secret-to-manager', `preferred: ${preferred?.title}`);
        assert.equal(preferred.reads, c.reads(manager));
        if (manager !== 'env' && c.reads(manager) !== manager) assert.match(preferred.title, / \(no .* rewrite for /);
        else assert.doesNotMatch(preferred.title, /\(no /);
        const out = applyEdits(c.text, preferred.edits);
        assert.ok(!out.includes(SLACK) && !out.includes('Zq8vR2mK9xLp4Wn7'), `the secret is still in the file:\n${out}`);
        c.check(parse(c.parse, out), out, manager);
      });
});

describe('secrets a file already references', function () {
  it('Kubernetes: secretKeyRef, envFrom secretRef and Secret objects, most used first', function () {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: defined-here',
      '---',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - envFrom:',
      '        - secretRef:',
      '            name: app-secrets',
      '      env:',
      '        - name: A',
      '          valueFrom:',
      '            secretKeyRef:',
      '              name: app-secrets',
      '              key: A',
      '',
    ].join('\n');
    assert.deepEqual(kubernetesSecretNames(text), ['app-secrets', 'defined-here']);
    assert.deepEqual(kubernetesSecretNames('kind: ConfigMap\nmetadata:\n  name: not-a-secret\n'), []);
  });

  it('workflows: ${{ secrets.X }} names, without GITHUB_TOKEN', function () {
    assert.deepEqual(workflowSecretNames('a: ${{ secrets.NPM_TOKEN }}\nb: ${{secrets.GITHUB_TOKEN}}\nc: ${{ secrets.NPM_TOKEN }}\n'), [
      'NPM_TOKEN',
    ]);
  });

  it('the same secret by name: equal, or every word of one in the other; none when unrelated or ambiguous', function () {
    assert.equal(sameSecret('SLACK_TOKEN', ['NPM_TOKEN', 'SLACK_BOT_TOKEN']), 'SLACK_BOT_TOKEN');
    assert.equal(sameSecret('NPM_TOKEN', ['NPM_TOKEN']), 'NPM_TOKEN');
    assert.equal(sameSecret('SLACK_TOKEN', ['NPM_TOKEN', 'STRIPE_KEY']), undefined);
    assert.equal(sameSecret('SLACK_TOKEN', ['SLACK_BOT_TOKEN', 'SLACK_USER_TOKEN']), undefined);
    // One shared word is not enough: TOKEN alone says nothing.
    assert.equal(sameSecret('TOKEN', ['NPM_TOKEN']), undefined);
  });

  it('a workflow with an unrelated secret gets a new one named for the key', function () {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: x\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n          SLACK_TOKEN: ${SLACK}\n`;
    const finding = defaultEngine()
      .scan({ path: '.github/workflows/a.yml', text })
      .findings.find((f) => f.category === 'secret')!;
    const out = applyEdits(text, fixesFor(finding, text, { manager: 'env' }).find((p) => p.preferred)!.edits);
    assert.ok(out.includes('SLACK_TOKEN: ${{ secrets.SLACK_TOKEN }}'), out);
  });
});

describe('names in messages', function () {
  it('a Kubernetes or ECS env entry is named by its name, not "value"', function () {
    const k8s = `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - env:\n        - name: STRIPE_API_KEY\n          value: "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n`;
    const ecs = `{"containerDefinitions": [{"environment": [{"name": "STRIPE_API_KEY", "value": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}]}]}\n`;
    for (const [path, text] of [
      ['k8s/pod.yaml', k8s],
      ['task-definition.json', ecs],
    ]) {
      const finding = defaultEngine()
        .scan({ path, text })
        .findings.find((f) => f.category === 'secret');
      assert.ok(finding, path);
      assert.equal(finding.fix.keyName, 'STRIPE_API_KEY', path);
      assert.match(finding.message, /in "STRIPE_API_KEY"/, path);
    }
  });

  it('aws.secretKey= in a .properties file is an AWS secret access key, named by its key', function () {
    const secret = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYzQ8vR2mK9x'].join('/');
    const text = `aws.accessKeyId=AKIAQ3EGRTYUIOPZXC7M\naws.secretKey=${secret}\n`;
    const finding = defaultEngine()
      .scan({ path: 'src/main/resources/application.properties', text })
      .findings.find((f) => f.offsets.start === text.indexOf(secret));
    assert.equal(finding?.ruleId, 'aws-secret-access-key');
    assert.match(finding.message, /^AWS secret access key: .* in "aws\.secretKey"$/);
    assert.ok(!finding.message.includes(secret));
    const fix = fixesFor(finding, text, { manager: 'env' }).find((p) => p.preferred);
    assert.ok(fix && applyEdits(text, fix.edits).includes('aws.secretKey=${AWS_SECRET_KEY}'));
  });

  it('a Go typed constant is named by its identifier, not its type', function () {
    const text = `package main\n\nconst (\n\tslackToken string = "${SLACK}"\n)\n`;
    const finding = defaultEngine()
      .scan({ path: 'main.go', text })
      .findings.find((f) => f.category === 'secret');
    assert.equal(finding?.fix.keyName, 'slackToken');
  });
});
