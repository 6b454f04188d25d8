/** ARM JSON deployment templates, read into the Azure template model. */
import { get, itemsOf, stringValue, type SourceNode } from '../sourceTree';
import type { AzureResource, AzureTemplate, DeploymentScope } from './azureResources';

/** Cheap text test: the deployment template schema URL, in any of its four scopes. */
export function looksLikeArmTemplate(text: string): boolean {
  return /[Dd]eploymentTemplate\.json/.test(text) && text.includes('"resources"');
}

function scopeOfSchema(schema: string): DeploymentScope {
  if (/subscriptionDeploymentTemplate/i.test(schema)) return 'subscription';
  if (/managementGroupDeploymentTemplate/i.test(schema)) return 'managementGroup';
  if (/tenantDeploymentTemplate/i.test(schema)) return 'tenant';
  return 'resourceGroup';
}

/** Reads an ARM template already parsed into a source tree; undefined when it is not one. */
export function readArmTemplate(doc: SourceNode): AzureTemplate | undefined {
  const schema = stringValue(get(doc, '$schema'));
  if (!schema || !/deploymentTemplate\.json/i.test(schema)) return undefined;
  const resources: AzureResource[] = [];
  const seen = new Map<string, number>();
  // "[guid(…)]" names are expressions: such a resource is called by its type and rank instead.
  const nameOf = (symbol: string | undefined, written: string | undefined, type: string) => {
    if (symbol) return symbol;
    if (written && !written.startsWith('[')) return written;
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return `${type.slice(type.lastIndexOf('/') + 1)}[${n}]`;
  };
  const collect = (list: SourceNode | undefined, parentType: string | undefined, depth: number, scope: DeploymentScope) => {
    if (depth > 10) return;
    // languageVersion 2.0 writes resources as an object keyed by symbolic name.
    const entries =
      list?.type === 'map'
        ? list.entries.map((e) => ({ node: e.value, symbol: e.key as string | undefined }))
        : itemsOf(list).map((node) => ({ node, symbol: undefined as string | undefined }));
    for (const { node, symbol } of entries) {
      const typeNode = get(node, 'type');
      const written = stringValue(typeNode);
      if (!written || !typeNode) continue;
      // A nested child's type is relative to its parent's (`accessPolicies` under a vault).
      const type = parentType && !written.includes('/') ? `${parentType}/${written}` : written;
      resources.push({
        type,
        name: nameOf(symbol, stringValue(get(node, 'name')), type),
        start: typeNode.start,
        end: typeNode.end,
        body: node,
        scope,
      });
      collect(get(node, 'resources'), type, depth + 1, scope);
      // A nested deployment (what a Bicep module compiles to) deploys its inline template at the
      // scope it names: a resource group, a subscription, or the inner template's own schema.
      const inner = type.toLowerCase() === 'microsoft.resources/deployments' ? get(node, 'properties', 'template') : undefined;
      if (inner) collect(get(inner, 'resources'), undefined, depth + 1, nestedScope(node, inner, scope));
    }
  };
  collect(get(doc, 'resources'), undefined, 0, scopeOfSchema(schema));
  const values = new Map<string, SourceNode>();
  const variables = get(doc, 'variables');
  if (variables?.type === 'map') for (const e of variables.entries) values.set(e.key, e.value);
  const parameters = get(doc, 'parameters');
  if (parameters?.type === 'map')
    for (const e of parameters.entries) {
      // A parameter with a single allowed value can only be that value; else its default is read.
      const allowed = get(e.value, 'allowedValues');
      const only = allowed?.type === 'seq' && allowed.items.length === 1 ? allowed.items[0] : undefined;
      const value = only ?? get(e.value, 'defaultValue');
      if (value && !values.has(e.key)) values.set(e.key, value);
    }
  return { scope: scopeOfSchema(schema), resources, values, language: 'arm' };
}

function nestedScope(deployment: SourceNode, inner: SourceNode, outer: DeploymentScope): DeploymentScope {
  const schema = stringValue(get(inner, '$schema'));
  if (schema) return scopeOfSchema(schema);
  if (get(deployment, 'resourceGroup')) return 'resourceGroup';
  if (get(deployment, 'subscriptionId')) return 'subscription';
  return outer;
}
