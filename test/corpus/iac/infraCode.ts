/**
 * Infrastructure written in general-purpose languages: AWS CDK in Python, Pulumi in TypeScript
 * and in Python; and Ansible tasks managing IAM and RBAC. One program per file, as apps are laid out, with the over-broad grant (or its
 * look-alike) marked; the rest of each file is ordinary, narrow code that must stay quiet.
 */
import { iacDocument, negative, positive, region, type Family, type IacDocument } from './labels';

type Mark = (text: string) => string;
interface CodeCase {
  name: string;
  category: string;
  /** Checks expected inside the marked region; absent: a negative. */
  expect?: string[];
  family?: Family;
  /** The marked statement or resource; the file around it comes from the form. */
  body: (mark: Mark) => string;
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

function documents(form: string, file: (name: string) => string, wrap: (body: string) => string, cases: CodeCase[]): IacDocument[] {
  return cases.map((c) => {
    const l = c.expect ? positive(c.expect, c.category, form, c.name, c.family) : negative(c.category, form, c.name, c.family);
    return iacDocument(file(slug(c.name)), wrap(c.body((t) => region(l, t))));
  });
}

// ---- AWS CDK in Python -------------------------------------------------------------------------

const cdkPython = (body: string) => `from aws_cdk import Stack, Tags, aws_iam as iam, aws_s3 as s3
from constructs import Construct


class ServiceStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Tags.of(self).add("owner", "platform-team")
        bucket = s3.Bucket(self, "Reports")
        role = iam.Role(self, "TaskRole", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"))
        role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=[bucket.arn_for_objects("*")]))
${body
  .split('\n')
  .map((l) => `        ${l}`)
  .join('\n')}
`;

const CDK_PYTHON: CodeCase[] = [
  {
    name: 'cdk py admin statement',
    category: 'iac-code aws',
    expect: ['aws-iam-admin-wildcard'],
    body: (m) => `role.add_to_policy(${m('iam.PolicyStatement(actions=["*"], resources=["*"])')})`,
  },
  {
    name: 'cdk py admin statement over lines',
    category: 'iac-code aws',
    expect: ['aws-iam-admin-wildcard'],
    body: (m) =>
      `role.add_to_policy(\n    ${m('iam.PolicyStatement(\n        effect=iam.Effect.ALLOW,\n        actions=["*"],\n        resources=["*"],\n    )')}\n)`,
  },
  {
    name: 'cdk py AdministratorAccess',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) => `role.add_managed_policy(iam.ManagedPolicy.${m('from_aws_managed_policy_name("AdministratorAccess")')})`,
  },
  {
    name: 'cdk py managed policies on the role',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) =>
      `admin = iam.Role(\n    self,\n    "AdminRole",\n    assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),\n    managed_policies=[iam.ManagedPolicy.${m('from_managed_policy_arn(self, "Power", "arn:aws:iam::aws:policy/PowerUserAccess")')}],\n)`,
  },
  {
    name: 'cdk py service wildcard by builder',
    category: 'iac-code aws',
    expect: ['aws-iam-service-wildcard'],
    body: (m) =>
      `statement = iam.PolicyStatement()\n${m('statement.add_actions("dynamodb:*")')}\nstatement.add_all_resources()\nrole.add_to_policy(statement)`,
  },
  {
    name: 'cdk py iam wildcard in a policy document',
    category: 'iac-code aws',
    expect: ['aws-iam-privilege-escalation', 'aws-iam-service-wildcard'],
    body: (m) => `iam.Policy(self, "Ops", statements=[${m('iam.PolicyStatement(actions=["iam:*"], resources=["*"])')}], roles=[role])`,
  },
  {
    name: 'cdk py role anyone can assume',
    category: 'iac-code aws',
    expect: ['aws-iam-trust-any-principal'],
    body: (m) => `iam.Role(self, "Open", assumed_by=${m('iam.AnyPrincipal()')})`,
  },
  {
    name: 'cdk py bucket granted to anyone',
    category: 'iac-code aws',
    expect: ['aws-cdk-grant-to-any-principal'],
    body: (m) => `bucket.grant_read(${m('iam.AnyPrincipal()')})`,
  },
  {
    name: 'cdk py access key',
    category: 'iac-code keys',
    expect: ['aws-iam-access-key-created'],
    family: 'credential-lifetime',
    body: (m) => `ci_user = iam.User(self, "CiUser")\n${m('iam.CfnAccessKey')}(self, "CiKey", user_name=ci_user.user_name)`,
  },
  // Negatives.
  {
    name: 'cdk py Deny everything',
    category: 'iac-code aws',
    body: (m) => `role.add_to_policy(${m('iam.PolicyStatement(effect=iam.Effect.DENY, actions=["*"], resources=["*"])')})`,
  },
  {
    name: 'cdk py scoped service wildcard',
    category: 'iac-code aws',
    body: (m) =>
      `role.add_to_policy(${m('iam.PolicyStatement(actions=["s3:GetObject", "s3:PutObject"], resources=[f"{bucket.bucket_arn}/*"])')})`,
  },
  {
    name: 'cdk py ReadOnlyAccess',
    category: 'iac-code aws',
    body: (m) => `role.add_managed_policy(iam.ManagedPolicy.${m('from_aws_managed_policy_name("ReadOnlyAccess")')})`,
  },
  {
    name: 'cdk py actions from a variable',
    category: 'iac-code aws',
    body: (m) => `role.add_to_policy(${m('iam.PolicyStatement(actions=self.node.try_get_context("actions"), resources=["*"])')})`,
  },
  {
    name: 'cdk py PassRole to one service',
    category: 'iac-code aws',
    body: (m) =>
      `role.add_to_policy(${m('iam.PolicyStatement(\n    actions=["iam:PassRole"],\n    resources=["*"],\n    conditions={"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},\n)')})`,
  },
  {
    name: 'cdk py account trust with external id',
    category: 'iac-code aws',
    body: (m) =>
      `iam.Role(self, "Partner", assumed_by=${m('iam.AccountPrincipal("111122223333").with_conditions({"StringEquals": {"sts:ExternalId": "partner-7"}})')})`,
  },
  {
    name: 'cdk py grant to the role',
    category: 'iac-code aws',
    body: (m) => `bucket.grant_read(${m('role')})`,
  },
];

