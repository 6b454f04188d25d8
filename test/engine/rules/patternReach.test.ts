import * as assert from 'node:assert/strict';
import { patternReach } from '../../../engine/rules/patternReach';

describe('patternReach: how far a match attempt reads', () => {
  it('bounded repeats, alternatives and groups give the longest match plus the margin', () => {
    assert.deepEqual(patternReach('a{2,5}'), { ahead: 7, behind: 2 });
    assert.deepEqual(patternReach('(?:ab|c{1,10})d?'), { ahead: 13, behind: 2 });
    assert.deepEqual(patternReach('(?<secret>[A-Z\\]]{3})\\x41\\u{1F600}'), { ahead: 7, behind: 2 });
    assert.deepEqual(patternReach('x{3}?'), { ahead: 5, behind: 2 });
  });

  it('look-arounds count whole: ahead past the match, behind before its start', () => {
    assert.deepEqual(patternReach('(?<![a-z]{1,4})k(?=[0-9]{2})'), { ahead: 5, behind: 6 });
    assert.deepEqual(patternReach('(?<=ab)c'), { ahead: 3, behind: 4 });
  });

  it('a literal brace is one character, not a repeat', () => {
    assert.deepEqual(patternReach('a{x}'), { ahead: 6, behind: 2 });
  });

  it('unbounded repeats and back-references read without bound', () => {
    assert.equal(patternReach('ab+').ahead, Infinity);
    assert.equal(patternReach('a{2,}').ahead, Infinity);
    assert.equal(patternReach('(["\'])x\\1').ahead, Infinity);
    assert.equal(patternReach('(?<q>a)\\k<q>').ahead, Infinity);
    assert.equal(patternReach('(a').ahead, Infinity);
  });

  it('never less than any match found: every built-in style pattern over sample text', () => {
    const samples = ['aaaaab', 'xxabcabc', 'k12', 'ab'.repeat(50)];
    for (const pattern of ['a{1,4}b', '(?:ab){1,20}', 'x{0,2}ab', 'k(?=[0-9]{2})']) {
      const { ahead } = patternReach(pattern);
      for (const s of samples) for (const m of s.matchAll(new RegExp(pattern, 'g'))) assert.ok(m[0].length <= ahead, pattern);
    }
  });
});
