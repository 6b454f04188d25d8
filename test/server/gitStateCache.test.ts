import * as assert from 'node:assert/strict';
import type { Engine } from '../../engine';
import { GitStateCache, type HistoryReader } from '../../server/services/gitStateCache';

const commit = (id: string) => ({ commit: id, date: '2026-03-04T10:00:00+00:00', author: 'Dev', pushed: false, commitsSince: 0 });

/** A history reader that records what it was asked and answers when told. */
function recordingReader() {
  const calls: Array<{
    paths: string[];
    answer: (found: Map<string, Map<string, ReturnType<typeof commit>>> | undefined, ignored?: string[]) => void;
    fail: () => void;
  }> = [];
  const read: HistoryReader = (_root, paths) =>
    new Promise((resolve, reject) => {
      calls.push({
        paths: [...paths],
        answer: (found, ignored = []) => resolve([found, new Set(ignored)]),
        fail: () => reject(new Error('git failed')),
      });
    });
  return { calls, read };
}

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));
const engine = {} as Engine;

/** A cache in a repository at /repo, with a recording reader, its updates and a clock the test moves. */
function cacheUnderTest(root: () => string | undefined = () => '/repo', isRepository = true) {
  const { calls, read } = recordingReader();
  const updates: string[][] = [];
  const clock = { now: 0 };
  const cache = new GitStateCache(
    root,
    () => engine,
    (paths) => updates.push(paths),
    read,
    () => isRepository,
    () => clock.now,
  );
  return { cache, calls, updates, clock };
}

describe('git state cache: files asked about together are read together', () => {
  it('one read for the files asked about close together; one update with those whose state changed', async () => {
    const { cache, calls, updates } = cacheUnderTest();
    for (const file of ['a.env', 'b.env', 'c.env']) assert.equal(cache.historyOf(file), undefined, 'unknown while the read runs');
    await settle();
    assert.deepEqual(
      calls.map((c) => c.paths),
      [['a.env', 'b.env', 'c.env']],
    );
    const versions = ['a.env', 'b.env', 'c.env'].map((f) => cache.versionOf(f));
    calls[0].answer(
      new Map([
        ['a.env', new Map([['fp1', commit('c1')]])],
        ['b.env', new Map()],
        ['c.env', new Map()],
      ]),
      ['c.env'],
    );
    await settle(10);
    assert.deepEqual(updates, [['a.env', 'b.env', 'c.env']], 'every first read changes what is known');
    assert.equal(cache.historyOf('a.env')?.get('fp1')?.commit, 'c1');
    assert.equal(cache.ignoredOf('c.env'), true);
    assert.equal(cache.ignoredOf('b.env'), false);
    assert.ok(['a.env', 'b.env', 'c.env'].every((f, i) => cache.versionOf(f) !== versions[i]));
    // Asked again while fresh: no read.
    cache.historyOf('a.env');
    await settle();
    assert.equal(calls.length, 1);
  });

  it('a file asked about while a read runs goes in the next read', async () => {
    const { cache, calls } = cacheUnderTest();
    cache.historyOf('a.env');
    await settle();
    cache.historyOf('b.env');
    cache.historyOf('c.env');
    await settle();
    assert.deepEqual(
      calls.map((c) => c.paths),
      [['a.env'], ['b.env', 'c.env']],
    );
  });

  it('a read that fails forgets its files (asked again, they are read again); one from before the rules changed is dropped', async () => {
    const { cache, calls, updates } = cacheUnderTest();
    cache.historyOf('a.env');
    await settle();
    calls[0].fail();
    await settle(10);
    cache.historyOf('a.env');
    await settle();
    assert.equal(calls.length, 2, 'read again');
    cache.invalidate();
    calls[1].answer(new Map([['a.env', new Map([['fp1', commit('c1')]])]]));
    await settle(10);
    assert.deepEqual(updates, [], 'the answer was for the old rules');
    assert.equal(cache.historyOf('a.env'), undefined);
    await settle();
    assert.equal(calls.length, 3, 'read again under the new rules');
  });

  it('read again once stale: the same answer keeps the version and updates nothing; a change of ignored alone moves it', async () => {
    const { cache, calls, updates, clock } = cacheUnderTest();
    const history = () =>
      new Map([
        ['a.env', new Map([['fp1', commit('c1')]])],
        ['b.env', new Map()],
      ]);
    cache.historyOf('a.env');
    cache.historyOf('b.env');
    await settle();
    calls[0].answer(history());
    await settle(10);
    const versions = [cache.versionOf('a.env'), cache.versionOf('b.env')];
    clock.now = 61_000;
    cache.historyOf('a.env');
    cache.historyOf('b.env');
    await settle();
    assert.equal(calls.length, 2, 'stale: read again');
    calls[1].answer(history(), ['b.env']);
    await settle(10);
    assert.deepEqual(updates, [['a.env', 'b.env'], ['b.env']]);
    assert.equal(cache.versionOf('a.env'), versions[0]);
    assert.notEqual(cache.versionOf('b.env'), versions[1]);
  });

  it('git failing for a file nothing was known of leaves it unknown (never "in no commit") and unchanged', async () => {
    const { cache, calls, updates, clock } = cacheUnderTest();
    cache.historyOf('a.env');
    await settle();
    const version = cache.versionOf('a.env');
    calls[0].answer(undefined);
    await settle(10);
    assert.equal(cache.historyOf('a.env'), undefined);
    assert.equal(cache.versionOf('a.env'), version);
    assert.deepEqual(updates, []);
    await settle();
    assert.equal(calls.length, 1, 'not read again while fresh');
    clock.now = 61_000;
    cache.historyOf('a.env');
    await settle();
    assert.equal(calls.length, 2, 'read again once stale');
  });

  it('two reads at a time: a third waits, and starts when one of them is back', async () => {
    const { cache, calls } = cacheUnderTest();
    for (const file of ['a.env', 'b.env', 'c.env']) {
      cache.historyOf(file);
      await settle();
    }
    assert.deepEqual(
      calls.map((c) => c.paths),
      [['a.env'], ['b.env']],
    );
    calls[0].answer(new Map());
    await settle(10);
    assert.deepEqual(
      calls.map((c) => c.paths),
      [['a.env'], ['b.env'], ['c.env']],
    );
  });

  it('no read outside a repository, nor without a trusted folder', async () => {
    const outside = cacheUnderTest(() => '/repo', false);
    // An untrusted folder's root reads as undefined (workspaceFolders.ts).
    const untrusted = cacheUnderTest(() => undefined);
    outside.cache.historyOf('a.env');
    untrusted.cache.historyOf('a.env');
    await settle();
    assert.equal(outside.calls.length + untrusted.calls.length, 0);
  });
});
