import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../engine';
import { SecretLineMemo } from '../../engine/secrets/lineMemo';
import { freshTests, SearchStore } from '../../engine/text/keptSearches';
import { defaultEngine } from '../support/engineFixture';

/** Pieces of text and of edits: the needles asked for, parts of them, word characters around them, line breaks. */
const PIECES = [
  'a',
  '_',
  ' ',
  '\n',
  'x'.repeat(300),
  '@pulumi/',
  '@pulumi',
  '/',
  'aws-cdk-lib',
  'aws-cdk',
  'nhi-lens:ignore',
  'transforms',
  'Transforms',
  'transform',
  'register_stack_transform',
  'registerResourceTransform',
  'default_tags',
  'defaultTags',
  'autotag',
];
const NEEDLES = ['@pulumi/', 'aws-cdk-lib', 'nhi-lens:ignore', 'a_a', 'x\nx'];
/** The pattern `tagsSetElsewhere` asks for, and its reach (the longest match and a character each side). */
const PATTERN = /register_?(?:stack|resource)_?transform|\btransforms\b|default_?[tT]ags|autotag/i;
const REACH = 29;

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(''));
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((p) => p.join('')),
  // Which tests the scan after this edit asks (a test not asked last time is answered afresh).
  asks: fc.array(fc.boolean(), { minLength: NEEDLES.length + 1, maxLength: NEEDLES.length + 1 }),
});

function applyEdit(before: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (before.length + 1);
  return before.slice(0, at) + e.insert + before.slice(Math.min(before.length, at + e.remove));
}

describe('whole-text tests kept between scans of a document', () => {
  it('answer what a fresh search of the text answers, after any series of edits', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 12 }), (base, edits) => {
        const store = new SearchStore();
        let current = base;
        let tests = store.scan('f', current);
        for (const n of NEEDLES) assert.equal(tests.includes(n), current.includes(n));
        assert.equal(tests.matches(PATTERN, REACH), PATTERN.test(current));
        for (const e of edits) {
          current = applyEdit(current, e);
          tests = store.scan('f', current);
          NEEDLES.forEach((n, i) => {
            if (e.asks[i]) assert.equal(tests.includes(n), current.includes(n), `${n} in ${JSON.stringify(current)}`);
          });
          if (e.asks[NEEDLES.length]) assert.equal(tests.matches(PATTERN, REACH), PATTERN.test(current), JSON.stringify(current));
          // Asked twice in one scan: the same answer.
          assert.equal(tests.includes('@pulumi/'), current.includes('@pulumi/'));
          assert.equal(tests.includes('@pulumi/'), current.includes('@pulumi/'));
        }
      }),
      { seed: 4242, numRuns: 600 },
    );
  });

  it('finds a needle typed in, loses one deleted, and keeps one far from the edit', () => {
    const store = new SearchStore();
    const head = 'import * as aws from "@pulumi/aws";\n';
    const body = 'const x = 1;\n'.repeat(2000);
    assert.equal(store.scan('f', head + body).includes('@pulumi/'), true);
    assert.equal(store.scan('f', head + body + 'y').includes('@pulumi/'), true, 'typing far below the import');
    assert.equal(store.scan('f', body + 'y').includes('@pulumi/'), false, 'the import deleted');
    assert.equal(store.scan('f', body + 'y // @pulumi/').includes('@pulumi/'), true, 'typed in at the end');
    assert.equal(store.scan('f', body + 'y // @pulumi').includes('@pulumi/'), false, 'its last character deleted');
    // A word character typed before `transforms` ends its word boundary: no longer a match.
    assert.equal(store.scan('g', `${body}transforms = []\n`).matches(PATTERN, REACH), true);
    assert.equal(store.scan('g', `${body}xtransforms = []\n`).matches(PATTERN, REACH), false);
    assert.equal(store.scan('g', `${body} transforms = []\n`).matches(PATTERN, REACH), true);
  });

  it('keep each file apart, and forget the least recently scanned past their budget', () => {
    const store = new SearchStore(100);
    assert.equal(store.scan('a', 'aws-cdk-lib' + ' '.repeat(60)).includes('aws-cdk-lib'), true);
    assert.equal(store.scan('b', ' '.repeat(60)).includes('aws-cdk-lib'), false);
    // `a` was dropped (60 + 71 > 100): answered afresh, still right.
    assert.equal(store.scan('a', 'aws-cdk-lib' + ' '.repeat(61)).includes('aws-cdk-lib'), true);
    assert.equal(store.scan('b', ' '.repeat(61)).includes('aws-cdk-lib'), false);
  });

  it('fresh tests are the plain searches', () => {
    const tests = freshTests('a transforms b');
    assert.equal(tests.includes('transforms'), true);
    assert.equal(tests.includes('@pulumi/'), false);
    assert.equal(tests.matches(PATTERN, REACH), true);
    assert.equal(freshTests('xtransforms').matches(PATTERN, REACH), false);
  });

  it('an open Pulumi program scanned while its import, transformations and suppressions come and go finds what a fresh scan finds', () => {
    const engine = defaultEngine();
    const path = 'infra/index.ts';
    const unit = (i: number) =>
      `const role${i} = new aws.iam.Role("role-${i}", {\n    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } }] }),\n});`;
    const body = Array.from({ length: 60 }, (_, i) => unit(i)).join('\n') + '\n';
    const variants = [
      `import * as aws from "@pulumi/aws";\n\n${body}`,
      `import * as aws from "@pulumi/aws";\n// nhi-lens:ignore\n${body}`,
      `import * as aws from "@pulumi/aws";\n\n${body}pulumi.runtime.registerStackTransformation(tag);\n`,
      `import * as aws from "@pulumi/aws";\n\n${body}pulumi.runtime.registerStackTransformatio(tag);\n`,
      `import * as aws from "pulumi/aws";\n\n${body}`,
      `import * as aws from "@pulumi/aws";\n\n${body}`,
    ];
    const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });
    const memo = new SecretLineMemo();
    const counts = variants.map((variant) => {
      const kept = engine.scan({ path, text: variant }, { memo });
      assert.equal(view(kept), view(engine.scan({ path, text: variant })));
      return kept.findings.length;
    });
    // The variants differ in what they find: the kept answers were put to the test.
    assert.ok(new Set(counts).size >= 3, `findings per variant: ${counts.join(', ')}`);
    assert.equal(counts[4], 0, 'without the import the file is not read as Pulumi');
  });
});
