import { hasUnboundedQuantifier } from '../../engine/rules/patternSafety';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { check } from 'recheck';
import type { LoadedRule, RuleDefinition } from '../../engine';
import { builtinRules } from '../support/engineFixture';
import {
  VERDICTS_FILE,
  mergeVerdicts,
  problemOf,
  readVerdicts,
  scannedPatterns,
  serialiseVerdicts,
  type Verdict,
} from '../support/patternSafety';

/**
 * Every regex a rule runs over file content has a ReDoS verdict from recheck, kept in
 * rules/pattern-safety.json (npm run rules:safety analyses new and changed patterns). The suite
 * checks the verdicts instead of re-running the analysis, which takes minutes.
 */
describe('rule patterns are safe from catastrophic backtracking (recheck verdicts)', () => {
  const patterns = scannedPatterns(builtinRules());
  const { verdicts } = readVerdicts();
  const RUN = 'run npm run rules:safety';

  it('every pattern, assignment name and allowlist regex of a rule has a verdict', () => {
    const missing = patterns.filter((p) => !verdicts[p.key]).map((p) => `${p.ruleId} ${p.field}`);
    if (missing.length)
      assert.fail(
        `${missing.length} new or changed rule regexes have no verdict in rules/pattern-safety.json: ${RUN} (${missing.join(', ')})`,
      );
  });

  it('no rule regex has exponential or unbounded polynomial backtracking', () => {
    const problems = patterns.flatMap((p) => {
      const verdict = verdicts[p.key];
      const problem = verdict && problemOf(verdict, p.pattern);
      return problem ? [`${p.ruleId} ${p.field}: ${problem}`] : [];
    });
    assert.deepEqual(problems, []);
  });

  it('the file has no verdicts for patterns no rule has, and names a rule that has each', () => {
    const users = new Map<string, string[]>();
    for (const p of patterns) users.set(p.key, [...(users.get(p.key) ?? []), `${p.ruleId} ${p.field}`]);
    const stale = Object.entries(verdicts)
      .filter(([key, v]) => !users.get(key)?.includes(`${v.ruleId} ${v.field}`))
      .map(([key, v]) => `${v.ruleId} ${v.field} (${key.slice(0, 12)})`);
    assert.deepEqual(stale, [], `stale verdicts: ${RUN} to drop them`);
  });

  it('the file is in the sorted, stable form the script writes', () => {
    assert.ok(fs.existsSync(VERDICTS_FILE), `${VERDICTS_FILE} is missing: ${RUN}`);
    assert.equal(fs.readFileSync(VERDICTS_FILE, 'utf8'), serialiseVerdicts(verdicts), `${RUN} to rewrite it`);
  });
});

describe('pattern safety helpers', () => {
  const rule = (definition: Partial<RuleDefinition>): LoadedRule => ({
    definition: { id: 'r', examples: { positive: [], negative: [] }, ...definition } as RuleDefinition,
    source: 'test',
  });
  const verdict = (v: Partial<Verdict>): Verdict => ({
    ruleId: 'r',
    field: 'pattern',
    status: 'vulnerable',
    complexity: 'polynomial',
    summary: '2nd degree polynomial',
    checker: 'automaton',
    analysedWith: 'recheck test',
    ...v,
  });

  it('skeleton helper finds unbounded quantifiers outside classes only', () => {
    assert.ok(hasUnboundedQuantifier('a[0-9]+b'));
    assert.ok(!hasUnboundedQuantifier('a[+*]{1,5}b\\+'));
    assert.ok(hasUnboundedQuantifier('x{2,}'));
  });

  it('accepts safe verdicts and bounded polynomial ones; rejects exponential and unbounded polynomial', () => {
    assert.equal(problemOf(verdict({ status: 'safe', complexity: 'linear', summary: 'linear' }), 'a+'), undefined);
    assert.equal(problemOf(verdict({}), 'a{1,40}b{0,9}'), undefined);
    assert.equal(problemOf(verdict({}), 'a{1,40}.*b'), '2nd degree polynomial with an unbounded quantifier');
    assert.equal(problemOf(verdict({ complexity: 'exponential', summary: 'exponential' }), 'a{1,4}'), 'exponential backtracking');
    assert.match(problemOf(verdict({ status: 'unknown' as Verdict['status'] }), 'a')!, /unknown status/);
  });

  it('collects the pattern (with its case flag), assignment names and allowlist values, keyed by sha256', () => {
    const found = scannedPatterns([
      rule({ id: 'a', pattern: '(?<secret>x+)', caseInsensitive: true, allowlist: { values: ['^EXAMPLE'] } }),
      rule({ id: 'b', assignment: { name: 'token$', nameExclude: '^public' } }),
      rule({ id: 'c', check: 'some-check' }),
    ]);
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.field, p.pattern, p.flags]),
      [
        ['a', 'pattern', '(?<secret>x+)', 'i'],
        ['a', 'allowlist.values[0]', '^EXAMPLE', ''],
        ['b', 'assignment.name', 'token$', 'i'],
        ['b', 'assignment.nameExclude', '^public', 'i'],
      ],
    );
    assert.equal(found[0].key, createHash('sha256').update('(?<secret>x+)\0i').digest('hex'));
    assert.notEqual(found[0].key, scannedPatterns([rule({ pattern: '(?<secret>x+)' })])[0].key, 'the flags are part of the key');
  });

  it('merging keeps verdicts of current patterns, lists missing ones once and prunes the rest', () => {
    const patterns = scannedPatterns([rule({ id: 'a', pattern: 'x' }), rule({ id: 'b', pattern: 'y' }), rule({ id: 'c', pattern: 'y' })]);
    const [a, b] = patterns;
    const old = verdict({ ruleId: 'renamed', status: 'safe', complexity: 'linear' });
    const merged = mergeVerdicts(patterns, { [a.key]: old, gone: old }, {});
    assert.deepEqual(Object.keys(merged.verdicts), [a.key]);
    assert.equal(merged.verdicts[a.key].ruleId, 'a', 'labelled with the rule that has the pattern now');
    assert.deepEqual(
      merged.missing.map((p) => p.ruleId),
      ['b'],
      'rules b and c share one pattern: one analysis',
    );
    assert.deepEqual(merged.pruned, ['gone']);
    const fresh = mergeVerdicts(patterns, { [a.key]: old }, { [b.key]: verdict({ ruleId: 'b' }) });
    assert.deepEqual(Object.keys(fresh.verdicts).sort(), [a.key, b.key].sort());
    assert.deepEqual(fresh.missing, []);
  });

  it('serialises sorted by rule and field whatever the insertion order', () => {
    const x = verdict({ ruleId: 'x' });
    const y = verdict({ ruleId: 'y' });
    assert.equal(serialiseVerdicts({ k2: y, k1: x }), serialiseVerdicts({ k1: x, k2: y }));
    assert.ok(serialiseVerdicts({ k1: y, k2: x }).indexOf('"k2"') < serialiseVerdicts({ k1: y, k2: x }).indexOf('"k1"'));
  });

  it('recheck flags a known-catastrophic pattern (the analyser works)', async function () {
    this.timeout(120_000); // recheck starts its native agent on the first check
    const result = await check('^(a+)+$', '', { timeout: 60_000, randomSeed: 7 });
    assert.equal(result.status, 'vulnerable');
    assert.equal(result.status === 'vulnerable' && result.complexity.type, 'exponential');
  });
});
