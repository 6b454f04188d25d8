import * as assert from 'node:assert/strict';
import { RecentTexts } from '../../engine/text/recentTexts';

describe('RecentTexts: what scans keep, per path, within a character budget', () => {
  const kept = (text: string) => ({ text });

  it('gives back what the previous scan of the same path kept, and nothing for a new path', () => {
    const store = new RecentTexts<{ text: string }>(100);
    assert.equal(store.replace('a', kept('one')), undefined);
    const first = store.replace('b', kept('two'));
    assert.equal(first, undefined);
    assert.deepEqual(store.replace('a', kept('three')), { text: 'one' });
    assert.deepEqual(store.replace('a', kept('four')), { text: 'three' });
  });

  it('drops the least recently scanned paths once the texts exceed the budget', () => {
    const store = new RecentTexts<{ text: string }>(10);
    store.replace('a', kept('aaaa'));
    store.replace('b', kept('bbbb'));
    store.replace('a', kept('AAAA')); // a is now the most recent
    store.replace('c', kept('cccc')); // 12 characters: b, the least recent, goes
    assert.equal(store.replace('b', kept('b')), undefined);
    // a's 4 + c's 4 + b's 1 fit: a is still kept.
    assert.deepEqual(store.replace('a', kept('a')), { text: 'AAAA' });
  });

  it('counts a path once however often it is scanned', () => {
    const store = new RecentTexts<{ text: string }>(8);
    for (let i = 0; i < 50; i++) store.replace('a', kept('xxxx'));
    store.replace('b', kept('yyyy'));
    assert.deepEqual(store.replace('a', kept('z')), { text: 'xxxx' });
  });
});
