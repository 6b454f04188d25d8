// Second held-out set, IaC half. Written blind (without reading the checks, the rules or the first
// held-out set), from what README.md says the product covers and from how public IaC is written.
// A line ending in «P:overbroad», «P:ownerless» or «P:longlived» is where a finding belongs; a
// line ending in «N» marks the dangerous-looking element of a negative. Markers are stripped on
// write. Identities that are not the subject of a case carry an owner tag so that each file tests
// one thing.
const cases = [];
function add(id, path, text) {
  cases.push({ id, path: `iac/${id}/${path}`, lines: text.replace(/^\n/, '').split('\n') });
}

const OWN = 'tags = { owner = "team-platform", service = "billing" }';

// ---------- Terraform: AWS ----------
const tfActions = [
  ['s3-star', '"s3:*"', '"*"', 'overbroad'],
  ['dynamo-star', '"dynamodb:*"', '"*"', 'overbroad'],
  ['iam-star', '"iam:*"', '"arn:aws:iam::111122223333:role/app-*"', 'overbroad'],
  ['all', '"*"', '"*"', 'overbroad'],
  ['ec2-write', '"ec2:TerminateInstances"', '"*"', 'overbroad'],
  ['passrole', '"iam:PassRole"', '"*"', 'overbroad'],
];
for (const [k, act, res, cat] of tfActions) {
  add(
    `tf-doc-${k}`,
    'main.tf',
    `
data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "Worker"
    effect    = "Allow"
    actions   = [${act}] «P:${cat}»
    resources = [${res}]
  }
}

resource "aws_iam_policy" "worker" {
  name   = "worker-${k}"
  policy = data.aws_iam_policy_document.worker.json
}
`,
  );
}
add(
  'tf-doc-neg-scoped',
  'main.tf',
  `
data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"] «N»
    resources = ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/reader:*"]
  }
}
`,
);
add(
  'tf-doc-neg-describe-star',
  'main.tf',
  `
data "aws_iam_policy_document" "monitor" {
  statement {
    actions   = ["ec2:DescribeInstances", "cloudwatch:GetMetricData", "tag:GetResources"] «N»
    resources = ["*"]
  }
}
`,
);
add(
  'tf-doc-neg-deny-star',
  'main.tf',
  `
data "aws_iam_policy_document" "guard" {
  statement {
    effect    = "Deny"
    actions   = ["*"] «N»
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
}
`,
);
add(
  'tf-jsonencode-notaction',
  'policy.tf',
  `
resource "aws_iam_role_policy" "ops" {
  name = "ops"
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*", "organizations:*"] «P:overbroad»
      Resource  = "*"
    }]
  })
}
`,
);
add(
  'tf-heredoc-admin',
  'policy.tf',
  `
resource "aws_iam_user_policy" "legacy" {
  name = "legacy-admin"
  user = "deploy-bot"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "*", "Resource": "*" } «P:overbroad»
  ]
}
EOF
}
`,
);
add(
  'tf-foreach-attach-admin',
  'iam.tf',
  `
locals {
  ci_policies = {
    admin = "arn:aws:iam::aws:policy/AdministratorAccess" «P:overbroad»
    ecr   = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
  }
}

resource "aws_iam_role_policy_attachment" "ci" {
  for_each   = local.ci_policies
  role       = aws_iam_role.ci.name
  policy_arn = each.value
}
`,
);
add(
  'tf-attach-admin-direct',
  'iam.tf',
  `
resource "aws_iam_role_policy_attachment" "break_glass" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" «P:overbroad»
}
`,
);
add(
  'tf-attach-neg-readonly',
  'iam.tf',
  `
resource "aws_iam_role_policy_attachment" "audit" {
  role       = aws_iam_role.audit.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess" «N»
}
`,
);
add(
  'tf-data-admin-policy',
  'iam.tf',
  `
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = data.aws_iam_policy.admin.arn «P:overbroad»
}
`,
);
add(
  'tf-module-policies-admin',
  'main.tf',
  `
module "github_runner_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "5.39.0"

  create_role = true
  role_name   = "gh-runner"
  custom_role_policy_arns = [
    "arn:aws:iam::aws:policy/AdministratorAccess", «P:overbroad»
  ]
  tags = { owner = "team-platform" }
}
`,
);
add(
  'tf-trust-open',
  'role.tf',
  `
resource "aws_iam_role" "shared" {
  name = "shared-reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } «P:overbroad»
      Action    = "sts:AssumeRole"
    }]
  })
  ${OWN}
}
`,
);
add(
  'tf-trust-cross-account-no-extid',
  'role.tf',
  `
resource "aws_iam_role" "vendor" {
  name = "vendor-integration"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999988887777:root" } «P:overbroad»
      Action    = "sts:AssumeRole"
    }]
  })
  ${OWN}
}
`,
);
add(
  'tf-trust-neg-extid',
  'role.tf',
  `
resource "aws_iam_role" "vendor" {
  name = "vendor-integration"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999988887777:root" } «N»
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "acme-7f3a" } }
    }]
  })
  ${OWN}
}
`,
);
add(
  'tf-oidc-any-repo',
  'github-oidc.tf',
  `
resource "aws_iam_role" "gha" {
  name = "github-actions"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } «P:overbroad»
      }
    }]
  })
  ${OWN}
}
`,
);
add(
  'tf-oidc-neg-scoped',
  'github-oidc.tf',
  `
resource "aws_iam_role" "gha" {
  name = "github-actions"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme/billing:ref:refs/heads/main" } «N»
      }
    }]
  })
  ${OWN}
}
`,
);
add(
  'tf-bucket-policy-public-write',
  's3.tf',
  `
resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*" «P:overbroad»
      Action    = ["s3:PutObject", "s3:GetObject"]
      Resource  = "\${aws_s3_bucket.uploads.arn}/*"
    }]
  })
}
`,
);
add(
  'tf-bucket-policy-neg-cloudfront',
  's3.tf',
  `
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" } «N»
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.site.arn}/*"
      Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.site.arn } }
    }]
  })
}
`,
);
add(
  'tf-sqs-policy-open',
  'sqs.tf',
  `
resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } «P:overbroad»
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.events.arn
    }]
  })
}
`,
);
add(
  'tf-kms-policy-star',
  'kms.tf',
  `
resource "aws_kms_key" "data" {
  description = "data key"
  policy = jsonencode({
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" } «P:overbroad»
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
`,
);
add(
  'tf-kms-neg-root',
  'kms.tf',
  `
resource "aws_kms_key" "data" {
  description = "data key"
  policy = jsonencode({
    Statement = [{
      Sid       = "EnableRootAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" } «N»
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
`,
);
add(
  'tf-lambda-permission-any',
  'lambda.tf',
  `
resource "aws_lambda_permission" "any" {
  statement_id  = "AllowAnyInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  principal     = "*" «P:overbroad»
}
`,
);
add(
  'tf-lambda-permission-neg-apigw',
  'lambda.tf',
  `
resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  principal     = "apigateway.amazonaws.com" «N»
  source_arn    = "\${aws_api_gateway_rest_api.api.execution_arn}/*/*"
}
`,
);
add(
  'tf-sso-permission-set-admin',
  'sso.tf',
  `
resource "aws_ssoadmin_managed_policy_attachment" "admins" {
  instance_arn       = local.sso_instance_arn
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" «P:overbroad»
  permission_set_arn = aws_ssoadmin_permission_set.admins.arn
}
`,
);
add(
  'tf-sso-inline-star',
  'sso.tf',
  `
resource "aws_ssoadmin_permission_set_inline_policy" "dev" {
  instance_arn       = local.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.dev.arn
  inline_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["ec2:*"], Resource = "*" }] «P:overbroad»
  })
}
`,
);
add(
  'tf-dynamic-statement-star',
  'policy.tf',
  `
variable "extra_statements" { default = [] }

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["secretsmanager:*"] «P:overbroad»
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.extra_statements
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}
`,
);
add(
  'tf-user-no-owner',
  'users.tf',
  `
resource "aws_iam_user" "reporting" { «P:ownerless»
  name = "reporting-export"
  path = "/system/"
}
`,
);
add(
  'tf-role-no-owner',
  'roles.tf',
  `
resource "aws_iam_role" "etl" { «P:ownerless»
  name               = "etl-runner"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
  tags = {
    Environment = "prod"
  }
}
`,
);
add(
  'tf-role-neg-owner',
  'roles.tf',
  `
resource "aws_iam_role" "etl" { «N»
  name               = "etl-runner"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
  tags = {
    Owner       = "data-eng@acme.io"
    Environment = "prod"
  }
}
`,
);
add(
  'tf-role-neg-default-tags',
  'main.tf',
  `
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { owner = "team-search" }
  }
}

resource "aws_iam_role" "indexer" { «N»
  name               = "indexer"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`,
);
add(
  'tf-policy-neg-no-owner-needed',
  'policy.tf',
  `
resource "aws_iam_policy" "read_reports" { «N»
  name   = "read-reports"
  policy = data.aws_iam_policy_document.reports.json
}
`,
);
add(
  'tf-access-key',
  'keys.tf',
  `
resource "aws_iam_user" "ci" {
  name = "ci-deployer"
  ${OWN}
}

resource "aws_iam_access_key" "ci" { «P:longlived»
  user = aws_iam_user.ci.name
}
`,
);
add(
  'tf-gcp-sa-key',
  'gcp.tf',
  `
resource "google_service_account" "exporter" {
  account_id   = "bq-exporter"
  display_name = "BigQuery exporter (owner: data-eng)"
}

resource "google_service_account_key" "exporter" { «P:longlived»
  service_account_id = google_service_account.exporter.name
}
`,
);
add(
  'tf-azuread-app-password',
  'azuread.tf',
  `
resource "azuread_application_password" "ci" { «P:longlived»
  application_id = azuread_application.ci.id
  display_name   = "ci"
  end_date       = "2099-01-01T00:00:00Z"
}
`,
);
add(
  'tf-azuread-sp-password',
  'azuread.tf',
  `
resource "azuread_service_principal_password" "legacy" { «P:longlived»
  service_principal_id = azuread_service_principal.legacy.id
}
`,
);

