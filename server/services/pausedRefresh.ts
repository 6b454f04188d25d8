/**
 * When to ask a pull client to re-pull every open document (`workspace/diagnostic/refresh`) for
 * news from the background, such as git's history of a file: once for news that comes close
 * together, and not while the user types. A refresh makes the client re-pull every open document
 * (200 of them after a session is restored), and the pull of the document being typed in waits
 * behind those: with both cores busy, a keystroke's diagnostics took 40-130 ms instead of 1-5
 * (bench/RESULTS.md). The news waits for a pause in typing, at most `maxWaitMs`.
 */

export interface RefreshTiming {
  /** News that comes within this long of the first is sent with it. */
  settleMs: number;
  /** A pause in typing this long lets the refresh go. */
  pauseMs: number;
  /** The refresh goes this long after the first news at the latest, typing or not. */
  maxWaitMs: number;
}

export const REFRESH_TIMING: RefreshTiming = { settleMs: 100, pauseMs: 300, maxWaitMs: 2000 };

/** The clock and timer the scheduler uses (tests hand it their own). */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

// A monotonic clock: the system's may be set back, which would hold the news that much longer.
const realTimers: Timers = { now: () => performance.now(), setTimeout: (callback, ms) => setTimeout(callback, ms) };

export class PausedRefresh {
  private waiting = false;
  private askedAt = 0;
  private lastEditAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly refresh: () => void,
    private readonly timing: RefreshTiming = REFRESH_TIMING,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A document changed (the user typing). */
  edited(): void {
    this.lastEditAt = this.timers.now();
  }

  /** There is news: a refresh goes once it has settled and typing has paused. */
  request(): void {
    if (this.waiting) return;
    this.waiting = true;
    this.askedAt = this.timers.now();
    this.timers.setTimeout(() => this.sendWhenPaused(), this.timing.settleMs);
  }

  private sendWhenPaused(): void {
    const now = this.timers.now();
    const typingFor = this.timing.pauseMs - (now - this.lastEditAt);
    const leftToWait = this.askedAt + this.timing.maxWaitMs - now;
    if (typingFor > 0 && leftToWait > 0) {
      this.timers.setTimeout(() => this.sendWhenPaused(), Math.min(typingFor, leftToWait));
      return;
    }
    this.waiting = false;
    this.refresh();
  }
}
