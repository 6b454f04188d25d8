/**
 * Cases for the forms and checks added after the independent held-out set (test/corpus/heldout,
 * issue 12) showed the analysers missing them. Each is written here in other words than the
 * set's, so every fix is measured on the team corpus too and does not rest on the set that
 * found it. Categories keep the corpus's own names; forms name the syntax.
 */
import { iacDocument, negative, positive, region, type Family, type IacDocument } from './labels';

type Mark = (text: string) => string;
interface Case {
  category: string;
  form: string;
  name: string;
  path: string;
  /** Checks expected inside the marked region; absent: a negative. */
  expect?: string[];
  family?: Family;
  text: (m: Mark) => string;
}

const c = (
  category: string,
  form: string,
  name: string,
  path: string,
  expect: string[] | undefined,
  text: (m: Mark) => string,
  family?: Family,
): Case => ({ category, form, name, path: `held-out-misses/${path}`, expect, family, text });

const policyString = (statement: object) => JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));

const WATCHER_ROLE = (verbs: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: endpoint-watcher\nrules:\n  - apiGroups: [""]\n    resources: ["services", "endpoints"]\n    verbs: [${verbs}]\n`;
const WATCHER_BINDING = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: endpoint-watcher\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: endpoint-watcher\nsubjects:\n  - kind: ServiceAccount\n    name: endpoint-watcher\n    namespace: infra\n`;
const WATCHER_DEPLOYMENT = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: endpoint-watcher\n  namespace: infra\nspec:\n  template:\n    spec:\n      serviceAccountName: endpoint-watcher\n      containers:\n        - name: watcher\n          image: ghcr.io/acme/endpoint-watcher:1.4.2\n`;

const CASES: Case[] = [
  // Terraform JSON syntax.
  c(
    'aws-identity',
    'tf-json',
    'admin policy in a JSON string of a .tf.json role policy',
    'tf-json/admin/policy.tf.json',
    ['aws-iam-admin-wildcard'],
    (m) =>
      `{\n  "resource": {\n    "aws_iam_role_policy": {\n      "ops": {\n        "role": "\${aws_iam_role.ops.id}",\n${m(`        "policy": ${policyString({ Effect: 'Allow', Action: '*', Resource: '*' })}`)}\n      }\n    }\n  }\n}\n`,
  ),
  c(
    'aws-identity',
    'tf-json',
    'service wildcard in a .tf.json policy document',
    'tf-json/document/iam.tf.json',
    ['aws-iam-service-wildcard'],
    (m) =>
      `{\n  "data": {\n    "aws_iam_policy_document": {\n      "queue": {\n        "statement": [\n${m(`          {\n            "actions": ["sqs:*"],\n            "resources": ["*"]\n          }`)}\n        ]\n      }\n    }\n  }\n}\n`,
  ),
  c(
    'ownership',
    'tf-json',
    'untagged IAM user in .tf.json',
    'tf-json/user/users.tf.json',
    ['missing-owner-tag'],
    (m) => `{\n  "resource": {\n    "aws_iam_user": {\n${m(`      "etl": {\n        "name": "etl"\n      }`)}\n    }\n  }\n}\n`,
    'ownership',
  ),
  c(
    'aws-identity',
    'tf-json',
    'read-only policy in a JSON string of a .tf.json policy',
    'tf-json/reader/policy.tf.json',
    undefined,
    (m) =>
      `{\n  "resource": {\n    "aws_iam_policy": {\n      "reader": {\n${m(`        "policy": ${policyString({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::exports/*' })}`)}\n      }\n    }\n  }\n}\n`,
  ),
  c(
    'ownership',
    'tf-json',
    'IAM role with an owner tag in .tf.json',
    'tf-json/owned/role.tf.json',
    undefined,
    (m) =>
      `{\n  "resource": {\n    "aws_iam_role": {\n${m(`      "etl": {\n        "assume_role_policy": ${policyString({ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' })},\n        "tags": { "Owner": "data-eng" }\n      }`)}\n    }\n  }\n}\n`,
    'ownership',
  ),
  // CI OIDC trust that any repository meets.
  c(
    'aws-trust',
    'tf-jsonencode',
    'GitHub OIDC trust checking only the audience',
    'oidc/audience-only/iam.tf',
    ['aws-iam-trust-any-principal'],
    (m) =>
      `resource "aws_iam_role" "release" {\n  name = "release"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n${m(`      {\n        Effect    = "Allow"\n        Action    = "sts:AssumeRoleWithWebIdentity"\n        Principal = { Federated = "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com" }\n        Condition = {\n          "ForAnyValue:StringEquals" = { "token.actions.githubusercontent.com:aud" = ["sts.amazonaws.com"] }\n        }\n      }`)}\n    ]\n  })\n  tags = { owner = "release-eng" }\n}\n`,
  ),
  c(
    'aws-trust',
    'cfn-yaml',
    'GitHub OIDC trust whose subject leaves the owner open',
    'oidc/owner-wildcard/template.yaml',
    ['aws-iam-trust-any-principal'],
    (m) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  PublishRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n${m(`          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Ref GithubOidcProvider\n            Condition:\n              StringLike:\n                token.actions.githubusercontent.com:sub: "repo:*/site:ref:refs/heads/main"`)}\n      Tags:\n        - Key: owner\n          Value: web\n`,
  ),
  c(
    'aws-trust',
    'policy-json',
    'GitHub OIDC trust pinned to one organisation',
    'oidc/org-pinned/trust.json',
    undefined,
    (m) =>
      `{\n  "Version": "2012-10-17",\n  "Statement": [\n${m(`    {\n      "Effect": "Allow",\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Principal": { "Federated": "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com" },\n      "Condition": {\n        "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },\n        "StringLike": { "token.actions.githubusercontent.com:sub": "repo:northwind/*" }\n      }\n    }`)}\n  ]\n}\n`,
  ),
  // Azure AD client secrets.
  c(
    'keys',
    'terraform',
    'Azure AD application password',
    'azuread/app-password/main.tf',
    ['azure-ad-password-credential'],
    (m) =>
      `resource "azuread_application" "billing" {\n  display_name = "billing-export"\n}\n\n${m(`resource "azuread_application_password" "billing" {\n  application_id = azuread_application.billing.id\n  end_date       = timeadd(timestamp(), "17520h")\n}`)}\n`,
    'credential-lifetime',
  ),
  c(
    'keys',
    'terraform',
    'password block on an Azure AD application',
    'azuread/inline-password/main.tf',
    ['azure-ad-password-credential'],
    (m) =>
      `resource "azuread_application" "crm" {\n  display_name = "crm-sync"\n  owners       = [data.azuread_client_config.current.object_id]\n${m(`  password {\n    display_name = "crm-sync-secret"\n  }`)}\n}\n`,
    'credential-lifetime',
  ),
  c(
    'keys',
    'terraform',
    'Azure AD application signing in with a federated credential only',
    'azuread/federated/main.tf',
    undefined,
    (m) =>
      `resource "azuread_application" "deploy" {\n  display_name = "deploy"\n}\n\n${m(`resource "azuread_application_federated_identity_credential" "main" {\n  application_id = azuread_application.deploy.id\n  display_name   = "gitlab-main"\n  audiences      = ["api://AzureADTokenExchange"]\n  issuer         = "https://gitlab.com"\n  subject        = "project_path:acme/deploy:ref_type:branch:ref:main"\n}`)}\n`,
    'credential-lifetime',
  ),
  // CloudFormation intrinsics.
  c(
    'aws-identity',
    'cfn-yaml',
    'JSON policy string under Fn::Sub',
    'cfn-intrinsics/sub-json/template.yaml',
    ['aws-iam-service-wildcard'],
    (m) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  QueueWorkerPolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: queue-worker\n      Roles: [!Ref QueueWorkerRole]\n      PolicyDocument:\n        Fn::Sub: |\n          {\n            "Version": "2012-10-17",\n            "Statement": [\n${m(`              {\n                "Effect": "Allow",\n                "Action": ["sqs:*"],\n                "Resource": "*"\n              }`)}\n            ]\n          }\n`,
  ),
  c(
    'aws-managed',
    'cfn-yaml',
    'PowerUserAccess ARN built with !Join',
    'cfn-intrinsics/join-arn/template.yaml',
    ['aws-iam-privileged-managed-policy'],
    (m) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  BuildRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: codebuild.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n${m(`        - !Join [":", [arn, !Ref "AWS::Partition", iam, "", aws, policy/PowerUserAccess]]`)}\n      Tags:\n        - { Key: owner, Value: build }\n`,
  ),
  c(
    'aws-trust',
    'cfn-yaml',
    'trust in an account given as a parameter',
    'cfn-intrinsics/param-account/template.yaml',
    ['aws-iam-cross-account-trust'],
    (m) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  AuditorAccountId:\n    Type: String\nResources:\n  AuditRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n${m(`          - Effect: Allow\n            Principal:\n              AWS: !Ref AuditorAccountId\n            Action: sts:AssumeRole`)}\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/SecurityAudit]\n      Tags:\n        - { Key: owner, Value: security }\n`,
  ),
  c(
    'aws-trust',
    'cfn-yaml',
    'parameter account trust with an external id',
    'cfn-intrinsics/param-account-external-id/template.yaml',
    undefined,
    (m) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  VendorAccountId:\n    Type: String\n  VendorExternalId:\n    Type: String\nResources:\n  VendorRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n${m(`          - Effect: Allow\n            Principal:\n              AWS: !Sub "arn:\${AWS::Partition}:iam::\${VendorAccountId}:root"\n            Action: sts:AssumeRole\n            Condition:\n              StringEquals:\n                sts:ExternalId: !Ref VendorExternalId`)}\n      Tags:\n        - { Key: owner, Value: vendor-mgmt }\n`,
  ),
  // Serverless Framework.
  c(
    'aws-managed',
    'serverless',
    'IAMFullAccess in provider.iamManagedPolicies',
    'serverless/managed-v2/serverless.yml',
    ['aws-iam-privileged-managed-policy'],
    (m) =>
      `service: user-sync\nframeworkVersion: "2"\nprovider:\n  name: aws\n  runtime: python3.11\n  iamManagedPolicies:\n${m(`    - arn:aws:iam::aws:policy/IAMFullAccess`)}\nfunctions:\n  sync:\n    handler: sync.run\n`,
  ),
  c(
    'aws-identity',
    'serverless',
    'per-function statements with an admin grant',
    'serverless/per-function-admin/serverless.yml',
    ['aws-iam-admin-wildcard'],
    (m) =>
      `service: reports\nplugins:\n  - serverless-iam-roles-per-function\nprovider:\n  name: aws\nfunctions:\n  render:\n    handler: render.main\n    iamRoleStatements:\n${m(`      - Effect: Allow\n        Action: "*"\n        Resource: "*"`)}\n  mail:\n    handler: mail.main\n`,
  ),
  c(
    'aws-identity',
    'serverless',
    'per-function statements scoped to one table',
    'serverless/per-function-scoped/serverless.yml',
    undefined,
    (m) =>
      `service: carts\nplugins:\n  - serverless-iam-roles-per-function\nprovider:\n  name: aws\n  iam:\n    role:\n      managedPolicies:\n        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess\nfunctions:\n  add:\n    handler: add.main\n    iamRoleStatements:\n${m(`      - Effect: Allow\n        Action: [dynamodb:PutItem, dynamodb:GetItem]\n        Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/carts`)}\n`,
  ),
  // GCP: IAM-admin roles, escalating custom roles, public buckets.
  c(
    'gcp',
    'terraform',
    'Security Admin on a folder',
    'gcp/folder-security-admin/main.tf',
    ['gcp-iam-admin-role'],
    (m) =>
      m(
        `resource "google_folder_iam_binding" "platform_security" {\n  folder  = google_folder.platform.name\n  role    = "roles/iam.securityAdmin"\n  members = ["serviceAccount:tf-runner@platform-seed.iam.gserviceaccount.com"]\n}`,
      ) + '\n',
  ),
  c(
    'gcp',
    'terraform',
    'custom role that can act as service accounts',
    'gcp/custom-actas/main.tf',
    ['gcp-custom-role-escalation'],
    (m) =>
      m(
        `resource "google_organization_iam_custom_role" "scheduler" {\n  org_id      = "123456789012"\n  role_id     = "jobScheduler"\n  title       = "Job scheduler"\n  permissions = [\n    "cloudscheduler.jobs.create",\n    "iam.serviceAccounts.actAs",\n  ]\n}`,
      ) + '\n',
  ),
  c(
    'gcp',
    'terraform',
    'bucket readable by allUsers',
    'gcp/public-reports/main.tf',
    ['gcp-public-access'],
    (m) =>
      m(
        `resource "google_storage_bucket_iam_member" "reports_public" {\n  bucket = "acme-quarterly-reports"\n  role   = "roles/storage.legacyObjectReader"\n  member = "allUsers"\n}`,
      ) + '\n',
  ),
  c(
    'gcp',
    'terraform',
    'custom role reading IAM policies only',
    'gcp/custom-reader/main.tf',
    undefined,
    (m) =>
      m(
        `resource "google_project_iam_custom_role" "iam_reader" {\n  role_id     = "iamReader"\n  title       = "IAM reader"\n  permissions = ["resourcemanager.projects.getIamPolicy", "iam.serviceAccounts.list", "iam.roles.get"]\n}`,
      ) + '\n',
  ),
  c(
    'gcp',
    'terraform',
    'bucket reader for one group',
    'gcp/group-reader/main.tf',
    undefined,
    (m) =>
      m(
        `resource "google_storage_bucket_iam_binding" "analysts" {\n  bucket  = google_storage_bucket.warehouse.name\n  role    = "roles/storage.objectViewer"\n  members = ["group:analysts@example.com", "serviceAccount:\${google_service_account.bi.email}"]\n}`,
      ) + '\n',
  ),
  // Azure: built-in roles by GUID, Bicep custom roles that write role assignments.
  c(
    'azure',
    'terraform',
    'User Access Administrator by GUID with an interpolated prefix',
    'azure/uaa-by-id/main.tf',
    ['azure-privileged-role-assignment'],
    (m) =>
      m(
        `resource "azurerm_role_assignment" "automation" {\n  scope              = data.azurerm_subscription.current.id\n  role_definition_id = "/subscriptions/\${var.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"\n  principal_id       = azurerm_user_assigned_identity.automation.principal_id\n}`,
      ) + '\n',
  ),
  c(
    'azure',
    'bicep',
    'Bicep custom role that writes role definitions',
    'azure/role-writer.bicep',
    ['azure-custom-role-wildcard'],
    (m) =>
      `targetScope = 'subscription'\n\nresource roleWriter 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid(subscription().id, 'role-writer')\n  properties: {\n    roleName: 'Role writer'\n    type: 'customRole'\n    permissions: [\n${m(`      {\n        actions: [\n          'Microsoft.Resources/subscriptions/read'\n          'Microsoft.Authorization/roleDefinitions/write'\n        ]\n      }`)}\n    ]\n    assignableScopes: [\n      subscription().id\n    ]\n  }\n}\n`,
  ),
  c(
    'azure',
    'terraform',
    'Reader by GUID at subscription scope',
    'azure/reader-by-id/main.tf',
    undefined,
    (m) =>
      m(
        `resource "azurerm_role_assignment" "auditors" {\n  scope              = data.azurerm_subscription.current.id\n  role_definition_id = "\${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"\n  principal_id       = var.auditors_group_id\n}`,
      ) + '\n',
  ),
  // AWS CDK: account trust, IAM user owners.
  c(
    'aws-trust',
    'cdk',
    'CDK role assumed by another account with no condition',
    'cdk/lib/analytics-stack.ts',
    ['aws-iam-cross-account-trust'],
    (m) =>
      `import { Stack, Tags } from 'aws-cdk-lib';\nimport * as iam from 'aws-cdk-lib/aws-iam';\nimport type { Construct } from 'constructs';\n\nexport class AnalyticsStack extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n    const reader = new iam.Role(this, 'WarehouseReader', {\n${m(`      assumedBy: new iam.AccountPrincipal('987654321098'),`)}\n    });\n    Tags.of(reader).add('owner', 'analytics');\n  }\n}\n`,
  ),
  c(
    'ownership',
    'cdk',
    'CDK IAM user with no owner tag',
    'cdk/lib/sftp-stack.ts',
    ['missing-owner-tag'],
    (m) =>
      `import { Stack } from 'aws-cdk-lib';\nimport * as iam from 'aws-cdk-lib/aws-iam';\nimport type { Construct } from 'constructs';\n\nexport class SftpStack extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${m(`    const partner = new iam.User(this, 'PartnerUpload', { userName: 'partner-upload' });`)}\n    partner.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::uploads/partner/*'] }));\n  }\n}\n`,
    'ownership',
  ),
  c(
    'ownership',
    'cdk',
    'CDK IAM user in a stack tagged with an owner',
    'cdk/lib/batch-stack.ts',
    undefined,
    (m) =>
      `import { Stack, Tags } from 'aws-cdk-lib';\nimport * as iam from 'aws-cdk-lib/aws-iam';\nimport type { Construct } from 'constructs';\n\nexport class BatchStack extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n    Tags.of(this).add('Owner', 'batch-team');\n${m(`    const runner = new iam.User(this, 'BatchRunner');`)}\n    runner.addToPolicy(new iam.PolicyStatement({ actions: ['batch:SubmitJob'], resources: ['arn:aws:batch:eu-west-1:123456789012:job-queue/etl'] }));\n  }\n}\n`,
    'ownership',
  ),
  // Kubernetes: token mounts where the token only reads ordinary objects.
  c(
    'k8s-automount',
    'k8s-yaml',
    'controller bound only to a read-only role of the same file',
    'k8s/read-only-controller.yaml',
    undefined,
    (m) => `${WATCHER_ROLE('"get", "list", "watch"')}---\n${WATCHER_BINDING}---\n${m(WATCHER_DEPLOYMENT)}`,
    'credential-lifetime',
  ),
  c(
    'k8s-automount',
    'k8s-yaml',
    'controller bound to a role of the same file that writes',
    'k8s/writing-controller.yaml',
    ['k8s-automount-service-account-token'],
    (m) => `${WATCHER_ROLE('"get", "list", "watch", "patch"')}---\n${WATCHER_BINDING}---\n${m(WATCHER_DEPLOYMENT)}`,
    'credential-lifetime',
  ),
  // Terraform: a managed policy ARN reaching an attachment through `locals` and `for_each`.
  c(
    'aws-identity',
    'terraform',
    'admin managed policy in a locals list attached with for_each',
    'tf-for-each/admin/iam.tf',
    ['aws-iam-privileged-managed-policy'],
    (m) =>
      `locals {\n  deployer_policy_arns = [\n    "arn:aws:iam::aws:policy/AWSLambda_FullAccess",\n${m(`    "arn:aws:iam::aws:policy/IAMFullAccess",`)}\n  ]\n}\n\nresource "aws_iam_user_policy_attachment" "deployer" {\n  for_each   = toset(local.deployer_policy_arns)\n  user       = aws_iam_user.deployer.name\n  policy_arn = each.key\n}\n`,
  ),
  c(
    'aws-identity',
    'terraform',
    'read-only managed policies in a locals map attached with for_each',
    'tf-for-each/read-only/iam.tf',
    undefined,
    (m) =>
      `locals {\n  auditor_policies = {\n${m(`    view = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"\n    logs = "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess"`)}\n  }\n}\n\nresource "aws_iam_role_policy_attachment" "auditor" {\n  for_each   = local.auditor_policies\n  role       = aws_iam_role.auditor.name\n  policy_arn = each.value\n}\n`,
  ),
  // Terraform azurerm: the Key Vault access policy check that Bicep and ARM templates already had.
  c(
    'azure',
    'terraform',
    'key vault access_policy block granting every key permission',
    'tf-key-vault/all-keys/vault.tf',
    ['azure-key-vault-all-permissions'],
    (m) =>
      `resource "azurerm_key_vault" "signing" {\n  name                = "kv-signing"\n  location            = "northeurope"\n  resource_group_name = "rg-signing"\n  tenant_id           = var.tenant_id\n  sku_name            = "premium"\n\n  access_policy {\n    tenant_id       = var.tenant_id\n    object_id       = var.release_pipeline_object_id\n${m(`    key_permissions = ["all"]`)}\n  }\n}\n`,
  ),
  c(
    'azure',
    'terraform',
    'key vault access policy resource that reads secrets only',
    'tf-key-vault/read-only/policy.tf',
    undefined,
    (m) =>
      `resource "azurerm_key_vault_access_policy" "web" {\n  key_vault_id            = azurerm_key_vault.app.id\n  tenant_id               = var.tenant_id\n  object_id               = azurerm_linux_web_app.web.identity[0].principal_id\n${m(`  secret_permissions      = ["Get", "List"]\n  certificate_permissions = ["Get"]`)}\n}\n`,
  ),
  // GitLab CI: static cloud keys where the job could use an OIDC id_token.
  c(
    'gitlab',
    'gitlab-ci',
    'Google service account key file activated in a job script',
    'gitlab/key-file/.gitlab-ci.yml',
    ['gitlab-static-cloud-credentials'],
    (m) =>
      `stages: [publish]\n\npublish-image:\n  stage: publish\n  image: google/cloud-sdk:slim\n  before_script:\n    - echo "$GCP_SA_KEY" > /tmp/sa.json\n${m(`    - gcloud auth activate-service-account --key-file /tmp/sa.json`)}\n  script:\n    - gcloud builds submit --tag europe-docker.pkg.dev/acme/app/web\n`,
    'credential-lifetime',
  ),
  c(
    'gitlab',
    'gitlab-ci',
    'AWS key pair in pipeline variables',
    'gitlab/variables/.gitlab-ci.yml',
    ['gitlab-static-cloud-credentials'],
    (m) =>
      `variables:\n  AWS_REGION: us-east-2\n${m(`  AWS_ACCESS_KEY_ID: $CI_DEPLOY_KEY_ID\n  AWS_SECRET_ACCESS_KEY: $CI_DEPLOY_SECRET`)}\n\nsync:\n  script:\n    - aws s3 sync build/ s3://acme-docs\n`,
    'credential-lifetime',
  ),
  c(
    'gitlab',
    'gitlab-ci',
    'Azure login with a federated id_token',
    'gitlab/federated/.gitlab-ci.yml',
    undefined,
    (m) =>
      `apply:\n  image: mcr.microsoft.com/azure-cli\n  id_tokens:\n    AZURE_JWT:\n      aud: api://AzureADTokenExchange\n  script:\n${m(`    - az login --service-principal -u "$AZURE_CLIENT_ID" -t "$AZURE_TENANT_ID" --federated-token "$AZURE_JWT"`)}\n    - az deployment group create -g rg-app -f main.bicep\n`,
    'credential-lifetime',
  ),
  // GitHub Actions: one key pair is one credential.
  c(
    'gha',
    'workflow',
    'AWS key pair in a job env is one finding',
    '.github/workflows/static-pair.yml',
    ['gha-static-cloud-credentials'],
    (m) =>
      `name: deploy\non: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n${m(`      AWS_ACCESS_KEY_ID: \${{ secrets.DEPLOY_KEY_ID }}\n      AWS_SECRET_ACCESS_KEY: \${{ secrets.DEPLOY_SECRET }}`)}\n      AWS_REGION: eu-west-1\n    steps:\n      - run: aws s3 sync dist/ s3://acme-site\n`,
    'credential-lifetime',
  ),
];

export function heldOutMissDocuments(): IacDocument[] {
  return CASES.map((k) => {
    const label = k.expect ? positive(k.expect, k.category, k.form, k.name, k.family) : negative(k.category, k.form, k.name, k.family);
    return iacDocument(
      k.path,
      k.text((t) => region(label, t)),
    );
  });
}
