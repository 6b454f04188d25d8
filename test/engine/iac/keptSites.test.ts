import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../../engine';
import { SiteStore, unchangedEnds } from '../../../engine/iac/keptSites';
import { keywordMatches, NEW_CALL_RUN } from '../../../engine/iac/keywordMatches';
import { CDK_TYPESCRIPT_CALLS } from '../../../engine/iac/cdk/cdkAnalyzer';
import { MANAGED_POLICY } from '../../../engine/iac/cdk/cdkBoundaries';
import { USER } from '../../../engine/iac/cdk/cdkOwnership';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { defaultEngine } from '../../support/engineFixture';

/** Fragments a random edit inserts: pieces of calls, brackets, quotes, comments, line breaks. */
const FRAGMENTS = [
  'a',
  ' ',
  '\n',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  ',',
  '.',
  '=',
  '*',
  '#',
  '//',
  '/*',
  '*/',
  '\\',
  '"""',
  'iam.',
  'new ',
  'Role(',
  'PolicyStatement(',
  'AnyPrincipal()',
  '"*"',
  "'*'",
  'actions=["*"]',
  'resources=["*"]',
  "actions: ['*']",
  "resources: ['*']",
  '.add_actions("s3:*")',
  ".addActions('s3:*')",
  'anyone',
  'self.',
];

const EDIT = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 24 }),
  insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }).map((f) => f.join('')),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });

/**
 * Scans `base` and then each edit of a series in an engine keeping what it read (as the editor
 * does, with a memo), and asserts each result is what a fresh scan of the same text gives.
 */
function assertEditsKeepFindings(path: string, base: string, seed: number, expectFindings: number): void {
  const engine = defaultEngine();
  const first = engine.scan({ path, text: base });
  assert.ok(first.findings.length >= expectFindings, `${first.findings.length} findings in the generated program`);
  fc.assert(
    fc.property(fc.array(EDIT, { minLength: 1, maxLength: 8 }), (edits) => {
      const memo = new SecretLineMemo();
      let text = base;
      engine.scan({ path, text }, { memo });
      for (const e of edits) {
        text = applyEdit(text, e);
        assert.equal(view(engine.scan({ path, text }, { memo })), view(engine.scan({ path, text })));
      }
    }),
    { seed, numRuns: 40 },
  );
}

/** A program of `count` units, each from the unit list in turn. */
const program = (head: string, units: Array<(i: number) => string>, count: number) =>
  head + Array.from({ length: count }, (_, i) => units[i % units.length](i)).join('\n') + '\n';

