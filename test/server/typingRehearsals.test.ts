import * as assert from 'node:assert/strict';
import type { Rehearsal } from '../../engine/typingRehearsal';
import { TypingRehearsals, type RehearsalTimers } from '../../server/services/typingRehearsals';

/**
 * A clock that only moves when told. Each timer that fires is followed by one turn of the event
 * loop (the immediates queued by then); `turn()` runs one more, `settle()` runs turns until none is queued.
 */
class FakeTimers implements RehearsalTimers {
  time = 0;
  private timeouts: Array<{ at: number; callback: () => void }> = [];
  private immediates: Array<() => void> = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.timeouts.push({ at: this.time + ms, callback });
    return undefined;
  }
  setImmediate(callback: () => void): unknown {
    this.immediates.push(callback);
    return undefined;
  }
  turn(): void {
    const due = this.immediates;
    this.immediates = [];
    for (const callback of due) callback();
  }
  settle(): void {
    while (this.immediates.length) this.turn();
  }
  /** Moves the clock to `to`, running each timer at its own time, with a turn after each. */
  advance(to: number): void {
    for (;;) {
      const due = this.timeouts.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timeouts.splice(this.timeouts.indexOf(due), 1);
      this.time = due.at;
      due.callback();
      this.turn();
    }
    this.time = to;
  }
  /** `advance`, settling after each timer: a client that stays quiet while the server works. */
  quietUntil(to: number): void {
    this.settle();
    for (;;) {
      const due = this.timeouts.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.advance(due.at);
      this.settle();
    }
    this.time = to;
  }
}

/** A rehearsal of `steps` scans that notes each step (by document) in `log`. */
function rehearsal(uri: string, steps: number, log: string[]): Rehearsal {
  let done = 0;
  return {
    family: uri,
    step() {
      if (done === steps) return false;
      log.push(`${uri}#${++done}`);
      return true;
    },
  };
}

describe('typing rehearsals: when they run', () => {
  const QUIET = 150;
  let timers: FakeTimers;
  let log: string[];
  let versions: Map<string, number>;
  let failures: unknown[];
  let done: string[];
  let rehearsals: TypingRehearsals;
  beforeEach(() => {
    timers = new FakeTimers();
    log = [];
    versions = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    failures = [];
    done = [];
    rehearsals = new TypingRehearsals(
      (uri) => (versions.has(uri) ? rehearsal(uri, 3, log) : undefined),
      (uri) => versions.get(uri),
      (r) => done.push(`${r.family}: ${r.steps}`),
      (error) => failures.push(error),
      QUIET,
      timers,
    );
  });

  it('starts once the client has been quiet, one step per turn of the event loop', () => {
    rehearsals.message();
    rehearsals.opened('a');
    timers.advance(QUIET - 1);
    assert.deepEqual(log, []);
    timers.advance(QUIET);
    assert.deepEqual(log, ['a#1']);
    timers.turn();
    assert.deepEqual(log, ['a#1', 'a#2']);
    assert.deepEqual(done, []);
    timers.settle();
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3']);
    assert.deepEqual(done, ['a: 3'], 'reported once done');
  });

  it('waits while the client keeps talking', () => {
    rehearsals.opened('a');
    for (let t = 100; t <= 1000; t += 100) {
      timers.advance(t);
      rehearsals.message();
    }
    assert.deepEqual(log, []);
    timers.quietUntil(1000 + QUIET);
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3']);
  });

  it('a message stops it before its next step; it goes on at the next quiet moment if the document is unchanged', () => {
    rehearsals.opened('a');
    timers.advance(QUIET);
    assert.deepEqual(log, ['a#1']);
    rehearsals.message(); // a hover, say
    timers.turn();
    assert.deepEqual(log, ['a#1'], 'no step after the message');
    timers.advance(QUIET + 100);
    assert.deepEqual(log, ['a#1']);
    timers.quietUntil(2 * QUIET + 100);
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3']);
  });

  it('a document typed into meanwhile is not rehearsed further; the next one is', () => {
    rehearsals.opened('a');
    rehearsals.opened('b');
    timers.advance(QUIET);
    rehearsals.message();
    versions.set('a', 2); // the user typed into it
    timers.quietUntil(1000);
    assert.deepEqual(log, ['a#1', 'b#1', 'b#2', 'b#3']);
    assert.deepEqual(done, ['b: 3'], 'the one cut short is not reported done');
  });

  it('documents opened together are rehearsed one after the other; a closed one is skipped', () => {
    rehearsals.opened('a');
    rehearsals.opened('c'); // the server has no rehearsal for it (closed, or its family is done)
    rehearsals.opened('b');
    rehearsals.closed('b');
    timers.quietUntil(1000);
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3']);
    rehearsals.opened('b');
    timers.quietUntil(2000);
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3', 'b#1', 'b#2', 'b#3']);
  });

  it('a step that throws ends that rehearsal, is reported, and does not stop the next', () => {
    const failing = new TypingRehearsals(
      (uri) =>
        uri === 'bad'
          ? {
              family: 'bad',
              step: () => {
                throw new Error('boom');
              },
            }
          : rehearsal(uri, 2, log),
      () => 1,
      (r) => done.push(r.family),
      (error) => failures.push(error),
      QUIET,
      timers,
    );
    failing.opened('bad');
    failing.opened('a');
    timers.quietUntil(5000);
    assert.equal(failures.length, 1);
    assert.deepEqual(log, ['a#1', 'a#2']);
    assert.deepEqual(done, ['a']);
  });
});
