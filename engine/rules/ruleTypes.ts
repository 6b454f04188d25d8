import type { Category, Severity } from '../types';
import type { ValidatorName } from '../secrets/validators';

/** A rule as written in rules/*.yaml or in a workspace config (see rules/schema.json). */
export interface RuleDefinition {
  id: string;
  title: string;
  description: string;
  remediation: string;
  /** Why it matters (the hover and rule details show the category's text when absent). */
  why?: string;
  category: Category;
  severity: Severity;
  docs?: string;
  /** Prefilter literals of pattern and assignment rules; check rules have none. */
  keywords?: string[];
  context?: string[];
  /** Gitignore-style globs: the rule runs only in these files (a file format known by its name, `.pgpass`). */
  files?: string[];
  pattern?: string;
  caseInsensitive?: boolean;
  multiline?: boolean;
  assignment?: { name: string; nameExclude?: string; minLength?: number; maxLength?: number };
  entropy?: number;
  validate?: ValidatorName;
  generic?: boolean;
  /** Structural IaC check this rule reports (see engine/iac/checks.ts). */
  check?: string;
  allowlist?: { values?: string[]; paths?: string[] };
  examples: { positive: RuleExample[]; negative: RuleExample[] };
}

/** A snippet a rule must (positive) or must not (negative) report; a bare string is scanned as a text file. */
export type RuleExample = string | { path: string; text: string };

/** A rule definition together with where it came from, for error messages. */
export interface LoadedRule {
  definition: RuleDefinition;
  source: string;
}

/** A problem in a rule pack or config file: which file, which rule, what is wrong. */
export class RuleError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RuleError';
  }
}
