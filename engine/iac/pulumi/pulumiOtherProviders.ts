/**
 * Pulumi YAML resources of other providers, handed to the analysers of their own language:
 * Kubernetes RBAC objects to the Kubernetes analysis, Azure role assignments, role definitions
 * and Key Vaults to the Azure template analysis. Pulumi writes the same fields under `properties`.
 */
import type { AzureResource, AzureTemplate } from '../azure/azureResources';
import { get, stringValue, type MapEntry, type SourceNode } from '../sourceTree';

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