// ---------- Terraform: GCP ----------
const gcpForms = [
  [
    'project-member',
    'google_project_iam_member',
    'project = var.project_id',
    'member = "serviceAccount:${google_service_account.ci.email}"',
  ],
  ['project-binding', 'google_project_iam_binding', 'project = var.project_id', 'members = ["group:devs@acme.io"]'],
  ['folder-member', 'google_folder_iam_member', 'folder  = "folders/123456789"', 'member = "user:alice@acme.io"'],
  ['org-member', 'google_organization_iam_member', 'org_id  = "987654321"', 'member = "serviceAccount:tf@seed.iam.gserviceaccount.com"'],
];
const gcpRoles = ['roles/owner', 'roles/editor', 'roles/resourcemanager.projectIamAdmin', 'roles/iam.serviceAccountTokenCreator'];
gcpForms.forEach(([k, type, scope, member], i) => {
  const role = gcpRoles[i % gcpRoles.length];
  add(
    `tf-gcp-${k}`,
    'iam.tf',
    `
resource "${type}" "grant" {
  ${scope}
  role    = "${role}" «P:overbroad»
  ${member}
}
`,
  );
  add(
    `tf-gcp-${k}-neg`,
    'iam.tf',
    `
resource "${type}" "grant" {
  ${scope}
  role    = "roles/logging.logWriter" «N»
  ${member}
}
`,
  );
});
add(
  'tf-gcp-policy-data',
  'iam.tf',
  `
data "google_iam_policy" "admin" {
  binding {
    role    = "roles/editor" «P:overbroad»
    members = ["serviceAccount:app@acme-prod.iam.gserviceaccount.com"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "acme-prod"
  policy_data = data.google_iam_policy.admin.policy_data
}
`,
);
add(
  'tf-gcp-bucket-allusers',
  'gcs.tf',
  `
resource "google_storage_bucket_iam_member" "public" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectAdmin"
  member = "allUsers" «P:overbroad»
}
`,
);
add(
  'tf-gcp-service-agent-to-user',
  'iam.tf',
  `
resource "google_project_iam_member" "agent" {
  project = var.project_id
  role    = "roles/container.serviceAgent" «P:overbroad»
  member  = "user:bob@acme.io"
}
`,
);
add(
  'tf-gcp-service-agent-neg',
  'iam.tf',
  `
resource "google_project_iam_member" "agent" {
  project = var.project_id
  role    = "roles/container.serviceAgent" «N»
  member  = "serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com"
}
`,
);
add(
  'tf-gcp-default-sa-vm',
  'compute.tf',
  `
resource "google_compute_instance" "bastion" {
  name         = "bastion"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  service_account {
    email  = "123456789012-compute@developer.gserviceaccount.com" «P:overbroad»
    scopes = ["cloud-platform"]
  }
}
`,
);
add(
  'tf-gcp-custom-role-setiam',
  'roles.tf',
  `
resource "google_project_iam_custom_role" "deployer" {
  role_id     = "deployer"
  title       = "Deployer"
  permissions = ["run.services.update", "resourcemanager.projects.setIamPolicy"] «P:overbroad»
}
`,
);
add(
  'tf-gcp-custom-role-neg',
  'roles.tf',
  `
resource "google_project_iam_custom_role" "viewer" {
  role_id     = "runViewer"
  title       = "Run viewer"
  permissions = ["run.services.get", "run.services.list"] «N»
}
`,
);
add(
  'tf-gcp-module-owner',
  'main.tf',
  `
module "project_iam" {
  source   = "terraform-google-modules/iam/google//modules/projects_iam"
  projects = ["acme-prod"]
  bindings = {
    "roles/owner" = ["group:platform@acme.io"] «P:overbroad»
  }
}
`,
);

