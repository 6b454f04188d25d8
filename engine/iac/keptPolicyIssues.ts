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
import { movedBy, type SiteUse } from './keptSites';
import type { SourceNode } from './sourceTree';

type PolicyIssue = IssueFrom<'aws-policy'>;

/** A policy document of the file and the name it is reported under; `site` when it is a kept site's own document. */
export interface PolicyDocumentOf {
  doc: SourceNode;
  resource: string;
  site?: SiteUse<unknown>;
}

interface Derived {
  settings: IacContext['settings'];
  iam: IacContext['iam'];
  doc: SourceNode;
  trust: boolean;
  /** Its literal actions (none for trust: narrowing candidates come from permissions). */
  actions: string[];
  issues?: PolicyIssue[];
  resource?: string;
  fileActions?: string;
}

/** Every finding of `documents`, as `analysePolicy` gives them with the file's actions of all non-trust documents. */
export function keptPolicyIssues(documents: PolicyDocumentOf[], ctx: IacContext, isTrust: (doc: SourceNode) => boolean): PolicyIssue[] {
  const derived = documents.map(({ doc, site }) => {
    const kept = site?.site.derived as Derived | undefined;
    if (kept && kept.doc === doc && kept.settings === ctx.settings && kept.iam === ctx.iam) return kept;
    const trust = isTrust(doc);
    const made: Derived = { settings: ctx.settings, iam: ctx.iam, doc, trust, actions: trust ? [] : collectActions(doc) };
    if (site) site.site.derived = made;
    return made;
  });
  const fileActions: string[] = [];
  for (const d of derived) for (const a of d.actions) fileActions.push(a);
  let actionsKey: string | undefined;
  const issues: PolicyIssue[] = [];
  for (let i = 0; i < documents.length; i++) {
    const { doc, resource, site } = documents[i];
    const d = derived[i];
    const by = site?.delta ?? 0;
    if (d.issues && (!d.issues.length || (d.resource === resource && d.fileActions === (actionsKey ??= fileActions.join('\n'))))) {
      for (const issue of d.issues) issues.push(movedBy(issue, by));
      continue;
    }
    // Analysed where the document was read: its findings are moved to where it is now.
    const found = analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions });
    if (site) Object.assign(d, { issues: found, resource, fileActions: (actionsKey ??= fileActions.join('\n')) });
    for (const issue of found) issues.push(movedBy(issue, by));
  }
  return issues;
}
