import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mayBeInGitRepository } from '../../../workspace/git/gitPresence';
import { gitTopLevel } from '../../../workspace/git/secretHistory';

describe('whether git could find a repository for a folder, without running it', function () {
  this.timeout(60_000);
  let base: string;
  const noGitEnv = {};
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  beforeEach(function () {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-git-presence-'));
    // The temporary folder itself must be outside any repository for the "no" cases to mean anything.
    if (gitTopLevel(base)) this.skip();
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('says no outside any repository, as git does, and yes once the folder or one above it is one', () => {
    const inner = path.join(base, 'a', 'b');
    fs.mkdirSync(inner, { recursive: true });
    assert.equal(mayBeInGitRepository(inner, noGitEnv), false);
    assert.equal(gitTopLevel(inner), undefined);
    git(base, 'init', '-q');
    assert.equal(mayBeInGitRepository(inner, noGitEnv), true);
    assert.equal(mayBeInGitRepository(base, noGitEnv), true);
    assert.ok(gitTopLevel(inner));
  });

  it('says yes for a linked work tree (`.git` is a file), a bare repository and a link into a repository', () => {
    const worktree = path.join(base, 'worktree');
    fs.mkdirSync(worktree);
    fs.writeFileSync(path.join(worktree, '.git'), 'gitdir: /somewhere/else\n');
    assert.equal(mayBeInGitRepository(worktree, noGitEnv), true);

    const bare = path.join(base, 'bare.git');
    git(base, 'init', '-q', '--bare', bare);
    assert.equal(mayBeInGitRepository(bare, noGitEnv), true);

    const repo = path.join(base, 'repo');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    git(repo, 'init', '-q');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-git-presence-link-'));
    try {
      const link = path.join(outside, 'src');
      fs.symlinkSync(path.join(repo, 'src'), link);
      // git sees the working directory's real path, inside the repository.
      assert.equal(mayBeInGitRepository(link, noGitEnv), true);
      assert.ok(gitTopLevel(link));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("says yes when git's location variables are set, and for a folder it cannot resolve", () => {
    assert.equal(mayBeInGitRepository(base, { GIT_DIR: '/elsewhere/.git' }), true);
    assert.equal(mayBeInGitRepository(base, { GIT_WORK_TREE: '/elsewhere' }), true);
    assert.equal(mayBeInGitRepository(base, { GIT_DIR: '' }), false);
    assert.equal(mayBeInGitRepository(path.join(base, 'missing'), noGitEnv), true);
  });
});
