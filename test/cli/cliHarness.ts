import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinRules, testEngine } from '../support/engineFixture';

export const REPO = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user would. */
export function runCli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh copy of the bundled example workspace, so tests can add files freely. */
export function copyOfExampleWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-ws-'));
  fs.cpSync(path.join(REPO, 'examples', 'workspace'), dir, { recursive: true });
  return dir;
}

/** The real secret values in a workspace, found by the engine itself (the planted secrets). */
export function plantedSecrets(dir: string): string[] {
  const engine = testEngine({ rules: builtinRules() });
  const values: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const text = fs.readFileSync(p, 'utf8');
        for (const f of engine.scan({ path: p, text }).findings)
          if (f.category === 'secret') values.push(text.slice(f.offsets.start, f.offsets.end));
      }
    }
  };
  walk(dir);
  return values;
}

/** The CLI run asynchronously, for tests whose fake servers answer from this same process. */
export function runCliAsync(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
