// Analysis time of the languages read by engine/iac/otherLanguages.ts (Bicep, ARM, Helm template,
// Pulumi YAML, TypeScript and Python, AWS CDK TypeScript and Python) on generated 5,000-line
// files, dense with findings, through the bundled engine: cold first scan in a fresh engine and
// median/p90 of 51 warm scans. Also the cost those languages add to a TypeScript or Python file
// that does not import the CDK or Pulumi (the typing path for ordinary code): the same 5,000-line
// file scanned with and without the CDK import line.
// Run: npm run build && node bench/iacLanguages.mjs. Asserts nothing.
import { fileURLToPath } from 'node:url';
import { timeScans } from './iac.mjs';

const BICEP_UNIT = (i) => `
resource id${i} 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-svc-${i}'
  location: location
  tags: {
    service: 'svc-${i}'
  }
}

resource ra${i} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, 'svc-${i}')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${i % 3 ? 'acdd72a7-3385-48ef-bd42-f606fba81ae7' : 'b24988ac-6180-42a0-ab88-20f7382dd24c'}')
    principalId: id${i}.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
`;
const ARM_UNIT = (i) => `    {
      "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
      "apiVersion": "2023-01-31",
      "name": "id-svc-${i}",
      "location": "[resourceGroup().location]",
      "tags": { "service": "svc-${i}" }
    },
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid(subscription().id, 'svc-${i}')]",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${i % 3 ? 'acdd72a7-3385-48ef-bd42-f606fba81ae7' : '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'}')]",
        "principalId": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-svc-${i}')).principalId]"
      }
    },
`;
const HELM_UNIT = (i) => `---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .Release.Name }}-svc-${i}
  labels:
    {{- include "app.labels" . | nindent 4 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ .Release.Name }}-svc-${i}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: [${i % 4 ? '"get", "list"' : '"*"'}]
{{- with .Values.extraRules }}
  {{- toYaml . | nindent 2 }}
{{- end }}
`;
const PULUMI_UNIT = (i) => `  role${i}:
    type: aws:iam:Role
    properties:
      assumeRolePolicy: \${trust.json}
      tags:
        service: svc-${i}
  policy${i}:
    type: aws:iam:RolePolicy
    properties:
      role: \${role${i}.id}
      policy:
        fn::toJSON:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: ["s3:GetObject", "s3:PutObject"]
              Resource: arn:aws:s3:::data/svc-${i}/*
            - Effect: Allow
              Action: "dynamodb:*"
              Resource: "*"
`;
const CDK_UNIT = (i) => `    const role${i} = new iam.Role(this, 'Svc${i}', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    role${i}.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [bucket.arnForObjects('svc-${i}/*')],
      }),
    );
    role${i}.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    table.grantReadData(role${i});
`;

const CDK_PYTHON_UNIT = (i) => `        role${i} = iam.Role(self, "Svc${i}", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        role${i}.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=[bucket.arn_for_objects("svc-${i}/*")],
            )
        )
        role${i}.add_to_policy(iam.PolicyStatement(actions=["dynamodb:*"], resources=["*"]))
        table.grant_read_data(role${i})
`;
const PULUMI_TS_UNIT = (i) => `const role${i} = new aws.iam.Role("role${i}", {
    assumeRolePolicy: trust.json,
    tags: { service: "svc-${i}" },
});
new aws.iam.RolePolicy("policy${i}", {
    role: role${i}.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::data/svc-${i}/*" },
            { Effect: "Allow", Action: "dynamodb:*", Resource: "*" },
        ],
    }),
});
`;
const PULUMI_PY_UNIT = (i) => `role${i} = aws.iam.Role("role${i}", assume_role_policy=trust.json, tags={"service": "svc-${i}"})
aws.iam.RolePolicy(
    "policy${i}",
    role=role${i}.id,
    policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::data/svc-${i}/*"},
            {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
        ],
    }),
)
`;

function grow(head, unit, tail = '', lines = 5000) {
  let body = '';
  const budget = lines - head.split('\n').length - tail.split('\n').length + 1;
  for (let i = 0; body.split('\n').length + unit(i).split('\n').length - 1 <= budget; i++) body += unit(i);
  return head + body + tail;
}

const CDK_HEAD =
  "import * as iam from 'aws-cdk-lib/aws-iam';\nimport { Stack } from 'aws-cdk-lib';\n\nexport class Svc extends Stack {\n  constructor(scope, id) {\n    super(scope, id);\n";
const cdk = grow(CDK_HEAD, CDK_UNIT, '  }\n}\n');
const cdkPython = grow(
  'from aws_cdk import Stack, aws_iam as iam\n\n\nclass Svc(Stack):\n    def __init__(self, scope, construct_id):\n        super().__init__(scope, construct_id)\n',
  CDK_PYTHON_UNIT,
);
const files = [
  ['Bicep', 'infra/main.bicep', grow("targetScope = 'subscription'\nparam location string = 'westeurope'\n", BICEP_UNIT)],
  [
    'ARM template',
    'infra/azuredeploy.json',
    grow(
      '{\n  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n',
      ARM_UNIT,
      '    { "type": "Microsoft.Resources/tags", "apiVersion": "2022-09-01", "name": "default", "properties": { "tags": {} } }\n  ]\n}\n',
    ),
  ],
  ['Helm template', 'charts/app/templates/rbac.yaml', grow('', HELM_UNIT)],
  ['Pulumi YAML', 'Pulumi.yaml', grow('name: svc\nruntime: yaml\nresources:\n', PULUMI_UNIT)],
  ['CDK TypeScript', 'lib/svc-stack.ts', cdk],
  // The same text without the CDK import: what any other TypeScript file pays for these languages.
  ['TypeScript, no CDK import', 'lib/svc-stack.ts', cdk.replace(/aws-cdk-lib/g, 'my-lib')],
  ['CDK Python', 'app/svc_stack.py', cdkPython],
  ['Pulumi TypeScript', 'infra/index.ts', grow('import * as aws from "@pulumi/aws";\n\n', PULUMI_TS_UNIT)],
  ['Pulumi Python', 'infra/__main__.py', grow('import json\n\nimport pulumi_aws as aws\n\n', PULUMI_PY_UNIT)],
  // The same Python without the CDK import: what any other Python file pays for these languages.
  ['Python, no CDK or Pulumi import', 'app/svc_stack.py', cdkPython.replace(/aws_cdk/g, 'my_lib')],
];

export function runIacLanguagesBench() {
  console.log('| kind | lines | KB | cold | median warm | p90 warm | findings |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows = [];
  for (const [kind, file, text] of files) {
    const r = { kind, lines: text.split('\n').length - 1, kb: text.length / 1024, ...timeScans(file, text) };
    rows.push(r);
    console.log(
      `| ${r.kind} | ${r.lines} | ${r.kb.toFixed(0)} | ${r.cold.toFixed(1)} ms | ${r.median.toFixed(1)} ms | ${r.p90.toFixed(1)} ms | ${r.findings} |`,
    );
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runIacLanguagesBench();
