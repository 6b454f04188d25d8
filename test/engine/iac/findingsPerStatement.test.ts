import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { defaultEngine, testEngine } from '../../support/engineFixture';

/** `check@line:element` of each finding, and of its related locations. */
function summary(text: string, findings: Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.fix.iac?.check}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}` +
      (f.related?.length ? ` +${f.related.map((r) => text.slice(r.offsets.start, r.offsets.end)).join(',')}` : ''),
  );
}
const scan = (path: string, text: string) => summary(text, defaultEngine().scan({ path, text }).findings);
const policy = (...statements: string[]) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.map((s) => `    ${s}`).join(',\n')}\n  ]\n}\n`;

describe('IaC findings: one per statement, rule or binding (issue 12)', () => {
  describe('AWS policies', () => {
    it('a statement of many broad actions is one finding, the rest related locations', () => {
      const actions = ['s3:PutObject', 's3:DeleteObject', 'dynamodb:PutItem', 'sqs:SendMessage', 'sns:Publish'];
      const text = policy(`{ "Effect": "Allow", "Action": ${JSON.stringify(actions)}, "Resource": "*" }`);
      const got = scan('p.json', text);
      assert.deepEqual(got, [`aws-iam-broad-action-on-any-resource@4:s3:PutObject +${actions.slice(1).join(',')}`]);
    });

    it('the most serious check of a statement wins; each statement is its own finding', () => {
      const text = policy(
        '{ "Effect": "Allow", "Action": ["s3:PutObject", "iam:CreateAccessKey", "ec2:*"], "Resource": "*" }',
        '{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }',
      );
      assert.deepEqual(scan('p.json', text), [
        'aws-iam-privilege-escalation@4:iam:CreateAccessKey +s3:PutObject,ec2:*',
        'aws-iam-service-wildcard@5:kms:*',
      ]);
    });

    it('iam:PassRole with a companion is one finding on the grant, the companion related', () => {
      const text = policy(
        '{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }',
        '{ "Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:app-*" }',
      );
      assert.deepEqual(scan('p.json', text), ['aws-iam-privilege-escalation@4:iam:PassRole +lambda:CreateFunction']);
    });

    it('iam:PassRole scoped by iam:PassedToService or to one role ARN is not escalation, companion or not', () => {
      const companion = '{ "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:eu-west-1:123456789012:*" }';
      const byCondition = policy(
        '{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringEquals": { "iam:PassedToService": "ec2.amazonaws.com" } } }',
        companion,
      );
      const byArn = policy('{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app" }', companion);
      assert.deepEqual(scan('p.json', byCondition), []);
      assert.deepEqual(scan('p.json', byArn), []);
    });

    it('Terraform policy-document conditions scope PassRole too', () => {
      const text = `data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }
  statement {
    actions   = ["lambda:CreateFunction"]
    resources = ["arn:aws:lambda:*:123456789012:function:app-*"]
  }
}
`;
      assert.deepEqual(scan('iam.tf', text), []);
    });

    it('cross-account trust needs an ExternalId, MFA or principal condition; a named role is fine', () => {
      const trust = (principal: string, condition = '') =>
        policy(`{ "Effect": "Allow", "Principal": { "AWS": "${principal}" }, "Action": "sts:AssumeRole"${condition} }`);
      assert.deepEqual(scan('t.json', trust('arn:aws:iam::999988887777:root')), [
        'aws-iam-cross-account-trust@4:arn:aws:iam::999988887777:root',
      ]);
      assert.deepEqual(scan('t.json', trust('999988887777')), ['aws-iam-cross-account-trust@4:999988887777']);
      assert.deepEqual(
        scan('t.json', trust('arn:aws:iam::999988887777:root', ', "Condition": { "StringEquals": { "sts:ExternalId": "x-1" } }')),
        [],
      );
      assert.deepEqual(
        scan('t.json', trust('arn:aws:iam::999988887777:root', ', "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }')),
        [],
      );
      assert.deepEqual(scan('t.json', trust('arn:aws:iam::999988887777:role/ci')), []);
      // A condition that scopes nothing about the caller does not make it safe.
      assert.deepEqual(
        scan(
          't.json',
          trust('arn:aws:iam::999988887777:root', ', "Condition": { "StringEquals": { "aws:RequestedRegion": "eu-west-1" } }'),
        ),
        ['aws-iam-cross-account-trust@4:arn:aws:iam::999988887777:root'],
      );
    });

    it('resource policies open to "*" are reported; Deny, conditions and the default key policy are not', () => {
      const bucket = (st: string) =>
        `resource "aws_s3_bucket_policy" "b" {\n  bucket = "b"\n  policy = jsonencode({\n    Statement = [${st}]\n  })\n}\n`;
      assert.deepEqual(
        scan('b.tf', bucket('{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }')),
        ['aws-resource-policy-any-principal@4:*'],
      );
      assert.deepEqual(
        scan(
          'b.tf',
          bucket(
            '{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }',
          ),
        ),
        [],
      );
      assert.deepEqual(
        scan(
          'b.tf',
          bucket(
            '{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*", Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } } }',
          ),
        ),
        [],
      );
      const key = `Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'\n            Action: 'kms:*'\n            Resource: '*'\n`;
      assert.deepEqual(scan('key.yaml', key), []);
      const open = key.replace("!Sub 'arn:aws:iam::${AWS::AccountId}:root'", "'*'");
      assert.deepEqual(scan('key.yaml', open), ['aws-resource-policy-any-principal@9:*']);
    });

    it('Lambda permissions for principal "*" need a source ARN, account or organization', () => {
      const tf = (extra: string) =>
        `resource "aws_lambda_permission" "p" {\n  action        = "lambda:InvokeFunction"\n  function_name = "api"\n  principal     = "*"\n${extra}}\n`;
      assert.deepEqual(scan('l.tf', tf('')), ['aws-resource-policy-any-principal@4:*']);
      assert.deepEqual(scan('l.tf', tf('  source_account = "123456789012"\n')), []);
      const cfn = (extra: string) =>
        `Resources:\n  P:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Fn\n      Principal: '*'\n${extra}`;
      assert.deepEqual(scan('t.yaml', cfn('')), ['aws-resource-policy-any-principal@7:*']);
      assert.deepEqual(scan('t.yaml', cfn('      SourceArn: !GetAtt Bucket.Arn\n')), []);
    });

    it('reads CloudFormation policies written as JSON strings, SSO permission sets and Serverless statements', () => {
      const cfn = `Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'\n`;
      assert.deepEqual(scan('t.yaml', cfn), ['aws-iam-admin-wildcard@6:*']);
      const sso = `resource "aws_ssoadmin_permission_set_inline_policy" "p" {\n  inline_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })\n}\nresource "aws_ssoadmin_managed_policy_attachment" "a" {\n  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n`;
      assert.deepEqual(scan('sso.tf', sso), [
        'aws-iam-service-wildcard@2:s3:*',
        'aws-iam-privileged-managed-policy@5:arn:aws:iam::aws:policy/AdministratorAccess',
      ]);
      const sls = `service: api\nprovider:\n  name: aws\n  iamRoleStatements:\n    - Effect: Allow\n      Action: dynamodb:*\n      Resource: '*'\n`;
      assert.deepEqual(scan('serverless.yml', sls), ['aws-iam-service-wildcard@6:dynamodb:*']);
      assert.deepEqual(scan('config/other.yml', sls), [], 'only serverless.yml is read as Serverless Framework');
    });

    it('Allow with NotResource is as broad as "*"; every role of an account is as good as any for PassRole and AssumeRole', () => {
      assert.deepEqual(scan('p.json', policy('{ "Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::audit/*" }')), [
        'aws-iam-admin-wildcard@4:*',
      ]);
      assert.deepEqual(
        scan('p.json', policy('{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/*" }')),
        ['aws-iam-privilege-escalation@4:iam:PassRole'],
      );
      assert.deepEqual(scan('p.json', policy('{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*" }')), [
        'aws-iam-privilege-escalation@4:sts:AssumeRole',
      ]);
      assert.deepEqual(
        scan('p.json', policy('{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/cdk-*" }')),
        [],
      );
    });

    it('a web-identity provider with no condition trusts all its users; a sub condition scopes it', () => {
      const trust = (condition = '') =>
        policy(
          `{ "Effect": "Allow", "Principal": { "Federated": "cognito-identity.amazonaws.com" }, "Action": "sts:AssumeRoleWithWebIdentity"${condition} }`,
        );
      assert.deepEqual(scan('t.json', trust()), ['aws-iam-trust-any-principal@4:cognito-identity.amazonaws.com']);
      assert.deepEqual(
        scan('t.json', trust(', "Condition": { "StringEquals": { "cognito-identity.amazonaws.com:aud": "eu-west-1:pool" } }')),
        [],
      );
    });

    it('admin managed policies through data sources and module inputs', () => {
      const data = `data "aws_iam_policy" "admin" {\n  name = "AdministratorAccess"\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "r"\n  policy_arn = data.aws_iam_policy.admin.arn\n}\n`;
      assert.deepEqual(scan('a.tf', data), ['aws-iam-privileged-managed-policy@6:data.aws_iam_policy.admin.arn']);
      assert.deepEqual(scan('a.tf', data.replace('AdministratorAccess', 'ReadOnlyAccess')), []);
      const mod = `module "r" {\n  source   = "terraform-aws-modules/iam/aws//modules/iam-role"\n  policies = { Admin = "arn:aws:iam::aws:policy/AdministratorAccess", RO = "arn:aws:iam::aws:policy/ReadOnlyAccess" }\n}\n`;
      assert.deepEqual(scan('m.tf', mod), ['aws-iam-privileged-managed-policy@3:arn:aws:iam::aws:policy/AdministratorAccess']);
    });
  });

  describe('Kubernetes RBAC', () => {
    const role = (kind: string, rule: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: apps\nrules:\n${rule}`;

    it('"*" in three fields of one rule is one finding', () => {
      assert.deepEqual(scan('r.yaml', role('ClusterRole', '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n')), [
        'k8s-rbac-wildcard@7:* +*,*',
      ]);
    });

    it('namespaced Roles reading every Secret; resourceNames and cluster-scoped nodes/proxy in a Role are fine', () => {
      assert.deepEqual(scan('r.yaml', role('Role', '  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["list"]\n')), [
        'k8s-rbac-secrets-read@8:secrets',
      ]);
      assert.deepEqual(
        scan(
          'r.yaml',
          role('ClusterRole', '  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["tls"]\n    verbs: ["get"]\n'),
        ),
        [],
      );
      assert.deepEqual(scan('r.yaml', role('Role', '  - apiGroups: [""]\n    resources: ["nodes/proxy"]\n    verbs: ["get"]\n')), []);
    });

    it('create on pods/* and serviceaccounts/token', () => {
      assert.deepEqual(scan('r.yaml', role('Role', '  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: ["create"]\n')), [
        'k8s-rbac-exec-or-proxy@8:pods/*',
      ]);
      assert.deepEqual(scan('r.yaml', role('Role', '  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: ["get"]\n')), []);
      assert.deepEqual(
        scan('r.yaml', role('Role', '  - apiGroups: [""]\n    resources: ["serviceaccounts/token"]\n    verbs: ["create"]\n')),
        ['k8s-rbac-escalation-verb@8:serviceaccounts/token'],
      );
    });

    it('create on pods cluster-wide (run as any account); in a namespace, by name, or beside a sharper finding it is not reported alone', () => {
      const podsRule = (verbs: string, extra = '') => `  - apiGroups: [""]\n    resources: ["pods"]\n${extra}    verbs: [${verbs}]\n`;
      assert.deepEqual(scan('r.yaml', role('ClusterRole', podsRule('"create", "get"'))), ['k8s-rbac-escalation-verb@8:pods']);
      assert.deepEqual(scan('r.yaml', role('ClusterRole', podsRule('"get", "list", "delete"'))), []);
      assert.deepEqual(scan('r.yaml', role('Role', podsRule('"create"'))), []);
      assert.deepEqual(scan('r.yaml', role('ClusterRole', podsRule('"create"', '    resourceNames: ["runner"]\n'))), []);
      assert.deepEqual(
        scan('r.yaml', role('ClusterRole', '  - apiGroups: [""]\n    resources: ["pods", "pods/exec"]\n    verbs: ["create"]\n')),
        ['k8s-rbac-exec-or-proxy@8:pods/exec'],
      );
    });

    it('the kubernetes Terraform provider gets the same checks as manifests', () => {
      const tf = `resource "kubernetes_cluster_role_v1" "ops" {\n  metadata {\n    name = "ops"\n  }\n  rule {\n    api_groups = ["*"]\n    resources  = ["*"]\n    verbs      = ["get"]\n  }\n}\nresource "kubernetes_cluster_role_binding" "b" {\n  metadata {\n    name = "b"\n  }\n  role_ref {\n    api_group = "rbac.authorization.k8s.io"\n    kind      = "ClusterRole"\n    name      = "cluster-admin"\n  }\n  subject {\n    kind = "Group"\n    name = "devs"\n  }\n}\n`;
      assert.deepEqual(scan('k8s.tf', tf), ['k8s-rbac-wildcard@6:* +*', 'k8s-cluster-admin-binding@18:cluster-admin']);
    });

    it('bindings: cluster-admin to any subject but system:masters; any role to the default account', () => {
      const binding = (role: string, subject: string) =>
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n${subject}`;
      assert.deepEqual(scan('b.yaml', binding('cluster-admin', '  - kind: User\n    name: jane\n')), [
        'k8s-cluster-admin-binding@9:cluster-admin',
      ]);
      assert.deepEqual(scan('b.yaml', binding('cluster-admin', '  - kind: Group\n    name: system:masters\n')), []);
      assert.deepEqual(scan('b.yaml', binding('view', '  - kind: ServiceAccount\n    name: default\n    namespace: apps\n')), [
        'k8s-default-service-account-binding@12:default',
      ]);
      assert.deepEqual(scan('b.yaml', binding('view', '  - kind: ServiceAccount\n    name: app\n    namespace: apps\n')), []);
    });

    it('token automount is reported where a binding grants the account something, never on kustomize patches', () => {
      const deployment = (sa: string) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      serviceAccountName: ${sa}\n      containers:\n        - name: d\n          image: d:1\n`;
      const bindingOf = (sa: string) =>
        `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  kind: ClusterRole\n  name: edit\nsubjects:\n  - kind: ServiceAccount\n    name: ${sa}\n`;
      const automount = (text: string, engine = defaultEngine()) =>
        engine.scan({ path: 'd.yaml', text }).findings.filter((f) => f.ruleId === 'k8s-automount-service-account-token').length;
      assert.equal(automount(deployment('ops') + bindingOf('ops')), 1);
      assert.equal(automount(deployment('ops') + bindingOf('other')), 0);
      assert.equal(automount(deployment('default')), 0);
      const all = testEngine({ config: { iac: { automountServiceAccountToken: 'all' } } });
      assert.equal(automount(deployment('default'), all), 1);
      const patch = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: d\n          resources: { limits: { memory: 1Gi } }\n`;
      assert.equal(automount(patch, all), 0);
    });
  });

  describe('GitHub Actions', () => {
    it('a reusable workflow only called by others is not asked for top-level permissions', () => {
      const wf = (on: string) => `on:\n${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
      assert.deepEqual(scan('.github/workflows/r.yml', wf('  workflow_call: {}')), []);
      assert.deepEqual(
        scan('.github/workflows/r.yml', wf('  workflow_call: {}\n  push: {}')).map((s) => s.split('@')[0]),
        ['gha-missing-permissions'],
      );
    });
  });

  describe('owners, GCP and Azure', () => {
    it('owner tags only on identities; a module passing var.tags is left to its caller', () => {
      const ids = (path: string, text: string) =>
        defaultEngine()
          .scan({ path, text })
          .findings.map((f) => f.ruleId);
      assert.deepEqual(ids('k.tf', 'resource "aws_kms_key" "k" {\n  description = "k"\n}\n'), []);
      assert.deepEqual(ids('p.tf', 'resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = "{}"\n}\n'), []);
      const role = 'resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n  tags = merge(var.tags, { Name = "r" })\n}\n';
      assert.deepEqual(ids('modules/role/main.tf', role), []);
      assert.deepEqual(ids('envs/prod/main.tf', role), ['owner-tag-not-static']);
      assert.deepEqual(ids('envs/prod/main.tf', role.replace(/ {2}tags = .*\n/, '')), ['missing-owner-tag']);
    });

    it('GCP: the default compute account and primitive roles given through modules', () => {
      const vm = (sa: string) =>
        `resource "google_compute_instance" "vm" {\n  name = "vm"\n  service_account {\n${sa}    scopes = ["cloud-platform"]\n  }\n}\n`;
      assert.deepEqual(scan('vm.tf', vm('')), ['gcp-default-service-account@3:service_account ']);
      assert.deepEqual(scan('vm.tf', vm('    email = google_service_account.vm.email\n')), []);
      const mod = (role: string) =>
        `module "iam" {\n  source   = "terraform-google-modules/iam/google//modules/projects_iam"\n  bindings = {\n    "${role}" = ["group:devs@example.com"]\n  }\n}\n`;
      assert.deepEqual(scan('iam.tf', mod('roles/editor')), ['gcp-primitive-role@4:"roles/editor"']);
      assert.deepEqual(scan('iam.tf', mod('roles/viewer')), []);
    });

    it('GCP service-agent roles only for Google service agents', () => {
      const grant = (member: string) =>
        `resource "google_project_iam_member" "m" {\n  project = "p"\n  role    = "roles/container.serviceAgent"\n  member  = "${member}"\n}\n`;
      assert.deepEqual(scan('iam.tf', grant('user:jane@example.com')), ['gcp-service-agent-role@3:roles/container.serviceAgent']);
      assert.deepEqual(scan('iam.tf', grant('serviceAccount:service-123@container-engine-robot.iam.gserviceaccount.com')), []);
      assert.deepEqual(scan('iam.tf', grant('serviceAccount:service-123@gcp-sa-pubsub.iam.gserviceaccount.com')), []);
    });

    it('Azure custom roles that can write role assignments or definitions, one finding per permissions block', () => {
      const role = (actions: string) =>
        `resource "azurerm_role_definition" "r" {\n  name  = "r"\n  scope = var.scope\n  permissions {\n    actions = ${actions}\n  }\n}\n`;
      assert.deepEqual(scan('r.tf', role('["Microsoft.Authorization/roleAssignments/write", "*"]')), [
        'azure-custom-role-wildcard@5:Microsoft.Authorization/roleAssignments/write +*',
      ]);
      assert.deepEqual(scan('r.tf', role('["Microsoft.Authorization/roleAssignments/read", "*/read"]')), []);
    });
  });
});
