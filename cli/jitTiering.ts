import * as v8 from 'node:v8';

/**
 * How soon V8 optimises a hot function, for a CLI run (a second or two, not an editor session).
 *
 * V8 hands a function to its optimising compiler (TurboFan, on background threads) after it has
 * run its "interrupt budget" of bytecode a few times. With Node 20's default (67,584 bytes) an
 * audit of the npm bench tree had TurboFan compile ~250 functions, several of them 3-7 times
 * after deoptimisations: ~0.4 s of background CPU beside ~0.8 s of the main thread's own, on the
 * same 2 cores. An audit worker is a second V8 isolate that optimises the same functions again:
 * that was most of what a worker cost (0.45 s more CPU than no worker, bench/RESULTS.md). A
 * larger budget optimises only what stays hot past the first few hundred milliseconds: on that
 * tree the background compile time fell by half and the audit's CPU by 0.1 s without a worker
 * and 0.25 s with one, while a long audit still gets optimised code a little later.
 *
 * V8 flags are process-wide and read when a function's budget is (re)set: set before the CLI's
 * bundle is compiled, the value holds for the main thread and every worker the audit starts.
 * Only for the V8 release it was measured on (Node 20): another release may name or weigh the
 * flag differently, and V8 prints an error for a flag it does not know.
 */
export const INTERRUPT_BUDGET = 300_000;
/** Keeps V8's own tiering (benchmarks comparing the two, or a suspicion). */
export const DEFAULT_TIERING_ENV = 'NHI_LENS_V8_DEFAULT_TIERING';
/** The V8 major versions the budget was measured on (Node 20 ships V8 11.3). */
const MEASURED_V8_MAJOR = new Set([11]);

/** The V8 flag to set for a short CLI run, or undefined (another V8, or turned off). */
export function tieringFlag(v8Version: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env[DEFAULT_TIERING_ENV]) return undefined;
  const major = Number(/^(\d+)\./.exec(v8Version)?.[1]);
  return MEASURED_V8_MAJOR.has(major) ? `--interrupt-budget=${INTERRUPT_BUDGET}` : undefined;
}

/** Sets `tieringFlag` in this process (call it before the bundle is compiled). */
export function tuneTieringForShortRun(env: NodeJS.ProcessEnv = process.env): void {
  const flag = tieringFlag(process.versions.v8, env);
  if (flag) v8.setFlagsFromString(flag);
}
