/**
 * Held-out cases: written after the analysers were changed against the rest of the corpus, and
 * scored as they came out, without changing the analysers for them first. Their categories
 * start with `held-out`, so the figures show how the checks do on cases they were not tuned on.
 */
import { iacDocument, negative, positive, region, type Family, type IacDocument } from './labels';

type Mark = (text: string) => string;

/**
 * `service:*` on a bucket named through an intrinsic or an interpolation: negatives when they were
 * written, positives of the lower-severity check since it reads resources named by reference (the
 * fourth held-out set's `s3:*` on `!GetAtt Bucket.Arn` and on `${local.bucket}`), as the literal
 * bucket ARNs became in awsPolicies.ts.
 */
const SCOPED_SERVICE = ['aws-iam-service-wildcard-on-resource'];
interface HeldOut {
  name: string;
  path: string;
  group: string;
  expect?: string[];
  family?: Family;
  text: (m: Mark) => string;
}

const h = (
  group: string,
  name: string,
  path: string,
  expect: string[] | undefined,
  text: (m: Mark) => string,
  family?: Family,
): HeldOut => ({
  name,
  path: `held-out/${path}`,
  group,
  expect,
  family,
  text,
});

const role = (kind: string, rules: string, extra = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: apps\n${extra}rules:\n${rules}`;

const CASES: HeldOut[] = [
  // AWS identity policies.
  h(
    'aws',
    'service wildcard among scoped actions, "*" among scoped resources',
    'aws/mixed.tf',
    ['aws-iam-service-wildcard'],
    (m) =>
      `resource "aws_iam_policy" "mixed" {\n  policy = jsonencode({\n    Statement = [\n      ${m('{ Effect = "Allow", Action = ["s3:GetObject", "s3:*"], Resource = ["arn:aws:s3:::logs/*", "*"] }')},\n    ]\n  })\n}\n`,
  ),
  h(
    'aws',
    'admin in an aws_iam_role inline_policy block',
    'aws/inline-block.tf',
    ['aws-iam-admin-wildcard'],
    (m) =>
      `resource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  inline_policy {\n    name = "all"\n    policy = jsonencode({\n      Version   = "2012-10-17"\n      Statement = [${m('{ Effect = "Allow", Action = "*", Resource = "*" }')}]\n    })\n  }\n}\n`,
  ),
  h(
    'aws',
    'flow-style YAML admin',
    'aws/flow.yaml',
    ['aws-iam-admin-wildcard'],
    (m) =>
      `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          ${m("- { Effect: Allow, Action: ['*'], Resource: '*' }")}\n`,
  ),
  h(
    'aws',
    's3:* on a !Sub bucket ARN',
    'aws/sub.yaml',
    SCOPED_SERVICE,
    (m) =>
      `Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument:\n        Statement:\n${m("          - Effect: Allow\n            Action: 's3:*'\n            Resource: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'")}\n`,
  ),
  h(
    'aws',
    's3:* on a Fn::Join ARN',
    'aws/join.json',
    SCOPED_SERVICE,
    (m) =>
      `{\n  "Resources": {\n    "P": {\n      "Type": "AWS::IAM::Policy",\n      "Properties": {\n        "PolicyDocument": {\n          "Statement": [\n            ${m('{ "Effect": "Allow", "Action": "s3:*", "Resource": { "Fn::Join": ["", ["arn:aws:s3:::", { "Ref": "B" }, "/*"]] } }')}\n          ]\n        }\n      }\n    }\n  }\n}\n`,
  ),
  h(
    'aws',
    's3:* on an interpolated bucket ARN',
    'aws/interp.tf',
    SCOPED_SERVICE,
    (m) =>
      `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [${m('{ Effect = "Allow", Action = "s3:*", Resource = "${aws_s3_bucket.b.arn}/*" }')}]\n  })\n}\n`,
  ),
  h(
    'aws',
    'Action * with NotResource',
    'aws/notresource.json',
    ['aws-iam-admin-wildcard', 'aws-iam-not-action-allow'],
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Action": "*", "NotResource": "arn:aws:iam::123456789012:role/break-glass" }')}\n  ]\n}\n`,
  ),
  h(
    'aws',
    'PassRole on every role of the account with ecs:RunTask',
    'aws/passrole-arn.json',
    ['aws-iam-privilege-escalation'],
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/*" }')},\n    { "Effect": "Allow", "Action": "ecs:RunTask", "Resource": "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:*" }\n  ]\n}\n`,
  ),
  h(
    'aws',
    'sts:AssumeRole on every role of every account',
    'aws/assume-any.json',
    ['aws-iam-privilege-escalation'],
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*" }')}\n  ]\n}\n`,
  ),
  h(
    'aws',
    'Deny * in a policy document',
    'aws/deny-doc.tf',
    undefined,
    (m) =>
      `data "aws_iam_policy_document" "guard" {\n${m('  statement {\n    effect    = "Deny"\n    actions   = ["*"]\n    resources = ["*"]\n    condition {\n      test     = "BoolIfExists"\n      variable = "aws:MultiFactorAuthPresent"\n      values   = ["false"]\n    }\n  }')}\n}\n`,
  ),
  h(
    'aws',
    'two offending statements, two findings',
    'aws/two.json',
    ['aws-iam-service-wildcard'],
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*" }')},\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }\n  ]\n}\n`,
  ),
  // Trust and resource policies.
  h(
    'aws',
    'two whole accounts trusted, no condition',
    'aws/trust-two.json',
    ['aws-iam-cross-account-trust'],
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"] }, "Action": "sts:AssumeRole" }')}\n  ]\n}\n`,
  ),
  h(
    'aws',
    'account trusted on a principal tag',
    'aws/trust-tag.json',
    undefined,
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "aws:PrincipalTag/team": "data" } } }')}\n  ]\n}\n`,
  ),
  h(
    'aws',
    'Cognito web identity with no condition',
    'aws/cognito.json',
    ['aws-iam-trust-any-principal'],
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Principal": { "Federated": "cognito-identity.amazonaws.com" }, "Action": "sts:AssumeRoleWithWebIdentity" }')}\n  ]\n}\n`,
  ),
  h(
    'aws',
    'bucket open to AWS * within the organization',
    'aws/org-bucket.json',
    undefined,
    (m) =>
      `{\n  "Statement": [\n    ${m('{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-abc123" } } }')}\n  ]\n}\n`,
  ),
  h(
    'aws',
    'public bucket through a policy document',
    'aws/public-doc.tf',
    ['aws-resource-policy-any-principal'],
    (m) =>
      `data "aws_iam_policy_document" "site" {\n${m('  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["${aws_s3_bucket.site.arn}/*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n  }')}\n}\n\nresource "aws_s3_bucket_policy" "site" {\n  bucket = aws_s3_bucket.site.id\n  policy = data.aws_iam_policy_document.site.json\n}\n`,
  ),
  h(
    'aws',
    'topic open to * from one source ARN',
    'aws/topic.yaml',
    undefined,
    (m) =>
      `Resources:\n  TP:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [!Ref T]\n      PolicyDocument:\n        Statement:\n${m("          - Effect: Allow\n            Principal: '*'\n            Action: sns:Publish\n            Resource: !Ref T\n            Condition:\n              ArnLike:\n                aws:SourceArn: !GetAtt Bucket.Arn")}\n`,
  ),
  // Kubernetes.
  h('k8s', 'every verb on two apps resources', 'k8s/verbs.yaml', ['k8s-rbac-wildcard'], (m) =>
    role('ClusterRole', m('  - apiGroups: ["apps"]\n    resources: ["deployments", "statefulsets"]\n    verbs: ["*"]') + '\n'),
  ),
  h('k8s', 'every verb on secrets in a Role', 'k8s/secrets-all.yaml', ['k8s-rbac-wildcard', 'k8s-rbac-secrets-read'], (m) =>
    role('Role', m('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["*"]') + '\n'),
  ),
  h(
    'k8s',
    'wildcard ClusterRole inside a List',
    'k8s/list.yaml',
    ['k8s-rbac-wildcard'],
    (m) =>
      `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata:\n      name: all\n    rules:\n${m('      - apiGroups: ["*"]\n        resources: ["*"]\n        verbs: ["get", "list"]')}\n`,
  ),
  h('k8s', 'aggregated ClusterRole with no rules of its own', 'k8s/aggregate.yaml', undefined, (m) =>
    m(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels:\n        rbac.example.com/aggregate-to-monitoring: "true"\nrules: []\n`,
    ),
  ),
  h('k8s', 'use of one named PodSecurityPolicy', 'k8s/psp.yaml', undefined, (m) =>
    role(
      'Role',
      m('  - apiGroups: ["policy"]\n    resources: ["podsecuritypolicies"]\n    resourceNames: ["restricted"]\n    verbs: ["use"]') + '\n',
    ),
  ),
  h('k8s', 'cluster-admin to tiller', 'k8s/tiller.yaml', ['k8s-cluster-admin-binding'], (m) =>
    m(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: tiller\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: tiller\n    namespace: kube-system\n`,
    ),
  ),
  h('k8s', 'a Role named default bound to a named account', 'k8s/role-default.yaml', undefined, (m) =>
    m(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: app\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: default\nsubjects:\n  - kind: ServiceAccount\n    name: app\n    namespace: apps\n`,
    ),
  ),
  h(
    'k8s',
    'Pod mounting a bound account token',
    'k8s/pod.yaml',
    ['k8s-automount-service-account-token'],
    (m) =>
      `${m('apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  serviceAccountName: ops\n  automountServiceAccountToken: true\n  containers:\n    - name: debug\n      image: busybox:1.36\n')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ops\nroleRef:\n  kind: ClusterRole\n  name: admin\nsubjects:\n  - kind: ServiceAccount\n    name: ops\n`,
    'credential-lifetime',
  ),
  h(
    'k8s',
    'StatefulSet on the deprecated serviceAccount field, bound',
    'k8s/sts.yaml',
    ['k8s-automount-service-account-token'],
    (m) =>
      `${m('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      serviceAccount: db-operator\n      containers:\n        - name: db\n          image: postgres:16\n')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: db\nroleRef:\n  kind: Role\n  name: db\nsubjects:\n  - kind: ServiceAccount\n    name: db-operator\n`,
    'credential-lifetime',
  ),
  // GitHub Actions.
  h(
    'gha',
    'write-all on a job calling a reusable workflow',
    '.github/workflows/call.yml',
    ['gha-permissions-write-all'],
    (m) =>
      `on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    ${m('permissions: write-all')}\n`,
  ),
  h(
    'gha',
    'explicit write scopes',
    '.github/workflows/release.yml',
    undefined,
    (m) =>
      `on: push\n${m('permissions:\n  contents: write\n  actions: write')}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`,
  ),
  h(
    'gha',
    'reusable workflow without permissions (the caller sets them)',
    '.github/workflows/reusable.yml',
    undefined,
    (m) =>
      `${m('on:\n  workflow_call:\n    inputs:\n      env:\n        type: string')}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ inputs.env }}\n`,
  ),
  // GCP and Azure.
  h('gcp', 'owner with an IAM condition', 'gcp/cond.tf', ['gcp-primitive-role'], (m) =>
    m(
      `resource "google_project_iam_member" "temp_owner" {\n  project = "acme"\n  role    = "roles/owner"\n  member  = "user:oncall@example.com"\n  condition {\n    title      = "expires"\n    expression = "request.time < timestamp(\\"2027-01-01T00:00:00Z\\")"\n  }\n}\n`,
    ),
  ),
  h('gcp', 'token creator organization-wide', 'gcp/org-tokens.tf', ['gcp-impersonation-role'], (m) =>
    m(
      `resource "google_organization_iam_member" "tokens" {\n  org_id = "123"\n  role   = "roles/iam.serviceAccountTokenCreator"\n  member = "group:ci@example.com"\n}\n`,
    ),
  ),
  h(
    'gcp',
    'instance template on "default"',
    'gcp/template.tf',
    ['gcp-default-service-account'],
    (m) =>
      `resource "google_compute_instance_template" "t" {\n  machine_type = "e2-small"\n  service_account {\n    ${m('email  = "default"')}\n    scopes = ["cloud-platform"]\n  }\n}\n`,
  ),
  h('azure', 'Owner on an interpolated subscription', 'azure/interp.tf', ['azure-privileged-role-assignment'], (m) =>
    m(
      `resource "azurerm_role_assignment" "o" {\n  scope                = "/subscriptions/\${var.subscription_id}"\n  role_definition_name = "Owner"\n  principal_id         = var.principal_id\n}\n`,
    ),
  ),
  h('azure', 'Contributor on a resource group data source', 'azure/rg.tf', undefined, (m) =>
    m(
      `resource "azurerm_role_assignment" "c" {\n  scope                = data.azurerm_resource_group.rg.id\n  role_definition_name = "Contributor"\n  principal_id         = var.principal_id\n}\n`,
    ),
  ),
  h(
    'azure',
    'ARM-style role definition with *',
    'azure/arm-role.json',
    ['azure-custom-role-wildcard'],
    (m) =>
      `{\n  "properties": {\n    "roleName": "ops",\n    "permissions": [\n      { ${m('"actions": ["*"]')}, "notActions": [] }\n    ],\n    "assignableScopes": ["/subscriptions/00000000-0000-0000-0000-000000000000"]\n  }\n}\n`,
  ),
  // Owners.
  h(
    'owners',
    'root-module role tagged from a variable',
    'owners/root.tf',
    ['owner-tag-not-static'],
    (m) =>
      `${m('resource "aws_iam_role" "r"')} {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n  tags               = var.tags\n}\n`,
    'ownership',
  ),
  h(
    'owners',
    'module role with no tags at all',
    'modules/role/main.tf',
    ['missing-owner-tag'],
    (m) => `${m('resource "aws_iam_role" "this"')} {\n  name               = var.name\n  assume_role_policy = var.trust\n}\n`,
    'ownership',
  ),
  h(
    'owners',
    'ServiceAccount with a prefixed owner annotation',
    'owners/sa.yaml',
    undefined,
    (m) => m(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    team.example.com/owner: payments\n`),
    'ownership',
  ),
  h(
    'owners',
    'instance profile (not an identity of its own)',
    'owners/profile.tf',
    undefined,
    (m) => m(`resource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n`),
    'ownership',
  ),
];

export function heldOutDocuments(): IacDocument[] {
  return CASES.map((c) => {
    const category = `held-out ${c.group}`;
    const l = c.expect ? positive(c.expect, category, 'held-out', c.name, c.family) : negative(category, 'held-out', c.name, c.family);
    return iacDocument(
      c.path,
      c.text((t) => region(l, t)),
    );
  });
}
