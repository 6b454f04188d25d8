import type { IssueFrom } from '../iacIssue';
import { entryCI, itemsOf, stringsOf, stringValue, type SourceNode } from '../sourceTree';

/** True for an Azure role definition JSON (CLI `az role definition` format or ARM properties). */
export function isAzureRoleDefinition(doc: SourceNode): boolean {
  return !!(entryCI(doc, 'AssignableScopes') ?? entryCI(entryCI(doc, 'properties')?.value, 'assignableScopes'));
}

/** Flags `"*"` in the Actions of a custom Azure role definition. */
export function analyseAzureRoleDefinition(doc: SourceNode): IssueFrom<'azure-role-definition'>[] {
  const props = entryCI(doc, 'properties')?.value ?? doc;
  const name = stringValue(entryCI(props, 'roleName')?.value) ?? stringValue(entryCI(doc, 'Name')?.value) ?? 'custom role';
  const actionLists = [
    entryCI(props, 'Actions')?.value,
    ...itemsOf(entryCI(props, 'permissions')?.value).map((p) => entryCI(p, 'actions')?.value),
  ];
  return actionLists
    .flatMap((list) => stringsOf(list))
    .filter((a) => a.value === '*')
    .map((a) => ({
      check: 'azure-custom-role-wildcard',
      start: a.start,
      end: a.end,
      resource: name,
      subject: `${name}|*`,
      message: `Custom role "${name}" is allowed every action ("*"): list the operations it needs`,
    }));
}
