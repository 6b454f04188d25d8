/**
 * When to rehearse typing into a document just opened (engine/typingRehearsal.ts): once the
 * client has been quiet for `quietMs`, one scan per turn of the event loop, and only while it stays
 * quiet. Any message from the client (a keystroke, a pull, a hover) stops the rehearsal under way
 * before its next scan: it waits at most one scan, about what one keystroke's re-check costs.
 * Documents opened while the client is busy are rehearsed at its next quiet moment.
 */
import type { Rehearsal } from '../../engine/typingRehearsal';
import type { Timers } from './pausedRefresh';

/** Set in the server's environment, no rehearsal runs (to measure without them). */
export const REHEARSAL_OFF_ENV = 'NHI_LENS_NO_REHEARSAL';

/** How long the client must have sent nothing before a rehearsal starts. */
export const REHEARSAL_QUIET_MS = 150;

export interface RehearsalTimers extends Timers {
  setImmediate(callback: () => void): unknown;
}

const realTimers: RehearsalTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  setImmediate: (callback) => setImmediate(callback),
};

/** A rehearsal under way, the version of the document it types into, and its steps and time so far. */
interface Running {
  uri: string;
  version: number;
  rehearsal: Rehearsal;
  steps: number;
  ms: number;
}

/** What a finished rehearsal did: its family, the scans it made, and their time. */
export interface RehearsalDone {
  family: string;
  steps: number;
  ms: number;
}

export class TypingRehearsals {
  /** Documents opened and not yet rehearsed, oldest first. */
  private readonly queue = new Set<string>();
  /** A rehearsal the client interrupted: it goes on at the next quiet moment if its document is unchanged. */
  private interrupted?: Running;
  private lastMessageAt = Number.NEGATIVE_INFINITY;
  /** Set while a check is scheduled or a rehearsal runs. */
  private busy = false;
  /** Counts the client's messages: a rehearsal stops when it moves. */
  private messages = 0;

  /**
   * `start(uri)`: the rehearsal of an open document, undefined when there is none to run (closed,
   * its family rehearsed already, too small to keep a memo); `versionOf(uri)`: an open document's
   * version. `done`: a rehearsal finished; `failed`: a step threw.
   */
  constructor(
    private readonly start: (uri: string) => Rehearsal | undefined,
    private readonly versionOf: (uri: string) => number | undefined,
    private readonly done: (rehearsal: RehearsalDone) => void = () => undefined,
    private readonly failed: (error: unknown) => void = () => undefined,
    private readonly quietMs = REHEARSAL_QUIET_MS,
    private readonly timers: RehearsalTimers = realTimers,
  ) {}

  /** Any message from the client. */
  message(): void {
    this.lastMessageAt = this.timers.now();
    this.messages++;
  }

  /** A document was opened: rehearse typing into it at the next quiet moment. */
  opened(uri: string): void {
    this.queue.add(uri);
    this.schedule(this.quietMs);
  }

  closed(uri: string): void {
    this.queue.delete(uri);
    if (this.interrupted?.uri === uri) this.interrupted = undefined;
  }

  private schedule(ms: number): void {
    if (this.busy || (this.queue.size === 0 && !this.interrupted)) return;
    this.busy = true;
    this.timers.setTimeout(() => this.whenQuiet(), ms);
  }

  private whenQuiet(): void {
    const quietFor = this.timers.now() - this.lastMessageAt;
    if (quietFor < this.quietMs) {
      this.busy = false;
      this.schedule(this.quietMs - quietFor);
      return;
    }
    let next = this.interrupted;
    this.interrupted = undefined;
    // Typed into since: the user's own keystrokes have run that code by now.
    if (next && this.versionOf(next.uri) !== next.version) next = undefined;
    for (const uri of this.queue) {
      if (next) break;
      this.queue.delete(uri);
      const version = this.versionOf(uri);
      const rehearsal = version === undefined ? undefined : this.guarded(() => this.start(uri));
      if (rehearsal && version !== undefined) next = { uri, version, rehearsal, steps: 0, ms: 0 };
    }
    if (!next) {
      this.busy = false;
      return;
    }
    this.run(next, this.messages);
  }

  private run(running: Running, messagesAtStart: number): void {
    this.timers.setImmediate(() => {
      if (this.messages !== messagesAtStart) {
        // The client spoke: the rest waits for the next quiet moment.
        this.interrupted = running;
        this.busy = false;
        this.schedule(this.quietMs);
        return;
      }
      const started = this.timers.now();
      const stepped = this.guarded(() => running.rehearsal.step());
      running.ms += this.timers.now() - started;
      if (!stepped) {
        if (stepped === false) this.done({ family: running.rehearsal.family, steps: running.steps, ms: running.ms });
        this.busy = false;
        this.schedule(this.quietMs);
        return;
      }
      running.steps++;
      this.run(running, messagesAtStart);
    });
  }

  private guarded<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }
}
