import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  lookUpListed,
  walkFiles,
  type FolderListing,
  type FolderListings,
  type FolderStamp,
  type ListedFile,
} from '../../workspace/files/fileWalker';

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

  it('pulled one file at a time (as the audit does), gives each target in turn, with paths outside the root, then nothing', () => {
    const base = tree({ 'ws/b.txt': 'bb', 'ws/a/z.txt': 'z', 'other/d/e.txt': 'e', 'other/f.txt': 'f' });
    const root = path.join(base, 'ws');
    const targets = [path.join(root, 'a'), path.join(base, 'other'), path.join(root, 'b.txt'), `${root}${path.sep}`];
    const walk = walkFiles(targets, { root });
    const pulled: Array<{ absolute: string; relative: string }> = [];
    for (let file = walk.nextFile(); file; file = walk.nextFile()) pulled.push({ absolute: file.absolute, relative: file.relative });
    assert.deepEqual(pulled, [
      { absolute: path.join(root, 'a', 'z.txt'), relative: 'a/z.txt' },
      { absolute: path.join(base, 'other', 'd', 'e.txt'), relative: '../other/d/e.txt' },
      { absolute: path.join(base, 'other', 'f.txt'), relative: '../other/f.txt' },
      { absolute: path.join(root, 'b.txt'), relative: 'b.txt' },
    ]);
    assert.equal(walk.nextFile(), undefined, 'over: it stays over');
    assert.deepEqual(
      [...walkFiles(targets, { root })].map((f) => f.relative),
      pulled.map((f) => f.relative),
    );
  });

  it('lists a folder from kept listings when they answer for it, and still looks at every file it lists', () => {
    const root = tree({ 'a/x.txt': 'x', 'a/y.txt': 'yy', 'a/m/n.txt': 'n', 'b.txt': 'b' });
    const kept = new Map<string, { stamp: FolderStamp; listing: FolderListing }>();
    const asked: string[] = [];
    const listings: FolderListings = {
      // Answers for every folder it holds, whatever its stamp: as a cache that trusted a stale listing would.
      keptListing: (folder) => {
        asked.push(folder);
        return kept.get(folder)?.listing;
      },
      keepListing: (folder, stamp, listing) => kept.set(folder, { stamp, listing }),
    };
    const walk = () => [...walkFiles([root], { root, listings })];
    assert.deepEqual(
      walk().map((f) => f.relative),
      ['a/m/n.txt', 'a/x.txt', 'a/y.txt', 'b.txt'],
    );
    assert.deepEqual([...kept.keys()], ['', 'a', 'a/m']);
    assert.deepEqual(kept.get('a')!.listing, { names: ['m', 'x.txt', 'y.txt'], kinds: 'dff' });
    const a = fs.lstatSync(path.join(root, 'a'));
    assert.deepEqual(kept.get('a')!.stamp, { mtimeMs: a.mtimeMs, ctimeMs: a.ctimeMs, ino: a.ino, dev: a.dev });
    // Now the listings are stale: the walk takes their names (a new file goes unseen: guarding
    // against that is the stamp's job), but lstats each file: an edit, a removal and a file
    // replaced by a folder are seen as they are.
    fs.writeFileSync(path.join(root, 'a', 'x.txt'), 'longer');
    fs.rmSync(path.join(root, 'a', 'y.txt'));
    fs.writeFileSync(path.join(root, 'a', 'new.txt'), 'new');
    fs.rmSync(path.join(root, 'b.txt'));
    fs.mkdirSync(path.join(root, 'b.txt'));
    fs.writeFileSync(path.join(root, 'b.txt', 'inside.txt'), 'i');
    kept.clear();
    kept.set('', { stamp: {} as FolderStamp, listing: { names: ['a', 'b.txt'], kinds: 'df' } });
    kept.set('a', { stamp: {} as FolderStamp, listing: { names: ['m', 'x.txt', 'y.txt'], kinds: 'dff' } });
    asked.length = 0;
    const files = walk();
    assert.deepEqual(
      files.map((f) => f.relative),
      ['a/m/n.txt', 'a/x.txt', 'b.txt/inside.txt'],
    );
    assert.equal(files[1].size, 6);
    assert.deepEqual(asked, ['', 'a', 'a/m', 'b.txt']);
  });

  it('without lookups, yields the same files in the same order without sizes; lookUpListed gets them later', () => {
    const root = tree({ 'b.txt': 'bb', 'a/z.txt': 'z', 'a/m/n.txt': 'nnn', 'c/d.txt': 'd' });
    let asked = 0;
    // The first file looked up, the others not: the walk asks before each one.
    const files = [...walkFiles([root], { root, statFiles: () => asked++ === 0 })];
    assert.deepEqual(
      files.map((f) => f.relative),
      ['a/m/n.txt', 'a/z.txt', 'b.txt', 'c/d.txt'],
    );
    assert.equal(asked, 4);
    assert.deepEqual(
      files.map((f) => f.size),
      [3, undefined, undefined, undefined],
    );
    assert.equal(files[2].absolute, path.join(root, 'b.txt'));
    const looked = lookUpListed(files[2] as ListedFile);
    const stat = fs.lstatSync(path.join(root, 'b.txt'));
    assert.deepEqual(looked, {
      absolute: files[2].absolute,
      relative: 'b.txt',
      size: 2,
      mtimeMs: stat.mtimeMs,
      ctimeMs: stat.ctimeMs,
      ino: stat.ino,
    });
    // Gone, or no longer a file, since it was listed: left as listed, for the reader to say what it is.
    fs.rmSync(path.join(root, 'c', 'd.txt'));
    assert.deepEqual(lookUpListed(files[3] as ListedFile), files[3]);
    fs.rmSync(path.join(root, 'a', 'z.txt'));
    fs.mkdirSync(path.join(root, 'a', 'z.txt'));
    assert.deepEqual(lookUpListed(files[1] as ListedFile), files[1]);
  });

  it('kept listings are checked file by file even when lookups are not wanted; folders read now are not', () => {
    const root = tree({ 'a/x.txt': 'x', 'b.txt': 'bb' });
    // `a`'s kept listing names a file gone since (y.txt): its lstat finds it gone, and x.txt is looked up.
    const listings: FolderListings = {
      keptListing: (folder) => (folder === 'a' ? { names: ['x.txt', 'y.txt'], kinds: 'ff' } : undefined),
      keepListing: () => undefined,
    };
    const files = [...walkFiles([root], { root, listings, statFiles: () => false })];
    assert.deepEqual(
      files.map((f) => [f.relative, f.size]),
      [
        ['a/x.txt', 1],
        // The root was read now: its file is yielded on the listing's word, as without listings (the reader stamps it).
        ['b.txt', undefined],
      ],
    );
  });

  it('a named folder that is a link is followed, and its listing never kept', () => {
    const root = tree({ 'real/x.txt': 'x' });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    const kept: string[] = [];
    const listings: FolderListings = { keptListing: () => undefined, keepListing: (folder) => kept.push(folder) };
    const files = [...walkFiles([path.join(root, 'alias')], { root, listings })].map((f) => f.relative);
    assert.deepEqual(files, ['alias/x.txt']);
    assert.deepEqual(kept, []);
  });

  it('traces what its files depended on: folders opened and stamped, entries noted, each .gitignore and .git looked at', () => {
    const outer = tree({ '.gitignore': '*.log\n', 'inner/.gitignore': 'skip/\n', 'inner/a/b.txt': 'x', 'inner/skip/c.txt': 'x' });
    fs.mkdirSync(path.join(outer, '.git'));
    const root = path.join(outer, 'inner');
    fs.symlinkSync('a/b.txt', path.join(root, 'link'));
    const listings: FolderListings = { keptListing: () => undefined, keepListing: () => undefined };
    const walk = walkFiles([root], { root, listings });
    assert.deepEqual(
      [...walk].map((f) => f.relative),
      ['.gitignore', 'a/b.txt'],
    );
    const { opened, stamped, skips, notes, looked } = walk.trace;
    assert.deepEqual({ opened, stamped, skips, notes }, { opened: 2, stamped: 2, skips: 0, notes: [['link', 'l']] });
    const stamp = (file: string) => {
      const s = fs.statSync(file);
      return [s.mtimeMs, s.ctimeMs, s.ino, s.dev, s.size];
    };
    assert.deepEqual(looked, [
      [path.join(outer, '.gitignore'), stamp(path.join(outer, '.gitignore'))],
      [path.join(outer, '.git'), true],
      [path.join(root, '.gitignore'), stamp(path.join(root, '.gitignore'))],
    ]);
    // A folder named through a link is opened without a stamp: the trace says the walk cannot be replayed.
    fs.symlinkSync(root, path.join(outer, 'alias'));
    const aliased = walkFiles([path.join(outer, 'alias')], { root: outer, listings, gitignore: false });
    for (const file of aliased) assert.ok(file.relative.startsWith('alias/'));
    assert.equal(aliased.trace.stamped, aliased.trace.opened - 1);
  });
});
