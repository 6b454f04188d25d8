/**
 * The IAM policy findings of documents read from call sites kept between scans
 * (engine/iac/keptSites.ts), analysed once per site rather than on every keystroke.
 *
 * A document's findings depend on its tree (the site's kept value: the same text, read where the
 * site then was, so the findings move by the site's `delta`), the settings and IAM data (compared
 * by identity), the resource name it is reported under and the file's literal actions (which feed
 * only the narrowing suggestions of findings). A document with no findings has none whatever the
 * name and the actions, so only the few with findings are analysed again when those change.
 */
import { analysePolicy, collectActions } from './aws/policyAnalyzer';
import type { IacContext, IssueFrom } from './iacIssue';
import { movedBy } from './keptSites';
import type { SourceNode } from './sourceTree';

type PolicyIssue = IssueFrom<'aws-policy'>;

/**
 * A policy document of the file and the name it is reported under. `keep`: the document is a kept
 * site's (the same object from scan to scan while the site's text is unchanged), read where the
 * site was `delta` characters ago; otherwise it is at this scan's offsets and analysed afresh.
 */
export interface PolicyDocumentOf {
  doc: SourceNode;
  resource: string;
  keep?: boolean;
  delta?: number;
  /** Its actions count among the file's, but it grants nothing (a permissions boundary): not analysed. */
  actionsOnly?: boolean;
}

interface Derived {
  settings: IacContext['settings'];
  iam: IacContext['iam'];
  trust: boolean;
  /** Its literal actions (none for trust: narrowing candidates come from permissions). */
  actions: string[];
  issues?: PolicyIssue[];
  resource?: string;
  fileActions?: string;
}

/** What was derived from a kept document, by the document's tree. */
const memo = new WeakMap<SourceNode, Derived>();

/** The file actions of the last call that joined them, as the string object its documents hold. */
let lastActionsKey = '';

/** `key`, or the equal string of the last join: each document's comparison then finds the very same string. */
function sameAsLast(key: string): string {
  if (key === lastActionsKey) return lastActionsKey;
  lastActionsKey = key;
  return key;
}

/**
 * Every finding of `documents`, as `analysePolicy` gives them with the file's actions of all
 * non-trust documents. `deltas`, when given, says how far each document moved (in place of its
 * `delta`): a caller passing the same kept documents scan after scan need not copy them to move them.
 */
export function keptPolicyIssues(
  documents: readonly PolicyDocumentOf[],
  ctx: IacContext,
  isTrust: (doc: SourceNode) => boolean,
  deltas?: readonly number[],
): PolicyIssue[] {
  const derived: Derived[] = new Array<Derived>(documents.length);
  for (let i = 0; i < documents.length; i++) {
    const { doc, keep } = documents[i];
    const kept = keep ? memo.get(doc) : undefined;
    if (kept && kept.settings === ctx.settings && kept.iam === ctx.iam) {
      derived[i] = kept;
      continue;
    }
    const trust = isTrust(doc);
    const made: Derived = { settings: ctx.settings, iam: ctx.iam, trust, actions: trust ? [] : collectActions(doc) };
    if (keep) memo.set(doc, made);
    derived[i] = made;
  }
  // The file's actions are gathered only when a document is analysed or its findings' actions
  // compared: after most keystrokes every kept document has none, and gathering thousands of
  // actions then was a fifth of this function's time. (No closures here: a new one per call
  // made the optimised code of this function bail out on its first call after optimisation.)
  let fileActions: string[] | undefined;
  let actionsKey: string | undefined;
  const issues: PolicyIssue[] = [];
  for (let i = 0; i < documents.length; i++) {
    const { doc, resource, keep, delta, actionsOnly } = documents[i];
    if (actionsOnly) continue;
    const d = derived[i];
    if (d.issues && !d.issues.length) continue; // none, whatever the name and the actions
    const by = (deltas ? deltas[i] : delta) ?? 0;
    if (d.issues && d.resource === resource) {
      fileActions ??= actionsOfAll(derived);
      actionsKey ??= sameAsLast(fileActions.join('\n'));
      if (d.fileActions === actionsKey) {
        for (let j = 0; j < d.issues.length; j++) issues.push(movedBy(d.issues[j], by));
        continue;
      }
    }
    // Analysed where the document was read: its findings are moved to where it is now. First
    // without the file's actions: they only feed the narrowing suggestions of findings, so a
    // document with none (the one being typed in, most of the time) is done without gathering
    // them; one with findings is analysed again with them.
    let found = analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions: NO_ACTIONS });
    if (found.length) {
      fileActions ??= actionsOfAll(derived);
      found = analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions });
    }
    if (keep)
      Object.assign(d, {
        issues: found,
        resource,
        fileActions: found.length ? (actionsKey ??= sameAsLast((fileActions ??= actionsOfAll(derived)).join('\n'))) : undefined,
      });
    for (const issue of found) issues.push(movedBy(issue, by));
  }
  return issues;
}

/** The file's actions for an analysis whose findings' suggestions are not read. */
const NO_ACTIONS: string[] = [];

/** Every literal action of the documents, in their order. */
function actionsOfAll(derived: readonly Derived[]): string[] {
  const actions: string[] = [];
  for (const d of derived) for (const a of d.actions) actions.push(a);
  return actions;
}