// ---------- Terraform: Azure ----------
add(
  'tf-azurerm-owner-sub',
  'rbac.tf',
  `
data "azurerm_subscription" "current" {}

resource "azurerm_role_assignment" "ci" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner" «P:overbroad»
  principal_id         = azuread_service_principal.ci.object_id
}
`,
);
add(
  'tf-azurerm-contrib-rg-neg',
  'rbac.tf',
  `
resource "azurerm_role_assignment" "ci" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Reader" «N»
  principal_id         = azuread_service_principal.ci.object_id
}
`,
);
add(
  'tf-azurerm-custom-role-write-assign',
  'rbac.tf',
  `
resource "azurerm_role_definition" "deployer" {
  name  = "deployer"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions = ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Web/sites/*"] «P:overbroad»
  }
  assignable_scopes = [data.azurerm_subscription.current.id]
}
`,
);
add(
  'tf-azurerm-uami-no-owner',
  'identity.tf',
  `
resource "azurerm_user_assigned_identity" "app" { «P:ownerless»
  name                = "id-app-prod"
  location            = "westeurope"
  resource_group_name = azurerm_resource_group.app.name
}
`,
);
add(
  'tf-azurerm-kv-all',
  'kv.tf',
  `
resource "azurerm_key_vault_access_policy" "app" {
  key_vault_id       = azurerm_key_vault.main.id
  tenant_id          = data.azurerm_client_config.current.tenant_id
  object_id          = azurerm_user_assigned_identity.app.principal_id
  secret_permissions = ["All"] «P:overbroad»
}
`,
);

