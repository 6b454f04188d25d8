import * as assert from 'node:assert/strict';
import { LiteralPrefilter, readPattern, requiredLiterals } from '../../../engine/rules/requiredLiterals';
import { requiredFragment } from '../../../engine/rules/requiredFragments';
import { nameSpellings } from '../../../engine/secrets/secretScanner';
import { builtinRules } from '../../support/engineFixture';
import { Rng } from '../../support/seededRandom';

describe('requiredLiterals (strings every match of a regex holds)', () => {
  it('reads runs of literal characters in the top-level sequence and in groups every match goes through', () => {
    assert.deepEqual(requiredLiterals(String.raw`[a-z]{1,30}://[^:]{1,100}:(?<secret>[^@]{3,200})@(?:\[[0-9a-f:.]+\]|[a-z]+)`), [
      '://',
      '@',
    ]);
    assert.deepEqual(requiredLiterals(String.raw`-[ \t]{1,4}name:[ \t]*\r?\n[ \t]{1,40}value:`), ['-', 'name:', '\n', 'value:']);
    assert.deepEqual(requiredLiterals(String.raw`ab+c`), ['ab', 'bc']);
    assert.deepEqual(requiredLiterals(String.raw`x{2}y`), ['xy']);
    assert.deepEqual(requiredLiterals(String.raw`(?:key|tok)en_`), ['en_']);
    assert.deepEqual(requiredLiterals(String.raw`(?:ab)+c(?<v>de\.f)`), ['ab', 'c', 'de.f']);
    assert.deepEqual(requiredLiterals(String.raw`\x41B\u0043\/\n`), ['ABC/\n']);
  });

  it('gives nothing it is not sure of', () => {
    // Alternatives, optional parts, lookarounds, classes, back-references, assertions, a `u` flag.
    assert.deepEqual(requiredLiterals('ab|cd'), []);
    assert.deepEqual(requiredLiterals('a?b*(?:cd)?(?:ef){0,3}'), []);
    assert.deepEqual(requiredLiterals('(?=abc)[a-z]+(?!xyz)(?<=q)(?<!r)'), []);
    assert.deepEqual(requiredLiterals(String.raw`(a)\1\k<n>\d\w\s.`), ['a']);
    assert.deepEqual(requiredLiterals(String.raw`ab\bcd`), ['ab', 'cd']);
    assert.deepEqual(requiredLiterals('abc', 'u'), []);
    // `[]` is an empty class in JavaScript, `{,3}` no quantifier.
    assert.deepEqual(requiredLiterals('[]ab]'), ['ab']);
    assert.deepEqual(requiredLiterals('a{,3}'), ['a', ',3']);
    assert.deepEqual(requiredLiterals('(ab'), []);
    assert.deepEqual(requiredLiterals('[ab'), []);
  });

  it('every match of every built-in rule holds its strings (examples and random text around them)', () => {
    const rng = new Rng(13);
    let checked = 0;
    for (const { definition: d } of builtinRules()) {
      if (d.pattern === undefined) continue;
      const flags = d.caseInsensitive ? 'gi' : 'g';
      const literals = requiredLiterals(d.pattern, flags);
      const re = new RegExp(d.pattern, flags);
      const examples = [...(d.examples?.positive ?? []), ...(d.examples?.negative ?? [])].map((e) => (typeof e === 'string' ? e : e.text));
      const texts = examples.flatMap((e) => [e, `${rng.pick(['', 'x ', '\n', '"'])}${e}${rng.pick(['', ' ', '\n', "'"])}`]);
      for (const text of texts) {
        for (const m of text.matchAll(re)) {
          for (const literal of literals) {
            const holds = d.caseInsensitive ? m[0].toLowerCase().includes(literal.toLowerCase()) : m[0].includes(literal);
            assert.ok(holds, `${d.id}: match ${JSON.stringify(m[0])} lacks ${JSON.stringify(literal)}`);
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 300, `only ${checked} checks`);
  });

  it('a prefilter tests only what the rule keywords do not already imply, in the pattern letter case', () => {
    const url = LiteralPrefilter.of(String.raw`[a-z]{1,30}://[^:@]{1,100}:(?<secret>[^@]{3,200})@[a-z]+`, 'dgi', ['://'])!;
    assert.equal(url.mayMatch('see https://example.com/docs'), false);
    assert.equal(url.mayMatch('https://user:pw@host'), true);
    const env = LiteralPrefilter.of(String.raw`name:[ \t]*\r?\n[ \t]{1,40}value:`, 'dgi', ['password'])!;
    assert.equal(env.mayMatch('- NAME: DB_PASSWORD\n  VALUE: x'), true);
    assert.equal(env.mayMatch('- name: DB_PASSWORD\n  valueFrom:'), false);
    assert.equal(env.mayMatch('- name: DB_PASSWORD\n  secretKeyRef:'), false);
    const exact = LiteralPrefilter.of('sk_live_[0-9a-z]{24}', 'dg', ['sk_live_'])!;
    // Keywords are found in any letter case; a case-sensitive pattern still needs its own.
    assert.equal(exact.mayMatch('SK_LIVE_abc'), false);
    assert.equal(exact.mayMatch('sk_live_abc'), true);
    assert.equal(LiteralPrefilter.of('sk_live_[0-9a-z]{24}', 'dgi', ['sk_live_']), undefined);
    assert.equal(LiteralPrefilter.of('(?:a|b)c?', 'dg', []), undefined);
  });

  it('takes the reading of its pattern when one is handed over (the build reads the built-in ones), except with the u or v flag', () => {
    const pattern = String.raw`token=(?<secret>[a-z]{8})`;
    assert.deepEqual(readPattern(pattern), { literals: ['token='] });
    const ahead = { literals: ['token=', 'zz'] }; // not this pattern's: shows which reading was used
    assert.equal(LiteralPrefilter.of(pattern, 'dg', [], ahead)!.mayMatch('token=abcdefgh'), false);
    assert.equal(LiteralPrefilter.of(pattern, 'dg', [])!.mayMatch('token=abcdefgh'), true);
    assert.equal(LiteralPrefilter.of(pattern, 'dgu', [], ahead), undefined, 'read again: with u nothing is read');
    const fragment = String.raw`(?:ab|cd)x[0-9]{4}(?:ef|gh)`;
    assert.equal(readPattern(fragment).fragment, requiredFragment(fragment));
  });

  it('over the windows of one text, answers as it does for each window on its own', () => {
    const rng = new Rng(7);
    const caseless = LiteralPrefilter.of(String.raw`name:[ \t]*\n[ \t]*value:`, 'dgi', [])!;
    const exact = LiteralPrefilter.of(String.raw`name:[ \t]*\n[ \t]*value:`, 'dg', [])!;
    const pieces = ['name:', 'NAME:', 'value:', 'Value:', 'valu', 'e:', '\n', 'x', '  '];
    // The keyword pass's occurrences of a string: the offsets of their last characters, any letter case.
    const occurrences = (text: string) => (lowerCased: string) => {
      if (lowerCased === '\n') return undefined; // not a keyword: searched in the text
      const ends: number[] = [];
      const lower = text.toLowerCase();
      for (let at = lower.indexOf(lowerCased); at >= 0; at = lower.indexOf(lowerCased, at + 1)) ends.push(at + lowerCased.length - 1);
      return ends;
    };
    let matched = 0;
    for (let round = 0; round < 200; round++) {
      let text = '';
      while (text.length < 120) text += rng.pick(pieces);
      for (const filter of [caseless, exact]) {
        const windows = filter.windows(text);
        const known = filter.windows(text, occurrences(text));
        // Windows in text order (as a rule meets its keyword lines), now and then one out of order.
        let start = 0;
        while (start < text.length) {
          const from = rng.int(8) === 0 ? rng.int(text.length) : start;
          const end = Math.min(text.length, from + 1 + rng.int(40));
          const expected = filter.mayMatch(text.slice(from, end));
          if (expected) matched++;
          assert.equal(windows.mayMatch(from, end), expected, `${JSON.stringify(text)} [${from}, ${end})`);
          assert.equal(known.mayMatch(from, end), expected, `occurrences: ${JSON.stringify(text)} [${from}, ${end})`);
          start += 1 + rng.int(10);
        }
      }
    }
    assert.ok(matched > 100, `only ${matched} windows may match`);
  });

  describe('requiredFragment (a regex every match of a pattern with alternatives holds a match of)', () => {
    it('joins the best run of each alternative, through groups every match goes through', () => {
      assert.equal(
        requiredFragment(
          String.raw`(?:\b(?:curl|http|xh)\b[^\n]{0,300}?[ \t](?:-u|--user)[ \t=]{1,4}\w+|\bsmbclient\b[ \t]-U)(?<secret>\S{3,})`,
        ),
        String.raw`(?:[ \t](?:-u|--user)[ \t=]|smbclient)`,
      );
      // `ab+c`: `ab` and `bc`; a class counts less than a literal character.
      assert.equal(requiredFragment(String.raw`xab+cde|[0-9]{2}-us[0-9]`), String.raw`(?:bcde|[0-9]-us[0-9])`);
      assert.equal(
        requiredFragment(String.raw`(?<name>token|secret)_(?:key|pass):|apikey=`),
        String.raw`(?:(?:token|secret)_(?:key|pass):|apikey=)`,
      );
    });

    it('gives nothing it is not sure of, or nothing worth testing', () => {
      // No alternation (the required literals are enough), an alternative without a run of two
      // literal characters, optional and zero-width parts, back-references, unbalanced syntax.
      assert.equal(requiredFragment('abc[0-9]+def'), undefined);
      assert.equal(requiredFragment('abc|d[0-9]'), undefined);
      assert.equal(requiredFragment('(?:abc)?x|def'), undefined);
      assert.equal(requiredFragment('(?=abc)x|def'), undefined);
      // A back-reference ends a run (a capturing group of strings is read as one that does not capture).
      assert.equal(requiredFragment(String.raw`(ab)\1|cd`), '(?:(?:ab)|cd)');
      assert.equal(requiredFragment(String.raw`a\1b|cd`), undefined);
      assert.equal(requiredFragment('(abc|def'), undefined);
      assert.equal(requiredFragment('abc|def', 'u'), undefined);
    });

    it('every match of every built-in rule holds a match of its fragment (examples and random text around them)', () => {
      const rng = new Rng(29);
      let checked = 0;
      let rules = 0;
      for (const { definition: d } of builtinRules()) {
        if (d.pattern === undefined) continue;
        const flags = d.caseInsensitive ? 'gi' : 'g';
        const fragment = requiredFragment(d.pattern, flags);
        if (fragment === undefined) continue;
        rules++;
        const within = new RegExp(fragment, d.caseInsensitive ? 'i' : '');
        const re = new RegExp(d.pattern, flags);
        const examples = [...(d.examples?.positive ?? []), ...(d.examples?.negative ?? [])].map((e) =>
          typeof e === 'string' ? e : e.text,
        );
        const texts = examples.flatMap((e) => [e, `${rng.pick(['', 'x ', '\n', '"'])}${e}${rng.pick(['', ' ', '\n', "'"])}`]);
        for (const text of texts)
          for (const m of text.matchAll(re)) {
            assert.ok(within.test(m[0]), `${d.id}: match ${JSON.stringify(m[0])} lacks /${fragment}/`);
            checked++;
          }
      }
      assert.ok(rules > 50 && checked > 200, `${rules} rules, ${checked} checks`);
    });

    it('a one-line prefilter tests it unless every keyword holds a match of it', () => {
      const pattern = String.raw`(?:\b(?:curl|http|xh)\b[^\n]{0,300}?[ \t](?:-u|--user)[ \t=]{1,4}\w+:|\bsmbclient\b[ \t]-U[ \t])(?<secret>\S{3,})`;
      const filter = LiteralPrefilter.of(pattern, 'dgi', ['curl', 'http', 'smbclient'])!;
      assert.equal(filter.mayMatch('fetch("https://example.com/users")'), false);
      assert.equal(filter.mayMatch('curl -s https://x.example --USER bot:Tz8q'), true);
      assert.equal(filter.mayMatch('smbclient //srv/share -U admin pw'), true);
      // Each keyword of a provider rule holds its fragment: nothing to test.
      assert.equal(LiteralPrefilter.of(String.raw`\btwilio\b[ :=]{1,4}[a-f0-9]{32}|\btwilio\b[a-f0-9]{32}`, 'dgi', ['twilio']), undefined);
      const built = builtinRules()
        .map((r) => r.definition)
        .filter((d) => d.pattern !== undefined && !d.multiline);
      const withFragment = built.filter((d) => {
        const keywords = [...new Set((d.keywords ?? []).flatMap(nameSpellings))];
        return LiteralPrefilter.of(d.pattern!, d.caseInsensitive ? 'dgi' : 'dg', keywords)?.mayMatch('') === false;
      });
      assert.ok(withFragment.some((d) => d.id === 'command-user-password'));
    });
  });
});
