import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each IaC finding: the exact element reported, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings
    .filter((f) => f.ruleId !== 'missing-owner-tag')
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('IaC forms the second held-out set found missing', () => {
  const engine = testEngine({ rules: builtinRules() });
  const scan = (path: string, text: string) => summary(text, engine.scan({ path, text }).findings);

  describe('managed policy ARNs through locals and for_each', () => {
    const attach = (forEach: string, arn = 'each.value') =>
      `resource "aws_iam_role_policy_attachment" "ci" {\n  for_each   = ${forEach}\n  role       = aws_iam_role.ci.name\n  policy_arn = ${arn}\n}\n`;

    it('reports the ARN where the locals map writes it', () => {
      const text = `locals {\n  policies = {\n    admin = "arn:aws:iam::aws:policy/AdministratorAccess"\n  }\n}\n${attach('local.policies')}`;
      assert.deepEqual(scan('iam.tf', text), ['aws-iam-privileged-managed-policy@3:arn:aws:iam::aws:policy/AdministratorAccess']);
    });

    it('reads a literal set given to for_each, and each.key of a set', () => {
      const text = attach('toset(["arn:aws:iam::aws:policy/IAMFullAccess"])', 'each.key');
      assert.deepEqual(scan('iam.tf', text), ['aws-iam-privileged-managed-policy@2:arn:aws:iam::aws:policy/IAMFullAccess']);
    });

    it('reads policy_arn = local.x', () => {
      const text = `locals {\n  admin_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\nresource "aws_iam_user_policy_attachment" "u" {\n  user       = "ops"\n  policy_arn = local.admin_arn\n}\n`;
      assert.deepEqual(scan('iam.tf', text), ['aws-iam-privileged-managed-policy@2:arn:aws:iam::aws:policy/AdministratorAccess']);
    });

    it('says nothing for values it cannot read, map keys, or narrow policies', () => {
      assert.deepEqual(scan('iam.tf', attach('var.policies')), []);
      const keys = `locals {\n  policies = {\n    "arn:aws:iam::aws:policy/AdministratorAccess" = "x"\n  }\n}\n${attach('local.policies', 'each.key')}`;
      assert.deepEqual(scan('iam.tf', keys), []);
      const narrow = `locals {\n  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n}\n${attach('toset(local.policies)')}`;
      assert.deepEqual(scan('iam.tf', narrow), []);
    });
  });

  describe('Terraform azurerm Key Vault access policies', () => {
    it('reports "All" on the value and read+write+purge on the attribute, one finding per access policy', () => {
      const text = `resource "azurerm_key_vault_access_policy" "a" {\n  key_vault_id       = azurerm_key_vault.v.id\n  secret_permissions = ["All"]\n  key_permissions    = ["Get", "Create", "Purge"]\n}\n`;
      const findings = engine.scan({ path: 'kv.tf', text }).findings;
      assert.deepEqual(summary(text, findings), ['azure-key-vault-all-permissions@3:All']);
      // The key list is the same policy's other offending element: a related location.
      assert.deepEqual(
        findings[0].related?.map((r) => r.range.start.line + 1),
        [4],
      );
      const keysOnly = text.replace('["All"]', '["Get"]');
      assert.deepEqual(scan('kv.tf', keysOnly), ['azure-key-vault-all-permissions@4:key_permissions    = ["Get", "Create", "Purge"]']);
    });

    it('reads access_policy blocks of the vault, and lists from locals', () => {
      const text = `locals {\n  everything = ["all"]\n}\nresource "azurerm_key_vault" "v" {\n  name = "kv"\n  access_policy {\n    object_id               = var.id\n    certificate_permissions = local.everything\n  }\n}\n`;
      assert.deepEqual(scan('kv.tf', text), ['azure-key-vault-all-permissions@2:all']);
    });

    it('says nothing for read-only lists or purge without write', () => {
      const text = `resource "azurerm_key_vault_access_policy" "a" {\n  key_vault_id       = azurerm_key_vault.v.id\n  secret_permissions = ["Get", "List", "Purge"]\n  key_permissions    = ["Get", "WrapKey", "UnwrapKey"]\n}\n`;
      assert.deepEqual(scan('kv.tf', text), []);
    });
  });

  describe('GitLab CI static cloud keys', () => {
    it('one finding per key pair in variables, one per cloud in scripts', () => {
      const text = `variables:\n  AWS_ACCESS_KEY_ID: $K\n  AWS_SECRET_ACCESS_KEY: $S\ndeploy:\n  script:\n    - aws configure set aws_access_key_id "$K"\n    - aws configure set aws_secret_access_key "$S"\n    - gcloud auth activate-service-account --key-file key.json\n`;
      assert.deepEqual(scan('.gitlab-ci.yml', text), [
        'gitlab-static-cloud-credentials@2:AWS_ACCESS_KEY_ID',
        'gitlab-static-cloud-credentials@6:aws configure set aws_access_key_id "$K"',
        'gitlab-static-cloud-credentials@8:gcloud auth activate-service-account --key-file key.json',
      ]);
    });

    it('reads default: and included *.gitlab-ci.yml files', () => {
      const text = `default:\n  before_script:\n    - az login --service-principal -u "$ID" -p "$PASSWORD" --tenant "$T"\n`;
      assert.deepEqual(scan('ci/azure.gitlab-ci.yml', text), [
        'gitlab-static-cloud-credentials@3:az login --service-principal -u "$ID" -p "$PASSWORD" --tenant "$T"',
      ]);
    });

    it('says nothing for federated logins, other variables, or other YAML files', () => {
      const federated = `apply:\n  id_tokens:\n    T:\n      aud: api://AzureADTokenExchange\n  variables:\n    AWS_REGION: eu-west-1\n  script:\n    - az login --service-principal -u "$ID" --tenant "$TN" --federated-token "$T"\n`;
      assert.deepEqual(scan('.gitlab-ci.yml', federated), []);
      assert.deepEqual(scan('config/app.yml', `variables:\n  AWS_ACCESS_KEY_ID: $K\n`), []);
      // GitLab's OIDC recipe: temporary keys from assume-role-with-web-identity, exported for the job.
      const exchanged = `deploy:\n  id_tokens:\n    T:\n      aud: https://gitlab.example.com\n  script:\n    - CREDS=$(aws sts assume-role-with-web-identity --role-arn "$ROLE" --web-identity-token "$T" --role-session-name ci)\n    - export AWS_ACCESS_KEY_ID=$(echo "$CREDS" | jq -r .Credentials.AccessKeyId)\n    - aws configure set aws_secret_access_key "$SECRET_FROM_CREDS"\n`;
      assert.deepEqual(scan('.gitlab-ci.yml', exchanged), []);
    });
  });
});
