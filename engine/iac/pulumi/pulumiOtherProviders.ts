/**
 * Pulumi resources of other providers, handed to the analysers of their own language:
 * Kubernetes RBAC objects to the Kubernetes analysis, Azure role assignments, role definitions
 * and Key Vaults to the Azure template analysis, GCP project, folder and organization grants to
 * the role tests of Terraform's google provider. Pulumi writes the same fields under `properties`.
 */
import type { AzureResource, AzureTemplate } from '../azure/azureResources';
import type { IssueFrom } from '../iacIssue';
import { get, itemsOf, stringValue, type MapEntry, type SourceNode } from '../sourceTree';
import { IAM_ADMIN_ROLES } from '../terraform/gcpGrants';
import { gcpRoleIssue } from '../terraform/terraformCloudRoles';

const K8S_RBAC = /^kubernetes:rbac\.authorization\.k8s\.io\/v1:(ClusterRole|Role|ClusterRoleBinding|RoleBinding)$/;

/** azure-native types and the ARM type whose shape their properties have (flat, or with `properties`). */
const AZURE_TYPES: Record<string, { type: string; flat: boolean }> = {
  'azure-native:authorization:RoleAssignment': { type: 'Microsoft.Authorization/roleAssignments', flat: true },
  'azure-native:authorization:RoleDefinition': { type: 'Microsoft.Authorization/roleDefinitions', flat: true },
  'azure-native:keyvault:Vault': { type: 'Microsoft.KeyVault/vaults', flat: false },
};

const resourcesOf = (program: SourceNode) => {
  const resources = get(program, 'resources');
  return resources?.type === 'map' ? resources.entries : [];
};

const entryOf = (key: string, value: SourceNode): MapEntry => ({ key, keyStart: value.start, keyEnd: value.end, value });

/** Kubernetes RBAC resources as manifests: `kind` from the type token, the rest from properties. */
export function pulumiKubernetesDocuments(program: SourceNode): SourceNode[] {
  const docs: SourceNode[] = [];
  for (const res of resourcesOf(program)) {
    const typeNode = get(res.value, 'type');
    const kind = K8S_RBAC.exec(stringValue(typeNode) ?? '')?.[1];
    const props = get(res.value, 'properties');
    if (!kind || !typeNode || props?.type !== 'map') continue;
    // Pulumi names an object after its resource when metadata.name is not given.
    const named = get(props, 'metadata', 'name')
      ? props.entries
      : [
          ...props.entries.filter((e) => e.key !== 'metadata'),
          entryOf('metadata', {
            type: 'map',
            start: res.keyStart,
            end: res.keyEnd,
            entries: [entryOf('name', { type: 'scalar', value: res.key, start: res.keyStart, end: res.keyEnd })],
          }),
        ];
    docs.push({
      type: 'map',
      start: props.start,
      end: props.end,
      entries: [entryOf('kind', { type: 'scalar', value: kind, start: typeNode.start, end: typeNode.end }), ...named],
    });
  }
  return docs;
}

/** azure-native role assignments, role definitions and vaults as an Azure template (scope: what each says). */
export function pulumiAzureTemplate(program: SourceNode): AzureTemplate {
  const resources: AzureResource[] = [];
  for (const res of resourcesOf(program)) {
    const spec = AZURE_TYPES[stringValue(get(res.value, 'type')) ?? ''];
    const props = get(res.value, 'properties');
    if (!spec || props?.type !== 'map') continue;
    const body: SourceNode = spec.flat
      ? {
          type: 'map',
          start: props.start,
          end: props.end,
          entries: [entryOf('properties', props), ...props.entries.filter((e) => e.key === 'scope')],
        }
      : props;
    resources.push({ type: spec.type, name: res.key, start: res.keyStart, end: res.keyEnd, body });
  }
  const values = new Map<string, SourceNode>();
  const variables = get(program, 'variables');
  if (variables?.type === 'map') for (const e of variables.entries) values.set(e.key, e.value);
  // Pulumi has no deployment scope: an assignment is as wide as the `scope` it names.
  return { scope: 'resourceGroup', resources, values, language: 'pulumi' };
}

/** `gcp:projects:IAMMember`, `gcp:folder:IAMBinding`, `gcp:organizations:IAMMember`…, with the level they grant at. */
const GCP_GRANT = /^gcp:(projects|folder|organizations):IAM(?:Member|Binding)$/;
const GCP_LEVELS: Record<string, string> = { projects: 'project', folder: 'folder', organizations: 'organization' };

/** GCP grants of primitive, impersonation, service-agent and IAM-admin roles, and service-account keys. */
export function pulumiGcpIssues(program: SourceNode): IssueFrom<'pulumi'>[] {
  const issues: IssueFrom<'pulumi'>[] = [];
  for (const res of resourcesOf(program)) {
    const type = stringValue(get(res.value, 'type')) ?? '';
    const props = get(res.value, 'properties');
    if (type === 'gcp:serviceaccount:Key') {
      issues.push({
        check: 'gcp-service-account-key-created',
        start: res.keyStart,
        end: res.keyEnd,
        resource: res.key,
        subject: res.key,
        message: `${res.key} creates a long-lived service account key: prefer Workload Identity Federation or attached service accounts`,
      });
      continue;
    }
    const level = GCP_GRANT.exec(type)?.[1];
    const roleNode = get(props, 'role');
    const role = stringValue(roleNode);
    if (!level || !role || !roleNode) continue;
    const at = { value: role, start: roleNode.start, end: roleNode.end };
    const members = [get(props, 'member'), ...itemsOf(get(props, 'members'))].flatMap((m) => {
      const v = stringValue(m);
      return v ? [v] : [];
    });
    const issue = gcpRoleIssue(at, GCP_LEVELS[level], members, res.key);
    if (issue) issues.push(issue);
    const admin = IAM_ADMIN_ROLES[role.toLowerCase()];
    if (admin)
      issues.push({
        check: 'gcp-iam-admin-role',
        ...at,
        resource: res.key,
        subject: `${res.key}|${role.toLowerCase()}`,
        message: `${res.key} grants ${role} at ${GCP_LEVELS[level]} level: it can ${admin}, so it can grant itself any role there`,
      });
  }
  return issues;
}
