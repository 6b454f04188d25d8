/**
 * Which ServiceAccounts' tokens grant something that matters, from the bindings of one file: an
 * account bound to a role that writes, or that has an RBAC finding of its own (Secrets, exec,
 * proxy, escalation verbs, wildcards), or to a role this file does not define (its rules are
 * unknown; built-in `view` too: it reads every ConfigMap and pod log of the namespace). An
 * account bound only to roles of this file that read named kinds of ordinary objects (a
 * controller's get/list/watch on services and pods) holds a token worth little to a thief, and
 * mounting it is what such controllers do.
 */
import { get, itemsOf, stringsOf, stringValue, type SourceNode } from '../sourceTree';

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** Whether a Role/ClusterRole has an RBAC finding of its own (the analyser's rule checks). */
export type HasRbacFinding = (role: SourceNode, kind: string, name: string) => boolean;

/** Whether every verb of every rule of a role reads (get, list, watch), and its rules are its own (no aggregationRule). */
export function verbsReadOnly(role: SourceNode): boolean {
  if (get(role, 'aggregationRule')) return false; // its rules come from other roles
  return itemsOf(get(role, 'rules')).every((r) => stringsOf(get(r, 'verbs')).every((v) => READ_VERBS.has(v.value.toLowerCase())));
}

/** Whether a role reads named kinds of ordinary objects only: what a binding to it grants matters little. */
export type ReadsOnly = (role: SourceNode, kind: string, name: string) => boolean;

const readsOnlyWith =
  (hasFinding: HasRbacFinding): ReadsOnly =>
  (role, kind, name) =>
    verbsReadOnly(role) && !hasFinding(role, kind, name);

/** Names of the ServiceAccounts some binding of `objects` grants a role that matters. */
export function accountsWithGrants(
  objects: SourceNode[],
  hasFinding: HasRbacFinding,
  readsOnly: ReadsOnly = readsOnlyWith(hasFinding),
): Set<string | undefined> {
  return new Set(grantedAccounts(objects, hasFinding, readsOnly).map((a) => a.name));
}

/**
 * The ServiceAccounts some binding of `objects` grants a role that matters, with their namespace
 * where the binding says it (the subject's `namespace`, else the binding's own).
 */
export function grantedAccounts(
  objects: SourceNode[],
  hasFinding: HasRbacFinding,
  readsOnly: ReadsOnly = readsOnlyWith(hasFinding),
): Array<{ name?: string; namespace?: string }> {
  const readOnlyRoles = new Set<string>();
  for (const d of objects) {
    const kind = stringValue(get(d, 'kind'));
    const name = stringValue(get(d, 'metadata', 'name'));
    if ((kind === 'Role' || kind === 'ClusterRole') && name && readsOnly(d, kind, name)) readOnlyRoles.add(`${kind}/${name}`);
  }
  const accounts: Array<{ name?: string; namespace?: string }> = [];
  for (const binding of objects.filter((d) => /^(?:Cluster)?RoleBinding$/.test(stringValue(get(d, 'kind')) ?? ''))) {
    const refKind = stringValue(get(binding, 'roleRef', 'kind')) ?? 'ClusterRole';
    const refName = stringValue(get(binding, 'roleRef', 'name')) ?? '';
    if (readOnlyRoles.has(`${refKind}/${refName}`)) continue;
    for (const s of itemsOf(get(binding, 'subjects')))
      if (stringValue(get(s, 'kind')) === 'ServiceAccount')
        accounts.push({
          name: stringValue(get(s, 'name')),
          namespace: stringValue(get(s, 'namespace')) ?? stringValue(get(binding, 'metadata', 'namespace')),
        });
  }
  return accounts;
}
