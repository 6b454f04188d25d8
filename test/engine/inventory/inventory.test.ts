import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  buildInventory,
  CodeOwners,
  findingOwners,
  type Finding,
  type Identity,
  type IdentityRecord,
  type ScanDocument,
} from '../../../engine';
import { defaultEngine } from '../../support/engineFixture';

/** Scans files as an audit does and builds their inventory. */
function inventoryOf(files: ScanDocument[], codeOwners?: CodeOwners): { identities: Identity[]; findings: Finding[] } {
  const records: IdentityRecord[] = [];
  const findings: Finding[] = [];
  for (const file of files) {
    const result = defaultEngine().scan(file, { inventory: true });
    records.push(...(result.identities ?? []));
    findings.push(...result.findings);
  }
  return { identities: buildInventory(records, findings, codeOwners), findings };
}

const byName = (identities: Identity[], name: string) => {
  const found = identities.find((i) => i.name === name);
  assert.ok(found, `${name} not in ${identities.map((i) => i.name).join(', ')}`);
  return found;
};

const TERRAFORM = `
resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags = { owner = "team-payments" }
}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = "{}"
  tags = { owner = "team-data" }
}
resource "aws_iam_role_policy" "reader" {
  role   = aws_iam_role.reader.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::reports/*"] }] })
}
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}
resource "google_service_account" "runner" {
  account_id = "runner"
}
resource "azurerm_linux_web_app" "api" {
  name = "api"
  identity {
    type = "SystemAssigned"
  }
}
data "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/db"
}
`;

