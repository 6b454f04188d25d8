import * as assert from 'node:assert/strict';
import { secretReplacement, storeCommand, type SecretsManager } from '../../../engine/fixes/secretReplacement';
import { defaultEngine } from '../../support/engineFixture';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

/** Scans `text`, rewrites its one secret for `manager`, and returns the new text. */
function rewrite(path: string, text: string, manager: SecretsManager = 'env'): { text: string; title: string; gitignoreLine?: string } {
  const engine = defaultEngine();
  const [finding] = engine.scan({ path, text }).findings.filter((f) => f.category === 'secret');
  assert.ok(finding, `no secret found in ${path}`);
  const plan = secretReplacement({ path, text, start: finding.offsets.start, end: finding.offsets.end, fix: finding.fix }, manager);
  assert.ok(plan, `no replacement for ${path}`);
  let out = text;
  for (const e of [...plan.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  if (plan.edits.length)
    assert.deepEqual(
      engine.scan({ path, text: out }).findings.filter((f) => f.category === 'secret'),
      [],
      `secret still found after the fix:\n${out}`,
    );
  return { text: out, title: plan.title, gitignoreLine: plan.gitignoreLine };
}

describe('secret replacement quick-fix', () => {
  it('JavaScript: environment variable, no import needed', () => {
    assert.equal(rewrite('src/notify.js', `const slackToken = "${SLACK}";\n`).text, 'const slackToken = process.env.SLACK_TOKEN;\n');
  });

  it('TypeScript with AWS Secrets Manager adds the SDK import once, after the other imports', () => {
    const text = `import { WebClient } from "@slack/web-api";\n\nconst slackToken = "${SLACK}";\n`;
    const { text: out, title } = rewrite('src/notify.ts', text, 'aws');
    assert.equal(
      out,
      'import { WebClient } from "@slack/web-api";\nimport { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";\n\nconst slackToken = ((await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: "slack-token" }))).SecretString ?? (() => { throw new Error("secret slack-token has no value"); })());\n',
    );
    assert.match(title, /AWS Secrets Manager/);
    const again = `import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";\nconst slackToken = "${SLACK}";\n`;
    assert.equal(rewrite('src/notify.ts', again, 'aws').text.split('@aws-sdk/client-secrets-manager').length, 2, 'import not duplicated');
  });

  it('CommonJS files get require, not import, where await is valid (an async function)', () => {
    const text = `const { WebClient } = require("@slack/web-api");\nasync function main() {\n  const slackToken = "${SLACK}";\n}\n`;
    assert.match(
      rewrite('src/notify.js', text, 'azure').text,
      /^const \{ WebClient \} = require\("@slack\/web-api"\);\nconst \{ SecretClient \} = require\("@azure\/keyvault-secrets"\);\nconst \{ DefaultAzureCredential \} = require\("@azure\/identity"\);\nasync function main/,
    );
    const topLevel = `const { WebClient } = require("@slack/web-api");\nconst slackToken = "${SLACK}";\n`;
    assert.equal(
      rewrite('src/notify.js', topLevel, 'azure').text,
      'const { WebClient } = require("@slack/web-api");\nconst slackToken = process.env.SLACK_TOKEN;\n',
    );
  });

  it("JavaScript and TypeScript keep the file's quote style", () => {
    const text = `import { WebClient } from '@slack/web-api';\n\nexport const slackToken = "${SLACK}";\nconst channel = 'general';\n`;
    const out = rewrite('src/notify.mjs', text, 'aws').text;
    assert.match(out, /from '@aws-sdk\/client-secrets-manager';/);
    assert.match(out, /SecretId: 'slack-token'/);
    assert.ok(!out.slice(0, out.indexOf('const channel')).includes('"'), out);
  });

  it('TypeScript: a typed declaration is named after the variable, not its type', () => {
    const out = rewrite('src/a.ts', `const slackToken: string = '${SLACK}';\n`).text;
    assert.equal(
      out,
      "const slackToken: string = (process.env.SLACK_TOKEN ?? (() => { throw new Error('SLACK_TOKEN is not set'); })());\n",
    );
  });

  it('Python: os.environ with import os; Vault through hvac', () => {
    assert.equal(
      rewrite('app/settings.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`).text,
      `import os\nSLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]\n`,
    );
    const vault = rewrite('app/settings.py', `import logging\n\nSLACK_BOT_TOKEN = "${SLACK}"\n`, 'vault').text;
    assert.equal(
      vault,
      'import logging\nimport os\nimport hvac\n\nSLACK_BOT_TOKEN = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"]).secrets.kv.v2.read_secret_version(path="slack-bot-token")["data"]["data"]["value"]\n',
    );
  });

  it('Go: os.Getenv, adding "os" to an import block', () => {
    const text = `package main\n\nimport (\n\t"fmt"\n)\n\nvar slackToken = "${SLACK}"\n`;
    assert.equal(
      rewrite('main.go', text).text,
      `package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n\nvar slackToken = os.Getenv("SLACK_TOKEN")\n`,
    );
  });

  it('Go: a constant holding the secret becomes a variable (a constant cannot call os.Getenv)', () => {
    const text = `package main\n\nimport "os"\n\nconst slackToken = "${SLACK}"\n`;
    assert.equal(rewrite('main.go', text).text, `package main\n\nimport "os"\n\nvar slackToken = os.Getenv("SLACK_TOKEN")\n`);
    const typed = `package main\n\nimport "os"\n\nconst slackToken string = "${SLACK}"\n`;
    assert.match(rewrite('main.go', typed).text, /\nvar slackToken string = os\.Getenv\(/);
    const inFunction = `package main\n\nimport "os"\n\nfunc token() string {\n\treturn "${SLACK}"\n}\n`;
    assert.match(rewrite('main.go', inFunction).text, /\treturn os\.Getenv\("SECRET"\)\n/, 'no const, nothing else changes');
  });

  it('Java has no Google Secret Manager idiom (create() throws a checked IOException): the environment, said so; C# has one', () => {
    const java = rewrite('src/Notify.java', `package app;\n\nclass Notify {\n  String slackToken = "${SLACK}";\n}\n`, 'gcp');
    assert.equal(java.text, `package app;\n\nclass Notify {\n  String slackToken = System.getenv("SLACK_TOKEN");\n}\n`);
    assert.match(java.title, /no Google Secret Manager rewrite for Java/);
    const cs = rewrite('Notify.cs', `using System.Net;\n\nclass Notify { string slackToken = "${SLACK}"; }\n`, 'gcp').text;
    assert.match(cs, /^using System.Net;\nusing System;\nusing Google.Cloud.SecretManager.V1;\n/);
  });

  it('Terraform: data source per manager, declared once; sensitive variable for env', () => {
    const text = `resource "slack_app" "bot" {\n  token = "${SLACK}"\n}\n`;
    assert.equal(
      rewrite('main.tf', text, 'aws').text,
      `resource "slack_app" "bot" {\n  token = data.aws_secretsmanager_secret_version.token.secret_string\n}\n\ndata "aws_secretsmanager_secret_version" "token" {\n  secret_id = "token"\n}\n`,
    );
    assert.match(
      rewrite('main.tf', text, 'env').text,
      /token = var\.token\n\}\n\nvariable "token" \{\n {2}type {6}= string\n {2}sensitive = true\n\}\n$/,
    );
    assert.match(rewrite('main.tf', text, 'vault').text, /data\.vault_kv_secret_v2\.token\.data\["value"\]/);
    assert.match(rewrite('main.tf', text, 'azure').text, /data "azurerm_key_vault_secret" "token"/);
    assert.match(rewrite('main.tf', text, 'gcp').text, /data\.google_secret_manager_secret_version\.token\.secret_data/);
  });

  it('CloudFormation: dynamic reference', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          SLACK_TOKEN: "${SLACK}"\n`;
    assert.match(rewrite('template.yaml', text).text, /SLACK_TOKEN: "\{\{resolve:secretsmanager:slack-token:SecretString\}\}"\n$/);
  });

  it('Kubernetes: valueFrom.secretKeyRef on the same env entry', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      env:\n        - name: SLACK_TOKEN\n          value: "${SLACK}"\n`;
    assert.equal(
      rewrite('k8s/pod.yaml', text).text,
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      env:\n        - name: SLACK_TOKEN\n          valueFrom:\n            secretKeyRef:\n              name: slack-token\n              key: SLACK_TOKEN\n',
    );
  });

  it('GitHub Actions, docker-compose and MCP configs use their own references', () => {
    assert.match(
      rewrite('.github/workflows/ci.yml', `on: push\njobs:\n  a:\n    env:\n      SLACK_TOKEN: ${SLACK}\n`).text,
      /SLACK_TOKEN: \$\{\{ secrets\.SLACK_TOKEN \}\}\n$/,
    );
    assert.match(
      rewrite('docker-compose.yml', `services:\n  app:\n    environment:\n      SLACK_TOKEN: "${SLACK}"\n`).text,
      /SLACK_TOKEN: \$\{SLACK_TOKEN\}\n$/,
    );
    assert.match(
      rewrite('.vscode/mcp.json', `{"servers": {"slack": {"env": {"SLACK_BOT_TOKEN": "${SLACK}"}}}}\n`).text,
      /"SLACK_BOT_TOKEN": "\$\{env:SLACK_BOT_TOKEN\}"/,
    );
  });

  it('.env files are kept out of git instead of rewritten', () => {
    const { text, gitignoreLine, title } = rewrite('config/.env', `SLACK_TOKEN=${SLACK}\n`);
    assert.equal(text, `SLACK_TOKEN=${SLACK}\n`);
    assert.equal(gitignoreLine, 'config/.env');
    assert.match(title, /\.gitignore/);
  });

  it('the store command quotes the value for the shell and names the secret', () => {
    assert.equal(
      storeCommand('aws', 'slackToken', "it's"),
      "aws secretsmanager create-secret --name slack-token --secret-string 'it'\\''s'",
    );
    assert.equal(storeCommand('env', 'x', 'v'), undefined);
  });
});
