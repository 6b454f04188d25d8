/**
 * `npm run test:vscode`: the extension tests in a real VS Code, downloaded by
 * @vscode/test-electron. Needs internet, so it is not part of `npm test` and has not yet run on
 * this project's offline machines (the plan there: the same checks in code-server, driven by
 * Chromium). Opens a copy of the example workspace with the built extension.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '../../../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-vscode-'));
  fs.cpSync(path.join(repo, 'examples', 'workspace'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(__dirname, 'suite', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
