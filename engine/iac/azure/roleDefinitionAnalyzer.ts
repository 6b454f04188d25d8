import type { IacIssue, IssueFrom } from '../iacIssue';
import { entryCI, itemsOf, stringsOf, stringValue, type SourceNode, type StringAt } from '../sourceTree';

/** True for an Azure role definition JSON (CLI `az role definition` format or ARM properties). */
export function isAzureRoleDefinition(doc: SourceNode): boolean {
  return !!(entryCI(doc, 'AssignableScopes') ?? entryCI(entryCI(doc, 'properties')?.value, 'assignableScopes'));
}

/** Actions that let a role grant itself (or anyone) any role: every action, or writing role definitions or assignments. */
function privilegedAction(action: string): string | undefined {
  const a = action.toLowerCase();
  if (a === '*') return 'every action ("*")';
  if (a === 'microsoft.authorization/*' || a === 'microsoft.authorization/*/write' || a === 'microsoft.authorization/*/*')
    return `${action}, which includes writing role assignments`;
  if (a === 'microsoft.authorization/roleassignments/write' || a === 'microsoft.authorization/roleassignments/*')
    return `${action}: it can assign any role, Owner included, to anyone`;
  if (a === 'microsoft.authorization/roledefinitions/write' || a === 'microsoft.authorization/roledefinitions/*')
    return `${action}: it can widen any custom role`;
  return undefined;
}

/** One issue per list of actions: the first privileged action, the others as related locations. */
export function azureRoleActionsIssue(
  actions: StringAt[],
  resource: string,
  what: string,
): IacIssue<'azure-custom-role-wildcard'> | undefined {
  const found = actions.flatMap((a) => {
    const why = privilegedAction(a.value);
    return why ? [{ at: a, why }] : [];
  });
  if (!found.length) return undefined;
  const [first, ...rest] = found;
  return {
    check: 'azure-custom-role-wildcard',
    start: first.at.start,
    end: first.at.end,
    resource,
    subject: `${resource}|${first.at.value}`,
    message: `${what} allowed ${first.why}: list the operations it needs`,
    ...(rest.length ? { related: rest.map((r) => ({ start: r.at.start, end: r.at.end, message: `also ${r.why}` })) } : {}),
  };
}

/** Flags privileged actions (`"*"`, writing role assignments or definitions) of a custom Azure role definition. */
export function analyseAzureRoleDefinition(doc: SourceNode): IssueFrom<'azure-role-definition'>[] {
  const props = entryCI(doc, 'properties')?.value ?? doc;
  const name = stringValue(entryCI(props, 'roleName')?.value) ?? stringValue(entryCI(doc, 'Name')?.value) ?? 'custom role';
  const actionLists = [
    entryCI(props, 'Actions')?.value,
    ...itemsOf(entryCI(props, 'permissions')?.value).map((p) => entryCI(p, 'actions')?.value),
  ];
  return actionLists.flatMap((list) => {
    const issue = azureRoleActionsIssue(stringsOf(list), name, `Custom role "${name}" is`);
    return issue ? [issue] : [];
  });
}
