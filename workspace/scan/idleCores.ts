import * as fs from 'node:fs';
import * as os from 'node:os';

/**
 * How many cores sit idle right now, from two readings of the kernel's CPU time counters
 * (`/proc/stat`, Linux): the audit's default worker count. The 1-minute load average, used
 * before, remembers the last minute: after an audit (or a benchmark's previous run) it stays
 * near 1 on an idle machine, which on 2 cores left no core "free" and started no worker. The
 * counters cover only the time between the two readings, during which this process's own
 * thread is busy (and so not idle): what they show idle is what a worker can have.
 */
export interface CpuTimes {
  idle: number;
  total: number;
  /** This process's own CPU time (all its threads), in the same ticks, when known. */
  own?: number;
}

/** The machine-wide CPU time counters (clock ticks, all cores), or undefined where there are none. */
export function readCpuTimes(read: () => string = () => fs.readFileSync('/proc/stat', 'latin1')): CpuTimes | undefined {
  try {
    const line = /^cpu\s+([\d\s]+)$/m.exec(read());
    if (!line) return undefined;
    const fields = line[1].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    if (fields.length < 5 || fields.some((n) => !Number.isFinite(n))) return undefined;
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { idle: fields[3] + fields[4], total };
  } catch {
    return undefined;
  }
}

/** Ticks per second of /proc/stat (USER_HZ, 100 on Linux whatever the kernel's own tick). */
const TICKS_PER_SECOND = 100;

/** The machine's counters with this process's own CPU time beside them (what the audit's sampler reads). */
export function readCpuTimesWithOwn(
  read: () => CpuTimes | undefined = readCpuTimes,
  usage: () => NodeJS.CpuUsage = () => process.cpuUsage(),
): CpuTimes | undefined {
  const times = read();
  if (!times) return undefined;
  const { user, system } = usage();
  return { ...times, own: ((user + system) / 1e6) * TICKS_PER_SECOND };
}

/**
 * Readings closer together than this many ticks per core say too little (ticks are 10 ms). Three:
 * an audit's first look at the cores comes ~30 ms after the launcher's reading, and with four it
 * was too soon to tell there, so its worker started a look (~35 ms) later. On 2 cores, 3 ticks
 * of the other core must have been idle to count it (0.75 of a core or more, defaultWorkerCount).
 */
const MIN_TICKS_PER_CORE = 3;

/**
 * Idle cores between two readings, or undefined when they are too close together to say. When
 * both readings carry this process's own CPU time, what its threads used beyond one core (the
 * asking thread's) counts as idle too: that is V8 compiling and collecting beside the main
 * thread, mostly at start-up, not another program a worker would take a core from.
 */
export function idleCoresBetween(before: CpuTimes, after: CpuTimes, cores: number): number | undefined {
  const total = after.total - before.total;
  if (total < MIN_TICKS_PER_CORE * cores) return undefined;
  let idle = Math.min(Math.max(0, after.idle - before.idle), total);
  if (before.own !== undefined && after.own !== undefined) {
    const beyondOneCore = after.own - before.own - total / cores;
    if (beyondOneCore > 0) idle = Math.min(total, idle + beyondOneCore);
  }
  return (idle / total) * cores;
}

/** A reading of the CPU time counters and when it was taken. */
export interface CpuReading {
  times: CpuTimes | undefined;
  at: number;
}

/** Where the CLI's launcher leaves the reading it takes at its start, for the bundle it then runs (same realm). */
const START_READING = Symbol.for('nhi-lens.cpu-times-at-start');

/**
 * Takes the reading at the very start of the process (the CLI's launcher, before it loads its
 * bundle). This module's own load comes ~30 ms later, and a first reading that late left an
 * audit's first look at the cores (~15 ms after it) too soon to tell: its worker started one
 * look later, ~40 ms into the audit instead of at once.
 */
export function noteCpuTimesAtStart(
  stash: Record<symbol, unknown> = globalThis as unknown as Record<symbol, unknown>,
  read: () => CpuTimes | undefined = readCpuTimesWithOwn,
  now = Date.now(),
): void {
  stash[START_READING] ??= { times: read(), at: now } satisfies CpuReading;
}

/** The launcher's reading if it took one, else one taken now. */
export function startReading(
  stash: Record<symbol, unknown> = globalThis as unknown as Record<symbol, unknown>,
  read: () => CpuTimes | undefined = readCpuTimesWithOwn,
  now = Date.now(),
): CpuReading {
  return (stash[START_READING] as CpuReading | undefined) ?? { times: read(), at: now };
}

/** The reading taken at process start (for the CLI) or when this module was loaded. */
const { times: atLoad, at: loadedAt } = startReading();

/**
 * Answers "how many cores were idle since I last asked?" from /proc/stat, or from the 1-minute
 * load average where there are no counters. The first question is about the time since the
 * process started (the CLI's start-up, a fraction of a second) when that is recent, else since
 * the sampler was made.
 */
export class IdleCoreSampler {
  private before: CpuTimes | undefined;

  constructor(
    private readonly cores: number,
    private readonly read: () => CpuTimes | undefined = readCpuTimesWithOwn,
    private readonly loadAverage: () => number = () => os.loadavg()[0],
    first: CpuTimes | undefined = atLoad && Date.now() - loadedAt < 2_000 ? atLoad : read(),
  ) {
    this.before = first;
  }

  /** Idle cores since the last answer, or undefined while too little time has passed to tell (ask again later). */
  idleCores(): number | undefined {
    const now = this.before && this.read();
    if (!this.before || !now) return Math.max(0, this.cores - Math.max(0, this.loadAverage()));
    if (now.total < this.before.total || now.idle < this.before.idle) {
      this.before = now; // counters went backwards (a restored container?): start again from here
      return undefined;
    }
    const idle = idleCoresBetween(this.before, now, this.cores);
    if (idle !== undefined) this.before = now;
    return idle;
  }
}
