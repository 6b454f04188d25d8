// IaC analysis time on generated 5,000-line files (dense: hundreds of findings each) of each kind (Terraform, CloudFormation,
// Kubernetes, GitHub Actions): cold first scan and median of warm scans, through the bundled engine.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createEngine } = createRequire(import.meta.url)(path.join(repo, 'dist', 'engine.js'));

const TF_UNIT = (i) => `
resource "aws_iam_role" "svc_${i}" {
  name               = "svc-${i}"
  assume_role_policy = data.aws_iam_policy_document.trust_${i}.json
  tags               = merge(local.common_tags, { service = "svc-${i}" })
}

data "aws_iam_policy_document" "trust_${i}" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "svc_${i}" {
  role = aws_iam_role.svc_${i}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "\${aws_s3_bucket.data.arn}/svc-${i}/*" },
      { Effect = "Allow", Action = "dynamodb:*", Resource = "*" },
    ]
  })
}
`;
const CFN_UNIT = (i) => `  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, "s3:PutObject"]
                Resource: !Sub "\${Bucket.Arn}/svc-${i}/*"
      Tags:
        - Key: service
          Value: svc-${i}
`;
const K8S_UNIT = (i) => `---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: svc-${i}
  labels: { app: svc-${i} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: svc-${i}
rules:
  - apiGroups: [""]
    resources: ["configmaps", "secrets"]
    verbs: ["get", "list", "watch"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
spec:
  template:
    spec:
      serviceAccountName: svc-${i}
      containers:
        - name: app
          image: example/svc:${i}
`;
const GHA_UNIT = (i) => `  job_${i}:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.KEY_${i} }}
          aws-secret-access-key: \${{ secrets.SECRET_${i} }}
      - run: make deploy-${i}
`;

function grow(head, unit, lines = 5000) {
  let text = head;
  for (let i = 0; text.split('\n').length < lines; i++) text += unit(i);
  return text
    .split('\n')
    .slice(0, lines)
    .join('\n')
    .replace(/\n[^\n]*$/, '\n'); // whole units only
}

const files = [
  ['Terraform', 'main.tf', grow('locals {\n  common_tags = { owner = "platform" }\n}\n', TF_UNIT)],
  ['CloudFormation', 'template.yaml', grow('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n', CFN_UNIT)],
  ['Kubernetes', 'k8s/all.yaml', grow('', K8S_UNIT)],
  ['GitHub Actions', '.github/workflows/deploy.yml', grow('on: push\npermissions:\n  contents: read\njobs:\n', GHA_UNIT)],
];

/**
 * One file's scan time in a fresh engine: the first scan (cold: loads the IAM data), then the
 * median and p90 of 51 warm scans, in ms.
 */
export function timeScans(file, text) {
  const engine = createEngine();
  const doc = { path: file, text };
  let t = process.hrtime.bigint();
  const first = engine.scan(doc);
  const cold = Number(process.hrtime.bigint() - t) / 1e6;
  const warm = [];
  for (let i = 0; i < 51; i++) {
    t = process.hrtime.bigint();
    engine.scan(doc);
    warm.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  warm.sort((a, b) => a - b);
  return { cold, median: warm[25], p90: warm[45], findings: first.findings.length, skipped: first.skipped.length };
}

export function runIacBench() {
  const rows = [];
  for (const [kind, file, text] of files) {
    rows.push({ kind, lines: text.split('\n').length - 1, kb: text.length / 1024, ...timeScans(file, text) });
  }
  console.log(
    'IaC analysis of a 5,000-line file (secrets + structural checks; cold = first scan of the process, includes loading IAM data):',
  );
  console.log('| kind | lines | KB | cold | median warm | p90 warm | findings |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.kind} | ${r.lines} | ${r.kb.toFixed(0)} | ${r.cold.toFixed(1)} ms | ${r.median.toFixed(1)} ms | ${r.p90.toFixed(1)} ms | ${r.findings} |`,
    );
  console.log('');
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runIacBench();
export { files as iacBenchFiles };
