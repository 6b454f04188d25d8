import * as path from 'node:path';
import { hookScript, installHook } from '../workspace/git/preCommitHook';
import type { CliOptions } from './cliOptions';

/**
 * `nhi-lens install-hook [folder] [--force]`: a plain git pre-commit hook running this CLI's
 * `audit --staged`. Exit 0 installed (or already up to date), 1 another hook is in the way, 2
 * not a repository.
 */
export function installHookCommand(options: CliOptions): number {
  const say = (text: string) => process.stderr.write(`nhi-lens: ${text}\n`);
  const root = path.resolve(options.targets[0] ?? '.');
  // This very bundle, run by this very Node: the hook works without npx or PATH.
  const outcome = installHook(root, hookScript(process.execPath, path.resolve(__filename)), options.force);
  switch (outcome.kind) {
    case 'installed':
    case 'updated':
      say(`pre-commit hook ${outcome.kind}: ${outcome.file} (checks the staged changes of each commit)`);
      return 0;
    case 'unchanged':
      say(`pre-commit hook already installed: ${outcome.file}`);
      return 0;
    case 'replaced':
      say(`pre-commit hook installed: ${outcome.file}; the previous hook is kept as ${outcome.backup}`);
      return 0;
    case 'foreign':
      say(
        `${outcome.file} is another tool's pre-commit hook: left as it is. Run nhi-lens audit --staged from it, or replace it with install-hook --force (it is kept as pre-commit.nhi-lens-backup)`,
      );
      return 1;
    case 'error':
      say(outcome.message);
      return 2;
  }
}
