import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each IaC finding: the exact element reported, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings
    .filter((f) => f.ruleId !== 'missing-owner-tag')
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('IaC forms the fourth held-out set found missing', () => {
  const engine = testEngine({ rules: builtinRules() });
  const scan = (path: string, text: string) => summary(text, engine.scan({ path, text }).findings);

  describe('service:* on resources named by reference', () => {
    const cfn = (resources: string, action = 's3:*') =>
      `Resources:\n  Job:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: '${action}'\n            Resource:\n${resources}\n`;

    it('reports s3:* on !GetAtt and !Sub bucket ARNs once, at the lower severity', () => {
      const text = cfn(`              - !GetAtt Bucket.Arn\n              - !Sub '\${Bucket.Arn}/*'`);
      assert.deepEqual(scan('t.yaml', text), ['aws-iam-service-wildcard-on-resource@9:s3:*']);
      const [finding] = engine.scan({ path: 't.yaml', text }).findings;
      assert.equal(finding.severity, 'info');
      assert.match(finding.message, /on its 2 resources/);
    });

    it('reports s3:* on a Terraform ARN built from a local, naming the reference when it is the only resource', () => {
      const text = `resource "aws_iam_role_policy" "etl" {\n  role = "etl"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.lake.arn }]\n  })\n}\n`;
      assert.deepEqual(scan('iam.tf', text), ['aws-iam-service-wildcard-on-resource@4:s3:*']);
      assert.match(engine.scan({ path: 'iam.tf', text }).findings[0].message, /on aws_s3_bucket\.lake\.arn/);
    });

    it('says nothing for named actions on the same references, or for service:* under a condition', () => {
      assert.deepEqual(scan('t.yaml', cfn(`              - !GetAtt Bucket.Arn`, 's3:GetObject')), []);
      const conditioned = cfn(`              - !GetAtt Bucket.Arn`).replace(
        '            Resource:',
        '            Condition:\n              Bool:\n                aws:SecureTransport: "true"\n            Resource:',
      );
      assert.deepEqual(scan('t.yaml', conditioned), []);
    });
  });

  describe('reading every secret of the account', () => {
    const policy = (action: string, resource: string, extra = '') =>
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}]}`;

    it('reports secretsmanager:GetSecretValue and ssm:GetParameters on "*", at the action', () => {
      assert.deepEqual(scan('p.json', policy('["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]', '"*"')), [
        'aws-iam-secret-read-any-resource@1:secretsmanager:GetSecretValue',
      ]);
      assert.deepEqual(scan('p.json', policy('"ssm:GetParameters"', '"*"')), ['aws-iam-secret-read-any-resource@1:ssm:GetParameters']);
    });

    it('reports a wildcard that expands to a secret read, and every secret or parameter ARN of the account', () => {
      assert.deepEqual(scan('p.json', policy('"secretsmanager:Get*"', '"*"')), ['aws-iam-secret-read-any-resource@1:secretsmanager:Get*']);
      assert.deepEqual(scan('p.json', policy('"secretsmanager:GetSecretValue"', '"arn:aws:secretsmanager:*:123456789012:secret:*"')), [
        'aws-iam-secret-read-any-resource@1:secretsmanager:GetSecretValue',
      ]);
      assert.deepEqual(scan('p.json', policy('"ssm:GetParametersByPath"', '"arn:aws:ssm:eu-west-1:123456789012:parameter/*"')), [
        'aws-iam-secret-read-any-resource@1:ssm:GetParametersByPath',
      ]);
    });

    it('takes the secret read over a write on "*" in the same statement, the write as a related place', () => {
      const [finding, ...rest] = engine.scan({
        path: 'p.json',
        text: policy('["s3:PutObject", "secretsmanager:GetSecretValue"]', '"*"'),
      }).findings;
      assert.equal(rest.length, 0);
      assert.equal(finding.ruleId, 'aws-iam-secret-read-any-resource');
      assert.equal(finding.related?.length, 1);
    });

    it('says nothing for secrets under a path, a tag condition, DescribeSecret alone or a Deny', () => {
      assert.deepEqual(
        scan('p.json', policy('"secretsmanager:GetSecretValue"', '"arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/*"')),
        [],
      );
      assert.deepEqual(scan('p.json', policy('"ssm:GetParameter"', '"arn:aws:ssm:eu-west-1:123456789012:parameter/app/*"')), []);
      const tagged = ', "Condition": {"StringEquals": {"secretsmanager:ResourceTag/app": "ledger"}}';
      assert.deepEqual(scan('p.json', policy('"secretsmanager:GetSecretValue"', '"*"', tagged)), []);
      assert.deepEqual(scan('p.json', policy('["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets"]', '"*"')), []);
      assert.deepEqual(scan('p.json', policy('"secretsmanager:GetSecretValue"', '"*"').replace('"Allow"', '"Deny"')), []);
    });
  });

  describe('GCP roles through locals and for_each', () => {
    const grant = (forEach: string, role: string, member = 'serviceAccount:etl@p.iam.gserviceaccount.com') =>
      `locals {\n  roles = ["roles/dataflow.worker", "roles/owner"]\n}\nresource "google_project_iam_member" "etl" {\n  for_each = ${forEach}\n  project  = "p"\n  role     = ${role}\n  member   = "${member}"\n}\n`;

    it('reports roles/owner at its entry in a locals list granted with for_each', () => {
      assert.deepEqual(scan('iam.tf', grant('toset(local.roles)', 'each.value')), ['gcp-primitive-role@2:roles/owner']);
      assert.deepEqual(scan('iam.tf', grant('toset(local.roles)', 'each.key')), ['gcp-primitive-role@2:roles/owner']);
    });

    it('reads an inline set, a map of roles and a role given by a local', () => {
      assert.deepEqual(scan('iam.tf', grant('toset(["roles/viewer", "roles/editor"])', 'each.value')), [
        'gcp-primitive-role@5:roles/editor',
      ]);
      assert.deepEqual(scan('iam.tf', grant('{ a = "roles/iam.securityAdmin" }', 'each.value')), [
        'gcp-iam-admin-role@5:roles/iam.securityAdmin',
      ]);
      const byLocal = `locals {\n  role = "roles/owner"\n}\nresource "google_folder_iam_member" "x" {\n  folder = "f"\n  role   = local.role\n  member = "group:ops@example.com"\n}\n`;
      assert.deepEqual(scan('iam.tf', byLocal), ['gcp-primitive-role@2:roles/owner']);
    });

    it('reports a bucket granted to allUsers once, whatever number of roles its for_each holds', () => {
      const text = `resource "google_storage_bucket_iam_member" "pub" {\n  for_each = toset(["roles/storage.objectViewer", "roles/storage.legacyBucketReader"])\n  bucket   = "b"\n  role     = each.key\n  member   = "allUsers"\n}\n`;
      assert.deepEqual(scan('iam.tf', text), ['gcp-public-access@2:roles/storage.objectViewer']);
    });

    it('says nothing when no role the grant can take is broad, or the collection is a variable', () => {
      assert.deepEqual(scan('iam.tf', grant('toset(["roles/viewer", "roles/logging.logWriter"])', 'each.value')), []);
      assert.deepEqual(scan('iam.tf', grant('toset(var.roles)', 'each.value')), []);
    });
  });

  describe('Azure built-in roles named through locals and data sources', () => {
    const assignment = (role: string, scope = '"/subscriptions/${var.subscription_id}"', before = '') =>
      `${before}resource "azurerm_role_assignment" "pipeline" {\n  scope        = ${scope}\n  ${role}\n  principal_id = var.sp\n}\n`;
    const contributorId = `locals {\n  contributor_id = "b24988ac-6180-42a0-ab88-20f7382dd24c"\n}\n`;
    const ids = (text: string) => engine.scan({ path: 'rbac.tf', text }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

    it('reads the Contributor GUID interpolated from a local, or the local itself, at subscription scope', () => {
      const interpolated = assignment(
        'role_definition_id = "/subscriptions/${var.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/${local.contributor_id}"',
        undefined,
        contributorId,
      );
      assert.deepEqual(ids(interpolated), ['azure-privileged-role-assignment@6']);
      assert.deepEqual(ids(assignment('role_definition_id = local.contributor_id', undefined, contributorId)), [
        'azure-privileged-role-assignment@6',
      ]);
    });

    it('reads a data "azurerm_role_definition" looked up by name, alone or after the subscription id', () => {
      const data = `data "azurerm_role_definition" "owner" {\n  name = "Owner"\n}\n`;
      assert.deepEqual(ids(assignment('role_definition_id = data.azurerm_role_definition.owner.id', undefined, data)), [
        'azure-privileged-role-assignment@6',
      ]);
      const joined = 'role_definition_id = "${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.owner.id}"';
      assert.deepEqual(ids(assignment(joined, 'data.azurerm_subscription.primary.id', data)), ['azure-privileged-role-assignment@6']);
    });

    it('reads role names through for_each, and offers Reader only for a name written in the assignment', () => {
      const names = `locals {\n  roles = ["Reader", "Owner"]\n}\n`;
      const text = assignment('for_each = toset(local.roles)\n  role_definition_name = each.value', undefined, names);
      assert.deepEqual(scan('rbac.tf', text), ['azure-privileged-role-assignment@2:Owner']);
      const [fromLocal] = engine.scan({ path: 'rbac.tf', text }).findings;
      assert.equal(fromLocal.fix.iac?.narrower, undefined);
      const [written] = engine.scan({ path: 'rbac.tf', text: assignment('role_definition_name = "Owner"') }).findings;
      assert.deepEqual(written.fix.iac?.narrower, ['Reader']);
    });

    it('says nothing for Reader by data source, the GUID at resource-group scope, or an unknown local', () => {
      const data = `data "azurerm_role_definition" "reader" {\n  name = "Reader"\n}\n`;
      assert.deepEqual(ids(assignment('role_definition_id = data.azurerm_role_definition.reader.id', undefined, data)), []);
      assert.deepEqual(ids(assignment('role_definition_id = local.contributor_id', 'azurerm_resource_group.rg.id', contributorId)), []);
      assert.deepEqual(ids(assignment('role_definition_id = local.missing')), []);
    });
  });

  describe("Terraform's kubernetes provider: bindings to roles of the file, ServiceAccount owners", () => {
    const role = (verbs: string, name = '"deployment-manager"') =>
      `resource "kubernetes_cluster_role" "dm" {\n  metadata {\n    name = ${name}\n  }\n  rule {\n    api_groups = ["apps"]\n    resources  = ["deployments"]\n    verbs      = [${verbs}]\n  }\n}\n`;
    const binding = (roleName: string, subject: string) =>
      `resource "kubernetes_cluster_role_binding" "b" {\n  metadata {\n    name = "b"\n  }\n  role_ref {\n    api_group = "rbac.authorization.k8s.io"\n    kind      = "ClusterRole"\n    name      = ${roleName}\n  }\n  subject {\n${subject}\n  }\n}\n`;
    const everyone = '    kind = "Group"\n    name = "system:authenticated"';
    const writes = '"get", "create", "update"';

    it("reads role_ref.name given as the role resource's metadata[0].name (or metadata.0.name)", () => {
      const ref = 'kubernetes_cluster_role.dm.metadata[0].name';
      assert.deepEqual(scan('rbac.tf', role(writes) + binding(ref, everyone)), ['k8s-broad-group-binding@22:system:authenticated']);
      const dotted = 'kubernetes_cluster_role.dm.metadata.0.name';
      assert.deepEqual(scan('rbac.tf', role(writes) + binding(dotted, everyone)), ['k8s-broad-group-binding@22:system:authenticated']);
    });

    it('knows a role whose name is a variable by its address', () => {
      const text = role(writes, 'var.role_name') + binding('kubernetes_cluster_role.dm.metadata[0].name', everyone);
      assert.deepEqual(scan('rbac.tf', text), ['k8s-broad-group-binding@22:system:authenticated']);
    });

    it('names the subject ServiceAccount and its namespace given by reference', () => {
      const sa = `resource "kubernetes_service_account_v1" "tiller" {\n  metadata {\n    name      = "tiller"\n    namespace = "kube-system"\n    labels    = { owner = "platform" }\n  }\n}\n`;
      const subject =
        '    kind      = "ServiceAccount"\n    name      = kubernetes_service_account_v1.tiller.metadata[0].name\n    namespace = kubernetes_service_account_v1.tiller.metadata[0].namespace';
      const [finding] = engine.scan({ path: 'main.tf', text: sa + binding('"cluster-admin"', subject) }).findings;
      assert.equal(finding.ruleId, 'k8s-cluster-admin-binding');
      assert.match(finding.message, /ServiceAccount kube-system\/tiller\b/);
    });

    it('says nothing for a read-only role of the file bound to everyone, or a role the file does not hold', () => {
      assert.deepEqual(
        scan('rbac.tf', role('"get", "list", "watch"') + binding('kubernetes_cluster_role.dm.metadata[0].name', everyone)),
        [],
      );
      assert.deepEqual(scan('rbac.tf', binding('kubernetes_cluster_role.elsewhere.metadata[0].name', everyone)), []);
    });

    const sa = (metadata: string) =>
      `resource "kubernetes_service_account_v1" "ksm" {\n  metadata {\n    name      = "kube-state-metrics"\n    namespace = "monitoring"\n${metadata}  }\n}\n`;
    const owners = (path: string, text: string) =>
      engine
        .scan({ path, text })
        .findings.filter((f) => f.category === 'ownership')
        .map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

    it('reports a ServiceAccount with no owner label or annotation at its header, with a label fix', () => {
      const ns = `resource "kubernetes_namespace_v1" "monitoring" {\n  metadata {\n    name   = "monitoring"\n    labels = { team = "observability" }\n  }\n}\n`;
      const text = ns + sa('');
      assert.deepEqual(owners('monitoring.tf', text), ['missing-owner-tag@7']);
      const [finding] = engine.scan({ path: 'monitoring.tf', text }).findings.filter((f) => f.ruleId === 'missing-owner-tag');
      assert.match(finding.message, /^kubernetes_service_account_v1\.ksm has no "owner" label or annotation/);
      assert.ok(finding.fix.iac?.fix, 'carries an edit that adds the label');
      assert.deepEqual(owners('monitoring.tf', sa('    labels = { app = "ksm" }\n')), ['missing-owner-tag@1']);
    });

    it('takes an owner label or annotation, a local holding one, and leaves module inputs to the caller', () => {
      assert.deepEqual(owners('sa.tf', sa('    labels = { team = "observability" }\n')), []);
      assert.deepEqual(owners('sa.tf', sa('    annotations = { "acme.io/contact" = "#team-edge" }\n')), []);
      const local = `locals {\n  labels = { owner = "sre" }\n}\n`;
      assert.deepEqual(owners('sa.tf', local + sa('    labels = local.labels\n')), []);
      assert.deepEqual(owners('modules/sa/main.tf', sa('    labels = var.labels\n')), []);
      assert.deepEqual(owners('sa.tf', sa('    labels = var.labels\n')), ['owner-tag-not-static@1']);
    });
  });

  describe('GitLab CI script fragments spliced in with a YAML alias', () => {
    const pipeline = (fragment: string, job = '') =>
      `stages: [plan]\n.azure_login: &azure_login\n${fragment}\n  - az account set --subscription "$ARM_SUBSCRIPTION_ID"\nplan:\n  stage: plan\n${job}  script:\n    - *azure_login\n    - terraform plan\n`;

    it('reports a service-principal password login in the fragment, once, where it is written', () => {
      const text = pipeline('  - az login --service-principal -u "$ARM_CLIENT_ID" -p "$ARM_CLIENT_SECRET" --tenant "$ARM_TENANT_ID"');
      assert.deepEqual(
        scan('.gitlab-ci.yml', text).map((s) => s.slice(0, 62)),
        ['gitlab-static-cloud-credentials@3:az login --service-principal'],
      );
    });

    it('reports a key file login and exported AWS keys in fragments too', () => {
      assert.deepEqual(scan('.gitlab-ci.yml', pipeline('  - gcloud auth activate-service-account --key-file "$GCP_KEY_FILE"')).length, 1);
      assert.deepEqual(scan('.gitlab-ci.yml', pipeline('  - export AWS_SECRET_ACCESS_KEY=$PROD_SECRET')).length, 1);
    });

    it('says nothing for a federated login in a fragment, or keys exchanged for temporary ones', () => {
      const federated = pipeline(
        '  - az login --service-principal -u "$AZURE_CLIENT_ID" --tenant "$AZURE_TENANT_ID" --federated-token "$AZURE_TOKEN"',
      );
      assert.deepEqual(scan('.gitlab-ci.yml', federated), []);
      const exchanged = pipeline(
        '  - export AWS_SECRET_ACCESS_KEY=$(aws sts assume-role-with-web-identity --role-arn "$ROLE" --web-identity-token "$T" --query Credentials.SecretAccessKey --output text)',
      );
      assert.deepEqual(scan('.gitlab-ci.yml', exchanged), []);
    });
  });

  describe('CDK roles assumed by a federated web identity', () => {
    const ts = (principal: string) =>
      `import * as iam from 'aws-cdk-lib/aws-iam';\n\nconst role = new iam.Role(this, 'Deploy', {\n  assumedBy: ${principal},\n});\n`;
    const aud = `'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'`;

    it('reports a GitHub OIDC trust that checks only the audience, at the provider', () => {
      const text = ts(`new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {\n    StringEquals: { ${aud} },\n  })`);
      assert.deepEqual(scan('lib/oidc-stack.ts', text), ['aws-iam-trust-any-principal@4:provider.openIdConnectProviderArn']);
      const [finding] = engine.scan({ path: 'lib/oidc-stack.ts', text }).findings;
      assert.match(finding.message, /any repository on token\.actions\.githubusercontent\.com can assume role/);
    });

    it('reads OpenIdConnectPrincipal with withConditions, FederatedPrincipal with the web-identity action, and an owner-wildcard subject', () => {
      const chained = ts(`new iam.OpenIdConnectPrincipal(provider).withConditions({ StringEquals: { ${aud} } })`);
      assert.deepEqual(scan('lib/s.ts', chained), ['aws-iam-trust-any-principal@4:provider']);
      const federated = ts(
        `new iam.FederatedPrincipal(provider.openIdConnectProviderArn, { StringEquals: { ${aud} } }, 'sts:AssumeRoleWithWebIdentity')`,
      );
      assert.deepEqual(scan('lib/s.ts', federated), ['aws-iam-trust-any-principal@4:provider.openIdConnectProviderArn']);
      const anyOwner = ts(
        `new iam.WebIdentityPrincipal(arn, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' }, StringEquals: { ${aud} } })`,
      );
      assert.deepEqual(scan('lib/s.ts', anyOwner), ['aws-iam-trust-any-principal@4:repo:*']);
    });

    it('reads the same trust in CDK Python, conditions positional or by keyword', () => {
      const py = (principal: string) => `from aws_cdk import aws_iam as iam\n\nrole = iam.Role(self, "Deploy", assumed_by=${principal})\n`;
      const cond = `{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}`;
      assert.deepEqual(scan('app/stack.py', py(`iam.WebIdentityPrincipal(provider.open_id_connect_provider_arn, ${cond})`)), [
        'aws-iam-trust-any-principal@3:provider.open_id_connect_provider_arn',
      ]);
      assert.deepEqual(scan('app/stack.py', py(`iam.OpenIdConnectPrincipal(provider, conditions=${cond})`)), [
        'aws-iam-trust-any-principal@3:provider',
      ]);
    });

    it('reports a web-identity principal with no condition at all: every user of the provider', () => {
      assert.deepEqual(scan('lib/s.ts', ts('new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn)')), [
        'aws-iam-trust-any-principal@4:provider.openIdConnectProviderArn',
      ]);
    });

    it('says nothing for a subject scoped to one repository, conditions in a variable, or FederatedPrincipal for SAML', () => {
      const scoped = ts(
        `new iam.WebIdentityPrincipal(arn, { StringEquals: { ${aud} }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/web:ref:refs/heads/main' } })`,
      );
      assert.deepEqual(scan('lib/s.ts', scoped), []);
      assert.deepEqual(
        scan('lib/s.ts', ts('new iam.WebIdentityPrincipal(cluster.openIdConnectProvider.openIdConnectProviderArn, conditions)')),
        [],
      );
      const saml = ts(
        `new iam.FederatedPrincipal(samlProvider.samlProviderArn, { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }, 'sts:AssumeRoleWithSAML')`,
      );
      assert.deepEqual(scan('lib/s.ts', saml), []);
    });
  });
});
