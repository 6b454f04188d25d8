import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkUniqueIds, parseCompiledRules, parseRulePack, type CompiledScanData } from '../../engine/rules/ruleLoader';
import { RuleError, type LoadedRule } from '../../engine/rules/ruleTypes';
import type { KeywordIndexData } from '../../engine/secrets/keywordIndex';
import type { PatternReadings } from '../../engine/rules/requiredLiterals';
import { readSettingsFile } from '../files/boundedFile';

/** Reads and validates one rule pack file. */
export function loadRulePack(file: string): LoadedRule[] {
  return parseRulePack(readSettingsFile(file, 'rule pack'), file);
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

/** The compiled rules file next to the running bundle, if the build produced one, with its text. */
function compiledRules(): { rules: LoadedRule[]; scanData: () => CompiledScanData; text: string } | undefined {
  const file = path.join(__dirname, 'builtin-rules.json');
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  const compiled = parseCompiledRules(text);
  if (!compiled) return undefined;
  // Its second half is parsed at the first scan, not at start-up: a damaged one says what it is there.
  const scanData = (): CompiledScanData => {
    try {
      return compiled.scanData();
    } catch (error) {
      throw new RuleError([`the compiled rules file ${file} is damaged (${(error as Error).message}): reinstall nhi-lens`]);
    }
  };
  return { rules: compiled.rules, scanData, text };
}

let builtin: LoadedRule[] | undefined;
let builtinScanData: (() => CompiledScanData) | undefined;
let builtinReadings: PatternReadings | undefined;
let builtinText: string | undefined;

/**
 * Every built-in rule, in pack file-name order; duplicate ids are an error. Uses the compiled
 * JSON next to the bundle when there is one, else parses and validates rules/*.yaml. With no
 * arguments the result is read once per process (the rules ship with the tool).
 */
export function loadBuiltinRules(dir?: string, useCompiled = true): LoadedRule[] {
  if (!dir && useCompiled && builtin) return builtin;
  const compiled = !dir && useCompiled ? compiledRules() : undefined;
  let rules = compiled?.rules;
  if (!rules) {
    const folder = dir ?? builtinRulesDir();
    const files = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    rules = files.flatMap((f) => loadRulePack(path.join(folder, f)));
    checkUniqueIds(rules);
  }
  if (!dir && useCompiled) {
    builtin = rules;
    builtinScanData = compiled?.scanData;
    builtinText = compiled?.text;
  }
  return rules;
}

/**
 * The built-in rules' secret keyword automaton from the compiled rules file, or undefined
 * (running from sources: the engine then builds it). Parsed when first asked for: engines ask
 * when they first scan a text.
 */
export function builtinKeywordIndex(): KeywordIndexData | undefined {
  loadBuiltinRules();
  return builtinScanData?.().keywordIndex;
}

/**
 * The built-in patterns' prefilter readings from the compiled rules file, or undefined (running
 * from sources: the engine reads each pattern when its rule first runs).
 */
export function builtinPatternReadings(): PatternReadings | undefined {
  loadBuiltinRules();
  const readings = builtinScanData?.().patternReadings;
  return Array.isArray(readings) ? (builtinReadings ??= new Map(readings)) : undefined;
}

/**
 * The text of the compiled rules file the built-in rules came from, or undefined (running from
 * sources). What an audit cache is keyed by: hashing it is cheaper than serialising the rules.
 */
export function builtinRulesText(): string | undefined {
  loadBuiltinRules();
  return builtinText;
}
