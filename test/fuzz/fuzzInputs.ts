/**
 * What the engine fuzz feeds it: files of every kind it reads, with fake secrets planted in
 * them, then mutated; mutated rule examples and fixtures; random bytes; YAML alias bombs; deep
 * nesting. Every fake secret is assembled here from the generator's random choices, so a run is
 * reproduced from its seed and no secret is written in the source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { LoadedRule } from '../../engine';
import { base62, crc32 } from '../support/seededRandom';

/** One fuzz input: a document for `Engine.scan` and the secret values planted in it. */
export interface FuzzInput {
  /** Which generator made it (reports group failures by it). */
  family: string;
  path: string;
  text: string;
  planted: string[];
}

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
const B64 = [...ALNUM, '+', '/'];
const HEX = '0123456789abcdef'.split('');
const DIGITS = '0123456789'.split('');

const chars = (alphabet: string[], length: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length }).map((a) => a.join(''));

/** Fake secrets in the formats the built-in rules know (prefixes split so no literal token is in the source). */
const secretValue: fc.Arbitrary<string> = fc.oneof(
  chars(UPPER32, 16).map((s) => ['AK', 'IA', s].join('')),
  chars(B64, 40),
  fc
    .tuple(chars(DIGITS, 10), chars(DIGITS, 13), chars(ALNUM, 24))
    .map(([a, b, c]) => ['xo', 'xb', a, b, c].join('-').replace('xo-xb', 'xoxb')),
  chars(ALNUM, 24).map((s) => ['sk', 'live', s].join('_')),
  chars(ALNUM, 30).map((r) => ['gh', 'p_', r, base62(crc32(r))].join('')),
  chars(HEX, 32).map((s) => ['shp', 'at_', s].join('')),
  chars(ALNUM, 35).map((s) => ['AI', 'za', s].join('')),
  fc.tuple(chars(ALNUM, 22), chars(ALNUM, 43)).map(([a, b]) => ['S', 'G.', a, '.', b].join('')),
);

/** A value long and random enough for the generic password and connection-string rules. */
const password = chars(ALNUM, 18).map((s) => `${s}!9`);

const name = fc.stringMatching(/^[a-z][a-z0-9_]{2,12}$/);

/** A file of one kind with secrets planted in it: [path, text, planted values]. */
type Template = fc.Arbitrary<[string, string, string[]]>;

