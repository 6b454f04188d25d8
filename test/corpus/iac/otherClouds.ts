/**
 * GitHub Actions permissions, GCP and Azure grants, AWS managed-policy attachments (Terraform,
 * CloudFormation, SAM, SSO permission sets, module inputs), identity owners, long-lived keys.
 */
import { iacDocument, negative, positive, region, type Family, type IacDocument } from './labels';

type Mark = (text: string) => string;
interface TextCase {
  name: string;
  path: string;
  category: string;
  form: string;
  /** Checks expected inside the marked region; absent: a negative. */
  expect?: string[];
  family?: Family;
  text: (mark: Mark) => string;
}

function documents(cases: TextCase[]): IacDocument[] {
  return cases.map((c) => {
    const l = c.expect ? positive(c.expect, c.category, c.form, c.name, c.family) : negative(c.category, c.form, c.name, c.family);
    return iacDocument(
      c.path,
      c.text((t) => region(l, t)),
    );
  });
}

const STEPS = `    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
`;

const gha = (name: string, expect: string[] | undefined, text: (m: Mark) => string, family?: Family): TextCase => ({
  name,
  path: `.github/workflows/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.yml`,
  category: 'gha',
  form: 'workflow',
  expect,
  family,
  text,
});

const GHA: TextCase[] = [
  gha(
    'write-all at the top',
    ['gha-permissions-write-all'],
    (m) => `name: ci\non: [push]\n${m('permissions: write-all')}\njobs:\n  test:\n    runs-on: ubuntu-latest\n${STEPS}`,
  ),
  gha(
    'write-all on a job',
    ['gha-permissions-write-all'],
    (m) =>
      `name: release\non:\n  push:\n    tags: ['v*']\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    ${m('permissions: write-all')}\n${STEPS}`,
  ),
  gha(
    'no permissions anywhere',
    ['gha-missing-permissions'],
    (m) => `name: build\n${m('on:\n  pull_request:\n    branches: [main]')}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${STEPS}`,
  ),
  gha(
    'no permissions on push',
    ['gha-missing-permissions'],
    (m) =>
      `${m('on: push')}\njobs:\n  lint:\n    runs-on: ubuntu-latest\n${STEPS}  test:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n${STEPS}`,
  ),
  gha(
    'secrets inherit',
    ['gha-secrets-inherit'],
    (m) =>
      `on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    uses: acme/workflows/.github/workflows/deploy.yml@v2\n    ${m('secrets: inherit')}\n`,
  ),
  gha(
    'pull_request_target checks out the head',
    ['gha-pull-request-target-checkout'],
    (m) =>
      `on: pull_request_target\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ${m('ref: ${{ github.event.pull_request.head.sha }}')}\n      - run: npm test\n`,
  ),
  gha(
    'static AWS keys',
    ['gha-static-cloud-credentials'],
    (m) =>
      `on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n${m('          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}')}\n          aws-region: eu-west-1\n`,
    'credential-lifetime',
  ),
  // Negatives.
  gha(
    'contents read at the top',
    undefined,
    (m) => `on: [push, pull_request]\n${m('permissions:\n  contents: read')}\njobs:\n  test:\n    runs-on: ubuntu-latest\n${STEPS}`,
  ),
  gha('empty permissions', undefined, (m) => `${m('on: push\npermissions: {}')}\njobs:\n  test:\n    runs-on: ubuntu-latest\n${STEPS}`),
  gha('read-all', undefined, (m) => `on: push\n${m('permissions: read-all')}\njobs:\n  test:\n    runs-on: ubuntu-latest\n${STEPS}`),
  gha(
    'every job declares its permissions',
    undefined,
    (m) =>
      `${m('on: push')}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n${STEPS}  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n      id-token: write\n${STEPS}`,
  ),
  gha(
    'pull_request_target labeller without checkout',
    undefined,
    (m) =>
      `on: pull_request_target\npermissions:\n  contents: read\n  pull-requests: write\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n${m('      - uses: actions/labeler@v5')}\n`,
  ),
  gha(
    'named secrets to a reusable workflow',
    undefined,
    (m) =>
      `on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    ${m('secrets:\n      token: ${{ secrets.DEPLOY_TOKEN }}')}\n`,
  ),
  gha(
    'OIDC role to assume',
    undefined,
    (m) =>
      `on: push\npermissions:\n  id-token: write\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n${m('          role-to-assume: arn:aws:iam::123456789012:role/gh-deploy')}\n          aws-region: eu-west-1\n`,
    'credential-lifetime',
  ),
];

const tf = (
  category: string,
  name: string,
  expect: string[] | undefined,
  text: (m: Mark) => string,
  family?: Family,
  form = 'terraform',
): TextCase => ({
  name,
  path: `terraform/${category}/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.tf`,
  category,
  form,
  expect,
  family,
  text,
});