// ---------- Terraform: kubernetes provider ----------
add(
  'tf-k8s-clusterrole-star',
  'rbac.tf',
  `
resource "kubernetes_cluster_role" "ops" {
  metadata { name = "ops" }
  rule {
    api_groups = ["*"]
    resources  = ["*"] «P:overbroad»
    verbs      = ["*"]
  }
}
`,
);
add(
  'tf-k8s-binding-cluster-admin',
  'rbac.tf',
  `
resource "kubernetes_cluster_role_binding" "ci" {
  metadata { name = "ci-admin" }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin" «P:overbroad»
  }
  subject {
    kind      = "ServiceAccount"
    name      = "ci"
    namespace = "ci"
  }
}
`,
);

// ---------- Terraform JSON ----------
add(
  'tfjson-policy-star',
  'iam.tf.json',
  `
{
  "resource": {
    "aws_iam_role_policy": {
      "app": {
        "name": "app",
        "role": "\${aws_iam_role.app.id}",
        "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}" «P:overbroad»
      }
    }
  }
}
`,
);
add(
  'tfjson-neg-scoped',
  'iam.tf.json',
  `
{
  "resource": {
    "aws_iam_role_policy": {
      "app": {
        "name": "app",
        "role": "\${aws_iam_role.app.id}",
        "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"sqs:SendMessage\\",\\"Resource\\":\\"arn:aws:sqs:eu-west-1:111122223333:jobs\\"}]}" «N»
      }
    }
  }
}
`,
);
add(
  'tfjson-access-key',
  'keys.tf.json',
  `
{
  "resource": {
    "aws_iam_access_key": {
      "legacy": { «P:longlived»
        "user": "legacy-sync"
      }
    }
  }
}
`,
);

// ---------- CloudFormation / SAM ----------
add(
  'cfn-yaml-star',
  'template.yaml',
  `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: 'dynamodb:*' «P:overbroad»
                Resource: '*'
      Tags:
        - Key: owner
          Value: team-orders
`,
);
add(
  'cfn-yaml-sub-neg',
  'template.yaml',
  `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ['dynamodb:GetItem', 'dynamodb:PutItem'] «N»
                Resource: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${OrdersTable}'
      Tags:
        - Key: owner
          Value: team-orders
`,
);
add(
  'cfn-json-managed-admin',
  'stack.json',
  `
{
  "Resources": {
    "OpsRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": { "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
        "ManagedPolicyArns": [
          { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/AdministratorAccess"]] } «P:overbroad»
        ],
        "Tags": [{ "Key": "owner", "Value": "sre" }]
      }
    }
  }
}
`,
);
add(
  'cfn-json-string-policy',
  'stack.json',
  `
{
  "Resources": {
    "Policy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:*\\",\\"Resource\\":\\"*\\"}]}" «P:overbroad»
      }
    }
  }
}
`,
);
add(
  'cfn-access-key',
  'users.yaml',
  `
Resources:
  SyncUser:
    Type: AWS::IAM::User
    Properties:
      Tags: [{ Key: owner, Value: integrations }]
  SyncKey:
    Type: AWS::IAM::AccessKey «P:longlived»
    Properties:
      UserName: !Ref SyncUser
`,
);
add(
  'cfn-user-no-owner',
  'users.yaml',
  `
Resources:
  BackupUser: «P:ownerless»
    Type: AWS::IAM::User
    Properties:
      UserName: backup-writer
`,
);
add(
  'cfn-trust-cross-account',
  'role.yaml',
  `
Resources:
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:aws:iam::\${AuditAccountId}:root' «P:overbroad»
            Action: sts:AssumeRole
      Tags: [{ Key: owner, Value: security }]
`,
);
add(
  'cfn-bucket-policy-public',
  'bucket.yaml',
  `
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*' «P:overbroad»
            Action: 's3:*'
            Resource: !Sub '\${Bucket.Arn}/*'
`,
);
add(
  'cfn-bucket-policy-neg-deny-insecure',
  'bucket.yaml',
  `
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*' «N»
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
);
add(
  'sam-policies-star',
  'template.yaml',
  `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*' «P:overbroad»
              Resource: '*'
`,
);
add(
  'sam-neg-policy-templates',
  'template.yaml',
  `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - DynamoDBReadPolicy: «N»
            TableName: !Ref Table
        - S3ReadPolicy:
            BucketName: !Ref Bucket
`,
);
add(
  'cfn-sqs-policy-open',
  'queue.yaml',
  `
Resources:
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: '*' } «P:overbroad»
            Action: 'sqs:SendMessage'
            Resource: !GetAtt Queue.Arn
