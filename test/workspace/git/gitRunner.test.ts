import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitStream } from '../../../workspace/git/gitRunner';

/** A git alias runs a shell command: a git that hangs, or one that streams slowly, on demand. */
describe('streamed git: a git that stays silent is stopped', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-gitrunner-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('silent past the limit: stopped and answered -1 at once, though its child still holds the output', async () => {
    const started = Date.now();
    const code = await gitStream(dir, ['-c', 'alias.hang=!sleep 20', 'hang'], () => undefined, undefined, undefined, 300);
    assert.equal(code, -1);
    assert.ok(Date.now() - started < 10_000, `answered after ${Date.now() - started} ms`);
  });

  it('streaming: never stopped, however long it runs in all, while each silence is shorter than the limit', async () => {
    let out = '';
    const code = await gitStream(
      dir,
      ['-c', 'alias.slow=!for i in 1 2 3 4 5 6; do echo $i; sleep 0.2; done', 'slow'],
      (chunk) => (out += chunk.toString('utf8')),
      undefined,
      undefined,
      1000,
    );
    assert.equal(code, 0);
    assert.deepEqual(out.trim().split('\n'), ['1', '2', '3', '4', '5', '6']);
  });
});