const PRIMITIVE = ['gcp-primitive-role'];
const DEFAULT_COMPUTE = ['gcp-default-service-account'];
const GCP: TextCase[] = [
  tf('gcp', 'project owner to a user', PRIMITIVE, (m) =>
    m(
      `resource "google_project_iam_member" "owner" {\n  project = var.project_id\n  role    = "roles/owner"\n  member  = "user:jane@example.com"\n}\n`,
    ),
  ),
  tf('gcp', 'project editor to a service account', PRIMITIVE, (m) =>
    m(
      `resource "google_project_iam_member" "ci" {\n  project = var.project_id\n  role    = "roles/editor"\n  member  = "serviceAccount:\${google_service_account.ci.email}"\n}\n`,
    ),
  ),
  tf('gcp', 'editor binding', PRIMITIVE, (m) =>
    m(
      `resource "google_project_iam_binding" "editors" {\n  project = "acme-prod"\n  role    = "roles/editor"\n  members = [\n    "group:devs@example.com",\n  ]\n}\n`,
    ),
  ),
  tf('gcp', 'folder owner', PRIMITIVE, (m) =>
    m(
      `resource "google_folder_iam_member" "admin" {\n  folder = "folders/1234567"\n  role   = "roles/owner"\n  member = "group:platform@example.com"\n}\n`,
    ),
  ),
  tf('gcp', 'organization editor', PRIMITIVE, (m) =>
    m(
      `resource "google_organization_iam_binding" "editors" {\n  org_id  = "123456789"\n  role    = "roles/editor"\n  members = ["group:ops@example.com"]\n}\n`,
    ),
  ),
  tf(
    'gcp',
    'owner in google_iam_policy',
    PRIMITIVE,
    (m) =>
      `data "google_iam_policy" "admin" {\n${m(`  binding {\n    role    = "roles/owner"\n    members = ["user:jane@example.com"]\n  }`)}\n}\n\nresource "google_project_iam_policy" "project" {\n  project     = "acme-prod"\n  policy_data = data.google_iam_policy.admin.policy_data\n}\n`,
  ),
  tf(
    'gcp',
    'editor to the default compute account',
    PRIMITIVE,
    (m) =>
      `data "google_compute_default_service_account" "default" {}\n\n${m(`resource "google_project_iam_member" "default_editor" {\n  project = var.project_id\n  role    = "roles/editor"\n  member  = "serviceAccount:\${data.google_compute_default_service_account.default.email}"\n}`)}\n`,
  ),
  tf(
    'gcp',
    'editor through the IAM module',
    PRIMITIVE,
    (m) =>
      `module "project_iam" {\n  source   = "terraform-google-modules/iam/google//modules/projects_iam"\n  projects = ["acme-prod"]\n  mode     = "additive"\n  bindings = {\n${m(`    "roles/editor" = [\n      "serviceAccount:ci@acme-prod.iam.gserviceaccount.com",\n    ]`)}\n  }\n}\n`,
  ),
  tf('gcp', 'token creator project-wide', ['gcp-impersonation-role'], (m) =>
    m(
      `resource "google_project_iam_member" "tokens" {\n  project = var.project_id\n  role    = "roles/iam.serviceAccountTokenCreator"\n  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"\n}\n`,
    ),
  ),
  tf('gcp', 'service account user project-wide', ['gcp-impersonation-role'], (m) =>
    m(
      `resource "google_project_iam_binding" "actas" {\n  project = var.project_id\n  role    = "roles/iam.serviceAccountUser"\n  members = ["group:deployers@example.com"]\n}\n`,
    ),
  ),
  tf(
    'gcp',
    'instance on the default compute account',
    ['gcp-default-service-account'],
    (m) =>
      `resource "google_compute_instance" "vm" {\n  name         = "worker"\n  machine_type = "e2-small"\n  zone         = "europe-west1-b"\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n  network_interface {\n    network = "default"\n  }\n${m(`  service_account {\n    scopes = ["cloud-platform"]\n  }`)}\n}\n`,
  ),
  tf(
    'gcp',
    'node pool on the default account',
    ['gcp-default-service-account'],
    (m) =>
      `resource "google_container_node_pool" "pool" {\n  name    = "pool"\n  cluster = google_container_cluster.main.id\n  node_config {\n    machine_type = "e2-standard-4"\n${m(`    service_account = data.google_compute_default_service_account.default.email\n    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]`)}\n  }\n}\n`,
  ),
  tf('gcp', 'service-agent role to a user service account', ['gcp-service-agent-role'], (m) =>
    m(
      `resource "google_project_iam_member" "ci_agent" {\n  project = var.project_id\n  role    = "roles/dataflow.serviceAgent"\n  member  = "serviceAccount:\${google_service_account.ci.email}"\n}\n`,
    ),
  ),
  tf('gcp', 'service-agent role binding to a group', ['gcp-service-agent-role'], (m) =>
    m(
      `resource "google_project_iam_binding" "agents" {\n  project = "acme-prod"\n  role    = "roles/container.serviceAgent"\n  members = ["group:platform@example.com"]\n}\n`,
    ),
  ),
  // Negatives.
  tf('gcp', 'service-agent role to the Google service agent', undefined, (m) =>
    m(
      `resource "google_project_iam_member" "pubsub_agent" {\n  project = var.project_id\n  role    = "roles/pubsub.serviceAgent"\n  member  = "serviceAccount:service-\${data.google_project.p.number}@gcp-sa-pubsub.iam.gserviceaccount.com"\n}\n`,
    ),
  ),
  tf('gcp', 'service-agent role to a service identity', undefined, (m) =>
    m(
      `resource "google_project_iam_member" "sm_agent" {\n  project = var.project_id\n  role    = "roles/secretmanager.serviceAgent"\n  member  = "serviceAccount:\${google_project_service_identity.sm.email}"\n}\n`,
    ),
  ),
  tf('gcp', 'viewer on the project', undefined, (m) =>
    m(
      `resource "google_project_iam_member" "viewer" {\n  project = var.project_id\n  role    = "roles/viewer"\n  member  = "group:auditors@example.com"\n}\n`,
    ),
  ),
  tf('gcp', 'storage admin on one bucket', undefined, (m) =>
    m(
      `resource "google_storage_bucket_iam_member" "writer" {\n  bucket = google_storage_bucket.data.name\n  role   = "roles/storage.objectAdmin"\n  member = "serviceAccount:\${google_service_account.app.email}"\n}\n`,
    ),
  ),
  tf('gcp', 'token creator on one account', undefined, (m) =>
    m(
      `resource "google_service_account_iam_member" "ci_tokens" {\n  service_account_id = google_service_account.deployer.name\n  role               = "roles/iam.serviceAccountTokenCreator"\n  member             = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"\n}\n`,
    ),
  ),
  tf('gcp', 'owner of one service account', undefined, (m) =>
    m(
      `resource "google_service_account_iam_binding" "owners" {\n  service_account_id = google_service_account.app.name\n  role               = "roles/iam.serviceAccountUser"\n  members            = ["group:app-team@example.com"]\n}\n`,
    ),
  ),
  tf(
    'gcp',
    'instance with its own account',
    undefined,
    (m) =>
      `resource "google_compute_instance" "vm" {\n  name         = "worker"\n  machine_type = "e2-small"\n${m(`  service_account {\n    email  = google_service_account.worker.email\n    scopes = ["cloud-platform"]\n  }`)}\n}\n`,
  ),
  tf(
    'gcp',
    'predefined roles through the IAM module',
    undefined,
    (m) =>
      `module "project_iam" {\n  source   = "terraform-google-modules/iam/google//modules/projects_iam"\n  projects = ["acme-prod"]\n  bindings = {\n${m(`    "roles/logging.logWriter" = ["serviceAccount:app@acme-prod.iam.gserviceaccount.com"]\n    "roles/monitoring.metricWriter" = ["serviceAccount:app@acme-prod.iam.gserviceaccount.com"]`)}\n  }\n}\n`,
  ),
  // GKE nodes run as the default compute account unless node_config names another.
  tf(
    'gcp',
    'node pool with no service_account',
    DEFAULT_COMPUTE,
    (m) =>
      `resource "google_container_node_pool" "workers" {\n  name    = "workers"\n  cluster = google_container_cluster.main.id\n${m(`  node_config {\n    machine_type = "e2-standard-4"\n    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]\n  }`)}\n}\n`,
  ),
  tf(
    'gcp',
    'node pool with no node_config',
    DEFAULT_COMPUTE,
    (m) =>
      `${m('resource "google_container_node_pool" "spot"')} {\n  name       = "spot"\n  cluster    = google_container_cluster.main.id\n  node_count = 2\n}\n`,
  ),
  tf(
    'gcp',
    'cluster keeping its default node pool',
    DEFAULT_COMPUTE,
    (m) =>
      `${m('resource "google_container_cluster" "main"')} {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 3\n}\n`,
  ),
  tf(
    'gcp',
    'cluster node_config with no service_account',
    DEFAULT_COMPUTE,
    (m) =>
      `resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n${m(`  node_config {\n    machine_type = "e2-medium"\n  }`)}\n}\n`,
  ),
  tf(
    'gcp',
    'inline node_pool with no service_account',
    DEFAULT_COMPUTE,
    (m) =>
      `resource "google_container_cluster" "main" {\n  name     = "main"\n  location = "europe-west1"\n  node_pool {\n    name       = "default"\n    node_count = 1\n${m(`    node_config {\n      machine_type = "e2-medium"\n    }`)}\n  }\n}\n`,
  ),
  tf(
    'gcp',
    'Autopilot cluster with no node service account',
    DEFAULT_COMPUTE,
    (m) =>
      `resource "google_container_cluster" "autopilot" {\n  name             = "autopilot"\n  location         = "europe-west1"\n  ${m('enable_autopilot = true')}\n}\n`,
  ),
  tf(
    'gcp',
    'instance template with a scopes-only service_account',
    DEFAULT_COMPUTE,
    (m) =>
      `resource "google_compute_instance_template" "web" {\n  name_prefix  = "web-"\n  machine_type = "e2-small"\n  disk {\n    source_image = "debian-cloud/debian-12"\n  }\n  network_interface {\n    network = "default"\n  }\n${m(`  service_account {\n    scopes = ["cloud-platform"]\n  }`)}\n}\n`,
  ),
  tf(
    'gcp',
    'node pool with its own account',
    undefined,
    (m) =>
      `resource "google_container_node_pool" "workers" {\n  name    = "workers"\n  cluster = google_container_cluster.main.id\n${m(`  node_config {\n    machine_type    = "e2-standard-4"\n    service_account = google_service_account.nodes.email\n  }`)}\n}\n`,
  ),
  tf('gcp', 'cluster removing its default node pool', undefined, (m) =>
    m(
      `resource "google_container_cluster" "main" {\n  name                     = "main"\n  location                 = "europe-west1"\n  remove_default_node_pool = true\n  initial_node_count       = 1\n}\n`,
    ),
  ),
  tf('gcp', 'cluster default pool with its own account', undefined, (m) =>
    m(
      `resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n  node_config {\n    service_account = "gke-nodes@acme-prod.iam.gserviceaccount.com"\n    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]\n  }\n}\n`,
    ),
  ),
  tf('gcp', 'Autopilot cluster with its own node account', undefined, (m) =>
    m(
      `resource "google_container_cluster" "autopilot" {\n  name             = "autopilot"\n  location         = "europe-west1"\n  enable_autopilot = true\n  cluster_autoscaling {\n    auto_provisioning_defaults {\n      service_account = google_service_account.nodes.email\n    }\n  }\n}\n`,
    ),
  ),
  tf('gcp', 'instance template with no service account attached', undefined, (m) =>
    m(
      `resource "google_compute_instance_template" "batch" {\n  name_prefix  = "batch-"\n  machine_type = "e2-small"\n  disk {\n    source_image = "debian-cloud/debian-12"\n  }\n  network_interface {\n    network = "default"\n  }\n}\n`,
    ),
  ),
  tf('gcp', 'custom role on the project', undefined, (m) =>
    m(
      `resource "google_project_iam_member" "deployer" {\n  project = var.project_id\n  role    = google_project_iam_custom_role.deployer.id\n  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"\n}\n`,
    ),
  ),
];