`,
);
add(
  'cfn-lambda-permission-any',
  'perm.yaml',
  `
Resources:
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: '*' «P:overbroad»
`,
);

// ---------- Serverless ----------
add(
  'sls-provider-star',
  'serverless.yml',
  `
service: orders
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: 's3:*' «P:overbroad»
          Resource: '*'
functions:
  create:
    handler: src/create.handler
`,
);
add(
  'sls-legacy-admin',
  'serverless.yml',
  `
service: reports
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: '*' «P:overbroad»
      Resource: '*'
functions:
  build:
    handler: handler.build
`,
);
add(
  'sls-per-function',
  'serverless.yml',
  `
service: media
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
functions:
  resize:
    handler: resize.handler
    iamRoleStatements:
      - Effect: Allow
        Action: ['iam:PassRole'] «P:overbroad»
        Resource: '*'
`,
);
add(
  'sls-neg-scoped',
  'serverless.yml',
  `
service: media
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: ['s3:GetObject'] «N»
          Resource: 'arn:aws:s3:::media-in/*'
        - Effect: Allow
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']
          Resource: '*'
`,
);
add(
  'sls-managed-admin',
  'serverless.yml',
  `
service: ops
provider:
  name: aws
  iam:
    role:
      managedPolicies:
        - 'arn:aws:iam::aws:policy/AdministratorAccess' «P:overbroad»
`,
);

// ---------- CDK TS / Python ----------
add(
  'cdk-ts-star',
  'lib/app-stack.ts',
  `
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const role = new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['dynamodb:*'], «P:overbroad»
      resources: ['*'],
    }));
  }
}
`,
);
add(
  'cdk-ts-any-principal',
  'lib/bucket-stack.ts',
  `
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';

export class BucketStack extends Stack {
  build(bucket: s3.Bucket) {
    bucket.grantReadWrite(new iam.AnyPrincipal()); «P:overbroad»
  }
}
`,
);
add(
  'cdk-ts-neg-scoped',
  'lib/queue-stack.ts',
  `
import * as iam from 'aws-cdk-lib/aws-iam';

export function allowSend(role: iam.Role, queueArn: string) {
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['sqs:SendMessage'], «N»
    resources: [queueArn],
  }));
}
`,
);
add(
  'cdk-ts-admin-managed',
  'lib/ops-stack.ts',
  `
import * as iam from 'aws-cdk-lib/aws-iam';

export function opsRole(scope: any) {
  const role = new iam.Role(scope, 'Ops', { assumedBy: new iam.AccountRootPrincipal() });
  role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')); «P:overbroad»
  return role;
}
`,
);
add(
  'cdk-ts-access-key',
  'lib/legacy-stack.ts',
  `
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

export function legacy(scope: cdk.Stack) {
  const user = new iam.User(scope, 'Legacy');
  cdk.Tags.of(user).add('owner', 'integrations');
  new iam.AccessKey(scope, 'LegacyKey', { user }); «P:longlived»
}
`,
);
add(
  'cdk-py-star',
  'infra/stack.py',
  `
from aws_cdk import Stack, aws_iam as iam
from constructs import Construct


