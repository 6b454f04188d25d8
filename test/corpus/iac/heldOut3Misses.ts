/**
 * Cases for the forms and checks added after the third held-out set (test/corpus/heldout3,
 * issue 12) showed the analysers missing them or flagging look-alikes. Written here in other
 * words than the set's (other names, services, roles and layouts), so each fix is measured on the
 * team corpus too and does not rest on the set that found it.
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
): Case => ({ category, form, name, path: `held-out3-misses/${path}`, expect, family, text });

const MANAGED = ['aws-iam-privileged-managed-policy'];
const cfnRole = (managed: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nConditions:\n  IsSandbox: !Equals [!Ref AWS::AccountId, "111122223333"]\nResources:\n  BuildRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: codebuild.amazonaws.com\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n${managed}\n      Tags:\n        - Key: owner\n          Value: build-infra\n`;
const cfnTrust = (condition: string) => (m: Mark) =>
  `Parameters:\n  AuditAccount:\n    Type: String\nResources:\n  AuditReader:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n${m(`            Principal:\n              AWS:\n                Fn::Join:\n                  - ":"\n                  - - "arn:aws:iam:"\n                    - !Ref AuditAccount\n                    - "root"`)}\n            Action: sts:AssumeRole\n${condition}      Tags:\n        - Key: owner\n          Value: audit\n`;
const slsManaged = (policy: string) => (m: Mark) =>
  `service: report-exporter\nframeworkVersion: "2"\nprovider:\n  name: aws\n  runtime: nodejs18.x\n  iamManagedPolicies:\n${m(`    - Fn::Join:\n        - ""\n        - - "arn:"\n          - Ref: AWS::Partition\n          - ":iam::aws:policy/${policy}"`)}\nfunctions:\n  export:\n    handler: export.handler\n`;
const pulumiLookup = (args: string) => (m: Mark) =>
  `name: data-lake\nruntime: yaml\nvariables:\n  lakePolicy:\n    fn::invoke:\n      function: aws:iam:getPolicy\n      arguments:\n        ${args}\nresources:\n  lakeUser:\n    type: aws:iam:User\n    properties:\n      tags:\n        owner: data-platform\n  lakeAttach:\n    type: aws:iam:UserPolicyAttachment\n    properties:\n      user: \${lakeUser.name}\n${m('      policyArn: ${lakePolicy.arn}')}\n`;
const folderPolicy = (role: string) => (m: Mark) =>
  `data "google_iam_policy" "research" {\n  binding {\n${m(`    role    = "${role}"`)}\n    members = ["serviceAccount:folder-bot@infra-seed.iam.gserviceaccount.com"]\n  }\n}\n\nresource "google_folder_iam_policy" "research" {\n  folder      = "folders/4455667788"\n  policy_data = data.google_iam_policy.research.policy_data\n}\n`;
const gha = (run: string) =>
  `name: nightly-export\non:\n  schedule:\n    - cron: "0 3 * * *"\npermissions:\n  contents: read\njobs:\n  export:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${run}\n      - run: gsutil cp out/*.csv gs://acme-exports/\n`;

const CASES: Case[] = [
  // CloudFormation: either branch of a condition can be deployed.
  c(
    'aws-managed',
    'cloudformation',
    'IAMFullAccess in the true branch of Fn::If inside the list',
    'cfn-if/admin/template.yaml',
    MANAGED,
    (m) =>
      cfnRole(
        `        - Fn::If:\n            - IsSandbox\n${m('            - "arn:aws:iam::aws:policy/IAMFullAccess"')}\n            - !Ref AWS::NoValue`,
      ),
  ),
  c('aws-managed', 'cloudformation', 'read-only policies in both branches of !If', 'cfn-if/read-only/template.yaml', undefined, (m) =>
    m(
      cfnRole(
        `        !If\n          - IsSandbox\n          - - arn:aws:iam::aws:policy/ReadOnlyAccess\n          - - arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`,
      ),
    ),
  ),
  // CloudFormation: an account built with block-style Fn::Join.
  c(
    'aws-trust',
    'cloudformation',
    'whole audit account joined from a parameter, no condition',
    'cfn-join-trust/open/template.yaml',
    ['aws-iam-cross-account-trust'],
    cfnTrust(''),
  ),
  c('aws-trust', 'cloudformation', 'joined audit account with an ExternalId', 'cfn-join-trust/external-id/template.yaml', undefined, (m) =>
    m(cfnTrust(`            Condition:\n              StringEquals:\n                sts:ExternalId: audit-7f3c\n`)((t) => t)),
  ),
  // Serverless v2 spelling with Fn::Join and Ref AWS::Partition.
  c(
    'aws-managed',
    'serverless',
    'IAMFullAccess joined with the partition (iamManagedPolicies)',
    'sls-join/admin/serverless.yml',
    MANAGED,
    slsManaged('IAMFullAccess'),
  ),
  c('aws-managed', 'serverless', 'read-only policy joined with the partition', 'sls-join/read-only/serverless.yml', undefined, (m) =>
    m(slsManaged('AmazonS3ReadOnlyAccess')((t) => t)),
  ),
  // Pulumi YAML: a managed policy looked up, then attached.
  c(
    'aws-managed',
    'pulumi',
    'PowerUserAccess looked up by ARN and attached to a user',
    'pulumi-lookup/admin/Pulumi.yaml',
    MANAGED,
    pulumiLookup('arn: arn:aws:iam::aws:policy/PowerUserAccess'),
  ),
  c('aws-managed', 'pulumi', 'read-only policy looked up by name', 'pulumi-lookup/read-only/Pulumi.yaml', undefined, (m) =>
    m(pulumiLookup('name: AmazonAthenaFullAccess')((t) => t)),
  ),
  // GCP: authoritative policies, public members, impersonation by a whole domain.
  c(
    'gcp',
    'terraform',
    'folderIamAdmin in a folder policy from data google_iam_policy',
    'gcp-policy-data/admin/folder.tf',
    ['gcp-iam-admin-role'],
    folderPolicy('roles/resourcemanager.folderIamAdmin'),
  ),
  c('gcp', 'terraform', 'folder viewer in a folder policy', 'gcp-policy-data/viewer/folder.tf', undefined, (m) =>
    m(folderPolicy('roles/resourcemanager.folderViewer')((t) => t)),
  ),
  c(
    'gcp',
    'terraform',
    'browser on the organization for every Google account',
    'gcp-public/org/iam.tf',
    ['gcp-public-access'],
    (m) =>
      `resource "google_organization_iam_binding" "browse" {\n  org_id  = "998877665544"\n${m('  role    = "roles/browser"')}\n  members = ["allAuthenticatedUsers", "group:staff@acme.example"]\n}\n`,
  ),
  c(
    'gcp',
    'terraform',
    'token creator on one account for the whole domain',
    'gcp-domain-impersonation/iam.tf',
    ['gcp-impersonation-role'],
    (m) =>
      `resource "google_service_account_iam_binding" "release_tokens" {\n  service_account_id = google_service_account.release.name\n${m('  role               = "roles/iam.serviceAccountTokenCreator"')}\n  members            = ["domain:acme.example"]\n}\n`,
  ),
  // Terraform kubernetes provider: legacy token Secret.
  c(
    'keys',
    'terraform',
    'legacy token Secret with the kubernetes provider (v0 name)',
    'k8s-provider-token/token.tf',
    ['k8s-legacy-service-account-token'],
    (m) =>
      `resource "kubernetes_secret" "scraper_token" {\n  metadata {\n    name      = "scraper-token"\n    namespace = "monitoring"\n    annotations = {\n      "kubernetes.io/service-account.name" = "scraper"\n    }\n  }\n${m('  type = "kubernetes.io/service-account-token"')}\n}\n`,
    'credential-lifetime',
  ),
  c(
    'keys',
    'terraform',
    'opaque Secret with the kubernetes provider',
    'k8s-provider-token/opaque.tf',
    undefined,
    (m) =>
      m(
        `resource "kubernetes_secret" "app_config" {\n  metadata {\n    name = "app-config"\n  }\n  type = "Opaque"\n  data = {\n    LOG_LEVEL = "info"\n  }\n}\n`,
      ),
    'credential-lifetime',
  ),
  // GitHub Actions: a run step that logs in with a stored key.
  c(
    'gha',
    'workflow',
    'gcloud activates a service account key file in a run step',
    '.github/workflows/nightly-export.yml',
    ['gha-static-cloud-credentials'],
    (m) =>
      gha(
        `      - run: echo '\${{ secrets.GCP_EXPORT_KEY }}' > key.json\n${m('      - run: gcloud auth activate-service-account --key-file=key.json')}`,
      ),
    'credential-lifetime',
  ),
  c(
    'gha',
    'workflow',
    'az login with a managed identity on a self-hosted runner',
    '.github/workflows/nightly-identity.yml',
    undefined,
    (m) => m(gha(`      - run: az login --identity --username "\${{ vars.RUNNER_IDENTITY_ID }}"`)),
    'credential-lifetime',
  ),
  // Long-lived credentials beyond access keys.
  c(
    'keys',
    'terraform',
    'Keyspaces service-specific credential',
    'static-creds/keyspaces.tf',
    ['aws-iam-access-key-created'],
    (m) =>
      `${m('resource "aws_iam_service_specific_credential" "cassandra" {')}\n  service_name = "cassandra.amazonaws.com"\n  user_name    = aws_iam_user.cassandra_app.name\n}\n`,
    'credential-lifetime',
  ),
  c(
    'keys',
    'terraform',
    'SSH public key uploaded for CodeCommit',
    'static-creds/ssh-key.tf',
    undefined,
    (m) =>
      m(
        `resource "aws_iam_user_ssh_key" "mirror" {\n  username   = aws_iam_user.mirror.name\n  encoding   = "SSH"\n  public_key = file("mirror.pub")\n}\n`,
      ),
    'credential-lifetime',
  ),
  c(
    'keys',
    'terraform',
    'HMAC key for an interop client',
    'static-creds/hmac.tf',
    ['gcp-service-account-key-created'],
    (m) =>
      `${m('resource "google_storage_hmac_key" "interop" {')}\n  service_account_email = google_service_account.interop.email\n  state                 = "ACTIVE"\n}\n`,
    'credential-lifetime',
  ),
  c(
    'keys',
    'terraform',
    'certificate on a service principal',
    'static-creds/sp-cert.tf',
    ['azure-ad-password-credential'],
    (m) =>
      `${m('resource "azuread_service_principal_certificate" "erp" {')}\n  service_principal_id = azuread_service_principal.erp.id\n  type                 = "AsymmetricX509Cert"\n  value                = file("erp.pem")\n  end_date_relative    = "26280h"\n}\n`,
    'credential-lifetime',
  ),
  // Owners: default keys, identities only.
  c(
    'ownership',
    'terraform',
    'role whose Maintainer tag names the owner',
    'owners/maintainer/role.tf',
    undefined,
    (m) =>
      m(
        `resource "aws_iam_role" "etl" {\n  name               = "etl"\n  assume_role_policy = data.aws_iam_policy_document.glue_trust.json\n  tags = {\n    Maintainer = "data-eng@acme.example"\n  }\n}\n`,
      ),
    'ownership',
  ),
  c(
    'ownership',
    'kubernetes',
    'ServiceAccount with a namespaced team label',
    'owners/namespaced-team/sa.yaml',
    undefined,
    (m) => m(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: billing-sync\n  labels:\n    acme.example/team: billing\n`),
    'ownership',
  ),
  c(
    'ownership',
    'kubernetes',
    'ServiceAccount labelled only with a cost center',
    'owners/cost-center/sa.yaml',
    ['missing-owner-tag'],
    (m) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n${m('  name: billing-export')}\n  labels:\n    cost-center: "4410"\n`,
    'ownership',
  ),
  c(
    'ownership',
    'cloudformation',
    'OIDC provider without tags (not an identity)',
    'owners/oidc-provider/template.yaml',
    undefined,
    (m) =>
      m(
        `Resources:\n  GitLabOidc:\n    Type: AWS::IAM::OIDCProvider\n    Properties:\n      Url: https://gitlab.acme.example\n      ClientIdList: [https://gitlab.acme.example]\n      ThumbprintList: [0123456789abcdef0123456789abcdef01234567]\n`,
      ),
    'ownership',
  ),
  // Resource policies of event buses and search domains.
  c(
    'aws-resource',
    'terraform',
    'Elasticsearch domain readable by any principal',
    'open-resource/es.tf',
    ['aws-resource-policy-any-principal'],
    (m) =>
      `resource "aws_elasticsearch_domain" "audit" {\n  domain_name = "audit"\n  access_policies = <<POLICY\n{\n  "Statement": [\n    {\n      "Effect": "Allow",\n${m('      "Principal": "*",')}\n      "Action": "es:ESHttpGet",\n      "Resource": "arn:aws:es:us-west-2:444455556666:domain/audit/*"\n    }\n  ]\n}\nPOLICY\n}\n`,
  ),
  c('aws-resource', 'cloudformation', 'OpenSearch domain for one named role', 'open-resource/search.yaml', undefined, (m) =>
    m(
      `Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      DomainName: catalog\n      AccessPolicies:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::444455556666:role/catalog-indexer\n            Action: es:ESHttpPut\n            Resource: arn:aws:es:us-west-2:444455556666:domain/catalog/*\n`,
    ),
  ),
  c(
    'aws-resource',
    'cloudformation',
    'event bus any account may write to',
    'open-resource/bus.yaml',
    ['aws-resource-policy-any-principal'],
    (m) =>
      `Resources:\n  IngestBusPolicy:\n    Type: AWS::Events::EventBusPolicy\n    Properties:\n      EventBusName: ingest\n      StatementId: Everyone\n      Statement:\n        Effect: Allow\n${m('        Principal: "*"')}\n        Action: events:PutEvents\n        Resource: arn:aws:events:us-west-2:444455556666:event-bus/ingest\n`,
  ),
  // EKS IRSA: the audience is the same for every service account of the cluster.
  c(
    'aws-trust',
    'cloudformation',
    'IRSA role trusted on the audience of a literal EKS issuer only',
    'irsa/aud-only/template.yaml',
    ['aws-iam-trust-any-principal'],
    (m) =>
      `Resources:\n  ShipperRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              Federated: arn:aws:iam::444455556666:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0A1B2C3D4E5F\n            Action: sts:AssumeRoleWithWebIdentity\n            Condition:\n              StringEquals:\n${m('                oidc.eks.us-west-2.amazonaws.com/id/0A1B2C3D4E5F:aud: sts.amazonaws.com')}\n      Tags:\n        - Key: owner\n          Value: logging\n`,
  ),
  c('aws-trust', 'cloudformation', 'IRSA role trusted for one service account', 'irsa/scoped/template.yaml', undefined, (m) =>
    m(
      `Resources:\n  ShipperRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              Federated: arn:aws:iam::444455556666:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0A1B2C3D4E5F\n            Action: sts:AssumeRoleWithWebIdentity\n            Condition:\n              StringEquals:\n                oidc.eks.us-west-2.amazonaws.com/id/0A1B2C3D4E5F:aud: sts.amazonaws.com\n                oidc.eks.us-west-2.amazonaws.com/id/0A1B2C3D4E5F:sub: system:serviceaccount:logging:shipper\n      Tags:\n        - Key: owner\n          Value: logging\n`,
    ),
  ),
  // Kubernetes RBAC: control of admission and of client certificates.
  c(
    'k8s-rbac',
    'kubernetes',
    'policy engine installer that patches validating webhooks',
    'k8s-control/webhooks.yaml',
    ['k8s-rbac-escalation-verb'],
    (m) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: gatekeeper-installer\nrules:\n${m('  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["validatingwebhookconfigurations"]\n    verbs: ["get", "patch"]')}\n`,
  ),
  c(
    'k8s-rbac',
    'kubernetes',
    'approver of API-server client certificates',
    'k8s-control/csr.yaml',
    ['k8s-rbac-escalation-verb'],
    (m) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: client-cert-approver\nrules:\n${m('  - apiGroups: ["certificates.k8s.io"]\n    resources: ["certificatesigningrequests/approval"]\n    verbs: ["update"]')}\n  - apiGroups: ["certificates.k8s.io"]\n    resources: ["signers"]\n    resourceNames: ["kubernetes.io/kube-apiserver-client"]\n    verbs: ["approve"]\n`,
  ),
  c('k8s-rbac', 'kubernetes', 'approver of kubelet serving certificates only', 'k8s-control/kubelet-serving.yaml', undefined, (m) =>
    m(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: kubelet-csr-approver\nrules:\n  - apiGroups: ["certificates.k8s.io"]\n    resources: ["certificatesigningrequests", "certificatesigningrequests/approval"]\n    verbs: ["get", "list", "watch", "update"]\n  - apiGroups: ["certificates.k8s.io"]\n    resources: ["signers"]\n    resourceNames: ["kubernetes.io/kubelet-serving"]\n    verbs: ["approve"]\n`,
    ),
  ),
  c(
    'k8s-binding',
    'kubernetes',
    'cluster-wide read access for anonymous users',
    'k8s-anonymous/read.yaml',
    ['k8s-broad-group-binding'],
    (m) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: dashboard-anonymous\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n${m('  - kind: User\n    name: system:anonymous')}\n`,
  ),
  c('k8s-binding', 'kubernetes', 'health and version endpoints for anonymous users', 'k8s-anonymous/public-info.yaml', undefined, (m) =>
    m(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: healthz-anonymous\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: system:public-info-viewer\nsubjects:\n  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: system:unauthenticated\n`,
    ),
  ),
  // Key Vault: one finding per access policy.
  c(
    'azure',
    'bicep',
    'one access policy with all on secrets and on keys',
    'kv-one-policy/kv.bicep',
    ['azure-key-vault-all-permissions'],
    (m) =>
      `resource vault 'Microsoft.KeyVault/vaults@2023-02-01' = {\n  name: 'kv-ledger'\n  location: resourceGroup().location\n  properties: {\n    tenantId: subscription().tenantId\n    sku: { family: 'A', name: 'standard' }\n    accessPolicies: [\n${m(`      {\n        tenantId: subscription().tenantId\n        objectId: '9a8b7c6d-0000-4000-8000-112233445566'\n        permissions: {\n          secrets: [ 'all' ]\n          keys: [ 'all' ]\n        }\n      }`)}\n    ]\n  }\n}\n`,
  ),
];

export function heldOut3MissDocuments(): IacDocument[] {
  // Kustomize owner labels are not here: the corpus scores each file alone (no siblings), so
  // test/workspace/terraformSiblings.test.ts and the engine tests cover them.
  return CASES.map((k) => {
    const label = k.expect ? positive(k.expect, k.category, k.form, k.name, k.family) : negative(k.category, k.form, k.name, k.family);
    return iacDocument(
      k.path,
      k.text((t) => region(label, t)),
    );
  });
}
