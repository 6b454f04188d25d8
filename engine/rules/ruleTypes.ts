import type { Category, Severity } from '../types';
import type { ValidatorName } from '../secrets/validators';

/** A rule as written in rules/*.yaml or in a workspace config (see rules/schema.json). */
export interface RuleDefinition {
  id: string;
  title: string;
  description: string;
  remediation: string;
  category: Category;
  severity: Severity;
  docs?: string;
  keywords: string[];
  context?: string[];
  pattern?: string;
  caseInsensitive?: boolean;
  multiline?: boolean;
  assignment?: { name: string; nameExclude?: string; minLength?: number; maxLength?: number };
  entropy?: number;
  validate?: ValidatorName;
  generic?: boolean;
  allowlist?: { values?: string[]; paths?: string[] };
  examples: { positive: string[]; negative: string[] };
}

/** A rule definition together with where it came from, for error messages. */
export interface LoadedRule { definition: RuleDefinition; source: string }

/** A problem in a rule pack or config file: which file, which rule, what is wrong. */
export class RuleError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RuleError';
  }
}
