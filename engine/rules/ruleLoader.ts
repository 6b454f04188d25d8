import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { parse as ParseYaml } from 'yaml';
import packSchema from '../../rules/schema.json';
import configSchema from '../../rules/config.schema.json';
import { compileLinear, LinearSyntaxError } from './linearRegex';
import { patternSafetyProblems } from './patternSafety';
import type { KeywordIndexData } from '../secrets/keywordIndex';
import type { PatternReading } from './requiredLiterals';
import { RuleError, type LoadedRule, type RuleDefinition } from './ruleTypes';

// Loaded and compiled on first use: audit workers receive validated rules and never need a
// validator, and loading ajv and yaml is a tenth of the CLI's start-up when no config needs them.
let validators: { pack: ValidateFunction; config: ValidateFunction } | undefined;
function schemaValidators(): { pack: ValidateFunction; config: ValidateFunction } {
  if (!validators) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(packSchema);
    validators = { pack: ajv.compile(packSchema), config: ajv.compile(configSchema) };
  }
  return validators;
}

/** YAML aliases are capped so a hostile file (alias bomb) fails fast instead of exhausting memory. */
export function parseYamlSafely(text: string, source: string): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse: parseYaml } = require('yaml') as { parse: typeof ParseYaml };
    return parseYaml(text, { maxAliasCount: 50, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new RuleError([`${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** Said with every pattern a workspace rule cannot run with, so the user knows where to look. */
const LINEAR_ENGINE_NOTE = 'workspace rules run on a linear-time regex engine: see "Custom rules: accepted patterns" in the README';

function describe(error: ErrorObject, data: unknown, source: string): string {
  const parts = error.instancePath.split('/').filter(Boolean);
  let where = '';
  const ruleAt = parts.indexOf('rules');
  if (ruleAt >= 0 && parts.length > ruleAt + 1) {
    const rules = (data as { rules?: { id?: unknown }[] }).rules;
    const rule = rules?.[Number(parts[ruleAt + 1])];
    where = typeof rule?.id === 'string' ? ` rule "${rule.id}"` : ` rule #${Number(parts[ruleAt + 1]) + 1}`;
    parts.splice(0, ruleAt + 2);
  }
  const field = parts.length ? ` ${parts.join('.')}` : '';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
      : error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : '';
  return `${source}:${where}${field} ${error.message}${extra}`;
}

/**
 * Checks what a schema cannot: patterns compile, have a `secret` group, keywords are lower-case.
 * Every pattern runs over file content, so none may take more than linear time: built-in ones
 * (V8) must not backtrack without bound; a workspace's own (`custom`) must be expressible on
 * the linear-time engine they run on (engine/rules/re2Syntax.ts says what that accepts).
 */
export function checkRuleSemantics(rule: RuleDefinition, source: string, custom = false): string[] {
  const problems: string[] = [];
  const at = `${source}: rule "${rule.id}"`;
  const compiles = (pattern: string, field: string, flags: string) => {
    try {
      new RegExp(pattern, flags);
    } catch (e) {
      problems.push(`${at} ${field} does not compile: ${(e as Error).message}`);
      return false;
    }
    if (!custom) {
      for (const problem of patternSafetyProblems(pattern)) problems.push(`${at} ${field} ${problem}`);
      return true;
    }
    try {
      compileLinear(pattern, flags);
    } catch (e) {
      if (!(e instanceof LinearSyntaxError)) throw e;
      problems.push(`${at} ${field} ${e.message} (${LINEAR_ENGINE_NOTE})`);
      return false;
    }
    return true;
  };
  if (rule.pattern !== undefined && compiles(rule.pattern, 'pattern', rule.caseInsensitive ? 'dgi' : 'dg')) {
    if (!rule.pattern.includes('(?<secret>')) problems.push(`${at} pattern needs a named group (?<secret>…) around the value`);
  }
  if (rule.assignment) {
    compiles(rule.assignment.name, 'assignment.name', 'i');
    if (rule.assignment.nameExclude) compiles(rule.assignment.nameExclude, 'assignment.nameExclude', 'i');
  }
  for (const value of rule.allowlist?.values ?? []) compiles(value, 'allowlist.values', '');
  for (const keyword of rule.keywords ?? []) {
    if (keyword !== keyword.toLowerCase()) problems.push(`${at} keyword "${keyword}" must be lower-case (matching ignores case)`);
  }
  return problems;
}

function checkDefinitions(rules: RuleDefinition[], source: string, custom = false): string[] {
  return rules.flatMap((rule) => checkRuleSemantics(rule, source, custom));
}

/** Parses and validates one rule pack; `source` names it in errors. */
export function parseRulePack(text: string, source: string): LoadedRule[] {
  const data = parseYamlSafely(text, source);
  const validatePack = schemaValidators().pack;
  if (!validatePack(data)) throw new RuleError((validatePack.errors ?? []).map((e) => describe(e, data, source)));
  const rules = (data as { rules: RuleDefinition[] }).rules;
  const problems = checkDefinitions(rules, source);
  if (problems.length) throw new RuleError(problems);
  return rules.map((definition) => ({ definition, source }));
}

/** Rule ids are unique across packs: the second definition of an id is an error. */
export function checkUniqueIds(rules: LoadedRule[]): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { definition, source } of rules) {
    const first = seen.get(definition.id);
    if (first) problems.push(`${source}: rule "${definition.id}" is already defined in ${first}`);
    seen.set(definition.id, source);
  }
  if (problems.length) throw new RuleError(problems);
}

