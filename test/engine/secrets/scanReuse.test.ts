import * as assert from 'node:assert/strict';
import { ASSIGNMENT_REGEXES } from '../../../engine/secrets/assignments';
import { builtinRules, testEngine } from '../../support/engineFixture';
import { Rng } from '../../support/seededRandom';

/** What a scan reports, as comparable text. */
function summary(result: ReturnType<ReturnType<typeof testEngine>['scan']>): string {
  return JSON.stringify({
    findings: result.findings.map((f) => [f.ruleId, f.offsets.start, f.offsets.end, f.fingerprint, f.message]),
    skipped: result.skipped,
    identities: result.identities?.map((i) => [i.kind, i.name, i.offsets.start]),
  });
}

describe("a scanner's state kept from one file to the next", () => {
  // The keyword pass writes each file's (rule, line) pairs into arrays the scanner keeps and
  // reuses, and the counts of the rules the last file touched are reset at the next: a file
  // scanned after others must find exactly what it finds scanned first.
  it('a file scanned after other files finds what it finds in a fresh engine (random mixes of rule examples)', () => {
    const examples = builtinRules()
      .flatMap((r) => [...r.definition.examples.positive, ...r.definition.examples.negative])
      .map((e) => (typeof e === 'string' ? { path: 'notes.txt', text: e } : e));
    const rng = new Rng(4242);
    const documents = Array.from({ length: 60 }, (_, n) => {
      const parts = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(examples));
      // Lines repeated so that rules get many lines, and a long one past the kept arrays' first size.
      const filler = n % 10 === 0 ? `${'x = 1; '.repeat(2000)}\n` : '';
      return { path: parts[0].path, text: filler + parts.map((p) => `${p.text}\n${p.text}\n`).join('') };
    });
    const shared = testEngine();
    const seen = documents.map((d) => summary(shared.scan(d, { inventory: true })));
    let reported = 0;
    documents.forEach((d, n) => {
      const alone = summary(testEngine().scan(d, { inventory: true }));
      assert.equal(seen[n], alone, `document ${n} (${d.path})`);
      reported += JSON.parse(alone).findings.length;
    });
    assert.ok(reported > 0, 'the mixes hold findings'); // the comparison is not of empty results only
  });

  it('a rule given lines by the file before is given none in a file without its keywords', () => {
    const engine = testEngine();
    const key = ['AKIAZ3MPLQ7', 'RTX4VWY2Q'].join('');
    assert.equal(engine.scan({ path: 'a.py', text: `k = "${key}"\n` }).findings.length, 1);
    assert.equal(engine.scan({ path: 'b.py', text: `k = "${key.toLowerCase().replace('akia', 'zzzz')}"\n` }).findings.length, 0);
    assert.equal(engine.scan({ path: 'c.py', text: `\n\nk = "${key}"\n` }).findings[0].range.start.line, 2);
  });
});

describe('the name-and-operator regex (read atomically)', () => {
  // The form it had, giving back name characters one by one where no operator follows.
  const BACKTRACKING = /(?<![\w$/])([A-Za-z_$@][\w.\-$]{0,100})\\?["'`]?\]?[ \t]*(:=|=>|\?=|=(?![=~>])|:(?![:/]))[ \t]*/g;

  const all = (re: RegExp, line: string) => {
    re.lastIndex = 0;
    return [...line.matchAll(re)].map((m) => [m.index, m[0], m[1], m[2]]);
  };

  it('finds what the backtracking form finds (random lines of names, operators, quotes and blanks)', () => {
    const rng = new Rng(77);
    let matched = 0;
    let unmatched = 0;
    for (let n = 0; n < 4000; n++) {
      const line = rng.chars('aZ_$@.-9/ \t=:?>~"\'`]\\x', 1 + rng.int(60)) + (n % 50 === 0 ? 'a'.repeat(rng.int(240)) + '=1' : '');
      const expected = all(BACKTRACKING, line);
      assert.deepEqual(all(ASSIGNMENT_REGEXES.name, line), expected, JSON.stringify(line));
      if (expected.length) matched++;
      else unmatched++;
    }
    assert.ok(matched > 100 && unmatched > 100, `${matched} lines with matches, ${unmatched} without`);
  });

  it('matches a name before an operator, not a name without one or one longer than 101 characters', () => {
    assert.deepEqual(all(ASSIGNMENT_REGEXES.name, 'api_key = "x"'), [[0, 'api_key = ', 'api_key', '=']]);
    assert.deepEqual(all(ASSIGNMENT_REGEXES.name, 'just some words'), []);
    assert.deepEqual(all(ASSIGNMENT_REGEXES.name, `${'n'.repeat(102)}=1`), []);
    assert.deepEqual(all(ASSIGNMENT_REGEXES.name, `${'n'.repeat(101)}=1`), [[0, `${'n'.repeat(101)}=`, 'n'.repeat(101), '=']]);
  });
});