// ---- Pulumi in TypeScript ----------------------------------------------------------------------

const pulumiTs = (body: string) => `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";

const config = new pulumi.Config();
const bucket = new aws.s3.BucketV2("reports", { tags: { owner: "data-team" } });
const taskRole = new aws.iam.Role("task", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ecs-tasks.amazonaws.com" }),
    tags: { owner: "data-team" },
});

${body}
`;

const PULUMI_TS: CodeCase[] = [
  {
    name: 'pulumi ts admin policy through JSON.stringify',
    category: 'iac-code aws',
    expect: ['aws-iam-admin-wildcard'],
    body: (m) =>
      `const admin = new aws.iam.Policy("admin", {\n    policy: JSON.stringify({\n        Version: "2012-10-17",\n        ${m('Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }]')},\n    }),\n});`,
  },
  {
    name: 'pulumi ts role policy as an object',
    category: 'iac-code aws',
    expect: ['aws-iam-service-wildcard'],
    body: (m) =>
      `new aws.iam.RolePolicy("task-sqs", {\n    role: taskRole.id,\n    policy: {\n        Version: "2012-10-17",\n        Statement: [${m('{ Effect: "Allow", Action: ["sqs:*"], Resource: "*" }')}],\n    },\n});`,
  },
  {
    name: 'pulumi ts getPolicyDocument',
    category: 'iac-code aws',
    expect: ['aws-iam-privilege-escalation', 'aws-iam-service-wildcard'],
    body: (m) =>
      `const doc = aws.iam.getPolicyDocumentOutput({\n    statements: [${m('{ actions: ["iam:*"], resources: ["*"] }')}],\n});\nnew aws.iam.Policy("ops", { policy: doc.json });`,
  },
  {
    name: 'pulumi ts AdministratorAccess enum',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) =>
      `new aws.iam.RolePolicyAttachment("task-admin", {\n    role: taskRole.name,\n    policyArn: ${m('aws.iam.ManagedPolicy.AdministratorAccess')},\n});`,
  },
  {
    name: 'pulumi ts managed policy ARNs on a role',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) =>
      `new aws.iam.Role("deploy", {\n    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "codebuild.amazonaws.com" }),\n    managedPolicyArns: [${m('"arn:aws:iam::aws:policy/IAMFullAccess"')}],\n    tags: { owner: "platform" },\n});`,
  },
  {
    name: 'pulumi ts project owner',
    category: 'iac-code gcp',
    expect: ['gcp-primitive-role'],
    body: (m) =>
      `new gcp.projects.IAMMember("ci-owner", {\n    project: "acme-prod",\n    role: ${m('"roles/owner"')},\n    member: "serviceAccount:ci@acme-prod.iam.gserviceaccount.com",\n});`,
  },
  {
    name: 'pulumi ts access key',
    category: 'iac-code keys',
    expect: ['aws-iam-access-key-created'],
    family: 'credential-lifetime',
    body: (m) =>
      `const ci = new aws.iam.User("ci", { tags: { owner: "platform" } });\n${m('new aws.iam.AccessKey')}("ci-key", { user: ci.name });`,
  },
  {
    name: 'pulumi ts ClusterRole wildcard',
    category: 'iac-code k8s',
    expect: ['k8s-rbac-wildcard'],
    body: (m) =>
      `new k8s.rbac.v1.ClusterRole("ops", {\n    metadata: { name: "ops" },\n    rules: [{ apiGroups: [""], resources: ["pods"], verbs: [${m('"*"')}] }],\n});`,
  },
  {
    name: 'pulumi ts user without owner',
    category: 'iac-code owners',
    expect: ['missing-owner-tag'],
    family: 'ownership',
    body: (m) => `${m('new aws.iam.User')}("deployer", { tags: { env: "prod" } });`,
  },
  // Negatives.
  {
    name: 'pulumi ts Deny policy',
    category: 'iac-code aws',
    body: (m) =>
      `new aws.iam.Policy("guardrail", {\n    policy: JSON.stringify({ Version: "2012-10-17", ${m('Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }]')} }),\n});`,
  },
  {
    name: 'pulumi ts scoped bucket policy',
    category: 'iac-code aws',
    body: (m) =>
      `new aws.iam.RolePolicy("reports-read", {\n    role: taskRole.id,\n    policy: pulumi.jsonStringify({\n        Version: "2012-10-17",\n        ${m('Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: pulumi.interpolate`${bucket.arn}/*` }]')},\n    }),\n});`,
  },
  {
    name: 'pulumi ts ReadOnlyAccess enum',
    category: 'iac-code aws',
    body: (m) =>
      `new aws.iam.RolePolicyAttachment("task-ro", { role: taskRole.name, policyArn: ${m('aws.iam.ManagedPolicy.ReadOnlyAccess')} });`,
  },
  {
    name: 'pulumi ts PassRole with condition',
    category: 'iac-code aws',
    body: (m) =>
      `aws.iam.getPolicyDocument({\n    statements: [${m('{\n        actions: ["iam:PassRole"],\n        resources: ["*"],\n        conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],\n    }')}],\n});`,
  },
  {
    name: 'pulumi ts project viewer',
    category: 'iac-code gcp',
    body: (m) =>
      `new gcp.projects.IAMMember("auditor", { project: "acme-prod", role: ${m('"roles/viewer"')}, member: "group:audit@acme.example" });`,
  },
  {
    name: 'pulumi ts read-only Role',
    category: 'iac-code k8s',
    body: (m) =>
      `new k8s.rbac.v1.Role("reader", {\n    rules: [${m('{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] }')}],\n});`,
  },
  {
    name: 'pulumi ts user with spread tags',
    category: 'iac-code owners',
    family: 'ownership',
    body: (m) =>
      `const commonTags = { owner: config.require("owner") };\n${m('new aws.iam.User')}("deployer", { tags: { ...commonTags, Name: "deployer" } });`,
  },
];

// ---- Pulumi in Python --------------------------------------------------------------------------

const pulumiPython = (body: string) => `"""Infrastructure of the payments service."""
import json

import pulumi
import pulumi_aws as aws
import pulumi_gcp as gcp
import pulumi_kubernetes as k8s

config = pulumi.Config()
bucket = aws.s3.BucketV2("reports", tags={"owner": "payments"})

${body}
`;

const PULUMI_PYTHON: CodeCase[] = [
  {
    name: 'pulumi py admin policy through json.dumps',
    category: 'iac-code aws',
    expect: ['aws-iam-admin-wildcard'],
    body: (m) =>
      `admin = aws.iam.Policy(\n    "admin",\n    policy=json.dumps({\n        "Version": "2012-10-17",\n        ${m('"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]')},\n    }),\n)`,
  },
  {
    name: 'pulumi py AdministratorAccess by ARN',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) =>
      `aws.iam.RolePolicyAttachment(\n    "ci-admin",\n    role="ci",\n    policy_arn=${m('"arn:aws:iam::aws:policy/AdministratorAccess"')},\n)`,
  },
  {
    name: 'pulumi py PowerUserAccess enum',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) => `aws.iam.UserPolicyAttachment("ops", user="ops", policy_arn=${m('aws.iam.ManagedPolicy.POWER_USER_ACCESS')})`,
  },
  {
    name: 'pulumi py get_policy_document',
    category: 'iac-code aws',
    expect: ['aws-iam-service-wildcard'],
    body: (m) =>
      `doc = aws.iam.get_policy_document(statements=[\n    ${m('aws.iam.GetPolicyDocumentStatementArgs(actions=["kms:*"], resources=["*"])')},\n])\naws.iam.Policy("keys", policy=doc.json)`,
  },
  {
    name: 'pulumi py project editor',
    category: 'iac-code gcp',
    expect: ['gcp-primitive-role'],
    body: (m) =>
      `gcp.projects.IAMMember("ci-editor", project="acme", role=${m('"roles/editor"')}, member="serviceAccount:ci@acme.iam.gserviceaccount.com")`,
  },
  {
    name: 'pulumi py ClusterRoleBinding cluster-admin',
    category: 'iac-code k8s',
    expect: ['k8s-cluster-admin-binding'],
    body: (m) =>
      `k8s.rbac.v1.ClusterRoleBinding(\n    "ci-admin",\n    role_ref=k8s.rbac.v1.RoleRefArgs(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name=${m('"cluster-admin"')}),\n    subjects=[k8s.rbac.v1.SubjectArgs(kind="ServiceAccount", name="ci", namespace="build")],\n)`,
  },
  {
    name: 'pulumi py service account key',
    category: 'iac-code keys',
    expect: ['gcp-service-account-key-created'],
    family: 'credential-lifetime',
    body: (m) =>
      `${m('gcp.serviceaccount.Key')}("ci-key", service_account_id="projects/acme/serviceAccounts/ci@acme.iam.gserviceaccount.com")`,
  },
  {
    name: 'pulumi py role without owner',
    category: 'iac-code owners',
    expect: ['missing-owner-tag'],
    family: 'ownership',
    body: (m) =>
      `${m('aws.iam.Role')}("worker", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []}), tags={"env": "prod"})`,
  },
  // Negatives.
  {
    name: 'pulumi py Deny policy',
    category: 'iac-code aws',
    body: (m) =>
      `aws.iam.Policy("guardrail", policy=json.dumps({"Version": "2012-10-17", ${m('"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]')}}))`,
  },
  {
    // Every s3 action on the bucket: the lower-severity check, as for a literal bucket ARN (heldOut.ts).
    name: 'pulumi py scoped with f-string resource',
    category: 'iac-code aws',
    expect: ['aws-iam-service-wildcard-on-resource'],
    body: (m) =>
      `aws.iam.Policy("reports", policy=json.dumps({"Version": "2012-10-17", ${m('"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": f"arn:aws:s3:::{config.require(\'bucket\')}/*"}]')}}))`,
  },
  {
    name: 'pulumi py ReadOnlyAccess by ARN',
    category: 'iac-code aws',
    body: (m) => `aws.iam.RolePolicyAttachment("ci-ro", role="ci", policy_arn=${m('"arn:aws:iam::aws:policy/ReadOnlyAccess"')})`,
  },
  {
    name: 'pulumi py statements from a variable',
    category: 'iac-code aws',
    body: (m) => `aws.iam.Policy("generated", policy=json.dumps({"Version": "2012-10-17", ${m('"Statement": statements')}}))`,
  },
  {
    name: 'pulumi py project log writer',
    category: 'iac-code gcp',
    body: (m) =>
      `gcp.projects.IAMMember("logs", project="acme", role=${m('"roles/logging.logWriter"')}, member="serviceAccount:app@acme.iam.gserviceaccount.com")`,
  },
  {
    name: 'pulumi py read-only ClusterRole',
    category: 'iac-code k8s',
    body: (m) =>
      `k8s.rbac.v1.ClusterRole("viewer", rules=[${m('k8s.rbac.v1.PolicyRuleArgs(api_groups=[""], resources=["pods", "services"], verbs=["get", "list"])')}])`,
  },
  {
    name: 'pulumi py role with computed tags',
    category: 'iac-code owners',
    family: 'ownership',
    body: (m) => `${m('aws.iam.Role')}("worker", assume_role_policy=trust, tags={**config.require_object("tags"), "Name": "worker"})`,
  },
  {
    name: 'pulumi py role with owner tag',
    category: 'iac-code owners',
    family: 'ownership',
    body: (m) => `${m('aws.iam.Role')}("worker", assume_role_policy=trust, tags={"owner": "payments"})`,
  },
];

// ---- Ansible tasks managing IAM and RBAC --------------------------------------------------------

const ansible = (body: string) => `---
- name: Provision the CI account
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create the CI user
      amazon.aws.iam_user:
        name: ci
        state: present
${body
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

const ANSIBLE: CodeCase[] = [
  {
    name: 'ansible inline admin policy',
    category: 'iac-code aws',
    expect: ['aws-iam-admin-wildcard'],
    body: (m) =>
      `- name: Inline policy\n  amazon.aws.iam_policy:\n    iam_type: user\n    iam_name: ci\n    policy_name: ci-admin\n    state: present\n    policy_json: |\n      {\n        "Version": "2012-10-17",\n        "Statement": [{"Effect": "Allow", ${m('"Action": "*"')}, "Resource": "*"}]\n      }`,
  },
  {
    name: 'ansible managed policy as YAML',
    category: 'iac-code aws',
    expect: ['aws-iam-service-wildcard'],
    body: (m) =>
      `- name: Managed policy\n  community.aws.iam_managed_policy:\n    policy_name: ci-ec2\n    policy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: ${m('"ec2:*"')}\n          Resource: "*"`,
  },
  {
    name: 'ansible role with AdministratorAccess',
    category: 'iac-code aws',
    expect: ['aws-iam-privileged-managed-policy'],
    body: (m) =>
      `- name: Deploy role\n  amazon.aws.iam_role:\n    name: deployer\n    assume_role_policy_document: "{{ lookup('file', 'trust.json') }}"\n    managed_policies:\n      - ${m('arn:aws:iam::aws:policy/AdministratorAccess')}`,
  },
  {
    name: 'ansible k8s ClusterRole wildcard',
    category: 'iac-code k8s',
    expect: ['k8s-rbac-wildcard'],
    body: (m) =>
      `- name: RBAC\n  kubernetes.core.k8s:\n    state: present\n    definition:\n      apiVersion: rbac.authorization.k8s.io/v1\n      kind: ClusterRole\n      metadata:\n        name: ci\n      rules:\n        - apiGroups: ["apps"]\n          resources: ["deployments"]\n          verbs: [${m('"*"')}]`,
  },
  // Negatives.
  {
    name: 'ansible scoped inline policy',
    category: 'iac-code aws',
    body: (m) =>
      `- name: Inline policy\n  amazon.aws.iam_policy:\n    iam_type: user\n    iam_name: ci\n    policy_name: ci-artifacts\n    policy_json: |\n      {\n        "Version": "2012-10-17",\n        "Statement": [{"Effect": "Allow", ${m('"Action": ["s3:GetObject", "s3:PutObject"]')}, "Resource": "arn:aws:s3:::ci-artifacts/*"}]\n      }`,
  },
  {
    name: 'ansible policy from a file',
    category: 'iac-code aws',
    body: (m) =>
      `- name: Managed policy\n  amazon.aws.iam_managed_policy:\n    policy_name: ci\n    policy: ${m(`"{{ lookup('file', 'admin.json') }}"`)}`,
  },
  {
    name: 'ansible role with ReadOnlyAccess',
    category: 'iac-code aws',
    body: (m) =>
      `- name: Audit role\n  amazon.aws.iam_role:\n    name: audit\n    managed_policies:\n      - ${m('arn:aws:iam::aws:policy/ReadOnlyAccess')}`,
  },
  {
    name: 'ansible k8s read-only Role',
    category: 'iac-code k8s',
    body: (m) =>
      `- name: RBAC\n  kubernetes.core.k8s:\n    definition:\n      apiVersion: rbac.authorization.k8s.io/v1\n      kind: Role\n      metadata:\n        name: reader\n        namespace: ci\n      rules:\n        - apiGroups: [""]\n          resources: ["configmaps"]\n          verbs: ${m('["get", "list"]')}`,
  },
];

export function infraCodeDocuments(): IacDocument[] {
  return [
    ...documents('cdk-python', (n) => `code/cdk-python/${n}/stack.py`, cdkPython, CDK_PYTHON),
    ...documents('pulumi-ts', (n) => `code/pulumi-ts/${n}/index.ts`, pulumiTs, PULUMI_TS),
    ...documents('pulumi-python', (n) => `code/pulumi-python/${n}/__main__.py`, pulumiPython, PULUMI_PYTHON),
    ...documents('ansible', (n) => `code/ansible/${n}/playbook.yml`, ansible, ANSIBLE),
  ];
}
