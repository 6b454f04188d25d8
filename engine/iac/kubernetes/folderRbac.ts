/**
 * The RBAC of a manifest's folder. Kubernetes repositories often keep `deployment.yaml`,
 * `serviceaccount.yaml` and `rbac.yaml` side by side: read alone, a workload's mounted token looks
 * harmless because the binding that gives its ServiceAccount rights is in another file. The other
 * YAML files of the folder (what `ctx.siblingManifests` hands over) add their Roles, bindings and
 * ServiceAccounts. Each sibling text is parsed once while it stays the same (a small memo: an
 * editor re-checks the workload on every keystroke, the siblings rarely change).
 */
import type { IacContext } from '../iacIssue';
import { get, itemsOf, stringValue, type SourceNode } from '../sourceTree';
import { parseYamlSource } from '../yamlSource';

/** Kinds that decide what a mounted token grants. */
const RBAC_KIND = /^(?:(?:Cluster)?Role(?:Binding)?|ServiceAccount)$/;
/** A sibling with none of these words holds none of those kinds: not parsed. */
const MAY_HOLD_RBAC = /\b(?:RoleBinding|ServiceAccount)\b/;
const MEMO_LIMIT = 64;
const memo = new Map<string, SourceNode[]>();

function rbacObjectsOf(text: string): SourceNode[] {
  let objects = memo.get(text);
  if (objects) return objects;
  objects = [];
  if (MAY_HOLD_RBAC.test(text)) {
    const documents = parseYamlSource(text).documents;
    for (const d of documents.flatMap((doc) => (stringValue(get(doc, 'kind')) === 'List' ? itemsOf(get(doc, 'items')) : [doc])))
      if (RBAC_KIND.test(stringValue(get(d, 'kind')) ?? '')) objects.push(d);
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(text, objects);
  return objects;
}

/** Roles, bindings and ServiceAccounts of the other YAML files beside `path`. */
export function folderRbacObjects(path: string | undefined, ctx: IacContext): SourceNode[] {
  if (!path || !ctx.siblingManifests) return [];
  return ctx.siblingManifests(path).flatMap((f) => rbacObjectsOf(f.text));
}

/** Names of the ServiceAccounts among `objects` that turn automount off for every pod using them. */
export function accountsWithoutAutomount(objects: SourceNode[]): Set<string | undefined> {
  return new Set(
    objects
      .filter((d) => {
        if (stringValue(get(d, 'kind')) !== 'ServiceAccount') return false;
        const automount = get(d, 'automountServiceAccountToken');
        return automount?.type === 'scalar' && automount.value === false;
      })
      .map((d) => stringValue(get(d, 'metadata', 'name'))),
  );
}
