/**
 * What the CLI's and the language server's V8 settings share (cli/v8Settings.ts,
 * server/v8Settings.ts): the V8 release they were measured on, the switch that turns them off,
 * and how V8's optimising compiler is asked to work (`COMPILER_FLAGS`).
 *
 * Only on the V8 release they were measured on (Node 20's 11.3): another release may name or
 * weigh these flags differently, and V8 prints an error for a flag it does not know.
 * `NHI_LENS_V8_DEFAULTS=1` keeps V8's own settings (benchmarks comparing the two, a suspicion).
 */
export const V8_DEFAULTS_ENV = 'NHI_LENS_V8_DEFAULTS';
/** The V8 major versions the settings were measured on (Node 20 ships V8 11.3). */
const MEASURED_V8_MAJOR = new Set([11]);

/** Whether this process sets its own V8 flags: the measured V8, and not turned off. */
export function tunesV8(v8Version: string, env: NodeJS.ProcessEnv): boolean {
  if (env[V8_DEFAULTS_ENV]) return false;
  return MEASURED_V8_MAJOR.has(Number(/^(\d+)\./.exec(v8Version)?.[1]));
}

/**
 * How soon V8 optimises a hot function. V8 hands a function to its optimising compiler
 * (TurboFan, on background threads) after it has run its "interrupt budget" of bytecode a few
 * times (Node 20's default: 67,584 bytes). A larger budget optimises only what stays hot past the
 * first few hundred milliseconds, with better type feedback (fewer bail-outs): a CLI audit spends
 * less CPU compiling code it is about to stop running (cli/v8Settings.ts), and the first edits
 * after a file opens in the editor less on compiling the re-check (server/v8Settings.ts).
 */
export const INTERRUPT_BUDGET = 300_000;

/**
 * The optimising compiler's settings for both: the interrupt budget above, and no inlining. With
 * inlining, TurboFan compiles a hot function with everything it calls, again after each
 * bail-out: in the editor that was 2-3 times the re-check's own CPU over the first edits after a
 * file opens (server/v8Settings.ts). An audit gains too: on the npm bench tree 0.69 s against
 * 0.75 s median wall and 1.22 s against 1.34 s of CPU (8 alternated runs each), and no slower on
 * the 1 GB tree (bench/RESULTS.md, "A late worker" and after).
 */
export const COMPILER_FLAGS: readonly string[] = [`--interrupt-budget=${INTERRUPT_BUDGET}`, '--no-turbo-inlining'];
