import type { RuleInfo } from '../engine';
import { categoryLabel, editorFixes, whyItMatters } from '../engine/rules/ruleGuidance';

/** The rule's pack file, as `rules/secrets-cloud.yaml` (or `.nhi-lens.yaml` for a workspace rule). */
function sourceLabel(source: string): string {
  return source.replace(/\\/g, '/').replace(/^.*\/rules\//, 'rules/');
}

/**
 * One rule's documentation as a Markdown page: what it finds, why it matters, how to fix it and
 * what the editor's quick-fixes do. Everything comes from the bundled rules, so the page works
 * offline; the online docs are only a link at the end.
 */
export function renderRuleDetails(rule: RuleInfo): string {
  const d = rule.definition;
  return [
    `# ${d.title}`,
    '',
    `\`${d.id}\` · ${categoryLabel(d.category)} · severity **${rule.severity}**${d.generic ? ' · generic rule' : ''}`,
    '',
    '## What it finds',
    '',
    d.description,
    '',
    '## Why it matters',
    '',
    whyItMatters(d),
    '',
    '## How to fix it',
    '',
    d.remediation,
    '',
    '## In the editor',
    '',
    ...editorFixes(d.category).map((line) => `- ${line}`),
    `- When the finding is intended: **Accept into the baseline**, or a \`nhi-lens:ignore ${d.id} -- reason\` comment.`,
    '',
    '---',
    '',
    `Defined in \`${sourceLabel(rule.source)}\`. [Online documentation](${rule.docs})`,
    '',
  ].join('\n');
}