const AZ_ASSIGN = ['azure-privileged-role-assignment'];
const AZ_ROLE = ['azure-custom-role-wildcard'];
const AZURE: TextCase[] = [
  tf(
    'azure',
    'Owner on the subscription',
    AZ_ASSIGN,
    (m) =>
      `data "azurerm_subscription" "current" {}\n\n${m(`resource "azurerm_role_assignment" "owner" {\n  scope                = data.azurerm_subscription.current.id\n  role_definition_name = "Owner"\n  principal_id         = azuread_service_principal.ci.object_id\n}`)}\n`,
  ),
  tf('azure', 'Contributor on a literal subscription', AZ_ASSIGN, (m) =>
    m(
      `resource "azurerm_role_assignment" "contrib" {\n  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"\n  role_definition_name = "Contributor"\n  principal_id         = azurerm_user_assigned_identity.app.principal_id\n}\n`,
    ),
  ),
  tf('azure', 'User Access Administrator on a management group', AZ_ASSIGN, (m) =>
    m(
      `resource "azurerm_role_assignment" "uaa" {\n  scope                = azurerm_management_group.platform.id\n  role_definition_name = "User Access Administrator"\n  principal_id         = var.principal_id\n}\n`,
    ),
  ),
  tf('azure', 'Owner by role id', AZ_ASSIGN, (m) =>
    m(
      `resource "azurerm_role_assignment" "by_id" {\n  scope              = "/subscriptions/00000000-0000-0000-0000-000000000000"\n  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"\n  principal_id       = var.principal_id\n}\n`,
    ),
  ),
  tf(
    'azure',
    'custom role with *',
    AZ_ROLE,
    (m) =>
      `resource "azurerm_role_definition" "ops" {\n  name  = "ops"\n  scope = data.azurerm_subscription.current.id\n  permissions {\n${m(`    actions     = ["*"]`)}\n    not_actions = []\n  }\n  assignable_scopes = [data.azurerm_subscription.current.id]\n}\n`,
  ),
  tf(
    'azure',
    'custom role that writes role assignments',
    AZ_ROLE,
    (m) =>
      `resource "azurerm_role_definition" "granter" {\n  name  = "granter"\n  scope = data.azurerm_subscription.current.id\n  permissions {\n${m(`    actions = [\n      "Microsoft.Authorization/roleAssignments/write",\n      "Microsoft.Resources/subscriptions/resourceGroups/read",\n    ]`)}\n  }\n}\n`,
  ),
  tf(
    'azure',
    'custom role with Microsoft.Authorization/*',
    AZ_ROLE,
    (m) =>
      `resource "azurerm_role_definition" "authz" {\n  name  = "authz"\n  scope = var.scope\n  permissions {\n${m(`    actions = ["Microsoft.Authorization/*"]`)}\n  }\n}\n`,
  ),
  {
    name: 'role definition JSON with *',
    path: 'azure/roles/ops-role.json',
    category: 'azure',
    form: 'azure-json',
    expect: AZ_ROLE,
    text: (m) =>
      `{\n  "Name": "Ops",\n  "IsCustom": true,\n  "Description": "Operators",\n  ${m('"Actions": ["*"]')},\n  "NotActions": [],\n  "AssignableScopes": ["/subscriptions/00000000-0000-0000-0000-000000000000"]\n}\n`,
  },
  {
    name: 'role definition JSON writing role definitions',
    path: 'azure/roles/role-admin.json',
    category: 'azure',
    form: 'azure-json',
    expect: AZ_ROLE,
    text: (m) =>
      `{\n  "Name": "Role admin",\n  "IsCustom": true,\n  ${m('"Actions": ["Microsoft.Authorization/roleDefinitions/write", "Microsoft.Authorization/roleAssignments/write"]')},\n  "AssignableScopes": ["/subscriptions/00000000-0000-0000-0000-000000000000"]\n}\n`,
  },
  // Negatives.
  tf('azure', 'Reader on the subscription', undefined, (m) =>
    m(
      `resource "azurerm_role_assignment" "reader" {\n  scope                = data.azurerm_subscription.current.id\n  role_definition_name = "Reader"\n  principal_id         = var.principal_id\n}\n`,
    ),
  ),
  tf('azure', 'Contributor on one resource group', undefined, (m) =>
    m(
      `resource "azurerm_role_assignment" "rg" {\n  scope                = azurerm_resource_group.app.id\n  role_definition_name = "Contributor"\n  principal_id         = azurerm_user_assigned_identity.app.principal_id\n}\n`,
    ),
  ),
  tf('azure', 'Owner on one storage account', undefined, (m) =>
    m(
      `resource "azurerm_role_assignment" "sa" {\n  scope                = azurerm_storage_account.data.id\n  role_definition_name = "Storage Blob Data Owner"\n  principal_id         = var.principal_id\n}\n`,
    ),
  ),
  tf(
    'azure',
    'custom role reading everything',
    undefined,
    (m) =>
      `resource "azurerm_role_definition" "reader" {\n  name  = "reader-plus"\n  scope = var.scope\n  permissions {\n${m(`    actions = ["*/read", "Microsoft.Insights/alertRules/*"]`)}\n  }\n}\n`,
  ),
  tf(
    'azure',
    'custom role reading role assignments',
    undefined,
    (m) =>
      `resource "azurerm_role_definition" "auditor" {\n  name  = "auditor"\n  scope = var.scope\n  permissions {\n${m(`    actions = ["Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/*/read"]`)}\n  }\n}\n`,
  ),
  {
    name: 'role definition JSON with scoped actions',
    path: 'azure/roles/vm-operator.json',
    category: 'azure',
    form: 'azure-json',
    text: (m) =>
      `{\n  "Name": "VM operator",\n  "IsCustom": true,\n  ${m('"Actions": ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/*/read"]')},\n  "AssignableScopes": ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vms"]\n}\n`,
  },
];