const TEMPLATES: Record<string, Template> = {
  terraform: fc
    .tuple(name, secretValue, password, secretValue)
    .map(([n, s, p, label]) => [
      `infra/${n}/main.tf`,
      `provider "aws" {\n  access_key = "${s}"\n}\nresource "aws_iam_user" "${n}" {\n  name = "${n}"\n}\nresource "aws_iam_access_key" "${n}" {\n  user = aws_iam_user.${n}.name\n}\nresource "aws_db_instance" "db" {\n  password = "${p}"\n  tags = { owner = "team" }\n}\nlocals {\n  tokens = { "${label}" = "x" }\n}\nresource "aws_iam_user_policy" "p" {\n  user   = aws_iam_user.${n}.name\n  policy = <<EOF\n{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\nEOF\n}\n`,
      [s, p, label],
    ]),
  cloudformationYaml: fc
    .tuple(name, secretValue, password)
    .map(([n, s, p]) => [
      `cfn/${n}.yaml`,
      `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  DbPassword:\n    Type: String\n    Default: ${p}\nResources:\n  ${n}User:\n    Type: AWS::IAM::User\n    Properties:\n      Policies:\n        - PolicyName: all\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "*"\n                Resource: "*"\n  Key:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref ${n}User\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          API_TOKEN: ${s}\n          OTHER: !Sub "prefix-${s}"\n`,
      [s, p],
    ]),
  cloudformationJson: fc.tuple(name, secretValue).map(([n, s]) => [
    `cfn/${n}.json`,
    JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          [`${n}Role`]: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
              Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } }],
            },
          },
          Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: s } },
        },
      },
      null,
      2,
    ),
    [s],
  ]),
  kubernetes: fc
    .tuple(name, secretValue, password)
    .map(([n, s, p]) => [
      `k8s/${n}.yaml`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${n}\nstringData:\n  token: ${s}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${n}\n  namespace: prod\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${n}-admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ${n}\n    namespace: prod\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: DB_PASSWORD\n              value: "${p}"\n`,
      [s, p],
    ]),
  workflow: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      `.github/workflows/${n}.yml`,
      `name: ${n}\non: [push]\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      TOKEN: ${s}\n    steps:\n      - uses: actions/checkout@v4\n      - run: curl -H "Authorization: token ${s}" https://api.example.com\n`,
      [s],
    ]),
  dotenv: fc
    .tuple(secretValue, password, secretValue)
    .map(([s, p, k]) => ['.env', `API_TOKEN=${s}\nDATABASE_URL=postgres://app:${p}@db.internal:5432/app\n${k}=${s}\n`, [s, p, k]]),
  properties: fc
    .tuple(secretValue, password)
    .map(([s, p]) => ['src/main/resources/application.properties', `service.token=${s}\nspring.datasource.password=${p}\n`, [s, p]]),
  json: fc
    .tuple(secretValue, secretValue)
    .map(([s, k]) => ['config/settings.json', JSON.stringify({ apiKey: s, tokens: { [k]: s } }), [s, k]]),
  python: fc
    .tuple(secretValue, password, secretValue)
    .map(([s, p, k]) => [
      'app/settings.py',
      `import os\nAPI_TOKEN = "${s}"\nDB = {"password": "${p}"}\nTOKENS = {"${k}": "${s}"}\n`,
      [s, p, k],
    ]),
  javascript: fc
    .tuple(secretValue, password)
    .map(([s, p]) => ['src/config.js', `export const config = {\n  token: '${s}',\n  password: \`${p}\`,\n};\n`, [s, p]]),
  go: fc.tuple(secretValue).map(([s]) => ['cmd/main.go', `package main\n\nconst apiToken = "${s}"\n\nfunc main() {}\n`, [s]]),
  markdown: fc
    .tuple(secretValue)
    .map(([s]) => ['docs/setup.md', `# Setup\n\nExport the token:\n\n\`\`\`sh\nexport API_TOKEN=${s}\n\`\`\`\n`, [s]]),
  pem: fc.array(chars(B64, 64), { minLength: 4, maxLength: 12 }).map((lines) => {
    const key = ['-----BEGIN RSA PRIVATE', ' KEY-----\n', lines.join('\n'), '\n-----END RSA PRIVATE', ' KEY-----\n'].join('');
    return ['config/deploy-key.pem', key, [lines.join('\n')]];
  }),
  bicep: fc
    .tuple(name, secretValue, password)
    .map(([n, s, p]) => [
      `infra/${n}.bicep`,
      `targetScope = 'subscription'\n@secure()\nparam adminPassword string = '${p}'\nvar apiToken = '${s}'\nresource ${n} 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n  name: 'id-${n}'\n  location: location\n}\nresource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid(subscription().id, '${n}')\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')\n    principalId: ${n}.properties.principalId\n  }\n}\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    accessPolicies: [\n      {\n        permissions: { secrets: [ 'all' ] }\n      }\n    ]\n  }\n  resource child 'accessPolicies' = {\n    name: 'add'\n  }\n}\n`,
      [s, p],
    ]),
  armTemplate: fc.tuple(name, secretValue).map(([n, s]) => [
    `infra/${n}.json`,
    JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
        parameters: { token: { type: 'securestring', defaultValue: s } },
        variables: { owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' },
        resources: [
          { type: 'Microsoft.Authorization/roleAssignments', name: n, properties: { roleDefinitionId: "[variables('owner')]" } },
          { type: 'Microsoft.Authorization/roleDefinitions', name: 'r', properties: { permissions: [{ actions: ['*'] }] } },
          { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', name: `id-${n}`, resources: [{ type: 'x', name: 'y' }] },
        ],
      },
      null,
      2,
    ),
    [s],
  ]),
  helmTemplate: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      `charts/${n}/templates/rbac.yaml`,
      `{{- if .Values.rbac.create }}\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {{ .Release.Name }}-${n}\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\nrules:\n  - apiGroups: ["*"]\n    resources: ["secrets"]\n    verbs: ["*"]\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\nstringData:\n  token: ${s}\n{{- end }}\n`,
      [s],
    ]),
  pulumi: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      'Pulumi.yaml',
      `name: ${n}\nruntime: yaml\nconfig:\n  apiToken:\n    default: ${s}\nresources:\n  ${n}:\n    type: aws:iam:Policy\n    properties:\n      policy: |\n        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n  key:\n    type: aws:iam:AccessKey\n    properties:\n      user: ${n}\nvariables:\n  doc:\n    fn::invoke:\n      function: aws:iam:getPolicyDocument\n      arguments:\n        statements:\n          - actions: ["s3:*"]\n            resources: ["*"]\n`,
      [s],
    ]),
  cdk: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      `lib/${n}-stack.ts`,
      `import * as iam from 'aws-cdk-lib/aws-iam';\nconst token = '${s}';\nconst ${n} = new iam.Role(this, '${n}', { assumedBy: new iam.AnyPrincipal() });\n${n}.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: [\`*\`] as string[] }));\n${n}.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));\nbucket.grantRead(new iam.StarPrincipal());\n`,
      [s],
    ]),
  cdkPython: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      `app/${n}_stack.py`,
      `from aws_cdk import Tags, aws_iam as iam\ntoken = "${s}"\n${n} = iam.Role(self, "${n}", assumed_by=iam.AnyPrincipal())\n${n}.add_to_policy(iam.PolicyStatement(actions=["*"], resources=[f"*"], conditions={"Bool": {"aws:SecureTransport": True}}))\n${n}.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess"))\nst = iam.PolicyStatement()\nst.add_actions("s3:*", *more)\nbucket.grant_read(iam.StarPrincipal())\nuser = iam.User(self, "U")\n`,
      [s],
    ]),
  pulumiTypeScript: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      `infra/${n}.ts`,
      `import * as aws from "@pulumi/aws";\nimport * as k8s from "@pulumi/kubernetes";\nconst token = "${s}";\nnew aws.iam.Policy("${n}", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });\nnew aws.iam.RolePolicyAttachment("a", { role: r.name, policyArn: aws.iam.ManagedPolicy.AdministratorAccess });\nnew aws.iam.User("${n}-user", { tags: { ...common } });\nnew k8s.rbac.v1.ClusterRole("c", { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] });\n`,
      [s],
    ]),
  pulumiPython: fc
    .tuple(name, secretValue)
    .map(([n, s]) => [
      `infra/${n}/__main__.py`,
      `import json\nimport pulumi_aws as aws\nfrom pulumi_gcp import projects\ntoken = "${s}"\naws.iam.Policy("${n}", policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))\nprojects.IAMMember("m", project="p", role="roles/owner", member="user:a@example.com")\naws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(actions=["iam:*"], resources=["*"])])\naws.iam.Role("r", assume_role_policy=doc.json, tags={**common})\n`,
      [s],
    ]),
  iamPolicy: fc.tuple(fc.constantFrom('*', 's3:*', 'iam:PassRole', 'iam:*'), secretValue).map(([action, s]) => [
    'policies/admin.json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: s, Effect: 'Allow', Action: action, Resource: '*' }],
    }),
    [s],
  ]),
};

