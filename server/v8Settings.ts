/**
 * V8 settings for the language server, set as its bundle starts (startV8Settings.ts, the first
 * module the entry imports, so they hold for every function the server compiles after it).
 *
 * What a keystroke costs just after a file is opened is mostly V8 optimising the re-check's code:
 * over the first 20 edits of a 5,000-line Terraform or Pulumi file the optimising compiler's
 * background threads used 2-3 times the CPU of the main thread's own work (in-process, per thread
 * from /proc, bench/recheckThreads.mjs: 100-140 ms against 40-80 ms), compiling large functions
 * with everything they call inlined (a Pulumi program's checks took 120 ms to compile, then again
 * after a bail-out). With both cores busy that compiling competes with the re-check itself for
 * time slices. Two settings
 * (bench/RESULTS.md, "edit-margin"):
 * - a larger interrupt budget (the CLI's, cli/v8Settings.ts): a function is optimised once it has
 *   stayed hot for longer, so code that runs for the few scans after opening a file is not
 *   optimised at all, and the rest is optimised with better type feedback (fewer bail-outs);
 * - no inlining by the optimising compiler: a function is compiled on its own, a fraction of the
 *   time, at the cost of a call where a small helper would have been inlined.
 *
 * Only on the V8 release they were measured on (Node 20's 11.3): another release may name or
 * weigh these flags differently, and V8 prints an error for a flag it does not know.
 * `NHI_LENS_V8_DEFAULTS=1` keeps V8's own settings (benchmarks comparing the two, a suspicion).
 * V8 flags are process-wide: they hold for the audit's worker threads too.
 */
export const SERVER_V8_DEFAULTS_ENV = 'NHI_LENS_V8_DEFAULTS';
const MEASURED_V8_MAJOR = new Set([11]);

/** How much bytecode a function runs before V8 considers optimising it (V8's default: 67,584 bytes on 11.3). */
export const SERVER_INTERRUPT_BUDGET = 300_000;

/** The V8 flags for the language server, or none (another V8, or turned off). */
export function serverV8Flags(v8Version: string, env: NodeJS.ProcessEnv): string[] {
  if (env[SERVER_V8_DEFAULTS_ENV]) return [];
  const major = Number(/^(\d+)\./.exec(v8Version)?.[1]);
  if (!MEASURED_V8_MAJOR.has(major)) return [];
  return [`--interrupt-budget=${SERVER_INTERRUPT_BUDGET}`, '--no-turbo-inlining'];
}
