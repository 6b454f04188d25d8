/**
 * The structural IaC checks, in one place: what each flags, which analysers emit it, what access
 * it amounts to, and the quick fix its issues may carry. Rules stay data (rules/iac-*.yaml give a
 * check an id, texts, a severity and examples); this is the code side they name with `check:`.
 * `npm run build` fails when a rule names a check missing here, a check here has no rule or two,
 * or a rule's category contradicts `grants` (see engine/rules/checkCoverage.ts).
 */
import type { IacKind } from './iacScanner';

/** The analysers, by module, and the file kinds each one reads. */
export const ANALYSERS = {
  /** aws/policyAnalyzer.ts: any IAM policy document, wherever it is written. */
  'aws-policy': { reads: ['terraform', 'cloudformation', 'iam-policy', 'serverless', 'pulumi', 'aws-cdk', 'ansible'] },
  /** terraform/*: attachments, cloud roles, keys and owners of Terraform resources. */
  terraform: { reads: ['terraform'] },
  /** cloudformation/cloudFormationAnalyzer.ts: resources of CloudFormation and SAM templates. */
  cloudformation: { reads: ['cloudformation'] },
  /** kubernetes/kubernetesAnalyzer.ts: RBAC, ServiceAccounts, token Secrets and workloads. */
  kubernetes: { reads: ['kubernetes', 'helm-template', 'pulumi', 'ansible'] },
  /** githubActions/workflowAnalyzer.ts: GitHub Actions workflows. */
  'github-actions': { reads: ['github-workflow'] },
  /** gitlabCi/gitlabCiAnalyzer.ts: GitLab CI pipelines (.gitlab-ci.yml). */
  'gitlab-ci': { reads: ['gitlab-ci'] },
  /** azure/roleDefinitionAnalyzer.ts: Azure custom role definitions as JSON. */
  'azure-role-definition': { reads: ['azure-role-definition'] },
  /**
   * pulumi/pulumiAnalyzer.ts, pulumiOtherProviders.ts: AWS IAM resources and GCP grants of Pulumi
   * programs (YAML, TypeScript, Python), and of Ansible IAM tasks read into the same shape.
   */
  pulumi: { reads: ['pulumi', 'ansible'] },
  /** cdk/cdkAnalyzer.ts, cdkPythonAnalyzer.ts: IAM statements, managed policies and grants of AWS CDK apps in TypeScript, JavaScript or Python. */
  'aws-cdk': { reads: ['aws-cdk'] },
  /** serverless/serverlessAnalyzer.ts: the IAM roles of Serverless Framework services (serverless.yml). */
  serverless: { reads: ['serverless'] },
  /** azure/azureTemplateAnalyzer.ts: role assignments, role definitions, Key Vaults and identities of Bicep and ARM templates. */
  'azure-template': { reads: ['arm-template', 'bicep', 'pulumi'] },
} as const satisfies Record<string, { reads: readonly IacKind[] }>;

export type Analyser = keyof typeof ANALYSERS;

/** What the registry knows about one check. */
export interface CheckSpec {
  /** What the check flags, in a line: for readers and for the build's "no rule" message. */
  flags: string;
  /** The analysers that emit it. An analyser can only emit the checks that list it (see `ChecksOf`). */
  analysers: readonly Analyser[];
  /**
   * Permission checks only: whether what it flags amounts to administrator access (the identity
   * can do or grant itself anything) or only to wide access. The inventory rates breadth by it;
   * a check with `grants` is served by a rule of category `permission`, and only such a check.
   */
  grants?: 'admin' | 'wide';
  /** The quick fix its issues may carry: narrower replacements for the flagged element, or a ready edit. */
  fix?: 'narrow' | 'edit';
}

