import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walkFiles } from '../../workspace/files/fileWalker';

/** Writes `files` (root-relative path → content) under a fresh temporary folder. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-walk-'));
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  return root;
}

const listed = (targets: string[], root: string, gitignore = true) => [...walkFiles(targets, { root, gitignore })].map((f) => f.relative);

describe('file walker', () => {
  it('applies each .gitignore from its own folder down, anchored patterns relative to that folder', () => {
    const root = tree({
      '.gitignore': '/top-only.txt\nbuild/\n',
      'top-only.txt': 'x',
      'a/top-only.txt': 'x',
      'a/.gitignore': '/b/secret.txt\n*.log\n',
      'a/b/secret.txt': 'x',
      'a/b/keep.txt': 'x',
      'a/b/deep/y.log': 'x',
      'a/c/b/secret.txt': 'x',
      'a/x.log': 'x',
      'x.log': 'x',
      'build/z.txt': 'x',
      'a/build/w.txt': 'x',
      'a/b/deep/e/f/g.txt': 'x',
    });
    assert.deepEqual(listed([root], root), [
      '.gitignore',
      'a/.gitignore',
      'a/b/deep/e/f/g.txt',
      'a/b/keep.txt',
      'a/c/b/secret.txt',
      'a/top-only.txt',
      'x.log',
    ]);
    // Without .gitignore, everything under the folder named.
    assert.equal(listed([path.join(root, 'a')], root, false).length, 9);
  });

  it('yields each file once with overlapping targets, depth first in name order, with size and mtime', () => {
    const root = tree({ 'b.txt': 'bb', 'a/z.txt': 'z', 'a/m/n.txt': 'nnn', 'c/d.txt': 'd' });
    const files = [...walkFiles([root, path.join(root, 'a'), path.join(root, 'a', 'z.txt')], { root })];
    assert.deepEqual(
      files.map((f) => f.relative),
      ['a/m/n.txt', 'a/z.txt', 'b.txt', 'c/d.txt'],
    );
    const n = files.find((f) => f.relative === 'a/m/n.txt')!;
    assert.equal(n.size, 3);
    assert.equal(n.absolute, path.join(root, 'a', 'm', 'n.txt'));
    assert.equal(n.mtimeMs, fs.lstatSync(n.absolute).mtimeMs);
  });
});