/** Paths that make the engine read a text as each kind (mutated inputs keep or change their kind). */
const PATHS = [
  'main.tf',
  'template.yaml',
  'template.json',
  'k8s/deploy.yaml',
  '.github/workflows/ci.yml',
  '.env',
  'app.properties',
  'config.json',
  'app.py',
  'index.js',
  'main.go',
  'README.md',
  'key.pem',
  'policy.json',
  'mcp.json',
  'docker-compose.yml',
  'Dockerfile',
  'settings.toml',
  'notes.txt',
  'infra/main.bicep',
  'infra/azuredeploy.json',
  'charts/app/templates/deployment.yaml',
  'Pulumi.yaml',
  'lib/app-stack.ts',
];

/** Pieces that parsers and scanners treat specially. */
const SPECIAL = [
  '"',
  "'",
  '`',
  '{',
  '}',
  '[',
  ']',
  '${',
  '{{',
  '}}',
  '<<EOF\n',
  '\nEOF\n',
  '&a ',
  '*a',
  '!Ref ',
  '!!binary ',
  '---\n',
  '...\n',
  '\t',
  '\r\n',
  '\r',
  '\0',
  '\ufeff',
  '\u2028',
  '\ud800',
  '#',
  '//',
  '/*',
  '\\',
  '=',
  ':',
  '- ',
  '\n  ',
  '%YAML 1.2\n',
  '-----BEGIN ',
  'nhi-lens:ignore',
];

