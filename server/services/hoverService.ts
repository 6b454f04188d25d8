import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { Engine, Finding, RuleInfo } from '../../engine';
import { gitAdvice, whyItMatters } from '../../engine/rules/ruleGuidance';
import { ClientCommands } from '../../protocol/nhiLensProtocol';

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
/** The position is on the finding's range (its end included: the cursor just after a value is on it). */
const covers = (f: Finding, p: Position) => !before(p, f.range.start) && !before(f.range.end, p);

/** Rules by id, once per engine (an engine is rebuilt when its folder's config changes). */
const rulesByEngine = new WeakMap<Engine, Map<string, RuleInfo>>();
export function ruleOf(engine: Engine, id: string): RuleInfo | undefined {
  let rules = rulesByEngine.get(engine);
  if (!rules) rulesByEngine.set(engine, (rules = new Map(engine.rules.map((r) => [r.definition.id, r]))));
  return rules.get(id);
}

export interface HoverOptions {
  /** The client has the rule-details command: link to the offline page (else only the online docs). */
  detailsCommand: boolean;
  uri: string;
}

/** One finding's part of the hover: why it matters, how to fix it, where it stands in git. Never the value. */
function section(finding: Finding, rule: RuleInfo | undefined, options: HoverOptions): string {
  const title = rule?.definition.title ?? finding.title;
  const lines = [`**NHI Lens: ${title}** (\`${finding.ruleId}\`)`, ''];
  lines.push(`**Why it matters.** ${whyItMatters(rule?.definition ?? { category: finding.category })}`, '');
  lines.push(`**How to fix it.** ${finding.remediation}`, '');
  if (finding.git) lines.push(`**Git.** ${gitAdvice(finding.git)}`, '');
  const links = [];
  if (options.detailsCommand) {
    const args = encodeURIComponent(JSON.stringify([finding.ruleId, options.uri]));
    links.push(`[Rule details](command:${ClientCommands.showRuleDetails}?${args})`);
  }
  links.push(`[Online documentation](${finding.docs})`);
  lines.push(links.join(' · '));
  return lines.join('\n');
}

/** The hover over findings at `position`, or null where there is none (other hovers then speak alone). */
export function hoverFor(findings: Finding[], position: Position, engine: Engine, options: HoverOptions): Hover | null {
  const here = findings.filter((f) => covers(f, position));
  if (!here.length) return null;
  // Several rules on one value: each once (the same rule twice on one spot says the same thing).
  const seen = new Set<string>();
  const unique = here.filter((f) => !seen.has(f.ruleId) && !!seen.add(f.ruleId));
  return {
    contents: { kind: MarkupKind.Markdown, value: unique.map((f) => section(f, ruleOf(engine, f.ruleId), options)).join('\n\n---\n\n') },
    range: unique[0].range,
  };
}
