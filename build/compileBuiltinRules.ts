/**
 * Build step: validates rules/*.yaml and writes them as one JSON file next to the bundles, so
 * the CLI and the server start without parsing YAML (about 170 ms and 18 MB saved). Fails the
 * build when a rule and the IaC check registry disagree (see engine/rules/checkCoverage.ts).
 * Usage: node compileBuiltinRules.js <out.json> [rules-dir]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkCoverageProblems } from '../engine/rules/checkCoverage';
import { readPattern } from '../engine/rules/requiredLiterals';
import { compiledRulesText, type CompiledRulesFile } from '../engine/rules/ruleLoader';
import { RuleError, type LoadedRule } from '../engine/rules/ruleTypes';
import { KeywordIndex } from '../engine/secrets/keywordIndex';
import { secretKeywords } from '../engine/secrets/secretScanner';
import { builtinRulesDir, loadBuiltinRules } from '../workspace/rules/ruleFiles';

function fail(problems: string[]): never {
  process.stderr.write(`the built-in rules are not valid:\n${problems.map((p) => `  ${p}\n`).join('')}`);
  process.exit(1);
}

const [out, dirArg] = process.argv.slice(2);
const dir = dirArg ? path.resolve(dirArg) : builtinRulesDir();
let rules: LoadedRule[];
try {
  rules = loadBuiltinRules(dir, false);
} catch (error) {
  if (error instanceof RuleError) fail(error.problems);
  throw error;
}
const problems = checkCoverageProblems(rules);
if (problems.length) fail(problems);
// Examples are for the test suite: they are realistic fake secrets, so they stay out of the
// shipped file (marketplace secret scans, and a smaller file to read at start-up).
const file: CompiledRulesFile = {
  format: 'nhi-lens-rules/1',
  rules: rules.map(({ definition, source }) => ({
    definition: { ...definition, examples: { positive: [], negative: [] } },
    source: path.relative(path.dirname(dir), source).split(path.sep).join('/'),
  })),
  // Built here so no process builds it at start-up: the keywords of every built-in secret rule.
  keywordIndex: new KeywordIndex(
    secretKeywords(rules.filter(({ definition: d }) => d.category === 'secret' && !d.check).map(({ definition }) => definition)),
  ).toData(),
  // Read here for the same reason: the prefilters of the regex rules (39 ms of each thread's first scans).
  patternReadings: [...new Set(rules.flatMap(({ definition: d }) => (d.pattern === undefined ? [] : [d.pattern])))].map((pattern) => [
    pattern,
    readPattern(pattern),
  ]),
};
fs.writeFileSync(out, compiledRulesText(file));
process.stdout.write(`compiled ${rules.length} rules to ${out}\n`);