const MANAGED = ['aws-iam-privileged-managed-policy'];
const MANAGED_CASES: TextCase[] = [
  tf(
    'aws-managed',
    'AdministratorAccess attached to a role',
    MANAGED,
    (m) =>
      `resource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.ci.name\n  ${m('policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'PowerUserAccess to a user',
    MANAGED,
    (m) =>
      `resource "aws_iam_user_policy_attachment" "dev" {\n  user       = aws_iam_user.dev.name\n  ${m('policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'IAMFullAccess in managed_policy_arns',
    MANAGED,
    (m) =>
      `resource "aws_iam_role" "ops" {\n  name               = "ops"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  ${m('managed_policy_arns = ["arn:aws:iam::aws:policy/IAMFullAccess"]')}\n  tags = { owner = "ops" }\n}\n`,
  ),
  tf(
    'aws-managed',
    'admin policy read with a data source',
    MANAGED,
    (m) =>
      `data "aws_iam_policy" "admin" {\n  name = "AdministratorAccess"\n}\n\nresource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.ci.name\n  ${m('policy_arn = data.aws_iam_policy.admin.arn')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'admin policy data source by ARN',
    MANAGED,
    (m) =>
      `data "aws_iam_policy" "power" {\n  arn = "arn:aws:iam::aws:policy/PowerUserAccess"\n}\n\nresource "aws_iam_group_policy_attachment" "devs" {\n  group      = aws_iam_group.devs.name\n  ${m('policy_arn = data.aws_iam_policy.power.arn')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'AdministratorAccess through module inputs',
    MANAGED,
    (m) =>
      `module "ci_role" {\n  source  = "terraform-aws-modules/iam/aws//modules/iam-role"\n  name    = "ci"\n  policies = {\n    ${m('AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"')}\n  }\n}\n`,
  ),
  tf(
    'aws-managed',
    'admin in module custom_role_policy_arns',
    MANAGED,
    (m) =>
      `module "deployer" {\n  source = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"\n  role_name = "deployer"\n  custom_role_policy_arns = [\n    ${m('"arn:aws:iam::aws:policy/AdministratorAccess"')},\n  ]\n}\n`,
  ),
  tf(
    'aws-managed',
    'SSO permission set with AdministratorAccess',
    MANAGED,
    (m) =>
      `resource "aws_ssoadmin_managed_policy_attachment" "admin" {\n  instance_arn       = local.sso_instance_arn\n  permission_set_arn = aws_ssoadmin_permission_set.admin.arn\n  ${m('managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"')}\n}\n`,
  ),
  {
    name: 'CloudFormation role with AdministratorAccess',
    path: 'cloudformation/admin-role.yaml',
    category: 'aws-managed',
    form: 'cfn-yaml',
    expect: MANAGED,
    text: (m) =>
      `Resources:\n  DeployRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: codebuild.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - ${m("!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'")}\n`,
  },
  {
    name: 'SAM function with AdministratorAccess',
    path: 'sam/template.yaml',
    category: 'aws-managed',
    form: 'sam-yaml',
    expect: MANAGED,
    text: (m) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.12\n      Policies:\n        - ${m('AdministratorAccess')}\n`,
  },
  {
    name: 'CloudFormation SSO permission set with AdministratorAccess',
    path: 'cloudformation/sso.yaml',
    category: 'aws-managed',
    form: 'cfn-yaml',
    expect: MANAGED,
    text: (m) =>
      `Resources:\n  AdminSet:\n    Type: AWS::SSO::PermissionSet\n    Properties:\n      Name: Admins\n      InstanceArn: !Ref InstanceArn\n      ManagedPolicies:\n        - ${m('arn:aws:iam::aws:policy/AdministratorAccess')}\n`,
  },
  // Negatives.
  tf(
    'aws-managed',
    'ReadOnlyAccess attached',
    undefined,
    (m) =>
      `resource "aws_iam_role_policy_attachment" "ro" {\n  role       = aws_iam_role.audit.name\n  ${m('policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'Lambda basic execution role',
    undefined,
    (m) =>
      `resource "aws_iam_role_policy_attachment" "logs" {\n  role       = aws_iam_role.fn.name\n  ${m('policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'ViewOnlyAccess job function',
    undefined,
    (m) =>
      `resource "aws_iam_group_policy_attachment" "view" {\n  group      = aws_iam_group.support.name\n  ${m('policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'read-only policy data source',
    undefined,
    (m) =>
      `data "aws_iam_policy" "ro" {\n  name = "ReadOnlyAccess"\n}\n\nresource "aws_iam_role_policy_attachment" "ro" {\n  role       = aws_iam_role.audit.name\n  ${m('policy_arn = data.aws_iam_policy.ro.arn')}\n}\n`,
  ),
  tf(
    'aws-managed',
    'module with a read-only policy',
    undefined,
    (m) =>
      `module "audit_role" {\n  source = "terraform-aws-modules/iam/aws//modules/iam-role"\n  name   = "audit"\n  policies = {\n    ${m('ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"')}\n  }\n}\n`,
  ),
  tf(
    'aws-managed',
    'SSO permission set with ViewOnlyAccess',
    undefined,
    (m) =>
      `resource "aws_ssoadmin_managed_policy_attachment" "view" {\n  instance_arn       = local.sso_instance_arn\n  permission_set_arn = aws_ssoadmin_permission_set.view.arn\n  ${m('managed_policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"')}\n}\n`,
  ),
  {
    name: 'SAM function with a policy template',
    path: 'sam/reader.yaml',
    category: 'aws-managed',
    form: 'sam-yaml',
    text: (m) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Policies:\n${m('        - DynamoDBReadPolicy:\n            TableName: !Ref Table\n        - AWSLambdaBasicExecutionRole')}\n`,
  },
];

const OWNER = ['missing-owner-tag'];
const own = (name: string, expect: string[] | undefined, text: (m: Mark) => string, path?: string): TextCase => ({
  ...tf('ownership', name, expect, text, 'ownership'),
  ...(path ? { path } : {}),
});
/** A case in its own folder: module calls are read across folders (see corpusModuleFiles). */
const call = (name: string, expect: string[] | undefined, path: string, text: (m: Mark) => string): TextCase => ({
  ...own(name, expect, text, path),
  form: 'tf-module-call',
});
const OWNERSHIP: TextCase[] = [
  own(
    'role without tags',
    OWNER,
    (m) =>
      `${m('resource "aws_iam_role" "app"')} {\n  name               = "app"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n`,
  ),
  own(
    'user with tags but no owner',
    OWNER,
    (m) => `${m('resource "aws_iam_user" "ci"')} {\n  name = "ci"\n  tags = {\n    env = "prod"\n  }\n}\n`,
  ),
  own(
    'managed identity without tags',
    OWNER,
    (m) =>
      `${m('resource "azurerm_user_assigned_identity" "app"')} {\n  name                = "app"\n  location            = "westeurope"\n  resource_group_name = "rg"\n}\n`,
  ),
  own(
    'service principal without owners',
    OWNER,
    (m) => `${m('resource "azuread_service_principal" "ci"')} {\n  client_id = azuread_application.ci.client_id\n}\n`,
  ),
  {
    name: 'CloudFormation role without Tags',
    path: 'cloudformation/untagged-role.yaml',
    category: 'ownership',
    form: 'cfn-yaml',
    family: 'ownership',
    expect: OWNER,
    text: (m) =>
      `Resources:\n  ${m('AppRole')}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n`,
  },
  {
    name: 'ServiceAccount without owner label',
    path: 'k8s/sa.yaml',
    category: 'ownership',
    form: 'k8s-yaml',
    family: 'ownership',
    expect: OWNER,
    text: (m) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${m('builder')}\n  namespace: ci\n`,
  },
  // Negatives.
  own('policy without tags (not an identity)', undefined, (m) =>
    m(`resource "aws_iam_policy" "read" {\n  name   = "read"\n  policy = data.aws_iam_policy_document.read.json\n}\n`),
  ),
  own('KMS key without tags', undefined, (m) =>
    m(`resource "aws_kms_key" "data" {\n  description         = "data"\n  enable_key_rotation = true\n}\n`),
  ),
  own('secret without tags', undefined, (m) => m(`resource "aws_secretsmanager_secret" "db" {\n  name = "db-password"\n}\n`)),
  own(
    'role in a module passing var.tags',
    undefined,
    (m) =>
      `variable "tags" {\n  type    = map(string)\n  default = {}\n}\n\n${m(`resource "aws_iam_role" "this" {\n  name               = var.name\n  assume_role_policy = var.assume_role_policy\n  tags               = var.tags\n}`)}\n`,
    'modules/iam-role/main.tf',
  ),
  own(
    'role in a module merging var.tags',
    undefined,
    (m) =>
      m(
        `resource "aws_iam_role" "this" {\n  name               = var.name\n  assume_role_policy = var.trust_policy\n  tags               = merge(var.tags, { Name = var.name })\n}\n`,
      ),
    'modules/service/iam.tf',
  ),
  // Calls of the local modules above (and of two more), which leave the owner tag to the caller.
  call(
    'module call passing no tags',
    OWNER,
    'callers/no-tags/main.tf',
    (m) =>
      `${m('module "ci_role"')} {\n  source             = "../../modules/iam-role"\n  name               = "ci"\n  assume_role_policy = data.aws_iam_policy_document.ci.json\n}\n`,
  ),
  call(
    'module call with tags but no owner',
    OWNER,
    'callers/env-tags/main.tf',
    (m) =>
      `${m('module "ci_role"')} {\n  source             = "../../modules/iam-role"\n  name               = "ci"\n  assume_role_policy = data.aws_iam_policy_document.ci.json\n  tags = {\n    env = "prod"\n  }\n}\n`,
  ),
  call(
    'module call of a merging module, no tags',
    OWNER,
    'callers/service/main.tf',
    (m) =>
      `${m('module "service"')} {\n  source       = "../../modules/service"\n  name         = "orders"\n  trust_policy = data.aws_iam_policy_document.ecs.json\n}\n`,
  ),
  call(
    'module call through a nested module',
    OWNER,
    'callers/platform/main.tf',
    (m) => `${m('module "platform"')} {\n  source = "../../modules/platform"\n  tags   = { cost_center = "1234" }\n}\n`,
  ),
  call(
    'module passing its own var.tags on',
    undefined,
    'modules/platform/main.tf',
    (m) =>
      `variable "tags" {\n  type    = map(string)\n  default = {}\n}\n\n${m(`module "deployer" {\n  source             = "../iam-role"\n  name               = "deployer"\n  assume_role_policy = var.trust\n  tags               = var.tags\n}`)}\n`,
  ),
  call('module call passing an owner', undefined, 'callers/owned/main.tf', (m) =>
    m(
      `module "ci_role" {\n  source             = "../../modules/iam-role"\n  name               = "ci"\n  assume_role_policy = data.aws_iam_policy_document.ci.json\n  tags               = { owner = "payments", env = "prod" }\n}\n`,
    ),
  ),
  call(
    'module call with the owner in merge',
    undefined,
    'callers/merged/main.tf',
    (m) =>
      `locals {\n  common = { env = "prod" }\n}\n\n${m(`module "service" {\n  source       = "../../modules/service"\n  name         = "orders"\n  trust_policy = data.aws_iam_policy_document.ecs.json\n  tags         = merge(local.common, { owner = "orders-team" })\n}`)}\n`,
  ),
  call(
    'module call covered by provider default_tags',
    undefined,
    'callers/default-tags/main.tf',
    (m) =>
      `provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = { owner = "platform" }\n  }\n}\n\n${m(`module "ci_role" {\n  source             = "../../modules/iam-role"\n  name               = "ci"\n  assume_role_policy = data.aws_iam_policy_document.ci.json\n}`)}\n`,
  ),
  call('module call of a module that owns its identities', undefined, 'callers/self-owned/main.tf', (m) =>
    m(`module "auditor" {\n  source = "../../modules/owned-role"\n  name   = "auditor"\n}\n`),
  ),
  call('module whose role sets its own owner', undefined, 'modules/owned-role/main.tf', (m) =>
    m(
      `resource "aws_iam_role" "this" {\n  name               = var.name\n  assume_role_policy = var.trust\n  tags               = merge(var.tags, { owner = "security" })\n}\n`,
    ),
  ),
  call('registry module call (not read)', undefined, 'callers/registry/main.tf', (m) =>
    m(`module "ci_role" {\n  source  = "terraform-aws-modules/iam/aws//modules/iam-role"\n  version = "5.39.0"\n  name    = "ci"\n}\n`),
  ),
  own('role with owner in merge', undefined, (m) =>
    m(
      `resource "aws_iam_role" "svc" {\n  name               = "svc"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  tags               = merge(local.common_tags, { owner = "payments" })\n}\n`,
    ),
  ),
  own(
    'role with owner through locals',
    undefined,
    (m) =>
      `locals {\n  tags = { owner = "platform", env = "prod" }\n}\n\n${m(`resource "aws_iam_role" "svc" {\n  name               = "svc"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  tags               = local.tags\n}`)}\n`,
  ),
  own(
    'role covered by provider default_tags',
    undefined,
    (m) =>
      `provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = { owner = "platform" }\n  }\n}\n\n${m(`resource "aws_iam_role" "svc" {\n  name               = "svc"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}`)}\n`,
  ),
  own('S3 bucket without tags (not an identity)', undefined, (m) => m(`resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n`)),
  {
    name: 'CloudFormation managed policy (no Tags property)',
    path: 'cloudformation/policy-only.yaml',
    category: 'ownership',
    form: 'cfn-yaml',
    family: 'ownership',
    text: (m) =>
      `Resources:\n${m('  ReadPolicy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::acme/*')}\n`,
  },
  {
    name: 'CloudFormation KMS key without Tags',
    path: 'cloudformation/key.yaml',
    category: 'ownership',
    form: 'cfn-yaml',
    family: 'ownership',
    text: (m) => `Resources:\n${m('  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true')}\n`,
  },
];

const KEYS: TextCase[] = [
  tf(
    'keys',
    'AWS access key',
    ['aws-iam-access-key-created'],
    (m) => `${m('resource "aws_iam_access_key" "ci"')} {\n  user = aws_iam_user.ci.name\n}\n`,
    'credential-lifetime',
  ),
  tf(
    'keys',
    'GCP service account key',
    ['gcp-service-account-key-created'],
    (m) => `${m('resource "google_service_account_key" "ci"')} {\n  service_account_id = google_service_account.ci.name\n}\n`,
    'credential-lifetime',
  ),
  {
    name: 'CloudFormation access key',
    path: 'cloudformation/key-user.yaml',
    category: 'keys',
    form: 'cfn-yaml',
    family: 'credential-lifetime',
    expect: ['aws-iam-access-key-created'],
    text: (m) => `Resources:\n  ${m('CiKey')}:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref CiUser\n`,
  },
  tf(
    'keys',
    'user without a key',
    undefined,
    (m) => m(`resource "aws_iam_user" "ci" {\n  name = "ci"\n  tags = { owner = "platform" }\n}\n`),
    'credential-lifetime',
  ),
  tf(
    'keys',
    'workload identity pool instead of a key',
    undefined,
    (m) => m(`resource "google_iam_workload_identity_pool" "gh" {\n  workload_identity_pool_id = "github"\n}\n`),
    'credential-lifetime',
  ),
];

const ANY_PRINCIPAL = ['aws-resource-policy-any-principal'];
const LAMBDA: TextCase[] = [
  tf(
    'aws-resource',
    'Lambda invocable by anyone',
    ANY_PRINCIPAL,
    (m) =>
      `resource "aws_lambda_permission" "public" {\n  statement_id  = "AllowAll"\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.api.function_name\n  ${m('principal     = "*"')}\n}\n`,
  ),
  tf(
    'aws-resource',
    'Lambda invocable by one API',
    undefined,
    (m) =>
      `resource "aws_lambda_permission" "apigw" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.api.function_name\n  ${m('principal     = "apigateway.amazonaws.com"')}\n  source_arn    = "\${aws_api_gateway_rest_api.api.execution_arn}/*"\n}\n`,
  ),
  tf(
    'aws-resource',
    'Lambda * scoped to a source account',
    undefined,
    (m) =>
      `resource "aws_lambda_permission" "acct" {\n  action         = "lambda:InvokeFunction"\n  function_name  = "api"\n  ${m('principal      = "*"')}\n  source_account = "123456789012"\n}\n`,
  ),
  {
    name: 'CloudFormation Lambda permission for anyone',
    path: 'cloudformation/lambda-permission.yaml',
    category: 'aws-resource',
    form: 'cfn-yaml',
    expect: ANY_PRINCIPAL,
    text: (m) =>
      `Resources:\n  Open:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Fn\n      Principal: ${m("'*'")}\n`,
  },
  {
    name: 'CloudFormation Lambda permission for S3 with SourceArn',
    path: 'cloudformation/lambda-s3.yaml',
    category: 'aws-resource',
    form: 'cfn-yaml',
    text: (m) =>
      `Resources:\n  FromS3:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Fn\n      ${m('Principal: s3.amazonaws.com')}\n      SourceArn: !GetAtt Bucket.Arn\n`,
  },
];

export function otherDocuments(): IacDocument[] {
  return documents([...GHA, ...GCP, ...AZURE, ...MANAGED_CASES, ...LAMBDA, ...OWNERSHIP, ...KEYS]);
}
