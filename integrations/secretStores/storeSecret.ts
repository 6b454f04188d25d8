/**
 * Runs a secrets manager's CLI to store one value (see engine/fixes/storeInvocation.ts): the
 * value is written to the program's standard input and nowhere else: not in its arguments, not
 * in a shell (there is none: the program is started directly), not in a terminal.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoreInvocation } from '../../engine/fixes/storeInvocation';
import { OutputMask } from '../../engine/secrets/outputMasking';

/** Long enough for a CLI that signs in or asks a slow API; a hung one must not hold the editor forever. */
const TIMEOUT_MS = 120_000;
/** What is kept of the program's output for the message. */
const OUTPUT_LIMIT = 4_000;

/** The program's full path from PATH (and PATHEXT on Windows), or undefined when it is not installed. */
export function findOnPath(program: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, program + ext);
      try {
        if (fs.statSync(candidate).isFile()) {
          if (process.platform !== 'win32') fs.accessSync(candidate, fs.constants.X_OK);
          return candidate;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface StoreOutcome {
  ok: boolean;
  /** For people: what happened, with the program's error output; never the value (masked). */
  message: string;
}

/**
 * Stores `value` with the invocation's program. Refuses without running anything when the
 * program is not on PATH or the platform has no `/dev/stdin` for the CLIs that read it.
 */
export function storeSecret(invocation: StoreInvocation, value: string, env: NodeJS.ProcessEnv = process.env): Promise<StoreOutcome> {
  const program = findOnPath(invocation.program, env);
  if (!program)
    return Promise.resolve({
      ok: false,
      message: `\`${invocation.program}\` is not on PATH: install ${invocation.install}, sign in, and try again.`,
    });
  if (process.platform === 'win32' && invocation.args.some((a) => a.includes('/dev/stdin')))
    return Promise.resolve({
      ok: false,
      message: `\`${invocation.program}\` cannot read the value from standard input on Windows: store it by hand.`,
    });
  const mask = new OutputMask([value]);
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const finish = (outcome: StoreOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, message: mask.apply(outcome.message) });
    };
    const child = spawn(program, invocation.args, { env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true });
    const keep = (chunk: Buffer) => {
      if (output.length < OUTPUT_LIMIT) output = (output + chunk.toString('utf8')).slice(0, OUTPUT_LIMIT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill();
      finish({ ok: false, message: `\`${invocation.program}\` did not finish within ${TIMEOUT_MS / 1000} s and was stopped.` });
    }, TIMEOUT_MS);
    child.on('error', (error) => finish({ ok: false, message: `\`${invocation.program}\` could not be started: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) finish({ ok: true, message: `Stored as "${invocation.name}" in ${invocation.program}.` });
      else
        finish({
          ok: false,
          message: `\`${invocation.program}\` failed (${signal ?? `exit ${code}`})${output.trim() ? `: ${output.trim()}` : ''}`,
        });
    });
    // A program that exits without reading its input closes the pipe: that is its error to report, not a crash.
    child.stdin.on('error', () => undefined);
    child.stdin.end(value, 'utf8');
  });
}
