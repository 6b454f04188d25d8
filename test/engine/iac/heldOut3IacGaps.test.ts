import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each IaC finding: the exact element reported, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings
    .filter((f) => f.ruleId !== 'missing-owner-tag')
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('IaC forms the third held-out set found missing', () => {
  const engine = testEngine({ rules: builtinRules() });
  const scan = (path: string, text: string) => summary(text, engine.scan({ path, text }).findings);
  const ruleIds = (path: string, text: string) => engine.scan({ path, text }).findings.map((f) => f.ruleId);

  describe('CloudFormation intrinsics', () => {
    const role = (managed: string) =>
      `Resources:\n  Dev:\n    Type: AWS::IAM::Role\n    Properties:\n      ManagedPolicyArns: ${managed}\n      Tags:\n        - Key: owner\n          Value: dx\n`;

    it('reports AdministratorAccess in either branch of !If, and in Fn::If inside the list', () => {
      const ifList = role(
        `!If\n        - IsDev\n        - - arn:aws:iam::aws:policy/AdministratorAccess\n        - - arn:aws:iam::aws:policy/ReadOnlyAccess`,
      );
      assert.deepEqual(scan('t.yaml', ifList), ['aws-iam-privileged-managed-policy@7:arn:aws:iam::aws:policy/AdministratorAccess']);
      const inList = role(
        `\n        - Fn::If:\n            - IsProd\n            - !Ref AWS::NoValue\n            - "arn:aws:iam::aws:policy/IAMFullAccess"`,
      );
      assert.deepEqual(scan('t.yaml', inList), ['aws-iam-privileged-managed-policy@9:arn:aws:iam::aws:policy/IAMFullAccess']);
    });

    it('says nothing when neither branch is privileged', () => {
      const text = role(`!If [IsDev, ["arn:aws:iam::aws:policy/ReadOnlyAccess"], !Ref AWS::NoValue]`);
      assert.deepEqual(scan('t.yaml', text), []);
    });

    const trust = (principal: string, condition = '') =>
      `Resources:\n  Tooling:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS:\n${principal}\n            Action: sts:AssumeRole\n${condition}      Tags:\n        - Key: owner\n          Value: tooling\n`;
    const joined = `                Fn::Join:\n                  - ""\n                  - - "arn:aws:iam::"\n                    - !Ref ToolingAccountId\n                    - ":root"`;

    it('reads a trusted account built with block-style Fn::Join and !Ref (closing quote included)', () => {
      assert.deepEqual(
        ruleIds('t.yaml', trust(joined)).filter((r) => r !== 'missing-owner-tag'),
        ['aws-iam-cross-account-trust'],
      );
    });

    it('says nothing for the same trust with an sts:ExternalId condition', () => {
      const condition = `            Condition:\n              StringEquals:\n                sts:ExternalId: tooling-2024\n`;
      assert.deepEqual(scan('t.yaml', trust(joined, condition)), []);
    });

    it('reads a Serverless managed policy ARN built with Fn::Join and Ref: AWS::Partition', () => {
      const sls = (name: string) =>
        `service: bot\nprovider:\n  name: aws\n  iam:\n    role:\n      managedPolicies:\n        - Fn::Join:\n            - ""\n            - - "arn:"\n              - Ref: AWS::Partition\n              - ":iam::aws:policy/${name}"\n`;
      assert.deepEqual(ruleIds('serverless.yml', sls('AdministratorAccess')), ['aws-iam-privileged-managed-policy']);
      assert.deepEqual(ruleIds('serverless.yml', sls('ReadOnlyAccess')), []);
    });
  });

  describe('Pulumi YAML policy looked up with aws:iam:getPolicy', () => {
    const program = (args: string) =>
      `name: p\nruntime: yaml\nvariables:\n  looked:\n    fn::invoke:\n      function: aws:iam:getPolicy\n      arguments:\n        ${args}\nresources:\n  attach:\n    type: aws:iam:RolePolicyAttachment\n    properties:\n      role: \${role.name}\n      policyArn: \${looked.arn}\n`;

    it('reports AdministratorAccess looked up by name or by ARN, then attached', () => {
      assert.deepEqual(scan('Pulumi.yaml', program('name: AdministratorAccess')), ['aws-iam-privileged-managed-policy@14:${looked.arn}']);
      assert.deepEqual(ruleIds('Pulumi.yaml', program('arn: arn:aws:iam::aws:policy/IAMFullAccess')), [
        'aws-iam-privileged-managed-policy',
      ]);
    });

    it('says nothing for a narrow policy looked up, or an ARN of an unknown variable', () => {
      assert.deepEqual(ruleIds('Pulumi.yaml', program('name: ReadOnlyAccess')), []);
      assert.deepEqual(ruleIds('Pulumi.yaml', program('name: AdministratorAccess').replace('${looked.arn}', '${other.arn}')), []);
    });
  });

  describe('GCP authoritative policies, public grants and impersonation by a crowd', () => {
    const policy = (role: string, applied: string) =>
      `data "google_iam_policy" "p" {\n  binding {\n    role    = "${role}"\n    members = ["group:ops@example.com"]\n  }\n}\nresource "${applied}" "p" {\n  policy_data = data.google_iam_policy.p.policy_data\n}\n`;

    it('reports IAM admin roles in a data "google_iam_policy" applied to a project or organization', () => {
      assert.deepEqual(scan('p.tf', policy('roles/iam.securityAdmin', 'google_project_iam_policy')), [
        'gcp-iam-admin-role@3:roles/iam.securityAdmin',
      ]);
      assert.deepEqual(ruleIds('p.tf', policy('roles/resourcemanager.organizationAdmin', 'google_organization_iam_policy')), [
        'gcp-iam-admin-role',
      ]);
    });

    it('says nothing for the same policy applied to a bucket, or a narrow role', () => {
      assert.deepEqual(ruleIds('p.tf', policy('roles/iam.securityAdmin', 'google_storage_bucket_iam_policy')), []);
      assert.deepEqual(ruleIds('p.tf', policy('roles/iam.securityReviewer', 'google_project_iam_policy')), []);
    });

    it('reports any role given to allAuthenticatedUsers or allUsers on a project, or in a policy binding', () => {
      const member = (who: string) =>
        `resource "google_folder_iam_member" "m" {\n  folder = "folders/1"\n  role   = "roles/browser"\n  member = "${who}"\n}\n`;
      assert.deepEqual(scan('iam.tf', member('allAuthenticatedUsers')), ['gcp-public-access@3:roles/browser']);
      assert.deepEqual(scan('iam.tf', member('group:ops@example.com')), []);
      const data = `data "google_iam_policy" "p" {\n  binding {\n    role    = "roles/viewer"\n    members = ["allUsers"]\n  }\n}\n`;
      assert.deepEqual(scan('p.tf', data), ['gcp-public-access@3:roles/viewer']);
    });

    it('reports impersonation roles given to a whole domain on one account or through a module, not to one account or a group', () => {
      const onAccount = (member: string) =>
        `resource "google_service_account_iam_member" "m" {\n  service_account_id = google_service_account.tf.name\n  role               = "roles/iam.serviceAccountTokenCreator"\n  member             = "${member}"\n}\n`;
      assert.deepEqual(scan('iam.tf', onAccount('domain:example.com')), ['gcp-impersonation-role@3:roles/iam.serviceAccountTokenCreator']);
      assert.deepEqual(scan('iam.tf', onAccount('serviceAccount:ci@p.iam.gserviceaccount.com')), []);
      const module = (member: string) =>
        `module "sa_iam" {\n  source = "terraform-google-modules/iam/google//modules/service_accounts_iam"\n  bindings = {\n    "roles/iam.serviceAccountUser" = ["${member}"]\n  }\n}\n`;
      assert.deepEqual(scan('main.tf', module('domain:example.com')), ['gcp-impersonation-role@4:"roles/iam.serviceAccountUser"']);
      assert.deepEqual(scan('main.tf', module('group:devs@example.com')), []);
      assert.deepEqual(scan('iam.tf', onAccount('group:devs@example.com')), []);
      assert.deepEqual(scan('main.tf', module('user:ana@example.com')), []);
    });
  });

  describe('legacy token Secrets through the Terraform kubernetes provider', () => {
    const secret = (type: string) =>
      `resource "kubernetes_secret_v1" "t" {\n  metadata {\n    name = "ci-token"\n  }\n  type = "${type}"\n}\n`;

    it('reports the token type, as in a manifest', () => {
      assert.deepEqual(scan('token.tf', secret('kubernetes.io/service-account-token')), [
        'k8s-legacy-service-account-token@5:kubernetes.io/service-account-token',
      ]);
    });

    it('says nothing for other Secret types', () => {
      assert.deepEqual(scan('tls.tf', secret('kubernetes.io/tls')), []);
    });
  });

  describe('GitHub Actions run steps that log in with a stored key', () => {
    const workflow = (run: string) =>
      `on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;

    it('reports az login with a service-principal password, and aws configure set in a block', () => {
      const az = 'az login --service-principal -u "${{ secrets.ID }}" -p "${{ secrets.PW }}" --tenant t';
      assert.deepEqual(scan('.github/workflows/d.yml', workflow(az)), [`gha-static-cloud-credentials@8:${az}`]);
      const aws = '|\n          echo start\n          aws configure set aws_secret_access_key "${{ secrets.KEY }}"';
      assert.deepEqual(scan('.github/workflows/d.yml', workflow(aws)), [
        'gha-static-cloud-credentials@10:aws configure set aws_secret_access_key "${{ secrets.KEY }}"',
      ]);
    });

    it('says nothing for a federated login continued over lines, or keys exported from assume-role', () => {
      const federated = '|\n          az login --service-principal -u "$ID" --tenant "$T" \\\n            --federated-token "$TOKEN"';
      assert.deepEqual(scan('.github/workflows/d.yml', workflow(federated)), []);
      const assumed =
        '|\n          creds=$(aws sts assume-role-with-web-identity --role-arn "$R")\n          export AWS_ACCESS_KEY_ID=$KEY';
      assert.deepEqual(scan('.github/workflows/d.yml', workflow(assumed)), []);
    });
  });

  describe('composite actions (action.yml)', () => {
    const action = (using: string, run: string) =>
      `name: login\nruns:\n  using: ${using}\n  steps:\n    - shell: bash\n      run: |\n        echo start\n        ${run}\n`;
    const login = 'aws configure set aws_secret_access_key "${{ inputs.secret-access-key }}"';

    it('reports a step of a composite action that logs in with a stored key', () => {
      assert.deepEqual(scan('.github/actions/aws-login/action.yml', action('composite', login)), [
        `gha-static-cloud-credentials@8:${login}`,
      ]);
    });

    it('says nothing for tool installs, other kinds of action, or the same text in a file not named action.yml', () => {
      assert.deepEqual(scan('.github/actions/setup/action.yml', action('composite', 'pip install -r requirements.txt')), []);
      assert.deepEqual(scan('.github/actions/node/action.yaml', action("'node20'", login)), []);
      assert.deepEqual(scan('ci/steps.yml', action('composite', login)), []);
    });
  });

  describe('owner labels a kustomization beside the manifest adds', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n';
    const withKustomization = (kustomization: string) =>
      testEngine({ rules: builtinRules(), siblingFiles: () => [{ path: 'k8s/kustomization.yaml', text: kustomization }] })
        .scan({ path: 'k8s/sa.yaml', text: sa })
        .findings.map((f) => f.ruleId);

    it('takes commonLabels, commonAnnotations or labels[].pairs of a kustomization listing the file', () => {
      assert.deepEqual(withKustomization('commonLabels:\n  owner: payments\nresources:\n  - sa.yaml\n'), []);
      assert.deepEqual(withKustomization('commonAnnotations:\n  team: payments\nresources:\n  - ./sa.yaml\n'), []);
      assert.deepEqual(withKustomization('labels:\n  - pairs:\n      owner: payments\nresources:\n  - sa.yaml\n'), []);
    });

    it('still reports the account when the kustomization does not list the file or adds no owner', () => {
      assert.deepEqual(withKustomization('commonLabels:\n  owner: payments\nresources:\n  - other.yaml\n'), ['missing-owner-tag']);
      assert.deepEqual(withKustomization('commonLabels:\n  app: api\nresources:\n  - sa.yaml\n'), ['missing-owner-tag']);
    });
  });

  describe('long-lived credentials beyond access keys', () => {
    it('reports CodeCommit service-specific credentials, HMAC keys and AD application certificates', () => {
      const text = [
        'resource "aws_iam_service_specific_credential" "git" {\n  service_name = "codecommit.amazonaws.com"\n  user_name    = "mirror"\n}',
        'resource "google_storage_hmac_key" "s3" {\n  service_account_email = "sync@p.iam.gserviceaccount.com"\n}',
        'resource "azuread_application_certificate" "c" {\n  application_id = azuread_application.a.id\n  value          = file("c.pem")\n}',
      ].join('\n');
      assert.deepEqual(ruleIds('creds.tf', text), [
        'aws-iam-access-key-created',
        'gcp-service-account-key-created',
        'azure-ad-password-credential',
      ]);
    });

    it('says nothing for the identities alone or a federated credential', () => {
      const text = [
        'resource "google_service_account" "s3" {\n  account_id = "sync"\n}',
        'resource "azuread_application_federated_identity_credential" "f" {\n  application_id = azuread_application.a.id\n  issuer         = "https://token.actions.githubusercontent.com"\n}',
      ].join('\n');
      assert.deepEqual(ruleIds('creds.tf', text), []);
    });
  });

  describe('resource policies of event buses and OpenSearch domains', () => {
    const bus = (condition: string) =>
      `Resources:\n  P:\n    Type: AWS::Events::EventBusPolicy\n    Properties:\n      EventBusName: b\n      StatementId: s\n      Statement:\n        Effect: Allow\n        Principal: "*"\n        Action: events:PutEvents\n        Resource: arn:aws:events:eu-west-1:123456789012:event-bus/b\n${condition}`;
    const domain = (principal: string) =>
      `resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  access_policies = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "${principal}" }\n      Action    = "es:*"\n      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/d/*"\n    }]\n  })\n}\n`;

    it('reports a bus policy or domain access policy open to any principal, once per statement', () => {
      assert.deepEqual(scan('bus.yaml', bus('')), ['aws-resource-policy-any-principal@9:*']);
      assert.deepEqual(ruleIds('search.tf', domain('*')), ['aws-resource-policy-any-principal']);
    });

    it('says nothing when the organization is required, or the principal is a named role', () => {
      assert.deepEqual(scan('bus.yaml', bus('        Condition:\n          StringEquals:\n            aws:PrincipalOrgID: o-abc\n')), []);
      assert.deepEqual(ruleIds('search.tf', domain('arn:aws:iam::123456789012:role/log-reader')), []);
    });
  });

  describe('EKS IRSA trust checked on the audience only', () => {
    const trust = (conditions: string) =>
      `data "aws_iam_policy_document" "irsa" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n    principals {\n      type        = "Federated"\n      identifiers = [aws_iam_openid_connect_provider.eks.arn]\n    }\n${conditions}  }\n}\n`;
    const condition = (claim: string, value: string) =>
      `    condition {\n      test     = "StringEquals"\n      variable = "\${local.oidc_provider}:${claim}"\n      values   = ["${value}"]\n    }\n`;

    it('reports a trust whose only condition is aud = sts.amazonaws.com', () => {
      assert.deepEqual(ruleIds('irsa.tf', trust(condition('aud', 'sts.amazonaws.com'))), ['aws-iam-trust-any-principal']);
    });

    it('says nothing when the subject names the service account', () => {
      const scoped = condition('aud', 'sts.amazonaws.com') + condition('sub', 'system:serviceaccount:logging:loki');
      assert.deepEqual(ruleIds('irsa.tf', trust(scoped)), []);
    });
  });

  describe('Kubernetes RBAC: admission webhooks and CSR approval', () => {
    const role = (kind: string, rules: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\nrules:\n${rules}`;
    const rule = (group: string, resources: string, verbs: string, names = '') =>
      `  - apiGroups: ["${group}"]\n    resources: [${resources}]\n${names}    verbs: [${verbs}]\n`;
    const approval = rule('certificates.k8s.io', '"certificatesigningrequests/approval"', '"update"');

    it('reports writes to webhook configurations and approval for any signer, in a ClusterRole', () => {
      assert.deepEqual(
        scan('r.yaml', role('ClusterRole', rule('admissionregistration.k8s.io', '"validatingwebhookconfigurations"', '"update"'))),
        ['k8s-rbac-escalation-verb@7:validatingwebhookconfigurations'],
      );
      const anySigner = approval + rule('certificates.k8s.io', '"signers"', '"approve"', '    resourceNames: ["*"]\n');
      assert.deepEqual(scan('r.yaml', role('ClusterRole', anySigner)), ['k8s-rbac-escalation-verb@7:certificatesigningrequests/approval']);
    });

    it('says nothing for reading webhooks, approval for one signer, or approval without signers', () => {
      assert.deepEqual(
        scan('r.yaml', role('ClusterRole', rule('admissionregistration.k8s.io', '"mutatingwebhookconfigurations"', '"get", "list"'))),
        [],
      );
      const oneSigner =
        approval + rule('certificates.k8s.io', '"signers"', '"approve"', '    resourceNames: ["kubernetes.io/kubelet-serving"]\n');
      assert.deepEqual(scan('r.yaml', role('ClusterRole', oneSigner)), []);
      assert.deepEqual(scan('r.yaml', role('ClusterRole', approval)), []);
    });
  });

  describe('Kubernetes roles bound to anonymous requests', () => {
    const binding = (role: string, kind = 'Group', name = 'system:unauthenticated') =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n  - kind: ${kind}\n    name: ${name}\n`;

    it('reports a read-only role bound to system:unauthenticated or system:anonymous', () => {
      assert.deepEqual(scan('b.yaml', binding('view')), ['k8s-broad-group-binding@11:system:unauthenticated']);
      assert.deepEqual(ruleIds('b.yaml', binding('view', 'User', 'system:anonymous')), ['k8s-broad-group-binding']);
    });

    it('says nothing for the public discovery roles, or view for signed-in users', () => {
      assert.deepEqual(ruleIds('b.yaml', binding('system:public-info-viewer')), []);
      assert.deepEqual(ruleIds('b.yaml', binding('view', 'Group', 'system:authenticated')), []);
    });
  });
});
