import * as assert from 'node:assert/strict';
import { compileLinear } from '../../../engine/rules/linearRegex';
import type { PatternMatch, RulePattern } from '../../../engine/rules/rulePattern';
import { LinearSyntaxError, toRe2Syntax } from '../../../engine/rules/re2Syntax';
import { Engine } from '../../../engine/engine';
import type { RuleDefinition } from '../../../engine/rules/ruleTypes';
import { builtinRules } from '../../support/engineFixture';

/** Every pass of a global pattern over a text, as the scanner makes them (index, match, groups, where the next search starts). */
function passes(re: RulePattern, text: string, from = 0): string[] {
  const out: string[] = [];
  re.lastIndex = from;
  for (let m: PatternMatch | null = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    const secret = m.indices?.groups?.secret;
    out.push(`${m.index}+${m[0].length} next ${re.lastIndex} secret ${secret ? secret.join('-') : '-'} name ${m.groups?.name ?? '-'}`);
    if (out.length > 200) break;
  }
  return out;
}

function same(pattern: string, texts: string[], flags = 'dg'): void {
  const linear = compileLinear(pattern, flags);
  const v8 = new RegExp(pattern, flags);
  for (const text of texts) assert.deepEqual(passes(linear, text), passes(v8, text), `${pattern} over ${JSON.stringify(text)}`);
}

const refusal = (pattern: string) => {
  try {
    compileLinear(pattern, 'dg');
  } catch (error) {
    assert.ok(error instanceof LinearSyntaxError, String(error));
    return error.message;
  }
  return assert.fail(`${pattern} was accepted`);
};

