import * as assert from 'node:assert/strict';
import ignore from 'ignore';
import { compileRule, segmentPrefilter } from '../../../engine/secrets/secretScanner';
import { builtinRules } from '../../support/engineFixture';
import { Rng } from '../../support/seededRandom';

describe("segmentPrefilter (quick test before a rule's `files` patterns)", () => {
  it('passes the paths the built-in file-name rules run in, and turns away others', () => {
    for (const id of ['pgpass-password', 'rails-master-key']) {
      const definition = builtinRules().find((r) => r.definition.id === id)!.definition;
      const rule = compileRule(definition, definition.severity);
      const quick = segmentPrefilter(definition.files!)!;
      assert.ok(quick, id);
      const runs =
        id === 'pgpass-password'
          ? ['.pgpass', 'home/deploy/.pgpass', 'etc/pgpass.conf', '.PGPASS']
          : ['config/master.key', 'app/config/credentials/production.key'];
      for (const p of runs) {
        assert.equal(quick(p), true, `${id} ${p}`);
        assert.equal(rule.runsIn!(p), true, `${id} ${p}`);
      }
      for (const p of ['src/app.ts', 'config/master.key.bak', 'docs/pgpass.md', 'packages/@aws-sdk/client-s3/dist-cjs/index.js']) {
        assert.equal(quick(p), false, `${id} ${p}`);
        assert.equal(rule.runsIn!(p), false, `${id} ${p}`);
      }
    }
  });

  it('gives no quick test for negated patterns, a last segment ** or a character class', () => {
    assert.equal(segmentPrefilter(['*.key', '!public.key']), undefined);
    assert.equal(segmentPrefilter(['secrets/**']), undefined);
    assert.equal(segmentPrefilter(['id_[rd]sa']), undefined);
    assert.equal(segmentPrefilter(['# only a comment']), undefined);
  });

  // A quick test may let through paths the patterns do not match, never turn away one they do.
  it('never turns away a path the patterns match (random patterns and paths)', () => {
    const rng = new Rng(1307);
    const segment = () => rng.chars('ab', 1) + rng.chars('ab.', rng.int(3));
    const globSegment = () => rng.chars('ab.*?', 1 + rng.int(3));
    let matched = 0;
    let turnedAway = 0;
    for (let round = 0; round < 300; round++) {
      const patterns = Array.from({ length: 1 + rng.int(3) }, () => {
        const parts = Array.from({ length: 1 + rng.int(3) }, () => (rng.int(5) === 0 ? '**' : globSegment()));
        if (parts[parts.length - 1] === '**') parts[parts.length - 1] = globSegment();
        return `${rng.int(4) === 0 ? '/' : ''}${parts.join('/')}${rng.int(5) === 0 ? '/' : ''}${rng.int(5) === 0 ? '  ' : ''}`;
      });
      const quick = segmentPrefilter(patterns);
      assert.ok(quick, patterns.join());
      const matcher = ignore().add(patterns);
      for (let i = 0; i < 40; i++) {
        const path = Array.from({ length: 1 + rng.int(4) }, segment).join('/');
        const cased = rng.int(6) === 0 ? path.toUpperCase() : path;
        if (matcher.ignores(cased)) {
          matched++;
          assert.equal(quick(cased), true, `${patterns.join(' ')} must let ${cased} through`);
        } else if (!quick(cased)) turnedAway++;
      }
    }
    // Both kinds occurred: the property was exercised, and the test does turn paths away.
    assert.ok(matched > 100, `matched ${matched}`);
    assert.ok(turnedAway > 1000, `turned away ${turnedAway}`);
  });
});