class PipelineStack(Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        role = iam.Role(self, "Deployer", assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"))
        role.add_to_policy(iam.PolicyStatement(
            actions=["*"], «P:overbroad»
            resources=["*"],
        ))
`,
);
add(
  'cdk-py-admin',
  'infra/ops.py',
  `
from aws_cdk import aws_iam as iam


def admin_role(scope):
    role = iam.Role(scope, "Ops", assumed_by=iam.AccountRootPrincipal())
    role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess")) «P:overbroad»
    return role
`,
);
add(
  'cdk-py-neg',
  'infra/reader.py',
  `
from aws_cdk import aws_iam as iam


def reader(role, bucket_arn):
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=[bucket_arn + "/*"])) «N»
`,
);

// ---------- Pulumi ----------
add(
  'pulumi-yaml-admin',
  'Pulumi.yaml',
  `
name: infra
runtime: yaml
resources:
  ciRole:
    type: aws:iam:Role
    properties:
      assumeRolePolicy: \${trust.json}
      tags: { owner: platform }
  ciAdmin:
    type: aws:iam:RolePolicyAttachment
    properties:
      role: \${ciRole.name}
      policyArn: arn:aws:iam::aws:policy/AdministratorAccess «P:overbroad»
`,
);
add(
  'pulumi-yaml-star-policy',
  'Pulumi.yaml',
  `
name: infra
runtime: yaml
resources:
  appPolicy:
    type: aws:iam:Policy
    properties:
      policy:
        fn::toJSON:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: "ec2:*" «P:overbroad»
              Resource: "*"
`,
);
add(
  'pulumi-yaml-access-key',
  'Pulumi.yaml',
  `
name: infra
runtime: yaml
resources:
  bot:
    type: aws:iam:User
    properties:
      tags: { owner: platform }
  botKey:
    type: aws:iam:AccessKey «P:longlived»
    properties:
      user: \${bot.name}
`,
);
add(
  'pulumi-ts-star',
  'index.ts',
  `
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("worker", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
    tags: { owner: "platform" },
});

new aws.iam.RolePolicy("worker-all", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }], «P:overbroad»
    }),
});
`,
);
add(
  'pulumi-py-gcp-owner',
  '__main__.py',
  `
import pulumi_gcp as gcp

gcp.projects.IAMMember(
    "ci-owner",
    project="acme-prod",
    role="roles/owner", «P:overbroad»
    member="serviceAccount:ci@acme-prod.iam.gserviceaccount.com",
)
`,
);

// ---------- Bicep / ARM ----------
add(
  'bicep-owner-sub',
  'main.bicep',
  `
targetScope = 'subscription'

param principalId string

resource ownerAssign 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, 'owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635') «P:overbroad»
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
`,
);
add(
  'bicep-contributor-var',
  'main.bicep',
  `
targetScope = 'subscription'

var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource assign 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, 'ci', contributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId) «P:overbroad»
    principalId: ciPrincipalId
  }
}
`,
);
add(
  'bicep-reader-rg-neg',
  'storage.bicep',
  `
resource assign 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, 'reader')
  scope: resourceGroup()
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7') «N»
    principalId: appPrincipalId
  }
}
`,
);
add(
  'bicep-uami-no-owner',
  'identity.bicep',
  `
param location string = resourceGroup().location

resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { «P:ownerless»
  name: 'id-worker'
  location: location
}
`,
);
add(
  'bicep-uami-neg-owner',
  'identity.bicep',
  `
param location string = resourceGroup().location

resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { «N»
  name: 'id-worker'
  location: location
  tags: {
    owner: 'team-ingest'
  }
}
`,
);
add(
  'bicep-custom-role-star',
  'role.bicep',
  `
targetScope = 'subscription'

