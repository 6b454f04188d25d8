import * as assert from 'node:assert/strict';
import type { Rehearsal } from '../../engine/typingRehearsal';
import { TypingRehearsals, type StartedRehearsal } from '../../server/services/typingRehearsals';
import { FakeTimers } from '../support/fakeTimers';

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
  let starts: string[];
  let rehearsals: TypingRehearsals;
  /** What the server gives: a rehearsal current while its document keeps the version it started at. */
  const started = (uri: string, steps = 3): StartedRehearsal | undefined => {
    starts.push(uri);
    const version = versions.get(uri);
    if (version === undefined) return undefined;
    return { rehearsal: rehearsal(uri, steps, log), current: () => versions.get(uri) === version };
  };
  beforeEach(() => {
    timers = new FakeTimers();
    log = [];
    versions = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    failures = [];
    done = [];
    starts = [];
    rehearsals = new TypingRehearsals(
      (uri) => started(uri),
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

  it('a message stops it before its next step; it goes on at the next quiet moment while still current', () => {
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
    assert.deepEqual(starts, ['a'], 'resumed, not started again');
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

  it('stops between two steps when its document stops being current, client quiet or not', () => {
    rehearsals.opened('a');
    timers.advance(QUIET);
    versions.set('a', 5); // changed through a transport that told of no message, or its engine replaced
    timers.quietUntil(5000);
    assert.deepEqual(log, ['a#1']);
    assert.deepEqual(done, []);
  });

  it('a document closed while its rehearsal was interrupted is dropped', () => {
    rehearsals.opened('a');
    timers.advance(QUIET);
    rehearsals.message();
    timers.turn();
    rehearsals.closed('a');
    timers.quietUntil(5000);
    assert.deepEqual(log, ['a#1']);
  });

  it('documents opened together are taken one per turn of the event loop; a closed one is skipped', () => {
    rehearsals.opened('c'); // the server has no rehearsal for it (its family done, say): it may have scanned it
    rehearsals.opened('d');
    rehearsals.opened('a');
    rehearsals.opened('b');
    rehearsals.closed('b');
    // The quiet moment's timer asks for one document, and the next turn for the next one.
    timers.advance(QUIET);
    assert.deepEqual(starts, ['c', 'd']);
    timers.turn();
    assert.deepEqual(starts, ['c', 'd', 'a']);
    timers.quietUntil(1000);
    assert.deepEqual(starts, ['c', 'd', 'a']);
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3']);
    rehearsals.opened('b');
    timers.quietUntil(2000);
    assert.deepEqual(log, ['a#1', 'a#2', 'a#3', 'b#1', 'b#2', 'b#3']);
  });

  it('a start or a step that throws is reported and does not stop the next; a report that throws is swallowed', () => {
    const failing = new TypingRehearsals(
      (uri) => {
        if (uri === 'throws') throw new Error('start');
        if (uri === 'bad')
          return {
            rehearsal: {
              family: 'bad',
              step: () => {
                throw new Error('boom');
              },
            },
            current: () => true,
          };
        return started(uri, 2);
      },
      (r) => {
        done.push(r.family);
        throw new Error('the log is gone');
      },
      (error) => {
        failures.push(error);
        throw new Error('the log is gone');
      },
      QUIET,
      timers,
    );
    failing.opened('throws');
    failing.opened('bad');
    failing.opened('a');
    failing.opened('b');
    timers.quietUntil(5000);
    assert.equal(failures.length, 4, 'start, step, and the two reports that threw');
    assert.deepEqual(log, ['a#1', 'a#2', 'b#1', 'b#2']);
    assert.deepEqual(done, ['a', 'b']);
  });
});
