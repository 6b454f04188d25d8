/**
 * `npm run rules:safety [-- --all | --rule <id>...] [--timeout <seconds>]`: runs recheck, a ReDoS
 * analyser, on the rule regexes that have no verdict in rules/pattern-safety.json yet (and on
 * all of them with --all, or on those of the rules named with --rule), drops the verdicts of
 * patterns no rule has any more, and rewrites the file sorted.
 * Exits 1 when an analysis did not finish or a verdict is not acceptable (see problemOf).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { check } from 'recheck';
import { loadBuiltinRules } from '../../workspace/rules/ruleFiles';
import {
  VERDICTS_FILE,
  mergeVerdicts,
  problemOf,
  readVerdicts,
  scannedPatterns,
  serialiseVerdicts,
  type ScannedPattern,
  type Verdict,
} from './patternSafety';

const ANALYSER = `recheck ${(JSON.parse(fs.readFileSync(require.resolve('recheck/package.json'), 'utf8')) as { version: string }).version}`;
/**
 * A fixed seed for the fuzz checker. Its budgets are recheck's defaults, in time: a verdict can
 * differ on a very busy machine (a slow attack looks like a successful one), which is why the
 * suite reads recorded verdicts and never analyses, and why --rule re-analyses one rule.
 */
const SEED = 42;

/** Every value given to an option that can repeat (`--rule a --rule b`). */
function options(name: string): string[] {
  return process.argv.flatMap((arg, i) => (arg === name && i + 1 < process.argv.length ? [process.argv[i + 1]] : []));
}

async function analyse(p: ScannedPattern, timeoutMs: number): Promise<Verdict | string> {
  const result = await check(p.pattern, p.flags, { timeout: timeoutMs, randomSeed: SEED });
  if (result.status === 'unknown') return `analysis did not finish (${result.error.kind})`;
  return {
    ruleId: p.ruleId,
    field: p.field,
    status: result.status,
    complexity: result.complexity.type,
    summary: result.complexity.summary,
    checker: result.checker,
    analysedWith: ANALYSER,
  };
}

async function main(): Promise<number> {
  const all = process.argv.includes('--all');
  const again = new Set(options('--rule'));
  const timeoutMs = Number(options('--timeout')[0] ?? 300) * 1000;
  const patterns = scannedPatterns(loadBuiltinRules());
  const unknown = [...again].filter((id) => !patterns.some((p) => p.ruleId === id));
  if (unknown.length) throw new Error(`no built-in rule with a regex has the id ${unknown.join(', ')}`);
  const recorded = readVerdicts().verdicts;
  // Verdicts to analyse again are left out of `previous`: they count as missing.
  const redo = new Set(patterns.filter((p) => all || again.has(p.ruleId)).map((p) => p.key));
  const previous = Object.fromEntries(Object.entries(recorded).filter(([key]) => !redo.has(key)));
  const { missing } = mergeVerdicts(patterns, previous, {});
  process.stdout.write(`${patterns.length} rule regexes, ${missing.length} to analyse with ${ANALYSER}\n`);

  const fresh: Record<string, Verdict> = {};
  const failures: string[] = [];
  // One analysis per core: recheck's agent runs them in parallel.
  const lanes = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < missing.length) {
      const p = missing[next++];
      const started = Date.now();
      const verdict = await analyse(p, timeoutMs);
      const took = ((Date.now() - started) / 1000).toFixed(1);
      done++;
      if (typeof verdict === 'string') failures.push(`${p.ruleId} ${p.field}: ${verdict}`);
      else fresh[p.key] = verdict;
      const said = typeof verdict === 'string' ? verdict : `${verdict.status} (${verdict.summary}, ${verdict.checker})`;
      process.stdout.write(`[${done}/${missing.length}] ${p.ruleId} ${p.field}: ${said} in ${took} s\n`);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));

  // An analysis that did not finish keeps the verdict recorded before, if any (and exits 1).
  const merged = mergeVerdicts(patterns, recorded, fresh);
  fs.writeFileSync(VERDICTS_FILE, serialiseVerdicts(merged.verdicts));
  process.stdout.write(
    `wrote ${Object.keys(merged.verdicts).length} verdicts to ${VERDICTS_FILE}` +
      (merged.pruned.length ? `; dropped ${merged.pruned.length} of patterns no rule has` : '') +
      '\n',
  );
  for (const p of patterns) {
    const verdict = merged.verdicts[p.key];
    const problem = verdict && problemOf(verdict, p.pattern);
    if (problem) failures.push(`${p.ruleId} ${p.field}: ${problem}`);
  }
  for (const f of failures) process.stderr.write(`${f}\n`);
  if (failures.length && merged.missing.length)
    process.stderr.write(`no verdict recorded for ${merged.missing.length}: simplify the pattern or raise --timeout (seconds)\n`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