describe('workspace patterns on the linear-time engine', function () {
  this.timeout(120_000);

  it('a pattern that backtracks catastrophically in V8 matches a long line in linear time', () => {
    // V8 takes minutes on 31 characters of this input; here it is 100,000, and mocha's timeout is the failure.
    const re = compileLinear('^(?<secret>(a+)+)$', 'dg');
    assert.equal(re.exec(`${'a'.repeat(100_000)}!`), null);
    re.lastIndex = 0;
    assert.deepEqual(re.exec('a'.repeat(100_000))?.indices?.groups?.secret, [0, 100_000]);
  });

  it('finds what V8 finds with every built-in pattern RE2 can express, on the rules own examples', () => {
    let compared = 0;
    const refused: string[] = [];
    for (const { definition: d } of builtinRules()) {
      if (d.pattern === undefined) continue;
      let linear: RulePattern;
      try {
        linear = compileLinear(d.pattern, d.caseInsensitive ? 'dgi' : 'dg');
      } catch (error) {
        refused.push(`${d.id}: ${(error as Error).message}`);
        continue;
      }
      const v8 = new RegExp(d.pattern, d.caseInsensitive ? 'dgi' : 'dg');
      const texts = [...d.examples.positive, ...d.examples.negative].map((e) => (typeof e === 'string' ? e : e.text));
      for (const text of texts) {
        for (const variant of [text, `${text}x`, `x${text}\r`, text.replace(/ /g, '\u00a0'), `${text}\n${text}`]) {
          assert.deepEqual(passes(linear, variant), passes(v8, variant), `${d.id} over an example variant`);
        }
      }
      compared++;
    }
    // Most built-in patterns end with a one-character lookahead: all of those must be expressible.
    assert.ok(compared > 300, `${compared} compared; refused:\n${refused.join('\n')}`);
    for (const reason of refused) assert.match(reason, /lookahead|back-reference|invalid repeat count/);
  });

  it('the built-in secret rules RE2 can express, run as workspace rules, report what they report as built-ins', () => {
    const expressible = (d: RuleDefinition) => {
      try {
        if (d.pattern !== undefined) compileLinear(d.pattern, d.caseInsensitive ? 'dgi' : 'dg');
        if (d.assignment) compileLinear(d.assignment.name, 'i');
        if (d.assignment?.nameExclude) compileLinear(d.assignment.nameExclude, 'i');
        for (const v of d.allowlist?.values ?? []) compileLinear(v, '');
        return true;
      } catch {
        return false;
      }
    };
    const rules = builtinRules()
      .map((r) => r.definition)
      .filter((d) => d.category === 'secret' && !d.check && expressible(d));
    // Multiline, assignment and files rules are among them (allowlisted values: the test below).
    assert.ok(rules.some((d) => d.multiline) && rules.some((d) => d.assignment) && rules.some((d) => d.files?.length));
    const onV8 = new Engine({ rules: rules.map((definition) => ({ definition, source: 'test' })) });
    const onRe2 = new Engine({ rules: [], config: { rules } });
    const seen = (engine: Engine, doc: { path: string; text: string }) =>
      engine
        .scan(doc)
        .findings.map(
          (f) =>
            `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.fingerprint}`,
        );
    let found = 0;
    for (const d of rules) {
      for (const example of [...d.examples.positive, ...d.examples.negative]) {
        const doc = typeof example === 'string' ? { path: 'example.txt', text: example } : example;
        const expected = seen(onV8, doc);
        found += expected.length;
        assert.deepEqual(seen(onRe2, doc), expected, `${d.id}: ${doc.path}`);
      }
    }
    assert.ok(found > rules.length, `${found} findings over ${rules.length} rules' examples`);
  });

  it('keeps JavaScript meanings RE2 spells differently', () => {
    same('(?<secret>.{2,8})$', ['ab\r', 'ab\u2028cd', 'abcd']); // `.` stops at \r and U+2028
    same('k\\s{1,3}(?<secret>[^\\s"]{4,20})', ['k\u00a0\u00a0abcd"', 'k\vabcdef', 'k \ufeffabcd']);
    same('(?<secret>\\u0041\\x42\\cC\\0)', ['xAB\u0003\u0000']);
    same('(?<secret>[[:a]{3})', ['[:a:']); // `[` inside a class is literal
    same('(?<secret>\\a\\e\\/)', ['ae/']);
    same('(?<secret>[^]{2})x[]?', ['\n\nx']);
    same('(?<secret>abc)', ['ABC abc'], 'dgi');
  });

  it('runs lookbehinds, also from a later start', () => {
    same('(?<![A-Za-z0-9])(?<secret>ab[0-9]{2})', ['xab12 ab34 ab56', 'ab12']);
    const re = compileLinear('(?<=key=)(?<secret>[a-z]{3})', 'dg');
    assert.deepEqual(passes(re, 'key=abc key=def', 5), ['12+3 next 15 secret 12-15 name -']);
  });

  it('turns a final lookahead into a consuming part with the same match, backtracking included', () => {
    same('(?<secret>[a-z]{8,64})(?!x)', ['abcdefghijx', 'abcdefghx', 'abcdefgh']);
    same('(?<secret>[a-z;]{8,9})(?![a-z])', ['abcdefgh;x', 'abcdefgh;', 'abcdefghij;']);
    same('(?<name>[a-z_]{1,20})=(?<secret>acme_[a-z0-9]{4}(?![a-z0-9]))', ['a=acme_abcd b=acme_abcde c=acme_1234']);
    same('(?<secret>ab{1,3}?)(?=[,;"\'\\s]|$)', ['abbb,ab ab', 'abx']);
    same('tok(?<secret>[0-9]{2})(?!-)', ['tok12-tok34 tok56']);
    same('(?<secret>[0-9]{2})(?!\\d)', ['123 45']);
    same('(?<secret>[0-9]{2})(?!.)', ['12\r', '12a']);
    assert.equal(toRe2Syntax('a(?!b)').matchGroup, true);
    assert.equal(toRe2Syntax('a(?<!b)c').matchGroup, false);
  });

  it('iterates over empty matches as a global RegExp does', () => {
    same('(?<secret>x{0,2})', ['axxbx']);
  });

  it('tests non-global patterns (assignment names, allowlisted values) as RegExp.test does', () => {
    const name = compileLinear('^(?:api|auth)_?key$', 'i');
    assert.equal(name.test('API_KEY'), true);
    assert.equal(name.test('api_keys'), false);
    const allow = compileLinear('^EXAMPLE(?![a-z])', '');
    assert.equal(allow.test('EXAMPLE1'), true);
    assert.equal(allow.test('EXAMPLEa'), false);
  });

  it('refuses what RE2 cannot express, naming the construct', () => {
    assert.match(refusal('(?<secret>a(?!b)c)'), /lookahead .* not at the very end/);
    assert.match(refusal('(?<secret>a)(?!b)|c'), /lookahead .* not at the very end/);
    assert.match(refusal('(?<secret>(a)\\1)'), /back-reference \(\\1\)/);
    assert.match(refusal('(?<x>a)\\k<x>'), /named back-reference/);
    assert.match(refusal('a(?=(?<secret>b))'), /capture group inside a lookahead/);
    assert.match(refusal('a(?!bc)'), /negative lookahead that looks at more than one character/);
    assert.match(refusal('(?<=a(?=b))c'), /lookahead inside a lookahead or lookbehind/);
    assert.match(refusal('(?<secret>a{1,1001})'), /linear-time engine: invalid repeat count/);
    assert.match(refusal('(?<secret>(?:a{1,1000}){1,1000})'), /expression too large/);
  });
});