resource customRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'ops-all')
  properties: {
    roleName: 'Ops All'
    permissions: [
      {
        actions: [
          '*' «P:overbroad»
        ]
      }
    ]
    assignableScopes: [ subscription().id ]
  }
}
`,
);
add(
  'arm-owner-sub',
  'azuredeploy.json',
  `
{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "principalId": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid(subscription().id, parameters('principalId'))]",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]", «P:overbroad»
        "principalId": "[parameters('principalId')]"
      }
    }
  ]
}
`,
);
add(
  'arm-kv-all-neg-get',
  'azuredeploy.json',
  `
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults/accessPolicies",
      "apiVersion": "2023-07-01",
      "name": "kv-app/add",
      "properties": {
        "accessPolicies": [
          { "tenantId": "[subscription().tenantId]", "objectId": "[parameters('appObjectId')]", "permissions": { "secrets": ["get", "list"] } } «N»
        ]
      }
    }
  ]
}
`,
);
add(
  'azure-role-def-json',
  'roles/deployer.json',
  `
{
  "Name": "Deployer",
  "IsCustom": true,
  "Description": "Deploys apps",
  "Actions": [
    "Microsoft.Web/sites/*",
    "Microsoft.Authorization/roleAssignments/write" «P:overbroad»
  ],
  "AssignableScopes": ["/subscriptions/00000000-0000-0000-0000-000000000000"]
}
`,
);

// ---------- Kubernetes / Helm / kustomize ----------
const k8sRules = [
  ['secrets-cluster', 'ClusterRole', '[""]', '["secrets"]', '["get", "list", "watch"]'],
  ['verbs-star', 'Role', '["apps"]', '["deployments"]', '["*"]'],
  ['escalate', 'ClusterRole', '["rbac.authorization.k8s.io"]', '["clusterroles"]', '["bind", "escalate"]'],
  ['impersonate', 'ClusterRole', '[""]', '["users", "groups", "serviceaccounts"]', '["impersonate"]'],
  ['pods-exec', 'Role', '[""]', '["pods/exec"]', '["create"]'],
  ['sa-token', 'ClusterRole', '[""]', '["serviceaccounts/token"]', '["create"]'],
  ['nodes-proxy', 'ClusterRole', '[""]', '["nodes/proxy"]', '["get", "create"]'],
  ['resources-star', 'Role', '[""]', '["*"]', '["get", "list"]'],
];
for (const [k, kind, g, r, v] of k8sRules) {
  add(
    `k8s-${k}`,
    'rbac.yaml',
    `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${k}
${kind === 'Role' ? '  namespace: apps\n' : ''}rules:
  - apiGroups: ${g}
    resources: ${r} «P:overbroad»
    verbs: ${v}
`,
  );
}
add(
  'k8s-secrets-named-neg',
  'rbac.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-tls
  namespace: ingress
rules:
  - apiGroups: [""]
    resources: ["secrets"] «N»
    resourceNames: ["ingress-tls"]
    verbs: ["get"]
`,
);
add(
  'k8s-readonly-neg',
  'rbac.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules:
  - apiGroups: ["", "apps"]
    resources: ["pods", "deployments", "services"] «N»
    verbs: ["get", "list", "watch"]
`,
);
add(
  'k8s-crb-cluster-admin-group',
  'crb.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: devs-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin «P:overbroad»
subjects:
  - kind: Group
    name: developers
    apiGroup: rbac.authorization.k8s.io
`,
);
add(
  'k8s-rb-default-sa',
  'rb.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: default-edit
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: ServiceAccount
    name: default «P:overbroad»
    namespace: apps
`,
);
add(
  'k8s-crb-all-sas',
  'crb.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: everyone-edit
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: Group
    name: system:serviceaccounts «P:overbroad»
    apiGroup: rbac.authorization.k8s.io
`,
);
add(
  'k8s-rb-view-neg',
  'rb.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app-view
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view «N»
subjects:
  - kind: ServiceAccount
    name: app
    namespace: apps
`,
);
add(
  'k8s-legacy-token-secret',
  'sa-token.yaml',
  `
apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: ci
  annotations:
    kubernetes.io/service-account.name: ci
type: kubernetes.io/service-account-token «P:longlived»
`,
);
add(
  'k8s-sa-no-owner',
  'sa.yaml',
  `
apiVersion: v1
kind: ServiceAccount «P:ownerless»
metadata:
  name: payments-worker
  namespace: payments
`,
);
add(
  'k8s-sa-owner-neg',
  'sa.yaml',
  `
apiVersion: v1
kind: ServiceAccount «N»
metadata:
  name: payments-worker
  namespace: payments
  labels:
    owner: team-payments
`,
);
add(
  'helm-role-star',
  'charts/agent/templates/clusterrole.yaml',
  `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "agent.fullname" . }}
  labels:
    {{- include "agent.labels" . | nindent 4 }}
rules:
  - apiGroups: ["*"]
    resources: ["*"] «P:overbroad»
    verbs: ["get", "list", "watch", "create", "delete"]
`,
);
add(
  'helm-role-neg',
  'charts/agent/templates/role.yaml',
  `
{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "agent.fullname" . }}
  namespace: {{ .Release.Namespace }}
rules:
  - apiGroups: [""]
    resources: ["configmaps"] «N»
    verbs: ["get", "watch", "list"]
{{- end }}
`,
);
add(
  'helm-sa-templated-neg',
  'charts/agent/templates/serviceaccount.yaml',
  `
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount «N»
metadata:
  name: {{ include "agent.serviceAccountName" . }}
  labels:
    {{- include "agent.labels" . | nindent 4 }}
{{- end }}
`,
);
add(
  'kustomize-patch-neg',
  'overlays/prod/patch-deployment.yaml',
  `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      automountServiceAccountToken: true «N»
      containers:
        - name: api
          resources:
            limits: { memory: 512Mi }
`,
);
add(
  'k8s-multi-doc',
  'operator.yaml',
  `
