import * as v8 from 'node:v8';

/**
 * V8 settings for a CLI run: a second or two, not an editor session. V8 flags are process-wide:
 * what is set here holds for the main thread and every worker an audit starts.
 *
 * Only on the V8 release they were measured on (Node 20's 11.3): another release may name or
 * weigh these flags differently, and V8 prints an error for a flag it does not know.
 * `NHI_LENS_V8_DEFAULTS=1` keeps V8's own settings (benchmarks comparing the two, a suspicion).
 */
export const V8_DEFAULTS_ENV = 'NHI_LENS_V8_DEFAULTS';
/** The V8 major versions these settings were measured on (Node 20 ships V8 11.3). */
const MEASURED_V8_MAJOR = new Set([11]);

/**
 * How soon V8 optimises a hot function. V8 hands a function to its optimising compiler
 * (TurboFan, on background threads) after it has run its "interrupt budget" of bytecode a few
 * times. With Node 20's default (67,584 bytes) an audit of the npm bench tree had TurboFan
 * compile ~250 functions, several of them 3-7 times after deoptimisations: ~0.4 s of background
 * CPU beside ~0.8 s of the main thread's own, on the same 2 cores. An audit worker is a second V8
 * isolate that optimises the same functions again: that was most of what a worker cost (0.45 s
 * more CPU than no worker, bench/RESULTS.md). A larger budget optimises only what stays hot past
 * the first few hundred milliseconds: on that tree the audit's CPU fell by 0.13 s without a
 * worker and 0.35 s with one, while a long audit still gets optimised code, a little later.
 * Set by the launcher before the bundle is compiled.
 */
export const INTERRUPT_BUDGET = 300_000;

/**
 * The main thread's young generation stops growing while an audit runs (it is 8 MB when one
 * starts). V8 doubles it, up to 32 MB, whenever enough has survived its collections since it last
 * grew: in an audit that happened at some point in most runs, and with a worker beside it the
 * audit's peak RSS was 137-140 MB in runs where it did not and 150-157 MB where it did (the goal
 * is 150). Held at 8 MB, an audit without a worker peaked 14 MB lower for the same CPU time.
 * Workers have their own young generation limit (scanPool.ts). The flag goes back to V8's
 * default (2) after the audit: the code cache written at exit (codeCache.ts) is checked against
 * the flags the next start runs with, and V8 rejects one made under other flags.
 */
const YOUNG_GENERATION_GROWTH = { held: 1, v8Default: 2 };

/** The V8 flags for a CLI run at `moment`, or none (another V8, or turned off). */
export function v8Flags(moment: 'start' | 'audit' | 'audit-done', v8Version: string, env: NodeJS.ProcessEnv): string[] {
  if (env[V8_DEFAULTS_ENV]) return [];
  const major = Number(/^(\d+)\./.exec(v8Version)?.[1]);
  if (!MEASURED_V8_MAJOR.has(major)) return [];
  if (moment === 'start') return [`--interrupt-budget=${INTERRUPT_BUDGET}`];
  const growth = moment === 'audit' ? YOUNG_GENERATION_GROWTH.held : YOUNG_GENERATION_GROWTH.v8Default;
  return [`--semi-space-growth-factor=${growth}`];
}

/**
 * Applies the flags for `moment`: `start` in the launcher before the bundle is compiled, `audit`
 * when an audit begins and `audit-done` when it is over.
 */
export function applyV8Settings(moment: 'start' | 'audit' | 'audit-done', env: NodeJS.ProcessEnv = process.env): void {
  for (const flag of v8Flags(moment, process.versions.v8, env)) v8.setFlagsFromString(flag);
}
