import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import ignore from 'ignore';
import { gitignoreGlobs, LinearGlobs } from '../../../engine/rules/linearGlobs';
import { testEngine } from '../../support/engineFixture';

/** Five `**` segments: the `ignore` package's RegExp backtracks polynomially over a deep path (79 s for 100 levels). */
const HOSTILE_GLOB = '**/x/**/x/**/x/**/x/**/x/**/q';
const DEEP_PATH = `${'x/'.repeat(100)}z`;

describe('repository globs matched in linear time', function () {
  this.timeout(120_000);

  it('answers what the ignore package answers, on random globs and paths', () => {
    const token = fc.constantFrom('a', 'b', '*', '**', '?', '/', '[ab]', '[!a]', '[a-c]', '.', 'x', 'A', '\\*', ' ', '#');
    // Runs of slashes or of three asterisks are left out: gitignore leaves their meaning open.
    const glob = fc.array(token, { minLength: 1, maxLength: 6 }).map((t) =>
      t
        .join('')
        .replace(/\/{2,}/g, '/')
        .replace(/\*{3,}/g, '**'),
    );
    const line = fc.tuple(fc.boolean(), glob).map(([negative, g]) => (negative ? `!${g}` : g));
    const segment = fc.constantFrom('a', 'b', 'ab', 'x.a', '.b', 'aa', 'ba', 'A', 'a b', '*');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), path, (globs, p) => {
        assert.equal(new LinearGlobs(globs).ignores(p), ignore().add(globs).ignores(p), `${JSON.stringify(globs)} on ${p}`);
      }),
      { seed: 1414, numRuns: 3000 },
    );
  });

  it('the config globs and defaults people write', () => {
    const cases: Array<[string[], string, boolean]> = [
      [['fixtures/**'], 'fixtures/deep/x.txt', true],
      [['fixtures/**'], 'src/fixtures/x.txt', false],
      [['**/*.snap'], 'a/b/c.snap', true],
      [['test/'], 'pkg/test/a.py', true],
      [['test/'], 'test', false],
      [['*.test.*'], 'src/a.test.ts', true],
      [['/build'], 'build/out.js', true],
      [['/build'], 'src/build/out.js', false],
      [['logs/', '!logs/keep.txt'], 'logs/keep.txt', true],
      [['*.log', '!keep.log'], 'a/keep.log', false],
      [['.pgpass'], 'home/.pgpass', true],
      [['config/master.key'], 'config/master.key', true],
    ];
    for (const [globs, p, expected] of cases) {
      assert.equal(new LinearGlobs(globs).ignores(p), expected, `${JSON.stringify(globs)} on ${p}`);
      assert.equal(ignore().add(globs).ignores(p), expected, `ignore itself: ${JSON.stringify(globs)} on ${p}`);
    }
    // A class RE2 cannot compile makes the glob match nothing, as git skips a line it cannot read.
    assert.equal(new LinearGlobs(['[z-a]', 'b']).ignores('z'), false);
    assert.equal(new LinearGlobs(['[z-a]', 'b']).ignores('b'), true);
  });

  it('a glob that makes the ignore package backtrack for minutes is answered at once', () => {
    // ignore().add(HOSTILE_GLOB).ignores(DEEP_PATH) takes about 79 s: the test's timeout is the failure.
    assert.equal(new LinearGlobs([HOSTILE_GLOB]).ignores(DEEP_PATH), false);
    assert.equal(new LinearGlobs([HOSTILE_GLOB]).ignores(`${'x/'.repeat(100)}q`), true);
  });

  it('the engine matches config paths.ignore and paths.lowerSeverity that way', () => {
    const engine = testEngine({ config: { paths: { ignore: [HOSTILE_GLOB], lowerSeverity: [HOSTILE_GLOB] } } });
    assert.equal(engine.isIgnoredPath(DEEP_PATH), false);
    assert.equal(engine.isLowerSeverityPath(DEEP_PATH), false);
    assert.equal(engine.isIgnoredPath(`${'x/'.repeat(100)}q`), true);
  });

  it('a .gitignore keeps the ignore package unless a line has two wildcard runs, with the same answers either way', () => {
    const benign = 'node_modules/\n*.log\n**/build\n!keep.log\n# **/a/**/b comment\n';
    const hostile = `${benign}${HOSTILE_GLOB}\n`;
    assert.ok(!(gitignoreGlobs(benign) instanceof LinearGlobs));
    assert.ok(gitignoreGlobs(hostile) instanceof LinearGlobs);
    for (const p of ['a/node_modules/x.js', 'src/app.log', 'keep.log', 'a/build/out.js', 'src/app.ts', `${'x/'.repeat(5)}q`]) {
      assert.equal(gitignoreGlobs(hostile).ignores(p), ignore().add(hostile.split('\n')).ignores(p), p);
      assert.equal(gitignoreGlobs(benign).ignores(p), ignore().add(benign.split('\n')).ignores(p), p);
    }
  });
});
