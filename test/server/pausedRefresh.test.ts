import * as assert from 'node:assert/strict';
import { PausedRefresh, type Timers } from '../../server/services/pausedRefresh';

/** A clock that only moves when told, and the timers due by then. */
class FakeTimers implements Timers {
  time = 0;
  private queue: Array<{ at: number; callback: () => void }> = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.queue.push({ at: this.time + ms, callback });
    return undefined;
  }
  /** Moves the clock to `to`, running each timer at its own time. */
  advance(to: number): void {
    for (;;) {
      const due = this.queue.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue.splice(this.queue.indexOf(due), 1);
      this.time = due.at;
      due.callback();
    }
    this.time = to;
  }
}

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