apiVersion: v1
kind: ServiceAccount
metadata:
  name: operator
  namespace: operators
  labels: { owner: team-platform }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: operator
rules:
  - apiGroups: ["apps", ""]
    resources: ["deployments", "pods", "services"]
    verbs: ["get", "list", "watch", "update", "patch"]
  - apiGroups: [""]
    resources: ["secrets"] «P:overbroad»
    verbs: ["get", "list", "watch"]
`,
);

// ---------- GitHub Actions ----------
add(
  'gha-write-all',
  '.github/workflows/ci.yml',
  `
name: ci
on: [push]
permissions: write-all «P:overbroad»
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
`,
);
add(
  'gha-static-aws-keys',
  '.github/workflows/deploy.yml',
  `
name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }} «P:longlived»
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: eu-west-1
      - run: ./deploy.sh
`,
);
add(
  'gha-oidc-neg',
  '.github/workflows/deploy.yml',
  `
name: deploy
on:
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::111122223333:role/gha-deploy «N»
          aws-region: eu-west-1
`,
);
add(
  'gha-pwn-request',
  '.github/workflows/pr.yml',
  `
name: pr
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }} «P:overbroad»
      - run: npm ci && npm test
`,
);
add(
  'gha-secrets-inherit',
  '.github/workflows/release.yml',
  `
name: release
on: { push: { tags: ['v*'] } }
jobs:
  call:
    uses: acme/shared-workflows/.github/workflows/release.yml@main
    secrets: inherit «P:overbroad»
`,
);
add(
  'gha-gcp-sa-key',
  '.github/workflows/gcp.yml',
  `
name: gcp
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/auth@v2
        with:
          credentials_json: \${{ secrets.GCP_SA_KEY }} «P:longlived»
      - run: gcloud run deploy api --source .
`,
);
add(
  'gha-azure-creds',
  '.github/workflows/azure.yml',
  `
name: azure
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/login@v2
        with:
          creds: \${{ secrets.AZURE_CREDENTIALS }} «P:longlived»
`,
);
add(
  'gha-composite-neg',
  'action.yml',
  `
name: setup-tools
description: install the toolchain
runs:
  using: composite
  steps:
    - run: echo "token=\${{ github.token }}" >> "$GITHUB_OUTPUT" «N»
      shell: bash
`,
);
add(
  'gha-perm-read-neg',
  '.github/workflows/lint.yml',
  `
name: lint
on: [pull_request]
permissions:
  contents: read «N»
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm run lint
`,
);

// ---------- GitLab CI ----------
add(
  'gitlab-static-aws',
  '.gitlab-ci.yml',
  `
deploy:
  stage: deploy
  image: amazon/aws-cli
  variables:
    AWS_DEFAULT_REGION: eu-west-1
  script:
    - aws configure set aws_access_key_id "$AWS_ACCESS_KEY_ID" «P:longlived»
    - aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY"
    - aws s3 sync public s3://acme-site
`,
);
add(
  'gitlab-oidc-neg',
  '.gitlab-ci.yml',
  `
deploy:
  stage: deploy
  image: amazon/aws-cli
  id_tokens:
    AWS_TOKEN:
      aud: https://gitlab.acme.io
  script:
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --web-identity-token "$AWS_TOKEN" --role-session-name ci «N»
`,
);

// ---------- Ansible / standalone IAM JSON ----------
add(
  'iam-json-star',
  'policies/admin.json',
  `
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Everything",
      "Effect": "Allow",
      "Action": "*", «P:overbroad»
      "Resource": "*"
    }
  ]
}
`,
);
add(
  'iam-json-notresource-neg',
  'policies/self-mfa.json',
  `
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyAllExceptListedIfNoMFA",
      "Effect": "Deny",
      "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"], «N»
      "Resource": "*",
      "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }
    }
  ]
}
`,
);
add(
  'iam-json-privesc',
  'policies/deployer.json',
  `
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["iam:CreatePolicyVersion", "iam:AttachRolePolicy"], «P:overbroad»
      "Resource": "*"
    }
  ]
}
`,
);
add(
  'iam-json-passrole-scoped-neg',
  'policies/ecs-deploy.json',
  `
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:PassRole", «N»
      "Resource": "arn:aws:iam::111122223333:role/ecs-task-app",
      "Condition": { "StringEquals": { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }
    }
  ]
}
`,
);
add(
  'ansible-iam-policy',
  'playbooks/iam.yml',
  `
- hosts: localhost
  tasks:
    - name: create admin policy
      amazon.aws.iam_policy:
        iam_type: role
        iam_name: automation
        policy_name: automation-all
        policy_json: |
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]} «P:overbroad»
`,
);

export const iacCases = cases;