type Mutation = (text: string) => string;

const at = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, fc.constantFrom(...SPECIAL)).map(
    ([f, piece]) =>
      (t: string) =>
        t.slice(0, at(t, f)) + piece + t.slice(at(t, f)),
  ),
  fc.tuple(fraction, fc.string({ maxLength: 20 })).map(
    ([f, s]) =>
      (t: string) =>
        t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  fc.tuple(fraction, fc.nat(40)).map(
    ([f, n]) =>
      (t: string) =>
        t.slice(0, at(t, f)) + t.slice(at(t, f) + n),
  ),
  fc.tuple(fraction, fraction, fc.nat(60)).map(([from, to, n]) => (t: string) => {
    const piece = t.slice(at(t, from), at(t, from) + n);
    return t.slice(0, at(t, to)) + piece + t.slice(at(t, to));
  }),
  fraction.map((f) => (t: string) => t.slice(0, at(t, f))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    if (lines.length < 2) return t;
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  }),
  fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
  fc.constant((t: string) => t.replace(/^ +/gm, (s) => '\t'.repeat(s.length / 2))),
);

const mutations = fc.array(mutation, { maxLength: 6 });

function applied(text: string, list: Mutation[]): string {
  return list.reduce((t, m) => m(t), text);
}

/** Secrets a template planted that survived the mutations whole (the others are no longer in the text). */
function stillPlanted(text: string, planted: string[]): string[] {
  return planted.filter((s) => s.length >= 8 && text.includes(s));
}

const templated: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.constantFrom(...Object.keys(TEMPLATES)), fc.boolean(), fc.constantFrom(...PATHS), mutations)
  .chain(([family, keepPath, otherPath, list]) =>
    TEMPLATES[family].map(([p, text, planted]) => {
      const mutated = applied(text, list);
      return { family, path: keepPath ? p : otherPath, text: mutated, planted: stillPlanted(mutated, planted) };
    }),
  );

function ruleExamples(rules: LoadedRule[]): Array<{ text: string; path?: string }> {
  const out: Array<{ text: string; path?: string }> = [];
  for (const { definition } of rules) {
    for (const example of [...(definition.examples?.positive ?? []), ...(definition.examples?.negative ?? [])])
      out.push(typeof example === 'string' ? { text: example } : example);
  }
  return out;
}

/** Rule examples (positive and negative), repeated, mutated, under their own path or any other. */
function mutatedExamples(rules: LoadedRule[]): fc.Arbitrary<FuzzInput> {
  const examples = ruleExamples(rules);
  return fc
    .tuple(fc.constantFrom(...examples), fc.constantFrom(...PATHS), fc.boolean(), mutations, fc.nat(3))
    .map(([example, p, ownPath, list, copies]) => ({
      family: 'rule-example',
      path: ownPath && example.path ? example.path : p,
      text: applied(Array.from({ length: copies + 1 }, () => example.text).join('\n'), list),
      planted: [],
    }));
}

/** Every file under the folders, read once (test fixtures and the example workspace). */
function filesUnder(dirs: string[]): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string, base: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p, base);
      else if (entry.isFile()) out.push({ path: path.relative(base, p).split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const dir of dirs) if (fs.existsSync(dir)) walk(dir, dir);
  return out;
}

