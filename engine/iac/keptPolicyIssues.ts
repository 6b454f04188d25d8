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
  const derived = documents.map(({ doc, keep }) => {
    const kept = keep ? memo.get(doc) : undefined;
    if (kept && kept.settings === ctx.settings && kept.iam === ctx.iam) return kept;
    const trust = isTrust(doc);
    const made: Derived = { settings: ctx.settings, iam: ctx.iam, trust, actions: trust ? [] : collectActions(doc) };
    if (keep) memo.set(doc, made);
    return made;
  });
  const fileActions: string[] = [];
  for (const d of derived) for (const a of d.actions) fileActions.push(a);
  let actionsKey: string | undefined;
  const issues: PolicyIssue[] = [];
  for (let i = 0; i < documents.length; i++) {
    const { doc, resource, keep, delta, actionsOnly } = documents[i];
    if (actionsOnly) continue;
    const d = derived[i];
    const by = (deltas ? deltas[i] : delta) ?? 0;
    if (d.issues && (!d.issues.length || (d.resource === resource && d.fileActions === (actionsKey ??= fileActions.join('\n'))))) {
      for (const issue of d.issues) issues.push(movedBy(issue, by));
      continue;
    }
    // Analysed where the document was read: its findings are moved to where it is now.
    const found = analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions });
    if (keep) Object.assign(d, { issues: found, resource, fileActions: (actionsKey ??= fileActions.join('\n')) });
    for (const issue of found) issues.push(movedBy(issue, by));
  }
  return issues;
}
