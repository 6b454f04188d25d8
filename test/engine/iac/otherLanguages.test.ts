import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildInventory, type Finding, type IdentityRecord } from '../../../engine';
import { parseBicep } from '../../../engine/iac/azure/bicepParser';
import { fixesFor } from '../../../engine/fixes/fixProposals';
import { readLiteral } from '../../../engine/iac/cdk/tsLiteralReader';
import { parseHelmTemplate } from '../../../engine/iac/helm/helmTemplate';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { applyIacFix } from '../../support/applyEdits';
import { testEngine } from '../../support/engineFixture';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'iac');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
/** `ruleId@line:text` of each finding: the exact offending element, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('more infrastructure languages', () => {
  const engine = testEngine();
  const scan = (p: string, text: string) => engine.scan({ path: p, text });

  describe('Bicep', () => {
    const text = read('bicep/main.bicep');

    it('reports privileged roles at subscription scope, custom-role wildcards and identity owners at their elements', () => {
      assert.deepEqual(summary(text, scan('infra/main.bicep', text).findings), [
        'missing-owner-tag@10:ciIdentity',
        'owner-tag-not-static@23:taggedElsewhere',
        'azure-privileged-role-assignment@32:8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
        "azure-privileged-role-assignment@41:subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)",
        'azure-custom-role-wildcard@61:*',
      ]);
    });

    it('names the role in the message and offers Reader only where the role id is a literal', () => {
      const found = scan('infra/main.bicep', text).findings.filter((f) => f.ruleId === 'azure-privileged-role-assignment');
      assert.match(found[0].message, /ciOwner assigns Owner at subscription scope/);
      assert.deepEqual(found[0].fix.iac?.narrower, ['acdd72a7-3385-48ef-bd42-f606fba81ae7']);
      assert.match(found[1].message, /ciContributor assigns Contributor/);
      assert.equal(found[1].fix.iac?.narrower, undefined);
    });

    it('a resource-group deployment is not subscription scope unless the assignment says so', () => {
      const vault = read('bicep/vault.bicep');
      assert.deepEqual(summary(vault, scan('infra/vault.bicep', vault).findings), [
        // One finding per access policy: its second "all" list (line 26) is a related location.
        'azure-key-vault-all-permissions@23:all',
        'azure-key-vault-all-permissions@40:All',
      ]);
      const explicit = vault.replace(
        'name: guid(resourceGroup().id, appObjectId)\n',
        'name: guid(resourceGroup().id, appObjectId)\n  scope: subscription()\n',
      );
      assert.ok(explicit !== vault);
      assert.ok(scan('infra/vault.bicep', explicit).findings.some((f) => f.ruleId === 'azure-privileged-role-assignment'));
    });

    it('reads child resources with their parent type, and leaves `existing` resources out', () => {
      const t = parseBicep(read('bicep/vault.bicep'));
      assert.deepEqual(
        t.resources.map((r) => `${r.name}:${r.type}`),
        [
          'extraPolicy:Microsoft.KeyVault/vaults/accessPolicies',
          'vault:Microsoft.KeyVault/vaults',
          'groupContributor:Microsoft.Authorization/roleAssignments',
        ],
      );
      const existing = parseBicep(
        "resource owner 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {\n  name: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'\n}\n",
      );
      assert.equal(existing.resources.length, 0);
      assert.ok(existing.values.has('owner'));
    });

    it('an Owner named through an `existing` role definition is found at the reference', () => {
      const bicep = [
        "targetScope = 'subscription'",
        "resource ownerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {",
        "  name: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'",
        '}',
        "resource a 'Microsoft.Authorization/roleAssignments@2022-04-01' = {",
        "  name: guid('a')",
        '  properties: {',
        '    roleDefinitionId: ownerRole.id',
        '  }',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(summary(bicep, scan('a.bicep', bicep).findings), ['azure-privileged-role-assignment@8:ownerRole.id']);
    });

    it('suppression quick fixes write Bicep comments, and the comment silences the finding', () => {
      const f = scan('infra/main.bicep', text).findings.find((x) => x.ruleId === 'azure-custom-role-wildcard')!;
      const line = fixesFor(f, text, { manager: 'env' }).find((p) => p.kind === 'suppress-line')!;
      assert.match(line.edits[0].newText, /^ +\/\/ nhi-lens:ignore azure-custom-role-wildcard -- reason\n$/);
      const lines = text.split('\n');
      lines.splice(f.range.start.line, 0, '          // nhi-lens:ignore azure-custom-role-wildcard -- platform break-glass role');
      const result = scan('infra/main.bicep', lines.join('\n'));
      assert.ok(!result.findings.some((x) => x.ruleId === 'azure-custom-role-wildcard'));
      assert.equal(result.suppressed, 1);
    });

    it('follows a property of a role map to the one id it names; loops and conditions keep their body', () => {
      const bicep = (role: string) =>
        [
          "targetScope = 'managementGroup'",
          'var roles = {',
          "  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'",
          "  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'",
          '}',
          "resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (p, i) in principals: if (env == 'prod') {",
          '  name: guid(managementGroup().id, p.id, string(i))',
          '  properties: {',
          `    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', roles.${role})`,
          '  }',
          '}]',
          '',
        ].join('\n');
      const owner = scan('mg.bicep', bicep('owner')).findings;
      assert.deepEqual(
        owner.map((f) => f.message),
        ['grants assigns Owner at management group scope: assign a narrower role on the resource group or resource that needs it'],
      );
      assert.deepEqual(scan('mg.bicep', bicep('reader')).findings, []);
    });

    it('the add-owner edit writes a tags object the reader then finds', () => {
      const f = scan('infra/main.bicep', text).findings.find((x) => x.ruleId === 'missing-owner-tag')!;
      const fixed = applyIacFix(text, f);
      assert.match(fixed, /\{\n {2}tags: \{\n {4}owner: 'platform-team'\n {2}\}\n {2}name: 'id-ci'\n/);
      assert.ok(!scan('infra/main.bicep', fixed).findings.some((x) => x.ruleId === 'missing-owner-tag'));
    });
  });

  describe('ARM templates', () => {
    it('reads the deployment scope from the schema and resolves roles through variables', () => {
      const text = read('arm/azuredeploy.json');
      assert.deepEqual(summary(text, scan('infra/azuredeploy.json', text).findings), [
        'azure-privileged-role-assignment@17:18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
        "azure-privileged-role-assignment@26:[variables('ownerRoleId')]",
        'azure-custom-role-wildcard@45:*',
      ]);
      const rg = text.replace('subscriptionDeploymentTemplate', 'deploymentTemplate');
      assert.deepEqual(
        scan('infra/azuredeploy.json', rg).findings.map((f) => f.ruleId),
        ['azure-custom-role-wildcard'],
      );
    });

    it('nested deployments (compiled Bicep modules) deploy at the scope they name', () => {
      const text = read('arm/nested.json');
      // The Owner goes to a resource group (resourceGroup: rg-app); the Contributor stays at subscription scope.
      assert.deepEqual(summary(text, scan('infra/main.json', text).findings), [
        'azure-privileged-role-assignment@45:b24988ac-6180-42a0-ab88-20f7382dd24c',
      ]);
    });

    it('managed identities: a missing owner tag gets an edit that stays valid JSON', () => {
      const text = read('arm/identities.json');
      const findings = scan('infra/identities.json', text).findings;
      assert.deepEqual(summary(text, findings), [
        'missing-owner-tag@9:Microsoft.ManagedIdentity/userAssignedIdentities',
        'owner-tag-not-static@24:Microsoft.ManagedIdentity/userAssignedIdentities',
      ]);
      assert.match(findings[0].message, /id-ci/);
      const fixed = applyIacFix(text, findings[0]);
      const doc = JSON.parse(fixed) as { resources: Array<{ tags?: Record<string, string> }> };
      assert.deepEqual(doc.resources[0].tags, { owner: 'platform-team' });
      assert.ok(!scan('infra/identities.json', fixed).findings.some((x) => x.ruleId === 'missing-owner-tag'));
    });

    it('other JSON is not read as a template', () => {
      const text = JSON.stringify({
        resources: [{ type: 'Microsoft.Authorization/roleDefinitions', properties: { permissions: [{ actions: ['*'] }] } }],
      });
      assert.deepEqual(scan('config.json', text).findings, []);
    });
  });

  describe('Helm templates', () => {
    const rbac = read('helm-chart/templates/rbac.yaml');

    it('reads RBAC through {{ }} actions, with positions in the file as written and no syntax error', () => {
      const result = scan('charts/reports/templates/rbac.yaml', rbac);
      assert.deepEqual(summary(rbac, result.findings), [
        'k8s-rbac-cluster-secrets-read@10:secrets',
        'k8s-rbac-wildcard@14:*',
        'k8s-cluster-admin-binding@26:cluster-admin',
      ]);
      assert.deepEqual(result.skipped, []);
      assert.match(result.findings[1].message, /ClusterRole\/\{\{ \.Release\.Name \}\}-reader rule 2/);
    });

    it('leaves owners and the pod ServiceAccount to the template where it writes them', () => {
      const sa = read('helm-chart/templates/serviceaccount.yaml');
      assert.deepEqual(summary(sa, scan('charts/reports/templates/serviceaccount.yaml', sa).findings), [
        'missing-owner-tag@16:{{ .Release.Name }}-migrations',
      ]);
      const deploy = read('helm-chart/templates/deployment.yaml');
      const found = scan('charts/reports/templates/deployment.yaml', deploy).findings;
      // By default only a token a binding in the same file makes worth stealing is reported: none here.
      assert.deepEqual(summary(deploy, found), []);
      // Asked about workloads on the default account: the Deployment names its account through a
      // template (left to the template); the Job runs on the default one.
      const strict = testEngine({ config: { iac: { automountServiceAccountToken: 'default-service-account' } } });
      const onDefault = strict.scan({ path: 'charts/reports/templates/deployment.yaml', text: deploy }).findings;
      assert.deepEqual(summary(deploy, onDefault), ['k8s-automount-service-account-token@20:spec']);
      assert.match(onDefault[0].message, /^Job\//);
    });

    it('blanking keeps every offset and line: the YAML read has the same length as the file', () => {
      const parsed = parseHelmTemplate(rbac);
      assert.equal(parsed.actions.length, 10);
      assert.equal(parsed.error, undefined);
      const kinds = parsed.documents.map((d) => (d.type === 'map' ? d.entries.find((e) => e.key === 'kind')?.value : undefined));
      assert.deepEqual(
        kinds.map((k) => k && rbac.slice(k.start, k.end)),
        ['ClusterRole', 'ClusterRoleBinding'],
      );
    });

    it('a line of several actions between keys is blanked whole, so the document still parses', () => {
      const text = [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: x',
        '  {{- if .Values.x }}{{ include "y" . }}{{- end }}',
        '  namespace: prod',
        'rules:',
        '  - apiGroups: [""]',
        '    resources: ["*"]',
        '    verbs: ["get"]',
        '',
      ].join('\n');
      assert.equal(parseHelmTemplate(text).error, undefined);
      assert.deepEqual(summary(text, scan('charts/a/templates/role.yaml', text).findings), ['k8s-rbac-wildcard@9:*']);
    });

    it('the same template outside templates/ stays an unparsed file (no false syntax error either)', () => {
      const result = scan('docs/rbac.yaml', rbac);
      assert.deepEqual(result.findings, []);
    });

    it('secrets in values.yaml are found by the secret rules', () => {
      const token = ['gh', 'p_', 'Zr8Kq2Lm5Nx7Vb3Cd9Fg1Hj4Tk6Wp0Ys2Ua'].join('');
      const values = `${read('helm-chart/values.yaml')}github:\n  token: ${token}\n`;
      const found = scan('charts/reports/values.yaml', values).findings;
      assert.ok(found.some((f) => f.category === 'secret' && values.slice(f.offsets.start, f.offsets.end) === token));
      assert.ok(found.every((f) => !f.masked.includes(token)));
    });
  });

  describe('Pulumi YAML', () => {
    const text = read('pulumi/Pulumi.yaml');

    it('reports policies (YAML and JSON strings), managed policies, keys, trust and owners at their elements', () => {
      assert.deepEqual(summary(text, scan('infra/Pulumi.yaml', text).findings), [
        'aws-iam-admin-wildcard@13:*',
        'aws-iam-service-wildcard@23:s3:*',
        'missing-owner-tag@26:ciRole',
        'aws-iam-privileged-managed-policy@31:arn:aws:iam::aws:policy/AdministratorAccess',
        'aws-iam-access-key-created@43:ciKey',
        'aws-iam-trust-any-principal@56:*',
      ]);
    });

    it('narrows from the file’s own permission actions, not from trust', () => {
      const f = scan('infra/Pulumi.yaml', text).findings.find((x) => x.ruleId === 'aws-iam-admin-wildcard')!;
      assert.deepEqual(f.fix.iac?.narrower, ['s3:GetObject', 's3:PutObject']);
    });

    it('the add-owner edit writes tags; provider default tags with an owner cover every resource', () => {
      const f = scan('infra/Pulumi.yaml', text).findings.find((x) => x.ruleId === 'missing-owner-tag')!;
      const fixed = applyIacFix(text, f);
      assert.equal(parseYamlSource(fixed).error, undefined);
      assert.ok(!scan('infra/Pulumi.yaml', fixed).findings.some((x) => x.ruleId === 'missing-owner-tag'));
      const defaults = text.replace(
        'resources:\n',
        'config:\n  aws:defaultTags:\n    value:\n      tags:\n        owner: platform\nresources:\n',
      );
      assert.ok(!scan('infra/Pulumi.yaml', defaults).findings.some((x) => x.ruleId === 'missing-owner-tag'));
    });

    it('Kubernetes RBAC and azure-native resources go through their own languages’ checks', () => {
      const multi = read('pulumi-multi/Pulumi.yaml');
      const found = scan('Pulumi.yaml', multi).findings;
      assert.deepEqual(summary(multi, found), [
        'missing-owner-tag@6:ciIdentity',
        'azure-privileged-role-assignment@15:${ownerRole}',
        'azure-key-vault-all-permissions@33:all',
        // One finding per RBAC rule: the secrets read in the same rule is a related location.
        'k8s-rbac-wildcard@38:*',
        'k8s-cluster-admin-binding@49:cluster-admin',
      ]);
      assert.match(found[3].message, /^ClusterRole\/deployer rule 1/);
      const records = engine.scan({ path: 'Pulumi.yaml', text: multi }, { inventory: true }).identities ?? [];
      const identity = buildInventory(records, found).find((i) => i.name === 'ciIdentity')!;
      assert.deepEqual([identity.kind, identity.provider, identity.breadth], ['managed-identity', 'azure', 'admin']);
    });

    it('only Pulumi program files are read as Pulumi', () => {
      assert.deepEqual(
        scan('infra/stack.yaml', text).findings.filter((f) => f.category !== 'secret'),
        [],
      );
    });
  });

  describe('AWS CDK (TypeScript)', () => {
    const text = read('cdk/reports-stack.ts.txt');

    it('reports statements, trust, managed policies, grants to anyone and access keys at their elements', () => {
      assert.deepEqual(summary(text, scan('lib/reports-stack.ts', text).findings), [
        'aws-iam-admin-wildcard@18:*',
        'aws-iam-trust-any-principal@35:new iam.AnyPrincipal()',
        'aws-iam-privileged-managed-policy@36:AdministratorAccess',
        'aws-cdk-grant-to-any-principal@40:new iam.AnyPrincipal()',
        'aws-iam-access-key-created@43:new iam.CfnAccessKey',
      ]);
    });

    it('names what the statement is added to, and narrows to the actions the stack uses', () => {
      const found = scan('lib/reports-stack.ts', text).findings;
      const admin = found.find((f) => f.ruleId === 'aws-iam-admin-wildcard')!;
      assert.match(admin.message, /in role is full administrator access/);
      assert.deepEqual(admin.fix.iac?.narrower, ['s3:GetObject', 's3:PutObject']);
      assert.match(found.find((f) => f.ruleId === 'aws-iam-access-key-created')!.message, /^LegacyKey /);
    });

    it('statements built with addActions / addResources / addAllResources are read with their calls', () => {
      const code = [
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        'const st = new iam.PolicyStatement();',
        "st.addActions('s3:GetObject', '*');",
        'st.addAllResources();',
        "const scoped = new iam.PolicyStatement({ actions: ['s3:*'] });",
        'scoped.addResources(bucket.bucketArn);',
        "const open = new iam.PolicyStatement({ resources: ['*'] });",
        "open.addActions('iam:*');",
        '',
      ].join('\n');
      assert.deepEqual(summary(code, scan('lib/x.ts', code).findings), [
        'aws-iam-admin-wildcard@3:*',
        // Scoped by addResources, so not on "*": every s3 action on that bucket, the lower-severity check.
        'aws-iam-service-wildcard-on-resource@5:s3:*',
        'aws-iam-privilege-escalation@8:iam:*',
      ]);
    });

    it('CDK apps in JavaScript are read the same way', () => {
      const js = [
        "const iam = require('aws-cdk-lib/aws-iam');",
        "role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));",
        '',
      ].join('\n');
      assert.deepEqual(summary(js, scan('lib/app-stack.js', js).findings), ['aws-iam-admin-wildcard@2:*']);
    });

    it('a file that does not import the CDK is not read', () => {
      const plain = text.replace(/aws-cdk-lib/g, 'my-lib');
      assert.deepEqual(scan('lib/reports-stack.ts', plain).findings, []);
    });

    it('unknown values are never reported: actions from a variable, a computed effect', () => {
      const code = [
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        'role.addToPolicy(new iam.PolicyStatement({ actions: adminActions, resources: ["*"] }));',
        "role.addToPolicy(new iam.PolicyStatement({ effect: props.effect, actions: ['*'], resources: ['*'] }));",
        '',
      ].join('\n');
      assert.deepEqual(scan('lib/x.ts', code).findings, []);
    });

    it('grants to a variable holding any principal are found at the variable', () => {
      const code = [
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        'const anyone: iam.IPrincipal = new iam.StarPrincipal();',
        'topic.grantPublish(anyone);',
        'topic.grantPublish(new iam.AccountPrincipal(this.account));',
        '',
      ].join('\n');
      assert.deepEqual(summary(code, scan('lib/x.ts', code).findings), ['aws-cdk-grant-to-any-principal@3:anyone']);
    });
  });

  describe('inventory', () => {
    const inventory = (files: Array<[string, string]>) => {
      const records: IdentityRecord[] = [];
      const findings: Finding[] = [];
      for (const [p, rel] of files) {
        const result = engine.scan({ path: p, text: read(rel) }, { inventory: true });
        records.push(...(result.identities ?? []));
        findings.push(...result.findings);
      }
      return buildInventory(records, findings).map((i) => `${i.kind} ${i.name} owner=${i.owner} ${i.breadth} ${i.credential}`);
    };

    it('managed identities of Bicep and ARM, rated by the role assignments that name them', () => {
      assert.deepEqual(
        inventory([
          ['infra/main.bicep', 'bicep/main.bicep'],
          ['infra/identities.json', 'arm/identities.json'],
        ]),
        [
          'managed-identity id-ci owner=null scoped federated',
          'managed-identity id-deploy owner=platform-team unknown federated',
          'managed-identity id-batch owner=null unknown federated',
          'managed-identity ciIdentity owner=null admin federated',
          'managed-identity ownedIdentity owner=platform-team unknown federated',
          'managed-identity taggedElsewhere owner=null unknown federated',
        ],
      );
    });

    it('Pulumi roles and keys, linked to their attachments; Helm ServiceAccounts by their names as written', () => {
      assert.deepEqual(
        inventory([
          ['Pulumi.yaml', 'pulumi/Pulumi.yaml'],
          ['charts/a/templates/serviceaccount.yaml', 'helm-chart/templates/serviceaccount.yaml'],
        ]),
        [
          'iam-role ciRole owner=null admin federated',
          'iam-role ownedRole owner=platform-team scoped federated',
          'access-key ciKey owner=null unknown static',
          'service-account ServiceAccount/{{ include "reports.serviceAccountName" . }} owner=null unknown federated',
          'service-account ServiceAccount/{{ .Release.Namespace }}/{{ .Release.Name }}-migrations owner=null unknown federated',
        ],
      );
    });
  });

  describe('the readers never throw and always finish', () => {
    // Every prefix of each fixture, and the fixtures with bytes knocked out: what an editor sends while typing.
    const sources = [
      read('bicep/main.bicep'),
      read('bicep/vault.bicep'),
      read('cdk/reports-stack.ts.txt'),
      read('helm-chart/templates/rbac.yaml'),
    ];
    const garbage = ['{'.repeat(5000), '['.repeat(5000), "'".repeat(999), 'resource '.repeat(500), '{{'.repeat(800), '@x('.repeat(500)];

    it('on prefixes, damaged copies and pathological input', () => {
      for (const source of sources) {
        for (let cut = 0; cut <= source.length; cut += 7) {
          const prefix = source.slice(0, cut);
          parseBicep(prefix);
          readLiteral(prefix, prefix.indexOf('{') < 0 ? 0 : prefix.indexOf('{'));
          parseHelmTemplate(prefix);
          const damaged = source.slice(0, cut) + source.slice(cut + 13);
          engine.scan({ path: 'infra/main.bicep', text: damaged });
          engine.scan({ path: 'lib/stack.ts', text: damaged });
          engine.scan({ path: 'charts/a/templates/x.yaml', text: damaged });
        }
      }
      for (const g of garbage) {
        for (const p of ['a.bicep', 'lib/a.ts', 'charts/a/templates/a.yaml', 'Pulumi.yaml', 'azuredeploy.json'])
          engine.scan({ path: p, text: p.endsWith('.ts') ? `import 'aws-cdk-lib';\nnew iam.PolicyStatement(${g}` : g });
      }
    });
  });
});