describe('NHI inventory', () => {
  it('Terraform: roles, users, keys, service accounts, managed identities and secret lookups, with owner, breadth and credential', () => {
    const { identities } = inventoryOf([{ path: 'infra/iam.tf', text: TERRAFORM }]);
    const deploy = byName(identities, 'aws_iam_role.deploy');
    assert.deepEqual(
      [deploy.kind, deploy.owner, deploy.ownerSource, deploy.breadth, deploy.credential],
      ['iam-role', 'team-payments', 'tag', 'admin', 'federated'],
    );
    assert.ok(deploy.findings.length >= 1, 'the AdministratorAccess attachment is linked to the role');
    const reader = byName(identities, 'aws_iam_role.reader');
    assert.deepEqual([reader.breadth, reader.owner], ['scoped', 'team-data'], 'a policy with no broad grant is scoped');
    const user = byName(identities, 'aws_iam_user.ci');
    assert.deepEqual([user.kind, user.credential, user.owner, user.ownerSource], ['iam-user', 'static', null, 'none']);
    assert.equal(byName(identities, 'aws_iam_access_key.ci').credential, 'static');
    assert.equal(byName(identities, 'google_service_account.runner').kind, 'service-account');
    assert.equal(byName(identities, 'google_service_account.runner').breadth, 'unknown', 'nothing grants it anything here');
    assert.equal(byName(identities, 'azurerm_linux_web_app.api (system-assigned)').kind, 'managed-identity');
    const lookup = byName(identities, 'data.aws_secretsmanager_secret_version.db');
    assert.deepEqual([lookup.kind, lookup.credential], ['secret-reference', 'reference']);
  });

  it('Terraform: findings link by module, so a same-named role in another folder is another role', () => {
    const { identities } = inventoryOf([
      {
        path: 'infra/roles.tf',
        text: 'resource "aws_iam_role" "app" {\n  name = "app"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy" "app" {\n  role = aws_iam_role.app.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
      },
      { path: 'other/roles.tf', text: 'resource "aws_iam_role" "app" {\n  name = "app"\n  assume_role_policy = "{}"\n}\n' },
    ]);
    const [infra, other] = ['infra/roles.tf', 'other/roles.tf'].map((p) => identities.find((i) => i.path === p && i.kind === 'iam-role')!);
    assert.equal(infra.breadth, 'admin');
    assert.equal(other.breadth, 'unknown', 'a same-named role in another module is another role');
  });

  it('Kubernetes: ServiceAccounts linked through bindings to their Roles; legacy token Secrets are static', () => {
    const text =
      [
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: deployer\n  namespace: ci\n  labels:\n    owner: platform',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deploy\n  namespace: ci\nrules:\n  - apiGroups: ["apps"]\n    resources: ["*"]\n    verbs: ["get"]',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: deployer\n  namespace: ci\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\nroleRef:\n  kind: Role\n  name: deploy\n  apiGroup: rbac.authorization.k8s.io',
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: idle\n  namespace: ci',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: deployer-token\n  namespace: ci\n  annotations:\n    kubernetes.io/service-account.name: deployer\ntype: kubernetes.io/service-account-token',
      ].join('\n---\n') + '\n';
    const { identities } = inventoryOf([{ path: 'k8s/ci.yaml', text }]);
    const deployer = byName(identities, 'ServiceAccount/ci/deployer');
    assert.deepEqual([deployer.owner, deployer.breadth, deployer.credential], ['platform', 'wide', 'federated']);
    assert.equal(byName(identities, 'ServiceAccount/ci/idle').breadth, 'unknown');
    assert.equal(byName(identities, 'Secret/ci/deployer-token').credential, 'static');
  });

  it('CloudFormation: roles and the policies that name them; owner from Tags', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Tags:
        - Key: owner
          Value: team-app
  AppPolicy:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref AppRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "iam:*"
            Resource: "*"
  Bot:
    Type: AWS::IAM::User
  BotKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Bot
`;
    const { identities } = inventoryOf([{ path: 'stack.yaml', text }]);
    const role = byName(identities, 'AppRole');
    assert.deepEqual([role.owner, role.breadth], ['team-app', 'admin']);
    assert.equal(byName(identities, 'Bot').credential, 'static');
    assert.equal(byName(identities, 'BotKey').kind, 'access-key');
  });

  it('CloudFormation: a logical ID that reads as a regex is matched as text: no throw, no backtracking', function () {
    this.timeout(60_000); // `(a+)+$` as a pattern needed about a minute for the 28 characters below: the timeout is the failure
    for (const id of ['(a+)+$', 'a(']) {
      const text = JSON.stringify({
        Resources: {
          [id]: { Type: 'AWS::IAM::User' },
          Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: `${'a'.repeat(28)}!` } },
        },
      });
      const { identities } = inventoryOf([{ path: 'stack.json', text }]);
      assert.equal(byName(identities, id).kind, 'iam-user', id);
    }
  });

  it('GitHub Actions: the workflow token and cloud logins, static or federated', () => {
    const text = `on: push
permissions:
  contents: read
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
      - uses: google-github-actions/auth@v2
        with:
          credentials_json: \${{ secrets.GCP_KEY }}
`;
    const { identities } = inventoryOf([{ path: '.github/workflows/deploy.yml', text }]);
    const token = byName(identities, 'GITHUB_TOKEN of deploy.yml');
    assert.deepEqual([token.kind, token.breadth], ['workflow-token', 'scoped']);
    assert.equal(byName(identities, 'AWS login in job deploy').credential, 'federated');
    assert.equal(byName(identities, 'Google Cloud login in job deploy').credential, 'static');
    const ref = byName(identities, 'GCP_KEY');
    assert.deepEqual([ref.kind, ref.provider], ['secret-reference', 'github']);
  });

  it('MCP configs: each server, with its credential written in or referenced', () => {
    const text = JSON.stringify(
      {
        mcpServers: {
          github: { command: 'npx', env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_R8kQ2mZx7LpV4nTb9WcY1sHd6JfGa3Ue5XoN' } },
          linear: { url: 'https://mcp.linear.app/sse', headers: { Authorization: 'Bearer ${env:LINEAR_TOKEN}' } },
          files: { command: 'mcp-files' },
        },
      },
      null,
      2,
    );
    const { identities } = inventoryOf([{ path: '.cursor/mcp.json', text }]);
    const github = byName(identities, 'MCP server github');
    assert.equal(github.credential, 'static');
    assert.equal(github.findings.length, 1, 'the token written in the config is linked to the server');
    assert.equal(byName(identities, 'MCP server linear').credential, 'reference');
    assert.equal(byName(identities, 'MCP server files').credential, 'none');
    assert.ok(
      identities.some((i) => i.kind === 'secret' && i.path === '.cursor/mcp.json'),
      'the token is also a secret in a file',
    );
  });

  it("an identity links the secrets written inside it in its own file only, and keeps its id's digest", () => {
    const config = (env: Record<string, string>) => JSON.stringify({ mcpServers: { github: { command: 'npx', env } } }, null, 2);
    const token = ['ghp', 'R8kQ2mZx7LpV4nTb9WcY1sHd6JfGa3Ue5XoN'].join('_');
    // The same server at the same offsets in two files: only the first holds a token.
    const { identities } = inventoryOf([
      { path: 'a/mcp.json', text: config({ GITHUB_PERSONAL_ACCESS_TOKEN: token }) },
      { path: 'b/mcp.json', text: config({ GITHUB_PERSONAL_ACCESS_TOKEN: '${env:GH}'.padEnd(token.length, ' ') }) },
    ]);
    const servers = identities.filter((i) => i.name === 'MCP server github');
    assert.deepEqual(
      servers.map((i) => [i.path, i.findings.length]),
      [
        ['a/mcp.json', 1],
        ['b/mcp.json', 0],
      ],
    );
    // Ids are the first 16 hex digits of the SHA-256 of path, kind and name (reports and baselines keep them).
    const [a] = servers;
    assert.equal(a.id, createHash('sha256').update(`${a.path}\0${a.kind}\0${a.name}`).digest('hex').slice(0, 16));
  });

  it('secrets-manager references in code, one per name; none in files that only mention a manager', () => {
    const code = [
      'const a = await sm.send(new GetSecretValueCommand({ SecretId: "prod/stripe" }));',
      'const b = await sm.send(new GetSecretValueCommand({ SecretId: "prod/stripe" }));',
      'db_password = client.access_secret_version(name="projects/acme/secrets/db-password/versions/latest")',
      'password: "{{resolve:secretsmanager:prod/db:SecretString:password}}"',
    ].join('\n');
    const { identities } = inventoryOf([{ path: 'src/app.ts', text: code }]);
    assert.deepEqual(
      identities
        .filter((i) => i.kind === 'secret-reference')
        .map((i) => `${i.provider}:${i.name}`)
        .sort(),
      ['aws:prod/db', 'aws:prod/stripe', 'gcp:db-password'],
    );
    const none = inventoryOf([{ path: 'README.md', text: 'We keep secrets in AWS Secrets Manager and read them with the SDK.\n' }]);
    assert.deepEqual(none.identities, []);
  });

  it('secrets-manager references of every kind, after thousands of mentions of "Secret" and at the very start of a file', () => {
    const mentions = 'export type SecretAccessKey = string; // the Secret of a SecretsManager secret\n'.repeat(2000);
    const references = [
      'const v = await client.getSecret("payments-key");',
      'v2 = client.get_secret("ledger-key")',
      'url = "https://acme.vault.azure.net/secrets/signing-cert"',
      'resp = client.access_secret_version(name="projects/acme/secrets/api-token/versions/1")',
      'data "vault" { path = "secret/data/app/db" }',
      'v3 = hvac.secrets.kv.read_secret_version(path="app/cache")',
      'const c = await sm.send(new GetSecretValueCommand({ SecretId: "prod/queue" }));',
    ].join('\n');
    const kinds = (text: string) =>
      inventoryOf([{ path: 'src/clients.py', text }])
        .identities.filter((i) => i.kind === 'secret-reference')
        .map((i) => `${i.provider}:${i.name}`)
        .sort();
    const expected = [
      'aws:prod/queue',
      'azure:ledger-key',
      'azure:payments-key',
      'azure:signing-cert',
      'gcp:api-token',
      'vault:app/cache',
      'vault:app/db',
    ];
    assert.deepEqual(kinds(`${mentions}${references}\n`), expected);
    assert.deepEqual(kinds(`${references}\n${mentions}`), expected);
    // A keyword whose "ecret" is not at its start, right at offset 0.
    const manifest = 'secretKeyRef:\n  name: db-credentials\n  key: password\n';
    assert.deepEqual(
      inventoryOf([{ path: 'k8s/deploy.yaml', text: manifest }])
        .identities.filter((i) => i.kind === 'secret-reference')
        .map((i) => `${i.provider}:${i.name}`),
      ['kubernetes:db-credentials'],
    );
  });

  it("owners: a tag wins, else CODEOWNERS for the file, else none; findings get their identity's owner", () => {
    const owners = new CodeOwners('# comment\n*.tf @acme/infra\n/infra/legacy/ @acme/legacy\n');
    const { identities, findings } = inventoryOf(
      [
        { path: 'infra/iam.tf', text: TERRAFORM },
        { path: 'infra/legacy/user.tf', text: 'resource "aws_iam_user" "old" {\n  name = "old"\n}\n' },
      ],
      owners,
    );
    assert.equal(byName(identities, 'aws_iam_role.deploy').ownerSource, 'tag');
    assert.deepEqual(
      [byName(identities, 'aws_iam_user.ci').owner, byName(identities, 'aws_iam_user.ci').ownerSource],
      ['@acme/infra', 'codeowners'],
    );
    assert.equal(byName(identities, 'aws_iam_user.old').owner, '@acme/legacy', 'the last matching CODEOWNERS line wins');
    const byFinding = findingOwners(identities, findings, owners);
    const admin = findings.find((f) => f.ruleId === 'aws-iam-privileged-managed-policy')!;
    assert.equal(byFinding.get(admin.fingerprint), 'team-payments');
  });

  it('is not collected unless asked for, and costs nothing on files with no identity', () => {
    assert.equal(defaultEngine().scan({ path: 'infra/iam.tf', text: TERRAFORM }).identities, undefined);
    assert.deepEqual(defaultEngine().scan({ path: 'src/a.ts', text: 'export const x = 1;\n' }, { inventory: true }).identities, []);
  });
});