/** Built-in rules compiled at build time (see build/compileBuiltinRules.ts). */
export interface CompiledRulesFile {
  format: 'nhi-lens-rules/1';
  rules: LoadedRule[];
  /** The secret scanner's keyword automaton for these rules, built ahead (absent in older files). */
  keywordIndex?: KeywordIndexData;
  /** Each built-in pattern's prefilter reading (requiredLiterals.ts), pattern first (absent in older files). */
  patternReadings?: Array<[string, PatternReading]>;
}

/** What a compiled rules file holds for the secret scanner only. */
export type CompiledScanData = Pick<CompiledRulesFile, 'keywordIndex' | 'patternReadings'>;

/**
 * The text of a compiled rules file: JSON, its rules first and the scanner's data (half the file)
 * after its only line break (JSON.stringify writes none), so a run that scans nothing (a warm
 * cached audit) parses only the rules (parseCompiledRules). ASCII only: read without a UTF-8 decode.
 */
export function compiledRulesText(file: CompiledRulesFile): string {
  const { keywordIndex, patternReadings, ...rules } = file;
  const text = `${JSON.stringify(rules).slice(0, -1)}\n,${JSON.stringify({ keywordIndex, patternReadings }).slice(1)}`;
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A compiled rules file's rules, and its scanner's data parsed when first asked for; undefined
 * when it is not one. A file without the line break (older, or rewritten by hand) is parsed whole.
 */
export function parseCompiledRules(text: string): { rules: LoadedRule[]; scanData: () => CompiledScanData } | undefined {
  const split = text.indexOf('\n,');
  const head = JSON.parse(split < 0 ? text : `${text.slice(0, split)}}`) as CompiledRulesFile;
  if (head.format !== 'nhi-lens-rules/1') return undefined;
  let scan: CompiledScanData | undefined = split < 0 ? head : undefined;
  return { rules: head.rules, scanData: () => (scan ??= JSON.parse(`{${text.slice(split + 2)}`) as CompiledScanData) };
}

/** Validates a parsed workspace config object against rules/config.schema.json. */
export function validateConfigData(data: unknown, source: string): void {
  const validateConfigShape = schemaValidators().config;
  if (!validateConfigShape(data)) throw new RuleError((validateConfigShape.errors ?? []).map((e) => describe(e, data, source)));
  const rules = (data as { rules?: RuleDefinition[] }).rules ?? [];
  const problems = checkDefinitions(rules, source, true);
  if (problems.length) throw new RuleError(problems);
}
