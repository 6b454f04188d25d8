/**
 * When to rehearse typing into a document just opened (engine/typingRehearsal.ts): once the
 * client has been quiet for `quietMs`, one scan per turn of the event loop, and only while it stays
 * quiet. A message from the client (a keystroke, a pull, a hover) stops the rehearsal under way
 * before its next scan: the message waits for at most the scan under way, a scan of one line's
 * edit. The rest goes on at the next quiet moment, if the document and what checks it are still
 * the same. Documents opened while the client is busy are taken at its next quiet moment, one per
 * turn of the event loop.
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

/** A rehearsal as the server starts it: `current()` is false once its document or what checks it changed. */
export interface StartedRehearsal {
  rehearsal: Rehearsal;
  current(): boolean;
}

/** A rehearsal under way, with its steps and time so far. */
interface Running extends StartedRehearsal {
  uri: string;
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
  /** A rehearsal the client interrupted: it goes on at the next quiet moment while still current. */
  private interrupted?: Running;
  private lastMessageAt = Number.NEGATIVE_INFINITY;
  /** Set while a check is scheduled or a rehearsal runs. */
  private busy = false;
  /** Counts the client's messages: a rehearsal stops when it moves. */
  private messages = 0;

  /**
   * `start(uri)`: the rehearsal of an open document, undefined when there is none to run (closed,
   * its family rehearsed already, too small to keep a memo). `done`: a rehearsal finished;
   * `failed`: starting or a step threw.
   */
  constructor(
    private readonly start: (uri: string) => StartedRehearsal | undefined,
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

  private idle(): void {
    this.busy = false;
    this.schedule(this.quietMs);
  }

  private whenQuiet(): void {
    const quietFor = this.timers.now() - this.lastMessageAt;
    if (quietFor < this.quietMs) {
      this.busy = false;
      this.schedule(this.quietMs - quietFor);
      return;
    }
    this.next(this.messages);
  }

  /** The interrupted rehearsal if still current, else the next queued document's; one document per turn. */
  private next(messagesAtStart: number): void {
    if (this.messages !== messagesAtStart) return this.idle();
    const resumed = this.interrupted;
    this.interrupted = undefined;
    // (Typed into meanwhile: the user's own keystrokes have run that code by now.)
    if (resumed && this.guarded(() => resumed.current())) return this.run(resumed, messagesAtStart);
    const [uri] = this.queue;
    if (uri === undefined) {
      this.busy = false;
      return;
    }
    this.queue.delete(uri);
    const started = this.guarded(() => this.start(uri));
    if (started) return this.run({ ...started, uri, steps: 0, ms: 0 }, messagesAtStart);
    // Starting may have scanned the document: the next one waits for the next turn.
    this.timers.setImmediate(() => this.next(messagesAtStart));
  }

  private run(running: Running, messagesAtStart: number): void {
    this.timers.setImmediate(() => {
      if (this.messages !== messagesAtStart) {
        // The client spoke: the rest waits for the next quiet moment.
        this.interrupted = running;
        return this.idle();
      }
      if (!this.guarded(() => running.current())) return this.idle();
      const started = this.timers.now();
      const stepped = this.guarded(() => running.rehearsal.step());
      running.ms += this.timers.now() - started;
      if (!stepped) {
        if (stepped === false) {
          const { family } = running.rehearsal;
          this.guarded(() => this.done({ family, steps: running.steps, ms: running.ms }));
        }
        return this.idle();
      }
      running.steps++;
      this.run(running, messagesAtStart);
    });
  }

  private guarded<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      try {
        this.failed(error);
      } catch {
        // (The log it goes to is gone: the connection closed.)
      }
      return undefined;
    }
  }
}
