import type { Category, GitState } from '../types';
import type { RuleDefinition } from './ruleTypes';
import { exposureNote } from '../secrets/gitExposure';

/**
 * Why a finding matters and what to do about it, for people: the editor's hover and the
 * rule-details page. A rule's own `why` (rules/*.yaml) wins; these texts speak for a whole
 * category, so every rule (a workspace's own ones too) has one.
 */
const CATEGORY_WHY: Record<Category, string> = {
  secret:
    'Whoever can read this file can use the credential as its owner until it is revoked: everyone with access to the repository, its forks and clones, CI logs, backups and search indexes. Once committed, it stays in the git history: deleting the line does not take it back.',
  permission:
    'An identity allowed more than its job needs turns any compromise of the workload (a leaked key, a vulnerable dependency, a poisoned CI step) into a compromise of everything those permissions reach. Least privilege bounds the blast radius.',
  ownership:
    'An identity nobody owns is never reviewed, rotated or retired: when it leaks or misbehaves, nobody can say whether it is still needed or what breaks if it is revoked.',
  'credential-lifetime':
    'A long-lived credential stays valid long after it leaks (from a laptop, a log, a CI cache). Short-lived, federated credentials (OIDC, workload identity, IAM roles) expire on their own and leave nothing worth stealing.',
};

/** What the editor offers for each category, so the details page can say what one click does. */
const CATEGORY_FIXES: Record<Category, string[]> = {
  secret: [
    '**Move this secret out of the file**: rewrites the value into a read from the secrets manager set in `nhiLens.secretsManager` (environment variable, AWS, Vault, Azure, Google), in the idiom of the file.',
    '**Store in the manager and replace** (trusted workspaces): stores the value with the manager’s own CLI, then applies the same rewrite.',
    'Then rotate the credential if it was ever committed or shared: the hover says whether git has it.',
  ],
  permission: [
    'Narrow the statement to the actions and resources the workload uses, where the quick-fix menu offers a narrowing.',
    'Or suppress it with a reason (`nhi-lens:ignore <rule-id> -- reason`) when the breadth is intended.',
  ],
  ownership: ['**Add owner tag**: writes the owner from `nhiLens.owner` or CODEOWNERS.'],
  'credential-lifetime': ['Replace the static credential with federation (OIDC, workload identity) where the quick-fix menu offers it.'],
};

const CATEGORY_LABEL: Record<Category, string> = {
  secret: 'Hardcoded secret',
  permission: 'Over-broad permission',
  ownership: 'Ownership',
  'credential-lifetime': 'Long-lived credential',
};

export function whyItMatters(rule: Pick<RuleDefinition, 'why' | 'category'>): string {
  return rule.why ?? CATEGORY_WHY[rule.category];
}

export function editorFixes(category: Category): string[] {
  return CATEGORY_FIXES[category];
}

export function categoryLabel(category: Category): string {
  return CATEGORY_LABEL[category];
}

/** Where a secret stands in git, for people: what can still be undone and what must be rotated. */
export function gitAdvice(git: GitState, now: number = Date.now()): string {
  if (git.state === 'uncommitted')
    return 'Not committed yet: taking it out of the file before the next commit keeps it out of the history.';
  const commit = `\`${git.commit.slice(0, 8)}\``;
  // "412 days ago by Dev, pushed, 37 commits since": how long and how far it has been exposed.
  const day = `${git.date.slice(0, 10)}, ${exposureNote(git, now)}`;
  if (git.state === 'removed')
    return `Removed from the file, but still in the git history (commit ${commit}, ${day}): rotate it; rewriting history does not reach existing clones.`;
  return `Committed (first in ${commit}, ${day}): it is in the history of every clone. Rotate it; removing it from the file is not enough.`;
}
