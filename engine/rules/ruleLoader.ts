import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import packSchema from '../../rules/schema.json';
import configSchema from '../../rules/config.schema.json';
import { RuleError, type LoadedRule, type RuleDefinition } from './ruleTypes';

// Compiled on first use: audit workers receive validated rules and never need a validator.
let validators: { pack: ValidateFunction; config: ValidateFunction } | undefined;
function schemaValidators(): { pack: ValidateFunction; config: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(packSchema);
    validators = { pack: ajv.compile(packSchema), config: ajv.compile(configSchema) };
  }
  return validators;
}

/** YAML aliases are capped so a hostile file (alias bomb) fails fast instead of exhausting memory. */
export function parseYamlSafely(text: string, source: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 50, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new RuleError([`${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

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

/** Checks what a schema cannot: patterns compile, have a `secret` group, keywords are lower-case. */
export function checkRuleSemantics(rule: RuleDefinition, source: string): string[] {
  const problems: string[] = [];
  const at = `${source}: rule "${rule.id}"`;
  const compiles = (pattern: string, field: string, flags: string) => {
    try {
      new RegExp(pattern, flags);
      return true;
    } catch (e) {
      problems.push(`${at} ${field} does not compile: ${(e as Error).message}`);
      return false;
    }
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

function checkDefinitions(rules: RuleDefinition[], source: string): string[] {
  return rules.flatMap((rule) => checkRuleSemantics(rule, source));
}

/** Reads and validates one rule pack file. */
export function loadRulePack(file: string): LoadedRule[] {
  const data = parseYamlSafely(fs.readFileSync(file, 'utf8'), file);
  const validatePack = schemaValidators().pack;
  if (!validatePack(data)) throw new RuleError((validatePack.errors ?? []).map((e) => describe(e, data, file)));
  const rules = (data as { rules: RuleDefinition[] }).rules;
  const problems = checkDefinitions(rules, file);
  if (problems.length) throw new RuleError(problems);
  return rules.map((definition) => ({ definition, source: file }));
}

/** The folder of built-in packs: `rules/` next to the bundle or the source tree. */
export function builtinRulesDir(): string {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'rules');
    // The compiled tree has a rules/ folder of JSON schemas only; the real one has the packs.
    if (fs.existsSync(path.join(candidate, 'schema.json')) && fs.readdirSync(candidate).some((f) => f.endsWith('.yaml'))) return candidate;
  }
  throw new RuleError([`cannot find the built-in rules folder above ${__dirname}`]);
}

/** Built-in rules compiled at build time (see compileBuiltinRules.ts). */
export interface CompiledRulesFile {
  format: 'nhi-lens-rules/1';
  rules: LoadedRule[];
}

/** The compiled rules file next to the running bundle, if the build produced one. */
function compiledRules(): LoadedRule[] | undefined {
  const file = path.join(__dirname, 'builtin-rules.json');
  if (!fs.existsSync(file)) return undefined;
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledRulesFile;
  return data.format === 'nhi-lens-rules/1' ? data.rules : undefined;
}

/**
 * Every built-in rule, in pack file-name order; duplicate ids are an error. Uses the compiled
 * JSON next to the bundle when there is one, else parses and validates rules/*.yaml.
 */
export function loadBuiltinRules(dir?: string, useCompiled = true): LoadedRule[] {
  const compiled = !dir && useCompiled ? compiledRules() : undefined;
  if (compiled) return compiled;
  dir ??= builtinRulesDir();
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const all = files.flatMap((f) => loadRulePack(path.join(dir, f)));
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { definition, source } of all) {
    const first = seen.get(definition.id);
    if (first) problems.push(`${source}: rule "${definition.id}" is already defined in ${first}`);
    seen.set(definition.id, source);
  }
  if (problems.length) throw new RuleError(problems);
  return all;
}

/** Validates a parsed workspace config object against rules/config.schema.json. */
export function validateConfigData(data: unknown, source: string): void {
  const validateConfigShape = schemaValidators().config;
  if (!validateConfigShape(data)) throw new RuleError((validateConfigShape.errors ?? []).map((e) => describe(e, data, source)));
  const rules = (data as { rules?: RuleDefinition[] }).rules ?? [];
  const problems = checkDefinitions(rules, source);
  if (problems.length) throw new RuleError(problems);
}
