/**
 * The IAM policy findings of a Terraform block kept with the block's tree, for the editor: an
 * open file's unchanged blocks are the same tree objects from one scan to the next
 * (engine/iac/hcl/hclBlockReuse.ts moves their offsets in place), so a block's policy documents
 * need not be rebuilt and analysed again after each keystroke elsewhere in the file. Building and
 * analysing every document of a 5,000-line module was most of a re-check's time while the JIT
 * was still cold (the first edits after opening a file).
 *
 * What a block's findings depend on: its own tree (the same object holds the same text, at an
 * offset that may have moved: the kept findings are moved by as much), the settings and IAM data
 * (compared by identity), and the file's literal actions, which feed the narrowing suggestions
 * (compared as text: when any block's actions change, every block is analysed again).
 * A tree parsed afresh (the CLI, a block that changed) is a new object: nothing kept applies.
 */
import type { IacSettings, IssueFrom } from '../iacIssue';
import type { IamActions } from '../aws/iamActions';
import type { HclBlock } from '../hcl/hclParser';

type PolicyIssue = IssueFrom<'aws-policy'>;

interface Kept<D> {
  /** The block's start when `documents` and `issues` were computed. */
  at: number;
  settings: IacSettings;
  iam: IamActions;
  /** The block's literal actions, in document order (no offsets: they never move). */
  actions: string[];
  /** Its findings, computed with these file actions (joined by `\n`; none kept when it has no findings: they would not change them). */
  issues?: PolicyIssue[];
  fileActions?: string;
  /** Its documents, until its findings are computed (they hold offsets, so they are not kept longer). */
  documents?: D[];
}

export interface BlockPolicyWork<D> {
  /** The policy documents a block holds, with the offsets its tree has now. */
  documentsOf(block: HclBlock): D[];
  /** The literal actions of a document, appended to `out`. */
  actionsOf(document: D, out: string[]): void;
  /** The findings of one document given every literal action of the file. */
  analyse(document: D, block: HclBlock, fileActions: string[]): PolicyIssue[];
}

const kept = new WeakMap<HclBlock, Kept<unknown>>();

/** The file actions of the last call, as the string object its entries hold. */
let lastActionsKey = '';

/**
 * `key`, or the equal string of the last call: one comparison of the joined actions per scan,
 * after which each kept block's comparison finds the very same string (no character compared).
 * Comparing a fresh join with each block's copy read the whole list once per block: hundreds
 * of kilobytes per keystroke in a 5,000-line module.
 */
function sameAsLast(key: string): string {
  if (key === lastActionsKey) return lastActionsKey;
  lastActionsKey = key;
  return key;
}

/**
 * The policy findings of `blocks` (in their order, each block's documents in order): what
 * analysing every document afresh gives, reusing what was kept for a block seen before.
 */
export function blockPolicyIssues<D>(
  blocks: HclBlock[],
  ctx: { settings: IacSettings; iam: IamActions },
  work: BlockPolicyWork<D>,
): PolicyIssue[] {
  const entries: Array<Kept<D>> = [];
  const fileActions: string[] = [];
  for (const block of blocks) {
    let entry = kept.get(block) as Kept<D> | undefined;
    if (!entry || entry.settings !== ctx.settings || entry.iam !== ctx.iam) {
      const documents = work.documentsOf(block);
      const actions: string[] = [];
      for (const d of documents) work.actionsOf(d, actions);
      entry = { at: block.start, settings: ctx.settings, iam: ctx.iam, actions, documents };
      kept.set(block, entry);
    }
    entries.push(entry);
    for (const a of entry.actions) fileActions.push(a);
  }
  // Joined only when compared: a block without findings has none whatever the file's actions
  // (they feed the narrowing suggestions of findings), so it is reused without the comparison.
  let actionsKey: string | undefined;
  const issues: PolicyIssue[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const entry = entries[i];
    if (entry.issues && (!entry.issues.length || entry.fileActions === (actionsKey ??= sameAsLast(fileActions.join('\n'))))) {
      for (const issue of entry.issues) issues.push(moved(issue, block.start - entry.at));
      continue;
    }
    // Documents built in an earlier scan hold that scan's offsets: build them again if it moved.
    const documents = entry.documents && entry.at === block.start ? entry.documents : work.documentsOf(block);
    const found: PolicyIssue[] = [];
    for (const d of documents) for (const issue of work.analyse(d, block, fileActions)) found.push(issue);
    entry.at = block.start;
    entry.issues = found;
    entry.fileActions = found.length ? (actionsKey ??= sameAsLast(fileActions.join('\n'))) : undefined;
    entry.documents = undefined;
    for (const issue of found) issues.push(moved(issue, 0));
  }
  return issues;
}

/** A copy of a kept finding moved by `by` (a copy even when it did not move: callers may change what they get). */
function moved(issue: PolicyIssue, by: number): PolicyIssue {
  const copy = { ...issue, start: issue.start + by, end: issue.end + by };
  if (issue.related) copy.related = issue.related.map((r) => ({ start: r.start + by, end: r.end + by, message: r.message }));
  return copy;
}