describe('call sites kept between scans of CDK and Pulumi programs', () => {
  it('unchangedEnds finds the longest common prefix and suffix (not overlapping)', () => {
    const naive = (a: string, b: string) => {
      const max = Math.min(a.length, b.length);
      let prefix = 0;
      while (prefix < max && a[prefix] === b[prefix]) prefix++;
      let suffix = 0;
      while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
      return { prefix, suffix };
    };
    const big = 'x'.repeat(9000);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
        (a, b, c, long) => {
          const pad = long ? big : '';
          const x = pad + a + c + pad;
          const y = pad + b + c + pad;
          assert.deepEqual(unchangedEnds(x, y), naive(x, y));
        },
      ),
      { seed: 99, numRuns: 300 },
    );
  });

  it('a site is read again when the text it read changed, kept otherwise, and moved by the edit', () => {
    const store = new SiteStore(1 << 20);
    let reads = 0;
    const read = (text: string, at: number) => () => {
      reads++;
      return { value: text.slice(at, at + 3), from: at, to: at + 3 };
    };
    let text = 'aaa bbb ccc';
    let sites = store.scan('f', text);
    for (const at of [0, 4, 8]) sites.site('k', at, read(text, at));
    assert.equal(reads, 3);
    text = 'aaa Xbbb ccc';
    sites = store.scan('f', text);
    const a = sites.site('k', 0, read(text, 0));
    const b = sites.site('k', 4, read(text, 4));
    const c = sites.site('k', 9, read(text, 9));
    assert.equal(reads, 4, 'only the edited site is read again');
    assert.deepEqual([a.site.value, a.delta, b.site.value, c.site.value, c.delta], ['aaa', 0, 'Xbb', 'ccc', 1]);
    // Another file's scans do not disturb this one's; a third scan finds the second's sites.
    store.scan('g', 'zzz').site('k', 0, read('zzz', 0));
    text = 'aaa Xbbb  ccc';
    sites = store.scan('f', text);
    assert.equal(sites.site('k', 10, read(text, 10)).delta, 2);
    assert.equal(reads, 5);
  });

  it('keywordMatches finds what matchAll finds', () => {
    const patterns: Array<[RegExp, string[], RegExp?]> = [
      [/(?<![\w.])(?:[A-Za-z_]\w*\.)*Role\s*\(/g, ['Role']],
      [
        /(?<![\w.])(?:[A-Za-z_]\w*\.)*PolicyStatement\s*\(|\bPolicyStatement\.from_json\s*\(|\bGrant\.add_to_principal(?:_or_resource|_and_resource)?\s*\(/g,
        ['PolicyStatement', 'Grant.add_to_principal'],
      ],
      [/(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s*\.\s*(add_actions|add_all_resources)\s*\(/g, ['add_'], /[\w.\s]/],
    ];
    const piece = fc.constantFrom(
      'Role',
      'Role(',
      'Role (',
      '.Role(',
      'iam.',
      'a',
      '1',
      '_',
      '.',
      ' ',
      '\n',
      '(',
      'x.yRole(',
      'PolicyStatement',
      'PolicyStatement.from_json(',
      'Grant.add_to_principal_or_resource(',
      'st',
      'self.st',
      ' . ',
      'add_actions(',
      'add_all_resources (',
      'add_',
    );
    assertSameAsMatchAll(patterns, piece, 40, 1313, 400);
  });

  it('keywordMatches finds what matchAll finds: the constructor calls of CDK in TypeScript', () => {
    const patterns: Array<[RegExp, string[], RegExp]> = [
      ...CDK_TYPESCRIPT_CALLS,
      [MANAGED_POLICY, ['ManagedPolicy'], NEW_CALL_RUN],
      [USER, ['User'], NEW_CALL_RUN],
    ];
    const piece = fc.constantFrom(
      'new',
      'new ',
      ' new\n ',
      'renew ',
      'iam.',
      'cdk.aws_iam.',
      '$x.',
      'Role',
      'Role(',
      'Role (',
      'CfnRole(',
      'AccessKey(',
      'CfnAccessKey (',
      'PolicyStatement(',
      'PolicyStatement.fromJson(',
      'Grant.addToPrincipalOrResource(',
      'Grant',
      'ManagedPolicy(',
      'User(',
      'UserPool(',
      'a',
      '_',
      '.',
      ' ',
      '\n',
      '(',
      '=',
    );
    assertSameAsMatchAll(patterns, piece, 30, 2718, 600);
  });

  it('AWS CDK in Python: random edits find what a fresh scan finds', () => {
    const base = program(
      'from aws_cdk import Stack, Tags, aws_iam as iam\n\n\nclass AppStack(Stack):\n    def __init__(self, scope, construct_id, **kwargs):\n        super().__init__(scope, construct_id, **kwargs)\n',
      [
        (i) => `        role${i} = iam.Role(self, "Role${i}", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))`,
        (i) => `        role${i - 1}.add_to_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))`,
        (i) =>
          `        role${i - 2}.add_to_policy(iam.PolicyStatement(\n            actions=["s3:GetObject", "iam:PassRole"],\n            resources=["*"],\n        ))`,
        (i) => `        st${i} = iam.PolicyStatement()\n        st${i}.add_actions("iam:*")\n        st${i}.add_all_resources()`,
        () => `        anyone = iam.AnyPrincipal()\n        bucket.grant_read(anyone)\n        bucket.grant_write(iam.AnyPrincipal())`,
        (i) => `        iam.Role(self, "Trust${i}", assumed_by=iam.AccountPrincipal("123456789012"))`,
        (i) => `        iam.Role(self, "Open${i}", assumed_by=iam.AnyPrincipal())`,
        (i) => `        admin${i} = iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess")`,
        (i) => `        user${i} = iam.User(self, "User${i}")\n        iam.CfnAccessKey(self, "Key${i}", user_name="u${i}")`,
        (i) => `        Tags.of(user${i - 1}).add("owner", "team")`,
        () => `        # iam.PolicyStatement(actions=["*"], resources=["*"])`,
        (i) => `        doc${i} = iam.PolicyStatement.from_json({"Effect": "Allow", "Action": "*", "Resource": "*"})`,
        (i) => `        iam.Grant.add_to_principal(grantee=role${i - 3}, actions=["kms:*"], resource_arns=["*"])`,
      ],
      60,
    );
    assertEditsKeepFindings('infra/stack.py', base, 4242, 20);
  });

  it('Pulumi in TypeScript: random edits find what a fresh scan finds', () => {
    const base = program(
      'import * as aws from "@pulumi/aws";\nimport * as k8s from "@pulumi/kubernetes";\nimport { iam } from "@pulumi/aws";\n\n',
      [
        (i) =>
          `const role${i} = new aws.iam.Role("role-${i}", {\n    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } }] }),\n    tags: { owner: "team" },\n});`,
        (i) =>
          `new aws.iam.RolePolicy("policy-${i}", {\n    role: role${i - 1}.id,\n    policy: JSON.stringify({\n        Version: "2012-10-17",\n        Statement: [{ Effect: "Allow", Action: ["s3:*", "iam:PassRole"], Resource: "*" }],\n    }),\n});`,
        (i) => `const user${i} = new iam.User("user-${i}", {});\nnew aws.iam.AccessKey("key-${i}", { user: user${i}.name });`,
        (i) => `new aws.iam.RolePolicyAttachment("attach-${i}", { role: "r", policyArn: aws.iam.ManagedPolicy.AdministratorAccess });`,
        (i) =>
          `const doc${i} = aws.iam.getPolicyDocument({ statements: [{ actions: ["*"], resources: ["*"] }] });\n// new aws.iam.Role("commented", { tags: {} });`,
        (i) =>
          `new aws.iam.Policy("p-${i}", { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } });`,
        (i) =>
          `new k8s.rbac.v1.ClusterRole("cr-${i}", { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] });\nnew aws.Provider("prov-${i}", { defaultTags: { tags: { owner: "x" } } });`,
        (i) => `new aws.iam.Role("role-${i}", { assumeRolePolicy: "{}" });`,
      ],
      48,
    );
    assertEditsKeepFindings('infra/index.ts', base, 5151, 20);
  });

  it('Pulumi in Python: random edits find what a fresh scan finds', () => {
    const base = program(
      'import json\nimport pulumi_aws as aws\nfrom pulumi_aws import iam\nimport pulumi_gcp as gcp\n\n',
      [
        (i) =>
          `role${i} = aws.iam.Role("role-${i}",\n    assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}}]}),\n    tags={"owner": "team"})`,
        (i) =>
          `aws.iam.RolePolicy("policy-${i}",\n    role=role${i - 1}.id,\n    policy=json.dumps({\n        "Version": "2012-10-17",\n        "Statement": [{"Effect": "Allow", "Action": ["s3:*", "iam:PassRole"], "Resource": "*"}],\n    }))`,
        (i) => `user${i} = iam.User("user-${i}")\naws.iam.AccessKey("key-${i}", user=user${i}.name)`,
        (i) => `aws.iam.RolePolicyAttachment("attach-${i}", role="r", policy_arn=aws.iam.ManagedPolicy.ADMINISTRATOR_ACCESS)`,
        (i) => `doc${i} = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(actions=["*"], resources=["*"])])`,
        () => `# aws.iam.Role("commented", tags={})`,
        (i) => `gcp.projects.IAMMember("m-${i}", project="p", role="roles/owner", member="user:a@example.com")`,
        (i) => `aws.iam.Policy("p-${i}", policy=aws.iam.PolicyArgs(name="x"), **extra)`,
      ],
      48,
    );
    assertEditsKeepFindings('infra/__main__.py', base, 6161, 20);
  });

  it('AWS CDK in TypeScript: random edits find what a fresh scan finds', () => {
    const base = program(
      "import * as cdk from 'aws-cdk-lib';\nimport * as iam from 'aws-cdk-lib/aws-iam';\n\nexport class AppStack extends cdk.Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n",
      [
        (i) => `    const role${i} = new iam.Role(this, 'Role${i}', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });`,
        (i) => `    role${i - 1}.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));`,
        (i) =>
          `    role${i - 2}.addToPolicy(new iam.PolicyStatement({\n      actions: ['s3:GetObject', 'iam:PassRole'],\n      resources: ['*'],\n    }));`,
        (i) => `    const st${i} = new iam.PolicyStatement();\n    st${i}.addActions('iam:*');\n    st${i}.addAllResources();`,
        () => `    const anyone = new iam.AnyPrincipal();\n    bucket.grantRead(anyone);\n    bucket.grantWrite(new iam.AnyPrincipal());`,
        (i) => `    new iam.Role(this, 'Trust${i}', { assumedBy: new iam.AccountPrincipal('123456789012') });`,
        (i) => `    new iam.Role(this, 'Open${i}', { assumedBy: new iam.AnyPrincipal() });`,
        () => `    iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');`,
        (i) => `    const user${i} = new iam.User(this, 'User${i}');\n    new iam.CfnAccessKey(this, 'Key${i}', { userName: 'u${i}' });`,
        () => `    // new iam.PolicyStatement({ actions: ['*'], resources: ['*'] });`,
        (i) => `    const doc${i} = iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: '*', Resource: '*' });`,
        (i) =>
          `    const boundary${i} = new iam.ManagedPolicy(this, 'PermissionsBoundary${i}', { statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });`,
      ],
      60,
    );
    assertEditsKeepFindings('infra/stack.ts', base, 7171, 20);
  });
});

/** `keywordMatches` gives `matchAll`'s matches (index and groups), in order, on texts of random `pieces`. */
function assertSameAsMatchAll(
  patterns: ReadonlyArray<readonly [RegExp, string[], RegExp?]>,
  piece: fc.Arbitrary<string>,
  maxLength: number,
  seed: number,
  numRuns: number,
): void {
  fc.assert(
    fc.property(fc.array(piece, { maxLength }), (pieces) => {
      const text = pieces.join('');
      for (const [re, keywords, run] of patterns) {
        const expected = [...text.matchAll(re)].map((m) => [m.index, ...m]);
        const found = [...keywordMatches(text, re, keywords, run)].map((m) => [m.index, ...m]);
        assert.deepEqual(found, expected, `${re.source} in ${JSON.stringify(text)}`);
      }
    }),
    { seed, numRuns },
  );
}
