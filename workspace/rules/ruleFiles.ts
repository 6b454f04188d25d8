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

/** The compiled rules file's first bytes: a file that starts otherwise is not one (the rules then come from rules/*.yaml). */
const COMPILED_RULES_START = '{"format":"nhi-lens-rules/1",';

/** The compiled rules file next to the running bundle and its bytes, read once; null when the build produced none. */
let compiledFile: { file: string; bytes: Buffer } | null | undefined;

function compiledRulesFile(): { file: string; bytes: Buffer } | undefined {
  if (compiledFile === undefined) {
    const file = path.join(__dirname, 'builtin-rules.json');
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    const start = Buffer.from(COMPILED_RULES_START, 'latin1');
    compiledFile = bytes?.subarray(0, start.length).equals(start) ? { file, bytes } : null;
  }
  return compiledFile ?? undefined;
}

/** The built-in rules from the compiled rules file next to the running bundle, if the build produced one. */
function compiledRules(): { rules: LoadedRule[]; scanData: () => CompiledScanData } | undefined {
  const compiledBytes = compiledRulesFile();
  if (!compiledBytes) return undefined;
  const { file, bytes } = compiledBytes;
  // The cache key is its bytes (builtinRulesBytes): a file that says it is one and is not cannot be the rules it stands for.
  const compiled = damageReported(file, () => parseCompiledRules(bytes.toString('utf8')));
  if (!compiled) throw new RuleError([`the compiled rules file ${file} is damaged (not in its format): reinstall nhi-lens`]);
  // Its second half is parsed at the first scan, not at start-up: a damaged one says what it is there.
  return { rules: compiled.rules, scanData: () => damageReported(file, compiled.scanData) };
}

/** What `parse` returns, its error (the file does not parse) said as a damaged compiled rules file. */
function damageReported<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new RuleError([`the compiled rules file ${file} is damaged (${(error as Error).message}): reinstall nhi-lens`]);
  }
}

let builtin: LoadedRule[] | undefined;
let builtinScanData: (() => CompiledScanData) | undefined;
let builtinReadings: PatternReadings | undefined;

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
 * The bytes of the compiled rules file the built-in rules come from, or undefined (running from
 * sources). What an audit cache is keyed by: hashing them is cheaper than serialising the rules,
 * and they are not parsed for it (the rules are, when an engine first needs them).
 */
export function builtinRulesBytes(): Buffer | undefined {
  return compiledRulesFile()?.bytes;
}
