import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Loaded by mocha before the test files (test/.mocharc.json `require`): every temporary
 * directory of the run, the tests' own and those of the processes they start (CLI, server,
 * git, code-server, Chromium), goes under one folder of this run, removed when the run ends.
 * Each test still makes its own with mkdtemp, so no two tests share one.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-test-'));
// Traversable by others, as the system temp folder is: a test runs the CLI as an unprivileged
// user (taking away a folder's permissions means nothing to root) on a tree under this folder.
fs.chmodSync(root, 0o755);
process.env.TMPDIR = root;
// The audit cache (and any other user cache) of the run's CLI and server processes goes there too, not into the user's home.
process.env.XDG_CACHE_HOME = path.join(root, 'user-cache');

export const mochaHooks = {
  afterAll(this: Mocha.Context): void {
    // Hundreds of test trees, code-server's and Chromium's profiles: on a loaded 2-core machine
    // removing them once took longer than the 60 s a hook gets, and that failed a green run.
    this.timeout(10 * 60_000);
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A process that is still exiting may hold a file; the folder is in the system's temp dir.
    }
  },
};
