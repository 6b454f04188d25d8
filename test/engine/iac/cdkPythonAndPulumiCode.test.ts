import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { readPyCallArguments, readPyLiteral } from '../../../engine/iac/cdk/pyLiteralReader';
import { fixesFor } from '../../../engine/fixes/fixProposals';
import { testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each finding: the exact offending element, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);
const lines = (...l: string[]) => [...l, ''].join('\n');

describe('AWS CDK in Python and Pulumi in TypeScript and Python', () => {
  const engine = testEngine();
  const scan = (p: string, text: string) => summary(text, engine.scan({ path: p, text }).findings);

  describe('the Python literal reader', () => {
    it('reads dicts, lists, tuples, strings, numbers and constants with their offsets', () => {
      const text = `x({"a": [1, 'two', ("t", True)], 'b': None, "c": r"\\d"}, k="v")`;
      const args = readPyCallArguments(text, 2);
      const dict = args.positional[0];
      assert.equal(dict.type, 'map');
      if (dict.type !== 'map') return;
      assert.deepEqual(
        dict.entries.map((e) => e.key),
        ['a', 'b', 'c'],
      );
      const a = dict.entries[0].value;
      assert.equal(a.type, 'seq');
      if (a.type === 'seq') {
        assert.deepEqual(a.items[0], { type: 'scalar', value: 1, start: 9, end: 10 });
        assert.equal(text.slice(a.items[1].start, a.items[1].end), 'two');
        assert.equal(a.items[2].type, 'seq');
      }
      assert.equal(dict.entries[2].value.type === 'scalar' && dict.entries[2].value.value, '\\d');
      assert.deepEqual(
        args.keywords.map((k) => [k.key, k.value.type === 'scalar' && k.value.value]),
        [['k', 'v']],
      );
    });

    it('keeps what it cannot resolve unknown: names, calls, f-strings with placeholders, spreads, comprehensions', () => {
      const unknown = (src: string) => readPyLiteral(src, 0).node.type;
      assert.equal(unknown('my_actions'), 'expr');
      assert.equal(unknown('iam.AnyPrincipal()'), 'expr');
      assert.equal(unknown('f"arn:aws:s3:::{bucket}/*"'), 'expr');
      assert.equal(unknown('{**common, "owner": "x"}'), 'expr');
      assert.equal(unknown('[a for a in actions]'), 'expr');
      assert.equal(unknown('"s3:" + action'), 'expr');
      // Literal braces of an f-string and adjacent literals are still text.
      const f = readPyLiteral('f"{{x}}" "*"', 0).node;
      assert.deepEqual(f.type === 'scalar' && f.value, '{x}*');
      // Args classes and dict() read as the map of their keywords.
      const args = readPyLiteral('aws.iam.GetPolicyDocumentStatementArgs(actions=["*"], resources=["*"])', 0).node;
      assert.equal(args.type, 'map');
    });

    it('never loops or throws on cut or malformed text', () => {
      for (const src of ['{"a": [1, 2', '(', 'f"{', '"""abc', '{1, 2}', 'x(=)', ')]}', '{"k": ', '[*a]']) {
        const read = readPyLiteral(src, 0);
        assert.ok(read.end <= src.length, src);
        readPyCallArguments(src, 0);
      }
    });

    it('reads deep nesting and long runs of adjacent strings in one pass', () => {
      // Each tuple level is read once: re-reading the first item of every level would take 2^depth steps.
      const nested = '('.repeat(60) + '1,' + '),'.repeat(59) + ')';
      assert.equal(readPyLiteral(nested, 0).end, nested.length);
      const adjacent = '"a" '.repeat(20000);
      const joined = readPyLiteral(adjacent, 0).node;
      assert.equal(joined.type === 'scalar' && String(joined.value).length, 20000);
    });

    it('a comprehension or generator is one unknown value and the arguments after it are still read', () => {
      const text = 'x(actions=[a for a in names], resources=(r for r in arns), effect="Allow")';
      const args = readPyCallArguments(text, 2);
      assert.deepEqual(
        args.keywords.map((k) => [k.key, k.value.type]),
        [
          ['actions', 'expr'],
          ['resources', 'expr'],
          ['effect', 'scalar'],
        ],
      );
      assert.equal(args.end, text.length - 1);
    });
  });

  describe('AWS CDK in Python', () => {
    const head = lines('from aws_cdk import Stack, Tags, aws_iam as iam, aws_s3 as s3', '');

    it('reports statements, managed policies, builder calls, trust, grants and keys as the TypeScript reader does', () => {
      const code =
        head +
        lines(
          'role = iam.Role(self, "Deploy", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))',
          'role.add_to_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))',
          'role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess"))',
          'st = iam.PolicyStatement()',
          'st.add_actions("s3:*")',
          'st.add_all_resources()',
          'open_role = iam.Role(self, "Open", assumed_by=iam.AnyPrincipal())',
          'peer = iam.Role(self, "Peer", assumed_by=iam.AccountPrincipal("123456789012"))',
          'bucket.grant_read(iam.AnyPrincipal())',
          'iam.CfnAccessKey(self, "CiKey", user_name="ci")',
          'iam.Grant.add_to_principal(grantee=role, actions=["iam:*"], resource_arns=["*"])',
        );
      assert.deepEqual(scan('app/stack.py', code), [
        'aws-iam-admin-wildcard@4:*',
        'aws-iam-privileged-managed-policy@5:AdministratorAccess',
        'aws-iam-service-wildcard@7:s3:*',
        'aws-iam-trust-any-principal@9:iam.AnyPrincipal()',
        'aws-iam-cross-account-trust@10:iam.AccountPrincipal("123456789012")',
        'aws-cdk-grant-to-any-principal@11:iam.AnyPrincipal()',
        'aws-iam-access-key-created@12:iam.CfnAccessKey',
        'aws-iam-privilege-escalation@13:iam:*',
      ]);
    });

    it('scoped resources, Deny, read-only policies, conditions and unknown values are not reported', () => {
      const code =
        head +
        lines(
          'role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::reports/*"]))',
          'role.add_to_policy(iam.PolicyStatement(effect=iam.Effect.DENY, actions=["*"], resources=["*"]))',
          'role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess"))',
          'role.add_to_policy(iam.PolicyStatement(actions=my_actions, resources=["*"]))',
          'role.add_to_policy(iam.PolicyStatement(actions=["s3:PutObject"], resources=[f"arn:aws:s3:::{name}/*"]))',
          'peer = iam.Role(self, "Peer", assumed_by=iam.AccountPrincipal("123456789012").with_conditions({"StringEquals": {"sts:ExternalId": "x"}}))',
          'role.add_to_policy(iam.PolicyStatement(actions=["iam:PassRole"], resources=["*"], conditions={"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}))',
          'bucket.grant_read(role)',
        );
      assert.deepEqual(scan('app/stack.py', code), []);
    });

    it('an IAM user needs an owner tag on it or on the stack; other User classes are not users', () => {
      const user = head + lines('user = iam.User(self, "CiUser")', 'u = models.User(name="x")');
      assert.deepEqual(scan('app/stack.py', user), ['missing-owner-tag@3:iam.User']);
      assert.deepEqual(scan('app/stack.py', user + lines('Tags.of(user).add("owner", "platform")')), []);
      assert.deepEqual(scan('app/stack.py', user + lines('Tags.of(self).add("owner", "platform")')), []);
      assert.deepEqual(scan('app/stack.py', user + lines('Tags.of(user).add("env", "prod")')), ['missing-owner-tag@3:iam.User']);
    });

    it('names imported from aws_cdk.aws_iam are read without their module', () => {
      const code = lines(
        'from aws_cdk.aws_iam import PolicyStatement, Effect',
        'role.add_to_policy(PolicyStatement(effect=Effect.ALLOW, actions=["*"], resources=["*"]))',
        'role.add_to_policy(PolicyStatement(effect=Effect.DENY, actions=["*"], resources=["*"]))',
      );
      assert.deepEqual(scan('app/stack.py', code), ['aws-iam-admin-wildcard@2:*']);
    });

    it('a file that does not import the CDK is not read', () => {
      const code = lines('import iam', 'role.add_to_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))');
      assert.deepEqual(scan('app/stack.py', code), []);
    });
  });

  describe('Pulumi in TypeScript', () => {
    const head = lines(
      'import * as aws from "@pulumi/aws";',
      'import * as gcp from "@pulumi/gcp";',
      'import * as k8s from "@pulumi/kubernetes";',
    );

    it('reads policies (JSON.stringify or objects), getPolicyDocument, attachments, GCP grants, keys and RBAC', () => {
      const code =
        head +
        lines(
          'const admin = new aws.iam.Policy("admin", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });',
          'const doc = aws.iam.getPolicyDocument({ statements: [{ actions: ["s3:*"], resources: ["*"] }] });',
          'new aws.iam.RolePolicyAttachment("ci-admin", { role: ci.name, policyArn: aws.iam.ManagedPolicy.AdministratorAccess });',
          'new gcp.projects.IAMMember("owner", { project: "p", role: "roles/owner", member: "user:a@example.com" });',
          'new aws.iam.AccessKey("deployer-key", { user: user.name });',
          'new k8s.rbac.v1.ClusterRole("everything", { rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }] });',
          'new aws.iam.RolePolicy("inline", { role: ci.id, policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:*"], Resource: "*" }] } });',
          'new gcp.organizations.IAMBinding("sec", { orgId: "1", role: "roles/iam.securityAdmin", members: ["group:sec@example.com"] });',
        );
      assert.deepEqual(scan('infra/index.ts', code), [
        'aws-iam-admin-wildcard@4:*',
        'aws-iam-service-wildcard@5:s3:*',
        'aws-iam-privileged-managed-policy@6:aws.iam.ManagedPolicy.AdministratorAccess',
        'gcp-primitive-role@7:roles/owner',
        'aws-iam-access-key-created@8:new aws.iam.AccessKey',
        'k8s-rbac-cluster-secrets-read@9:secrets',
        'aws-iam-privilege-escalation@10:iam:*',
        'gcp-iam-admin-role@11:roles/iam.securityAdmin',
      ]);
    });

    it('scoped, Deny, read-only, conditioned and computed policies are not reported', () => {
      const code =
        head +
        lines(
          'new aws.iam.Policy("ro", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }] }) });',
          'new aws.iam.Policy("deny", { policy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }) });',
          'new aws.iam.Policy("computed", { policy: doc.json });',
          'new aws.iam.Policy("built", { policy: JSON.stringify({ Statement: statements }) });',
          'new aws.iam.RolePolicyAttachment("ro", { role: ci.name, policyArn: aws.iam.ManagedPolicy.ReadOnlyAccess });',
          'new gcp.projects.IAMMember("viewer", { project: "p", role: "roles/viewer", member: "user:a@example.com" });',
          'new k8s.rbac.v1.Role("reader", { rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }] });',
          'aws.iam.getPolicyDocument({ statements: [{ actions: ["iam:PassRole"], resources: ["*"], conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ec2.amazonaws.com"] }] }] });',
          'new aws.iam.Role("tagged", { assumeRolePolicy: trust, tags: { owner: "platform" } });',
          'new aws.iam.Role("spread", { assumeRolePolicy: trust, tags: { ...commonTags, Name: "x" } });',
          'new aws.iam.Role("computed-tags", { assumeRolePolicy: trust, tags: commonTags });',
        );
      assert.deepEqual(scan('infra/index.ts', code), []);
    });

    it('identities without an owner tag are reported at the constructor, without a YAML fix; files tagging by transformation are not', () => {
      const code = head + lines('const user = new aws.iam.User("deployer", { tags: { env: "x" } });');
      const found = engine.scan({ path: 'infra/index.ts', text: code }).findings;
      assert.deepEqual(summary(code, found), ['missing-owner-tag@4:new aws.iam.User']);
      assert.ok(!fixesFor(found[0], code, { manager: 'env' }).some((f) => f.kind === 'owner-tag' || f.kind === 'iac-edit'));
      assert.deepEqual(scan('infra/index.ts', code + lines('pulumi.runtime.registerStackTransformation(autoTag);')), []);
    });

    it('a call in a comment or a JSDoc example is documentation, not infrastructure', () => {
      const user = 'new aws.iam.User("deployer", { tags: { env: "x" } });';
      assert.deepEqual(scan('infra/index.ts', head + lines(`// ${user}`, '/**', ` * const u = ${user}`, ' */')), []);
      assert.deepEqual(scan('infra/index.ts', head + lines(`const u = ${user}`)), ['missing-owner-tag@4:new aws.iam.User']);
    });

    it('lists the identities the program declares in the inventory, with their owners', () => {
      const code =
        head +
        lines(
          'const ci = new aws.iam.User("ci", { tags: { owner: "platform" } });',
          'const deployer = new aws.iam.Role("deployer", { assumeRolePolicy: trust, tags: { env: "x" } });',
          'new aws.iam.AccessKey("ci-key", { user: ci.name });',
        );
      const identities = engine.scan({ path: 'infra/index.ts', text: code }, { inventory: true }).identities ?? [];
      assert.deepEqual(
        identities.map((i) => [i.kind, i.name, i.owner]),
        [
          ['iam-user', 'ci', 'platform'],
          ['iam-role', 'deployer', undefined],
          ['access-key', 'ci-key', undefined],
        ],
      );
    });

    it('named imports, require() and azure-native are read the same way', () => {
      const named = lines(
        'import { iam } from "@pulumi/aws";',
        'new iam.Policy("p", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });',
      );
      assert.deepEqual(scan('infra/a.ts', named), ['aws-iam-admin-wildcard@2:*']);
      const js = lines(
        'const aws = require("@pulumi/aws");',
        'new aws.iam.UserPolicyAttachment("a", { user: "x", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });',
      );
      assert.deepEqual(scan('infra/b.js', js), ['aws-iam-privileged-managed-policy@2:arn:aws:iam::aws:policy/AdministratorAccess']);
      const owner = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
      const azure = lines(
        'import * as azure from "@pulumi/azure-native";',
        `new azure.authorization.RoleAssignment("ra", { principalId: p, roleDefinitionId: "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/${owner}", scope: "/subscriptions/0000" });`,
      );
      assert.deepEqual(scan('infra/c.ts', azure), [`azure-privileged-role-assignment@2:${owner}`]);
      const reader = azure.replace(owner, 'acdd72a7-3385-48ef-bd42-f606fba81ae7');
      assert.deepEqual(scan('infra/c.ts', reader), []);
    });

    it('a file that imports no Pulumi provider is not read', () => {
      const code = lines(
        'import * as aws from "./aws";',
        'new aws.iam.Policy("a", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });',
      );
      assert.deepEqual(scan('src/index.ts', code), []);
    });
  });

  describe('Pulumi in Python', () => {
    const head = lines('import json', 'import pulumi_aws as aws', 'import pulumi_gcp as gcp', 'import pulumi_kubernetes as k8s');

    it('reads json.dumps policies, attachments by ARN or enum, get_policy_document, GCP grants and RBAC', () => {
      const code =
        head +
        lines(
          'aws.iam.Policy("admin", policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))',
          'aws.iam.RolePolicyAttachment("a", role="ci", policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")',
          'aws.iam.RolePolicyAttachment("b", role="ci", policy_arn=aws.iam.ManagedPolicy.IAM_FULL_ACCESS)',
          'gcp.projects.IAMMember("editor", project="p", role="roles/editor", member="user:a@example.com")',
          'doc = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(actions=["ec2:*"], resources=["*"])])',
          'k8s.rbac.v1.ClusterRole("all", rules=[k8s.rbac.v1.PolicyRuleArgs(api_groups=["*"], resources=["*"], verbs=["*"])])',
          'aws.iam.AccessKey("key", user="ci")',
        );
      assert.deepEqual(scan('infra/__main__.py', code), [
        'aws-iam-admin-wildcard@5:*',
        'aws-iam-privileged-managed-policy@6:arn:aws:iam::aws:policy/AdministratorAccess',
        'aws-iam-privileged-managed-policy@7:aws.iam.ManagedPolicy.IAM_FULL_ACCESS',
        'gcp-primitive-role@8:roles/editor',
        'aws-iam-service-wildcard@9:ec2:*',
        'k8s-rbac-wildcard@10:*',
        'aws-iam-access-key-created@11:aws.iam.AccessKey',
      ]);
    });

    it('scoped, Deny, read-only, conditioned, unknown and owned resources are not reported', () => {
      const code =
        head +
        lines(
          'aws.iam.Policy("ro", policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]}))',
          'aws.iam.Policy("deny", policy=json.dumps({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}))',
          'aws.iam.Policy("fmt", policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]}))',
          'aws.iam.Policy("computed", policy=doc.json)',
          'aws.iam.RolePolicyAttachment("ro", role="ci", policy_arn="arn:aws:iam::aws:policy/ReadOnlyAccess")',
          'gcp.projects.IAMMember("viewer", project="p", role="roles/viewer", member="user:a@example.com")',
          'aws.iam.Role("owned", assume_role_policy=trust, tags={"owner": "platform"})',
          'aws.iam.Role("computed", assume_role_policy=trust, tags=common_tags)',
          'aws.iam.Role("merged", assume_role_policy=trust, tags={**common_tags, "Name": "x"})',
          'k8s.rbac.v1.Role("reader", rules=[{"api_groups": [""], "resources": ["configmaps"], "verbs": ["get"]}])',
        );
      assert.deepEqual(scan('infra/__main__.py', code), []);
    });

    it('names imported from a module (`from pulumi_aws import iam`) are read too', () => {
      const code = lines(
        'from pulumi_aws import iam',
        'from pulumi_kubernetes.rbac.v1 import ClusterRoleBinding',
        'iam.UserPolicyAttachment("u", user="ci", policy_arn="arn:aws:iam::aws:policy/PowerUserAccess")',
        'ClusterRoleBinding("b", role_ref={"api_group": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"}, subjects=[{"kind": "ServiceAccount", "name": "ci", "namespace": "x"}])',
      );
      assert.deepEqual(scan('infra/__main__.py', code), [
        'aws-iam-privileged-managed-policy@3:arn:aws:iam::aws:policy/PowerUserAccess',
        'k8s-cluster-admin-binding@4:cluster-admin',
      ]);
    });
  });

  describe('Ansible (stretch)', () => {
    const play = (...tasks: string[]) => lines('- hosts: localhost', '  tasks:', ...tasks);

    it('reads iam_policy / iam_managed_policy documents, managed policies of roles and inline RBAC definitions', () => {
      const text = play(
        '    - amazon.aws.iam_policy:',
        '        iam_type: role',
        '        iam_name: ci',
        '        policy_name: admin',
        '        policy_json: \'{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\'',
        '    - community.aws.iam_managed_policy:',
        '        policy_name: ops',
        '        policy:',
        '          Statement:',
        '            - Effect: Allow',
        '              Action: "s3:*"',
        '              Resource: "*"',
        '    - block:',
        '        - amazon.aws.iam_role:',
        '            name: deployer',
        '            managed_policies: [arn:aws:iam::aws:policy/AdministratorAccess]',
        '    - kubernetes.core.k8s:',
        '        definition:',
        '          kind: ClusterRole',
        '          apiVersion: rbac.authorization.k8s.io/v1',
        '          metadata: { name: all }',
        '          rules: [{ apiGroups: ["*"], resources: ["pods"], verbs: ["get"] }]',
      );
      assert.deepEqual(scan('playbooks/iam.yml', text), [
        // A quoted JSON string may hold escapes: its findings point at the whole string, as in Pulumi YAML.
        'aws-iam-admin-wildcard@7:{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}',
        'aws-iam-service-wildcard@13:s3:*',
        'aws-iam-privileged-managed-policy@18:arn:aws:iam::aws:policy/AdministratorAccess',
        'k8s-rbac-wildcard@24:*',
      ]);
    });

    it('Deny, scoped, read-only and looked-up policies, and read-only RBAC, are not reported', () => {
      const text = play(
        '    - amazon.aws.iam_policy:',
        '        policy_json: \'{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}\'',
        '    - amazon.aws.iam_policy:',
        '        policy_json: \'{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}\'',
        '    - amazon.aws.iam_managed_policy:',
        "        policy: \"{{ lookup('file', 'admin.json') }}\"",
        '    - amazon.aws.iam_role:',
        '        managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
        '    - kubernetes.core.k8s:',
        "        definition: \"{{ lookup('template', 'role.yaml') }}\"",
        '    - kubernetes.core.k8s:',
        '        definition:',
        '          kind: Role',
        '          apiVersion: rbac.authorization.k8s.io/v1',
        '          metadata: { name: reader }',
        '          rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]',
      );
      assert.deepEqual(scan('playbooks/iam.yml', text), []);
    });

    it('an access key the task creates is long-lived; removing one is not reported', () => {
      const key = (state: string) =>
        play('    - name: ci key', '      amazon.aws.iam_access_key:', '        user_name: ci', `        state: ${state}`);
      assert.deepEqual(scan('playbooks/keys.yml', key('present')), ['aws-iam-access-key-created@4:amazon.aws.iam_access_key']);
      assert.deepEqual(scan('playbooks/keys.yml', key('absent')), []);
    });
  });

  it('a managed-policy narrowing replaces the one value, not with a list', () => {
    const code = lines(
      'import pulumi_aws as aws',
      'aws.iam.RolePolicyAttachment("a", role="ci", policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")',
    );
    const finding = engine.scan({ path: 'infra/__main__.py', text: code }).findings[0];
    const narrow = fixesFor(finding, code, { manager: 'env' }).find((f) => f.kind === 'narrow');
    assert.deepEqual(
      narrow?.edits.map((e) => e.newText),
      ['"arn:aws:iam::aws:policy/ReadOnlyAccess"'],
    );
  });
});
