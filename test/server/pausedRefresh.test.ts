import * as assert from 'node:assert/strict';
import { PausedRefresh } from '../../server/services/pausedRefresh';
import { FakeTimers } from '../support/fakeTimers';

describe('pull clients: git news refreshes once, not while the user types', () => {
  const timing = { settleMs: 100, pauseMs: 300, maxWaitMs: 2000 };
  let timers: FakeTimers;
  let sent: number[];
  let refresh: PausedRefresh;
  beforeEach(() => {
    timers = new FakeTimers();
    sent = [];
    refresh = new PausedRefresh(() => sent.push(timers.time), timing, timers);
  });

  it('news that comes close together is sent once, when it has settled', () => {
    refresh.request();
    timers.advance(50);
    refresh.request();
    refresh.request();
    timers.advance(1000);
    assert.deepEqual(sent, [100]);
    // Later news is a refresh of its own.
    refresh.request();
    timers.advance(5000);
    assert.deepEqual(sent, [100, 1100]);
  });

  it('waits for a pause in typing', () => {
    refresh.request();
    // Keystrokes every 100 ms until 700 ms.
    for (let t = 0; t <= 700; t += 100) {
      timers.advance(t);
      refresh.edited();
    }
    timers.advance(5000);
    assert.deepEqual(sent, [1000], 'the pause begins at the last keystroke (700 ms)');
  });

  it('never waits more than maxWaitMs after the news, however long the typing goes on', () => {
    refresh.request();
    for (let t = 0; t <= 5000; t += 50) {
      timers.advance(t);
      refresh.edited();
    }
    assert.deepEqual(sent, [2000]);
  });

  it('an old keystroke does not hold the news back', () => {
    timers.advance(1000);
    refresh.edited();
    timers.advance(2000);
    refresh.request();
    timers.advance(3000);
    assert.deepEqual(sent, [2100]);
  });
});
