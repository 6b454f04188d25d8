import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each IaC finding: the exact element reported, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('IaC forms the fifth held-out set found missing', () => {
  const engine = testEngine({ rules: builtinRules() });
  const scan = (path: string, text: string) => summary(text, engine.scan({ path, text }).findings);

  describe('service-specific credentials outside Terraform', () => {
    it('reports AWS::IAM::ServiceSpecificCredential in CloudFormation, at its logical id', () => {
      const text = `Resources:\n  GitCredential:\n    Type: AWS::IAM::ServiceSpecificCredential\n    Properties:\n      ServiceName: codecommit.amazonaws.com\n      UserName: !Ref GitUser\n`;
      assert.deepEqual(scan('template.yaml', text), ['aws-iam-access-key-created@2:GitCredential']);
    });

    it('reports aws:iam:ServiceSpecificCredential in Pulumi YAML', () => {
      const text = `name: git\nruntime: yaml\nresources:\n  gitCredential:\n    type: aws:iam:ServiceSpecificCredential\n    properties:\n      serviceName: codecommit.amazonaws.com\n      userName: mirror\n`;
      assert.deepEqual(scan('Pulumi.yaml', text), ['aws-iam-access-key-created@4:gitCredential']);
    });
  });

  describe('named roles in Python CDK', () => {
    const stack = (body: string, imports = 'aws_iam as iam') =>
      `from aws_cdk import Stack, Tags, ${imports}\n\nclass S(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n${body}`;
    const role = `        export_role = iam.Role(\n            self,\n            "ExportRole",\n            role_name="partner-export",\n            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),\n        )\n`;

    it('reports a named role with no owner tag in the file', () => {
      assert.deepEqual(scan('app_stack.py', stack(role)), ['missing-owner-tag@6:iam.Role']);
    });

    it('accepts an owner tag on the role, the stack, or a non-owner tag as no owner', () => {
      assert.deepEqual(scan('app_stack.py', stack(role + `        Tags.of(export_role).add("owner", "data")\n`)), []);
      assert.deepEqual(scan('app_stack.py', stack(role + `        Tags.of(self).add("team", "data")\n`)), []);
      assert.deepEqual(scan('app_stack.py', stack(role + `        Tags.of(export_role).add("purpose", "export")\n`)), [
        'missing-owner-tag@6:iam.Role',
      ]);
    });

    it('leaves unnamed roles alone, and a role_name that only a comment mentions', () => {
      const unnamed = `        worker = iam.Role(self, "Worker", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))\n`;
      assert.deepEqual(scan('app_stack.py', stack(unnamed)), []);
      assert.deepEqual(scan('app_stack.py', stack(unnamed.replace('))\n', '))  # role_name="x" later\n'))), []);
    });
  });

  describe('ARM role lookups through a variable', () => {
    const template = (param: string, lookup: string) =>
      JSON.stringify(
        {
          $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
          parameters: { principalId: { type: 'string' }, roleType: { type: 'string', ...JSON.parse(param) } },
          variables: {
            roleIds: {
              Reader: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
              Contributor: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]",
            },
          },
          resources: [
            {
              type: 'Microsoft.Authorization/roleAssignments',
              apiVersion: '2022-04-01',
              name: "[guid(subscription().id, parameters('principalId'))]",
              properties: { roleDefinitionId: `[${lookup}]`, principalId: "[parameters('principalId')]" },
            },
          ],
        },
        null,
        2,
      );
    const found = (param: string, lookup: string) =>
      engine.scan({ path: 'rbac.json', text: template(param, lookup) }).findings.map((f) => f.ruleId);

    it('reports Contributor picked by a parameter whose only allowed value is Contributor', () => {
      assert.deepEqual(found('{"allowedValues": ["Contributor"]}', "variables('roleIds')[parameters('roleType')]"), [
        'azure-privileged-role-assignment',
      ]);
      assert.deepEqual(found('{"defaultValue": "Contributor"}', "variables('roleIds')[parameters('roleType')]"), [
        'azure-privileged-role-assignment',
      ]);
    });

    it("reports a literal key (['Contributor'] or .Contributor)", () => {
      assert.deepEqual(found('{}', "variables('roleIds')['Contributor']"), ['azure-privileged-role-assignment']);
      assert.deepEqual(found('{}', "variables('roleIds').Contributor"), ['azure-privileged-role-assignment']);
    });

    it('says nothing for Reader, or for a parameter with no default and several allowed values', () => {
      assert.deepEqual(found('{"allowedValues": ["Reader"]}', "variables('roleIds')[parameters('roleType')]"), []);
      assert.deepEqual(found('{"allowedValues": ["Reader", "Contributor"]}', "variables('roleIds')[parameters('roleType')]"), []);
    });
  });

  describe('Helm ServiceAccounts with only chart labels', () => {
    const sa = (labels: string) =>
      `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}-router\n  labels:\n${labels}`;

    it('reports a ServiceAccount whose labels are templated only in their values', () => {
      const text = sa(
        `    app.kubernetes.io/name: router\n    app.kubernetes.io/instance: {{ .Release.Name }}\n    helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}\n`,
      );
      assert.deepEqual(
        engine
          .scan({ path: 'charts/router/templates/serviceaccount.yaml', text })
          .findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`),
        ['missing-owner-tag@4'],
      );
    });

    it('still leaves alone labels an include, a with block or a templated key may write', () => {
      for (const labels of [
        `    {{- include "router.labels" . | nindent 4 }}\n`,
        `    app: router\n    {{- with .Values.extraLabels }}\n    {{- toYaml . | nindent 4 }}\n    {{- end }}\n`,
        `    {{ .Values.ownerKey }}: {{ .Values.owner }}\n`,
      ])
        assert.deepEqual(
          engine.scan({ path: 'charts/router/templates/serviceaccount.yaml', text: sa(labels) }).findings.map((f) => f.ruleId),
          [],
          labels,
        );
    });
  });
});