function mutatedFixtures(repo: string): fc.Arbitrary<FuzzInput> {
  const fixtures = filesUnder([path.join(repo, 'test', 'fixtures'), path.join(repo, 'examples')]);
  return fc.tuple(fc.constantFrom(...fixtures), mutations).map(([file, list]) => ({
    family: 'fixture',
    path: file.path,
    text: applied(file.text, list),
    planted: [],
  }));
}

const randomBytes: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...PATHS), fc.boolean())
  .map(([bytes, p, latin1]) => ({
    family: 'random-bytes',
    path: p,
    text: Buffer.from(bytes).toString(latin1 ? 'latin1' : 'utf8'),
    planted: [],
  }));

/** YAML alias bombs ("billion laughs"), with a secret at the bottom. */
const aliasBomb: fc.Arbitrary<FuzzInput> = fc
  .tuple(
    fc.integer({ min: 3, max: 10 }),
    fc.integer({ min: 2, max: 10 }),
    secretValue,
    fc.constantFrom('bomb.yaml', 'template.yaml', 'k8s/bomb.yaml', '.github/workflows/bomb.yml'),
  )
  .map(([levels, width, s, p]) => {
    const lines = [`a0: &a0 ["${s}"]`];
    for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push(`Resources:\n  R:\n    Type: AWS::IAM::User\n    Properties: *a${levels}`);
    return { family: 'alias-bomb', path: p, text: lines.join('\n') + '\n', planted: [s] };
  });

/** Deep nesting in each syntax: JSON, YAML flow and block, HCL blocks, Python brackets. */
const deepNesting: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('json', 'yaml-flow', 'yaml-block', 'hcl', 'python'), secretValue)
  .map(([depth, style, s]) => {
    const secretLine = `token = "${s}"\n`;
    switch (style) {
      case 'json':
        return { family: 'deep-nesting', path: 'deep.json', text: `${'{"a":['.repeat(depth)}"${s}"${']}'.repeat(depth)}`, planted: [s] };
      case 'yaml-flow':
        return {
          family: 'deep-nesting',
          path: 'template.yaml',
          text: `Resources: ${'['.repeat(depth)}${s}${']'.repeat(depth)}\n`,
          planted: [s],
        };
      case 'yaml-block': {
        const d = Math.min(depth, 2000);
        const lines = Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:`);
        return { family: 'deep-nesting', path: 'k8s/deep.yaml', text: `${lines.join('\n')} ${s}\n`, planted: [s] };
      }
      case 'hcl':
        return {
          family: 'deep-nesting',
          path: 'main.tf',
          text: `${'resource "a" "b" {\n'.repeat(depth)}${secretLine}${'}\n'.repeat(depth)}`,
          planted: [s],
        };
      default:
        return { family: 'deep-nesting', path: 'app.py', text: `x = ${'('.repeat(depth)}"${s}"${')'.repeat(depth)}\n`, planted: [s] };
    }
  });

/** Long lines and large files, below the engine's own limits (5 MiB, 1,000,000-character lines) and past them. */
const large: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.integer({ min: 10_000, max: 1_200_000 }), secretValue, fc.constantFrom(...PATHS), fc.boolean())
  .map(([size, s, p, oneLine]) => {
    const filler = oneLine ? 'x'.repeat(size) : `${'word '.repeat(15)}\n`.repeat(Math.ceil(size / 76));
    return { family: 'large', path: p, text: `${filler}\nTOKEN=${s}\n${filler}`, planted: [s] };
  });

/** Every input family, weighted: mostly realistic files with planted secrets, then mutations of known text, then the hostile shapes. */
export function fuzzInputs(rules: LoadedRule[], repo: string): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { arbitrary: templated, weight: 12 },
    { arbitrary: mutatedExamples(rules), weight: 5 },
    { arbitrary: mutatedFixtures(repo), weight: 4 },
    { arbitrary: randomBytes, weight: 2 },
    { arbitrary: aliasBomb, weight: 1 },
    { arbitrary: deepNesting, weight: 1 },
    { arbitrary: large, weight: 1 },
  );
}
