import { COMPILER_FLAGS, tunesV8 } from '../workspace/runtime/v8Release';

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
 * - a larger interrupt budget (v8Release.ts, the CLI's too): a function is optimised once it has
 *   stayed hot for longer, so code that runs for the few scans after opening a file is not
 *   optimised at all, and the rest is optimised with better type feedback (fewer bail-outs);
 * - no inlining by the optimising compiler: a function is compiled on its own, a fraction of the
 *   time, at the cost of a call where a small helper would have been inlined.
 *
 * Only on the V8 they were measured on, and not with `NHI_LENS_V8_DEFAULTS=1`
 * (workspace/runtime/v8Release.ts). V8 flags are process-wide: they hold for the audit's worker
 * threads too.
 */

/** The V8 flags for the language server, or none (another V8, or turned off). */
export function serverV8Flags(v8Version: string, env: NodeJS.ProcessEnv): string[] {
  if (!tunesV8(v8Version, env)) return [];
  return [...COMPILER_FLAGS];
}
