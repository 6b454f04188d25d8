/**
 * Build step: validates rules/*.yaml and writes them as one JSON file next to the bundles, so
 * the CLI and the server start without parsing YAML (about 170 ms and 18 MB saved).
 * Usage: node compileBuiltinRules.js <out.json>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompiledRulesFile } from '../engine/rules/ruleLoader';
import { builtinRulesDir, loadBuiltinRules } from '../workspace/rules/ruleFiles';

const out = process.argv[2];
const dir = builtinRulesDir();
const rules = loadBuiltinRules(dir, false);
// Examples are for the test suite: they are realistic fake secrets, so they stay out of the
// shipped file (marketplace secret scans, and a smaller file to read at start-up).
const file: CompiledRulesFile = {
  format: 'nhi-lens-rules/1',
  rules: rules.map(({ definition, source }) => ({
    definition: { ...definition, examples: { positive: [], negative: [] } },
    source: path.relative(path.dirname(dir), source).split(path.sep).join('/'),
  })),
};
fs.writeFileSync(out, JSON.stringify(file));
process.stdout.write(`compiled ${rules.length} rules to ${out}\n`);