export const IAC_CHECKS = {
  'aws-iam-admin-wildcard': {
    flags: 'an Allow of Action "*" on Resource "*"',
    analysers: ['aws-policy'],
    grants: 'admin',
    fix: 'narrow',
  },
  'aws-iam-service-wildcard': {
    flags: 'an Allow of `service:*` on Resource "*"',
    analysers: ['aws-policy'],
    grants: 'wide',
    fix: 'narrow',
  },
  'aws-iam-service-wildcard-on-resource': {
    flags: 'an Allow of `service:*` scoped to named resources (every action of the service on them)',
    analysers: ['aws-policy'],
    grants: 'wide',
    fix: 'narrow',
  },
  'aws-iam-not-action-allow': {
    flags: 'an Allow statement with NotAction',
    analysers: ['aws-policy'],
    grants: 'admin',
  },
  'aws-iam-broad-action-on-any-resource': {
    flags: 'actions of a broad access level (iac.broadAccessLevels) on Resource "*"',
    analysers: ['aws-policy'],
    grants: 'wide',
    fix: 'narrow',
  },
  'aws-iam-secret-read-any-resource': {
    flags: 'an Allow of a secret-reading action (secretsmanager:GetSecretValue, ssm:GetParameter*) on every secret or parameter',
    analysers: ['aws-policy'],
    grants: 'wide',
    fix: 'narrow',
  },
  'aws-iam-privilege-escalation': {
    flags: 'actions that let an identity raise its own privileges, alone or with iam:PassRole',
    analysers: ['aws-policy'],
    grants: 'admin',
    fix: 'narrow',
  },
  'aws-iam-trust-any-principal': {
    flags:
      'a trust policy any AWS principal can assume, with no condition, or any repository of a shared CI OIDC issuer (audience-only or owner-wildcard subject)',
    analysers: ['aws-policy'],
    grants: 'wide',
  },
  'aws-iam-cross-account-trust': {
    flags: 'a trust policy that lets a whole other account assume the role with no sts:ExternalId, MFA or principal condition',
    analysers: ['aws-policy'],
    grants: 'wide',
  },
  'aws-resource-policy-any-principal': {
    flags:
      'a resource policy (bucket, queue, topic, key, event bus, OpenSearch domain, Lambda permission) that allows Principal "*" with no condition',
    analysers: ['aws-policy', 'terraform', 'cloudformation'],
    grants: 'wide',
  },
  'aws-iam-privileged-managed-policy': {
    flags: 'an administrator-level AWS managed policy attached to an identity',
    analysers: ['terraform', 'cloudformation', 'pulumi', 'aws-cdk', 'serverless'],
    grants: 'admin',
    fix: 'narrow',
  },
  'aws-iam-access-key-created': {
    flags: 'an IAM access key or service-specific credential (CodeCommit) created from code',
    analysers: ['terraform', 'cloudformation', 'pulumi', 'aws-cdk'],
  },
  'gcp-primitive-role': {
    flags: 'the primitive Owner or Editor role granted on a project, folder or organization',
    analysers: ['terraform', 'pulumi'],
    grants: 'admin',
    fix: 'narrow',
  },
  'gcp-impersonation-role': {
    flags: 'a service-account impersonation role granted project-, folder- or organization-wide, or to a whole domain',
    analysers: ['terraform', 'pulumi'],
    grants: 'wide',
  },
  'gcp-service-agent-role': {
    flags: 'a service-agent role (roles/*.serviceAgent) granted to a member that is not a Google service agent',
    analysers: ['terraform', 'pulumi'],
    grants: 'wide',
  },
  'gcp-default-service-account': {
    flags: 'a VM or node pool running as the default compute service account',
    analysers: ['terraform'],
    grants: 'wide',
  },
  'gcp-iam-admin-role': {
    flags:
      'a role that administers IAM (organizationAdmin, folderAdmin, projectIamAdmin, securityAdmin, roleAdmin) granted on a project, folder or organization',
    analysers: ['terraform', 'pulumi'],
    grants: 'admin',
  },
  'gcp-custom-role-escalation': {
    flags:
      'a GCP custom role with a permission that leads to more privileges (setIamPolicy, service-account keys, actAs, token minting, role writes)',
    analysers: ['terraform'],
    grants: 'admin',
  },
  'gcp-public-access': {
    flags: 'a role granted to allUsers or allAuthenticatedUsers on a bucket, project, folder or organization',
    analysers: ['terraform'],
    grants: 'wide',
  },
  'gcp-service-account-key-created': {
    flags: 'a GCP service account key or HMAC key created from code',
    analysers: ['terraform', 'pulumi'],
  },
  'azure-ad-password-credential': {
    flags: 'an Azure AD (Entra ID) application or service principal password (client secret) or certificate created from code',
    analysers: ['terraform'],
  },
  'azure-privileged-role-assignment': {
    flags: 'Owner, Contributor or User Access Administrator assigned at subscription or management-group scope',
    analysers: ['terraform', 'azure-template'],
    grants: 'admin',
    fix: 'narrow',
  },
  'azure-custom-role-wildcard': {
    flags: 'a custom Azure role allowed every action ("*") or to write role assignments or definitions',
    analysers: ['terraform', 'azure-role-definition', 'azure-template'],
    grants: 'admin',
  },
  'azure-key-vault-all-permissions': {
    flags: 'a Key Vault access policy granting every permission ("all", or read, write and purge) on keys, secrets or certificates',
    analysers: ['azure-template', 'terraform'],
    grants: 'wide',
  },
  'aws-cdk-grant-to-any-principal': {
    flags: 'a CDK grant* call whose grantee is any principal (AnyPrincipal, StarPrincipal, ArnPrincipal("*"))',
    analysers: ['aws-cdk'],
    grants: 'wide',
  },
  'k8s-rbac-wildcard': {
    flags: 'a "*" in the verbs, resources or apiGroups of an RBAC rule',
    analysers: ['kubernetes', 'terraform'],
    grants: 'wide',
    fix: 'narrow',
  },
  'k8s-rbac-cluster-secrets-read': {
    flags: 'a ClusterRole that reads Secrets in every namespace',
    analysers: ['kubernetes', 'terraform'],
    grants: 'wide',
  },
  'k8s-rbac-secrets-read': {
    flags: 'a namespaced Role that reads every Secret of its namespace (no resourceNames)',
    analysers: ['kubernetes', 'terraform'],
    grants: 'wide',
  },
  'k8s-rbac-escalation-verb': {
    flags:
      'the escalate, bind or impersonate verbs, create on serviceaccounts/token, writes to admission webhook configurations or CSR approval for any signer, in an RBAC rule',
    analysers: ['kubernetes', 'terraform'],
    grants: 'admin',
  },
  'k8s-rbac-exec-or-proxy': {
    flags: 'pods/exec, pods/attach, create on pods/* or nodes/proxy in an RBAC rule',
    analysers: ['kubernetes', 'terraform'],
    grants: 'wide',
  },
  'k8s-cluster-admin-binding': {
    flags: 'cluster-admin bound to a ServiceAccount, user or group',
    analysers: ['kubernetes', 'terraform'],
    grants: 'admin',
  },
  'k8s-default-service-account-binding': {
    flags: "a role bound to a namespace's default ServiceAccount, which every pod without its own account runs as",
    analysers: ['kubernetes', 'terraform'],
    grants: 'wide',
  },
  'k8s-broad-group-binding': {
    flags:
      'a role that can write, exec or read Secrets bound to system:serviceaccounts(:ns), system:authenticated or system:unauthenticated, or any but the public discovery roles bound to anonymous requests',
    analysers: ['kubernetes', 'terraform'],
    grants: 'wide',
  },
  'k8s-legacy-service-account-token': {
    flags: "a Secret of type kubernetes.io/service-account-token, in a manifest or Terraform's kubernetes provider",
    analysers: ['kubernetes', 'terraform'],
  },
  'k8s-automount-service-account-token': {
    flags: 'a workload that mounts a ServiceAccount token (iac.automountServiceAccountToken)',
    analysers: ['kubernetes'],
    fix: 'edit',
  },
  'gha-permissions-write-all': {
    flags: 'permissions: write-all for a workflow or job',
    analysers: ['github-actions'],
    grants: 'wide',
    fix: 'narrow',
  },
  'gha-missing-permissions': {
    flags: 'a workflow with no top-level permissions where some job declares none either',
    analysers: ['github-actions'],
    grants: 'wide',
    fix: 'edit',
  },
  'gha-secrets-inherit': {
    flags: 'secrets: inherit passed to a reusable workflow',
    analysers: ['github-actions'],
    grants: 'wide',
  },
  'gha-pull-request-target-checkout': {
    flags: "a pull_request_target workflow that checks out the pull request's code",
    analysers: ['github-actions'],
    grants: 'wide',
  },
  'gha-static-cloud-credentials': {
    flags: 'static cloud keys in a workflow (login inputs or env) where OIDC federation exists',
    analysers: ['github-actions'],
    fix: 'edit',
  },
  'gitlab-static-cloud-credentials': {
    flags: 'static cloud keys in a GitLab CI pipeline (variables or script logins) where OIDC id_tokens exist',
    analysers: ['gitlab-ci'],
  },
  'missing-owner-tag': {
    flags: 'an identity-bearing resource with no owner tag, label or annotation (iac.ownerTags)',
    analysers: ['terraform', 'cloudformation', 'kubernetes', 'pulumi', 'azure-template', 'aws-cdk'],
    fix: 'edit',
  },
  'owner-tag-not-static': {
    flags: 'tags computed by variables or functions, so an owner cannot be confirmed statically',
    analysers: ['terraform', 'cloudformation', 'pulumi', 'azure-template'],
  },
} as const satisfies Record<string, CheckSpec>;

/** A check's id: only the registry's keys type-check. */
export type CheckId = keyof typeof IAC_CHECKS;

/** The checks an analyser may emit: those whose spec lists it. */
export type ChecksOf<A extends Analyser> = {
  [C in CheckId]: A extends (typeof IAC_CHECKS)[C]['analysers'][number] ? C : never;
}[CheckId];

/** The checks whose issues may carry the given kind of quick fix. */
export type ChecksWithFix<F extends NonNullable<CheckSpec['fix']>> = {
  [C in CheckId]: (typeof IAC_CHECKS)[C] extends { fix: F } ? C : never;
}[CheckId];

export function isCheckId(name: string): name is CheckId {
  return Object.hasOwn(IAC_CHECKS, name);
}

/** A check's spec, with the optional fields readable whichever check it is. */
export function checkSpec(id: CheckId): CheckSpec {
  return IAC_CHECKS[id];
}

/** The file kinds in which a check can fire: those its analysers read. */
export function fileKindsOf(id: CheckId): IacKind[] {
  return [...new Set(checkSpec(id).analysers.flatMap((a) => ANALYSERS[a].reads))];
}
