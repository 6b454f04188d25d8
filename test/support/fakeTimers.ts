import type { RehearsalTimers } from '../../server/services/typingRehearsals';

/**
 * A clock that only moves when told. Each timer that fires is followed by one turn of the event
 * loop (the immediates queued by then); `turn()` runs one more, `settle()` runs turns until none is queued.
 */
export class FakeTimers implements RehearsalTimers {
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
