import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { auditWorkspace, type AuditOutcome } from '../../app/auditWorkspace';
import { loadWorkspaceConfig } from '../../workspace/config/configFile';
import { AuditCache, auditedFolderHolding, defaultAuditCacheFile, walksBefore, type Lookup } from '../../workspace/scan/auditCache';
import { walkFiles } from '../../workspace/files/fileWalker';
import { REPO, plantedSecrets } from '../cli/cliHarness';

/** A fake Slack bot token assembled at run time (never a real one, never in the source whole). */
const slackToken = (n: number) =>
  ['xo', 'xb-', '2741093856-', `48201937465${String(n).padStart(2, '0')}-`, 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cache-'));
  fs.cpSync(path.join(REPO, 'examples', 'workspace'), dir, { recursive: true });
  return dir;
}

/**
 * How many of a cache's files have results that depend on files beside them (the example's
 * workload on the RBAC of its folder). While those files are as recent as the audit that recorded
 * them, which a test's just-written tree is, the next audit scans the file again: a stamp alone
 * cannot tell a change within the same clock tick, and there is no content hash of them to check.
 */
function dependents(file: string): number {
  return [...readCache(file).entries.values()].filter((entry) => entry[5] !== '').length;
}

/** Moves every file's mtime a minute into the past: as a tree is when it was not just written. */
function age(dir: string): void {
  const past = new Date(Date.now() - 60_000);
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) fs.utimesSync(p, past, past);
    }
  };
  walk(dir);
}

async function audit(root: string, cache: string | undefined, jobs = 0): Promise<AuditOutcome> {
  const { config } = loadWorkspaceConfig(root);
  return auditWorkspace({ root, config, baseline: [], jobs, git: false, ...(cache ? { cache } : {}) });
}

/** What a report says, without the timing, as its JSON says it (an absent field and an undefined one are the same there). */
function results(outcome: AuditOutcome): unknown {
  const { findings, skipped, inventory, filesScanned, bytesScanned, suppressed } = outcome.report;
  return JSON.parse(JSON.stringify({ findings, skipped, inventory, filesScanned, bytesScanned, suppressed }));
}

/** [size, mtimeMs, ctimeMs, inode, hash, dependencies, results] */
type CacheEntry = [number, number, number, number, string, string, unknown];

/**
 * A cache as its lines say: the header, each path's entry, the walked files it holds no results
 * for (their line is `"path"<TAB>-`) and the folder lines as they are (the end line checked and dropped).
 */
interface CacheLines {
  header: string;
  entries: Map<string, CacheEntry>;
  unheld?: string[];
  folders?: string[];
}

function readCache(file: string): Required<CacheLines> {
  const bytes = fs.readFileSync(file);
  const [header, ...lines] = bytes.toString('utf8').trimEnd().split('\n');
  const end = lines.pop()!.split('\t');
  assert.equal(end[0], 'end');
  assert.equal(Number(end[1]), lines.length, 'the end line counts the entry lines');
  const entries = new Map<string, CacheEntry>();
  const unheld: string[] = [];
  const folders: string[] = [];
  for (const line of lines) {
    if (line.startsWith('/')) {
      folders.push(line);
      continue;
    }
    if (line.endsWith('\t-')) {
      unheld.push(JSON.parse(line.slice(0, -2)) as string);
      continue;
    }
    const [quoted, size, mtime, ctime, ino, hash, siblings, stored] = line.split('\t');
    entries.set(JSON.parse(quoted) as string, [
      Number(size),
      Number(mtime),
      Number(ctime),
      Number(ino),
      hash,
      siblings,
      JSON.parse(stored) as unknown,
    ]);
  }
  return { header, entries, unheld, folders };
}

/** The checksum the end line carries (of every byte before it). */
const checksum = (body: string) => createHash('sha256').update(body, 'latin1').digest('base64url');

/** Writes a cache file from lines as a well-behaved audit would (end line and checksum included). */
function writeLines(file: string, lines: string[]): void {
  const body = `${lines.join('\n')}\n`;
  fs.writeFileSync(file, `${body}end\t${lines.length - 1}\t${checksum(body)}\n`, 'latin1');
}

/** JSON as the cache writes it: ASCII, every other character escaped. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Writes a cache back as `readCache` gave it (after a test changed it); returns its lines. */
function writeCache(file: string, cache: CacheLines): string[] {
  const lines = [cache.header];
  // The lines of files held without results where a walk puts them, before the first entry after them in walk order.
  const unheld = [...(cache.unheld ?? [])].sort((a, b) => (walksBefore(a, b) ? -1 : 1));
  for (const [name, [size, mtime, ctime, ino, hash, siblings, stored]] of cache.entries) {
    while (unheld.length && walksBefore(unheld[0], name)) lines.push(`${asciiJson(unheld.shift())}\t-`);
    lines.push([asciiJson(name), size, mtime, ctime, ino, hash, siblings, stored === 0 ? '0' : asciiJson(stored)].join('\t'));
  }
  for (const name of unheld) lines.push(`${asciiJson(name)}\t-`);
  lines.push(...(cache.folders ?? []));
  writeLines(file, lines);
  return lines;
}

/**
 * As if the audit that wrote the cache had started a minute later: the files' stamps are then old
 * enough to be trusted without reading them (a test cannot wait for its files to age; the ctime
 * that `age` cannot move back is what the cache compares).
 */
function recordedLater(file: string): void {
  const cache = readCache(file);
  const header = JSON.parse(cache.header) as { startedAt: number };
  header.startedAt += 60_000;
  writeCache(file, { ...cache, header: JSON.stringify(header) });
}

/**
 * Drops the header's walk record: the next audit walks the tree (with the kept listings) instead
 * of taking its files from the lines (`AuditCache.replay`).
 */
function forgetWalk(file: string): void {
  const cache = readCache(file);
  const { walk, ...header } = JSON.parse(cache.header) as { walk?: unknown };
  assert.ok(walk, 'the cache has a walk record');
  writeCache(file, { ...cache, header: JSON.stringify(header) });
}

describe('audit cache', function () {
  this.timeout(120_000);
  let root: string;
  let cacheFile: string;
  beforeEach(() => {
    root = workspace();
    cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cachefile-')), 'audit-cache.json');
  });

  it('a second audit of an unchanged tree reuses every file and reports the same', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    // Again, right before: the files' ctimes (which `utimes` sets to now) are then within the clock
    // tick of the first cached audit however long the uncached one took (on a loaded machine, more than that tick).
    age(root);
    const first = await audit(root, cacheFile);
    assert.equal(first.cache?.hits, 0);
    assert.equal(first.cache?.misses, first.report.filesScanned);
    assert.ok(fs.existsSync(cacheFile));
    const fresh = dependents(cacheFile);
    assert.ok(fresh >= 1, "the example's workload depends on the RBAC beside it");
    // Stamps too recent to be trusted alone: every file is read and hashed, none scanned but those
    // whose results depend on files beside them.
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, fresh);
    assert.equal(second.cache?.hits, first.report.filesScanned - fresh);
    assert.equal(second.run.filesCached, first.report.filesScanned - fresh);
    assert.deepEqual(results(second), results(first));
    assert.deepEqual(results(first), results(uncached));
    assert.ok(second.report.findings.length > 10, 'the example workspace has findings to reuse');
    // Stamps old enough: every file is answered for from its stamp alone.
    recordedLater(cacheFile);
    const third = await audit(root, cacheFile);
    assert.equal(third.cache?.misses, 0);
    assert.equal(third.cache?.hits, first.report.filesScanned);
    assert.deepEqual(results(third), results(uncached));
  });

  it('a file whose content changed is scanned again; the others are reused', async () => {
    age(root);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    fs.appendFileSync(path.join(root, 'src', 'billing.ts'), `\nconst slack = "${slackToken(1)}";\n`);
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, 1);
    assert.equal(second.cache?.hits, second.report.filesScanned - 1);
    assert.ok(second.report.findings.some((f) => f.path === 'src/billing.ts' && f.masked.startsWith('xoxb')));
    assert.deepEqual(results(second), results(await audit(root, undefined)));
    // The cache written by the second audit holds the entries it reused as well as the fresh one.
    recordedLater(cacheFile);
    const third = await audit(root, cacheFile);
    assert.equal(third.cache?.misses, 0);
    assert.equal(third.cache?.hits, third.report.filesScanned);
    assert.equal(readCache(cacheFile).entries.size, third.report.filesScanned);
    assert.deepEqual(results(third), results(second));
  });

  it('a change written within the clock tick of the last audit is caught by the content hash', async () => {
    // Fresh files: their mtime is too close to the audit that recorded them for size+mtime to be trusted.
    await audit(root, cacheFile);
    const file = path.join(root, 'src', 'billing.ts');
    const stat = fs.statSync(file);
    const text = fs.readFileSync(file, 'utf8');
    // Same size, same mtime, other content: only the hash can tell.
    fs.writeFileSync(file, text.replace('sk_live_', 'sk_lave_'));
    fs.utimesSync(file, stat.atime, stat.mtime);
    assert.equal(fs.statSync(file).size, stat.size);
    const fresh = dependents(cacheFile);
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, 1 + fresh);
    assert.deepEqual(results(second), results(await audit(root, undefined)));
  });

  it('a rewrite that puts back the old size and mtime is scanned again (its ctime moved)', async () => {
    age(root);
    await audit(root, cacheFile);
    recordedLater(cacheFile); // the stamps are old enough to be trusted without reading
    const file = path.join(root, 'src', 'billing.ts');
    const stat = fs.statSync(file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('sk_live_', 'sk_lave_'));
    fs.utimesSync(file, stat.atime, stat.mtime); // as `touch -d` or `cp -p` would
    assert.equal(fs.statSync(file).size, stat.size);
    assert.equal(fs.statSync(file).mtimeMs, stat.mtimeMs);
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, 1, 'the ctime differs: the file is read, its hash differs, it is scanned');
    assert.equal(second.cache?.hits, second.report.filesScanned - 1);
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const fresh = await audit(root, undefined);
    assert.deepEqual(json(second.report.findings), json(fresh.report.findings));
    assert.ok(!second.report.findings.some((f) => f.path === 'src/billing.ts' && f.ruleId === 'stripe-secret-key'));
  });

  it('a file replaced by another (an atomic save: new inode) under the old size and mtime is read again', async () => {
    age(root);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    const file = path.join(root, 'src', 'billing.ts');
    const stat = fs.statSync(file);
    const temp = path.join(root, 'src', '.billing.ts.swp');
    fs.writeFileSync(temp, fs.readFileSync(file, 'utf8').replace('sk_live_', 'sk_lave_'));
    fs.utimesSync(temp, stat.atime, stat.mtime);
    fs.renameSync(temp, file);
    assert.notEqual(fs.statSync(file).ino, stat.ino);
    assert.equal(fs.statSync(file).mtimeMs, stat.mtimeMs);
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, 1);
    assert.ok(!second.report.findings.some((f) => f.path === 'src/billing.ts' && f.ruleId === 'stripe-secret-key'));
  });

  it('other rules, config or baseline start afresh', async () => {
    age(root);
    const first = await audit(root, cacheFile);
    fs.writeFileSync(
      path.join(root, '.nhi-lens.yaml'),
      `${fs.readFileSync(path.join(root, '.nhi-lens.yaml'), 'utf8')}\ndisable: [stripe-secret-key]\n`,
    );
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.hits, 0);
    assert.match(second.cache?.ignored ?? '', /other rules, config, baseline or version/);
    assert.ok(first.report.findings.some((f) => f.ruleId === 'stripe-secret-key'));
    assert.ok(!second.report.findings.some((f) => f.ruleId === 'stripe-secret-key'));
    const { config } = loadWorkspaceConfig(root);
    const baseline = [
      { ruleId: first.report.findings[0].ruleId, fingerprint: first.report.findings[0].fingerprint, path: first.report.findings[0].path },
    ];
    const third = await auditWorkspace({ root, config, baseline, jobs: 0, git: false, cache: cacheFile });
    assert.equal(third.cache?.hits, 0, 'a new baseline is another key');
  });

  it('a corrupt cache file is ignored and replaced; the audit is the same', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    const garbages = [
      '{"format": "nhi-lens audit cache", "version": 2, "key": ',
      '\u0000\u0001binary',
      '[]',
      '{"entries": 5}',
      // Earlier formats (one JSON document; lines without ctime, inode or end line): not read.
      '{"format":"nhi-lens audit cache","version":1,"key":"k","root":"/","startedAt":0,"entries":{}}',
      '{"format":"nhi-lens audit cache","version":2,"key":"k","root":"/","startedAt":0}\n"a.env"\t1\t1\tAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\t\t0\n',
      // Format 3 (no folder lines): read afresh, not as if its folders were unknown.
      '{"format":"nhi-lens audit cache","version":3,"key":"k","root":"/","startedAt":0,"sorted":true}\nend\t0\tAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
    ];
    for (const garbage of garbages) {
      fs.writeFileSync(cacheFile, garbage);
      const run = await audit(root, cacheFile);
      assert.equal(run.cache?.hits, 0);
      assert.ok(run.cache?.ignored, `ignored: ${garbage}`);
      assert.deepEqual(results(run), results(uncached));
      assert.equal(readCache(cacheFile).entries.size, uncached.report.filesScanned, 'replaced by a good cache');
    }
  });

  it('a cache cut short or damaged is not read at all, says why, and is rebuilt', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    const good = fs.readFileSync(cacheFile, 'latin1');
    const lines = good.split('\n');
    // A finding's line number changed by one digit: the entry still looks valid, only the checksum tells.
    const withFindings = lines.findIndex((l) => l.includes('"range":{"start":{"line":'));
    assert.ok(withFindings > 0);
    const damaged = [...lines];
    damaged[withFindings] = damaged[withFindings].replace(/"line":(\d)/, (_, d: string) => `"line":${(Number(d) + 1) % 10}`);
    const cases: Array<[string, string, RegExp]> = [
      ['cut at a line end', `${lines.slice(0, lines.length - 3).join('\n')}\n`, /cut short or damaged \(no end line\)/],
      ['cut within a line', good.slice(0, Math.floor(good.length / 2)), /cut short or damaged/],
      ['end line gone', `${lines.slice(0, lines.length - 2).join('\n')}\n`, /cut short or damaged \(no end line\)/],
      ['one digit changed', damaged.join('\n'), /checksum does not match/],
      ['a line dropped', [...lines.slice(0, withFindings), ...lines.slice(withFindings + 1)].join('\n'), /checksum does not match/],
    ];
    for (const [what, text, reason] of cases) {
      fs.writeFileSync(cacheFile, text, 'latin1');
      const run = await audit(root, cacheFile);
      assert.equal(run.cache?.hits, 0, `${what}: nothing from it is used`);
      assert.match(run.cache?.ignored ?? '', reason, what);
      assert.deepEqual(results(run), results(uncached), what);
      const fresh = dependents(cacheFile);
      const again = await audit(root, cacheFile);
      assert.equal(again.cache?.misses, fresh, `${what}: rebuilt`);
      assert.equal(again.cache?.ignored, undefined);
    }
  });

  it('crafted entries are not trusted: wrong shapes are rescanned, paths outside the walk never reported', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    await audit(root, cacheFile);
    recordedLater(cacheFile); // stamps trusted: the entries are used without reading the files
    const saved = readCache(cacheFile);
    const [name, entry] = [...saved.entries].find(([, e]) => e[6] !== 0)!;
    const crafted = { bytes: 1, suppressed: 0, skipped: [], findings: [{ ruleId: 5 }] };
    saved.entries.set(name, [entry[0], entry[1], entry[2], entry[3], entry[4], entry[5], crafted]);
    const stolen = (entry[6] as { findings: unknown[] }).findings;
    saved.entries.set('../../etc/passwd', [1, 1, 1, 1, 'x'.repeat(32), '', { bytes: 1, suppressed: 0, skipped: [], findings: stolen }]);
    saved.entries.set('/etc/shadow', entry);
    saved.entries.set('__proto__', entry);
    const lines = writeCache(cacheFile, saved);
    // Lines no entry can be read from: cut short, a path without quotes, a bad hash, a size that is no
    // number, no inode (each with a good checksum: whoever can write the file can write that too).
    const other = [...saved.entries].find(([n, e]) => n !== name && e[6] === 0 && !n.startsWith('/') && !n.startsWith('.'))!;
    const [otherName, [size, mtime, ctime, ino, hash]] = other;
    const quoted = JSON.stringify(otherName);
    const broken = [
      `${quoted}\t${size}\t${mtime}`,
      `${otherName}\t${other[1].join('\t')}`,
      `${quoted}\t${size}\t${mtime}\t${ctime}\t${ino}\t${'!'.repeat(32)}\t\t0`,
      `${quoted}\tNaN\t${mtime}\t${ctime}\t${ino}\t${hash}\t\t0`,
      `${quoted}\t${size}\t${mtime}\t${ctime}\t${hash}\t\t0`,
    ];
    for (const bad of broken) {
      // In the good line's place: a line out of walk order would be passed over whatever it held.
      writeLines(
        cacheFile,
        lines.map((l) => (l.startsWith(quoted) ? bad : l)),
      );
      const run = await audit(root, cacheFile);
      assert.equal(run.cache?.misses, 2, `the malformed entries are scanned afresh: ${bad}`);
      assert.deepEqual(results(run), results(uncached));
      assert.ok(run.report.findings.every((f) => !f.path.includes('..') && !path.isAbsolute(f.path)));
    }
  });

  it('a path with quotes, tabs or a newline in its name is cached and read back like any other', async () => {
    const odd = 'odd "name"\twith\nlines, \u00e9t\u00e9 \ud83d\udd11 and a \\.env';
    fs.writeFileSync(path.join(root, odd), `SLACK_BOT_TOKEN=${slackToken(3)}\n`);
    age(root);
    const uncached = await audit(root, undefined);
    assert.ok(uncached.report.findings.some((f) => f.path === odd));
    await audit(root, cacheFile);
    assert.ok(readCache(cacheFile).entries.has(odd));
    assert.ok(
      fs.readFileSync(cacheFile).every((byte) => byte < 0x80),
      'the file is ASCII (read without UTF-8 decoding)',
    );
    const fresh = dependents(cacheFile);
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, fresh);
    assert.deepEqual(results(second), results(uncached));
    recordedLater(cacheFile);
    const third = await audit(root, cacheFile);
    assert.equal(third.cache?.misses, 0);
    assert.deepEqual(results(third), results(uncached));
  });

  it('an unchanged tree leaves the cache file as it was (not rewritten)', async () => {
    age(root);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    const written = fs.readFileSync(cacheFile, 'utf8');
    const inode = fs.statSync(cacheFile).ino;
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.misses, 0);
    assert.equal(fs.statSync(cacheFile).ino, inode, 'the same file, not a new one renamed over it');
    assert.equal(fs.readFileSync(cacheFile, 'utf8'), written);
  });

  it('a cache file that is a link is not followed, neither to read nor to write', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    const elsewhere = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-elsewhere-')), 'target');
    await audit(root, elsewhere); // a good cache for this very tree, in another place
    recordedLater(elsewhere);
    const target = fs.readFileSync(elsewhere);
    fs.symlinkSync(elsewhere, cacheFile);
    const run = await audit(root, cacheFile);
    assert.equal(run.cache?.hits, 0);
    assert.equal(run.cache?.ignored, 'not a regular file');
    assert.deepEqual(results(run), results(uncached));
    assert.ok(!fs.lstatSync(cacheFile).isSymbolicLink(), 'the link was replaced by a cache file of its own');
    assert.deepEqual(fs.readFileSync(elsewhere), target, 'the file the link pointed to is untouched');
  });

  it('the default cache file is a hashed name inside the user cache folder, whatever the folder audited', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-xdg-'));
    const folder = path.join(home, 'nhi-lens', 'audit');
    for (const audited of [root, '/', path.join(root, '..', '..', 'etc'), path.join(root, 'a\nb "c"')]) {
      const file = defaultAuditCacheFile(audited, 'k'.repeat(64), { XDG_CACHE_HOME: home })!;
      assert.equal(path.dirname(file), folder);
      assert.match(path.basename(file), /^[0-9a-f]{32}\.json$/);
    }
  });

  it('the walk lists files in the order walksBefore says, and the cache keeps its lines in that order', async () => {
    // Names that sort differently as whole paths than name by name (`x/y` is walked before `x.z`).
    const files = [
      'x/y.env',
      'x/y/f',
      'x.z/a',
      'x.z.env',
      'x-y/1',
      'X/2',
      'a b/3',
      'a/b/c',
      'a.env',
      'a.d/4',
      '\u00e9t\u00e9/5',
      'Z9/6',
      '_/7',
    ];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, 'order', file)), { recursive: true });
      fs.writeFileSync(path.join(root, 'order', file), 'NAME=x\n');
    }
    const walked = [...walkFiles([root], { root, gitignore: false })].map((f) => f.relative);
    assert.ok(walked.length > 20);
    for (let i = 1; i < walked.length; i++) {
      assert.ok(walksBefore(walked[i - 1], walked[i]), `${walked[i - 1]} before ${walked[i]}`);
      assert.ok(!walksBefore(walked[i], walked[i - 1]));
    }
    assert.ok(!walksBefore('a', 'a'));
    await audit(root, cacheFile);
    assert.equal((JSON.parse(readCache(cacheFile).header) as { sorted: boolean }).sorted, true);
  });

  it('files the cache does not hold (too large to scan) leave every other file answered for', async () => {
    fs.writeFileSync(
      path.join(root, '.nhi-lens.yaml'),
      `${fs.readFileSync(path.join(root, '.nhi-lens.yaml'), 'utf8')}\nlimits:\n  maxFileBytes: 4096\n`,
    );
    fs.writeFileSync(path.join(root, 'aa-large.txt'), 'x'.repeat(5000));
    fs.mkdirSync(path.join(root, 'src', 'mm'));
    fs.writeFileSync(path.join(root, 'src', 'mm', 'large.txt'), 'y'.repeat(5000));
    age(root);
    const uncached = await audit(root, undefined);
    assert.ok(uncached.report.skipped.some((s) => s.path === 'src/mm/large.txt'));
    await audit(root, cacheFile);
    assert.ok(!readCache(cacheFile).entries.has('src/mm/large.txt'), 'not read, so not held');
    recordedLater(cacheFile);
    for (const sorted of [true, false]) {
      if (!sorted) {
        // Lines out of walk order (as a crafted file might say they are sorted): found by path instead.
        const cache = readCache(cacheFile);
        const header = JSON.parse(cache.header) as { sorted: boolean };
        header.sorted = false;
        writeCache(cacheFile, { ...cache, header: JSON.stringify(header), entries: new Map([...cache.entries].reverse()) });
      }
      const run = await audit(root, cacheFile);
      assert.equal(run.cache?.hits, uncached.report.filesScanned - 2, `sorted: ${sorted}`);
      assert.equal(run.cache?.misses, 0);
      assert.deepEqual(results(run), results(uncached));
    }
    // A file claiming to be sorted that is not: some files may be scanned again, the results are the same.
    const cache = readCache(cacheFile);
    const header = JSON.parse(cache.header) as { sorted: boolean };
    header.sorted = true;
    writeCache(cacheFile, { ...cache, header: JSON.stringify(header), entries: new Map([...cache.entries].reverse()) });
    const run = await audit(root, cacheFile);
    assert.deepEqual(results(run), results(uncached));
  });

  it('files and folders deleted since: the others are still answered for, and the cache forgets them', async () => {
    // More files in one deleted folder than the lines passed over in order before the map is used.
    fs.mkdirSync(path.join(root, 'gone'));
    for (let i = 0; i < 80; i++) fs.writeFileSync(path.join(root, 'gone', `f${String(i).padStart(2, '0')}.env`), `N=${i}\n`);
    fs.mkdirSync(path.join(root, 'few'));
    for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(root, 'few', `f${i}.env`), `N=${i}\n`);
    age(root);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    fs.rmSync(path.join(root, 'gone'), { recursive: true });
    fs.rmSync(path.join(root, 'few'), { recursive: true });
    fs.rmSync(path.join(root, 'src', 'notify.py'));
    const uncached = await audit(root, undefined);
    const run = await audit(root, cacheFile);
    assert.equal(run.cache?.misses, 0);
    assert.equal(run.cache?.hits, uncached.report.filesScanned);
    assert.deepEqual(results(run), results(uncached));
    const kept = readCache(cacheFile).entries;
    assert.equal(kept.size, uncached.report.filesScanned);
    assert.ok(![...kept.keys()].some((name) => name.startsWith('gone/') || name.startsWith('few/') || name === 'src/notify.py'));
  });

  it('keeps masked findings and fingerprints only, never a secret value', async () => {
    fs.writeFileSync(path.join(root, 'slack.env'), `SLACK_BOT_TOKEN=${slackToken(2)}\n`);
    const run = await audit(root, cacheFile);
    assert.ok(run.report.findings.some((f) => f.path === 'slack.env'));
    const stored = fs.readFileSync(cacheFile, 'utf8');
    const secrets = plantedSecrets(root);
    assert.ok(secrets.length > 10);
    for (const secret of secrets) assert.ok(!stored.includes(secret), `a secret value is in the cache: ${secret.slice(0, 4)}…`);
  });

  it("a .tf file's results are scanned again when another .tf file of its folder changes", async () => {
    const infra = path.join(root, 'module');
    fs.mkdirSync(infra);
    fs.writeFileSync(path.join(infra, 'iam.tf'), 'resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = "{}"\n}\n');
    age(root);
    const owners = (o: AuditOutcome) =>
      o.report.findings.filter((f) => f.path === 'module/iam.tf' && f.ruleId === 'missing-owner-tag').length;
    const first = await audit(root, cacheFile);
    assert.equal(owners(first), 1);
    recordedLater(cacheFile);
    fs.writeFileSync(path.join(infra, 'providers.tf'), 'provider "aws" {\n  default_tags {\n    tags = { owner = "platform" }\n  }\n}\n');
    const second = await audit(root, cacheFile);
    assert.equal(owners(second), 0, 'default_tags of the new sibling apply');
    assert.equal(second.cache?.misses, 2, 'iam.tf and the new providers.tf');
  });

  it('worker threads fill and use the cache like the calling thread', async () => {
    // Enough files for the audit to start a worker (more than 200).
    for (let i = 0; i < 260; i++)
      fs.writeFileSync(path.join(root, `svc-${i}.env`), `SLACK_BOT_TOKEN=${slackToken(i % 100)}\nNAME=svc${i}\n`);
    const uncached = await audit(root, undefined, 0);
    const first = await audit(root, cacheFile, 1);
    assert.deepEqual(results(first), results(uncached));
    // Just written: the second audit reads and hashes every file (on the worker too) and scans none
    // but those whose results depend on files beside them.
    const fresh = dependents(cacheFile);
    const second = await audit(root, cacheFile, 1);
    assert.equal(second.cache?.misses, fresh);
    assert.equal(second.cache?.hits, uncached.report.filesScanned - fresh);
    assert.deepEqual(results(second), results(uncached));
  });

  /** Enough files that the new lines of a first audit outgrow the spool's in-memory stage (256 KiB) and go to its file. */
  function manyFiles(count: number): void {
    for (let i = 0; i < count; i++) {
      const dir = path.join(root, `pkg-${Math.floor(i / 100)}`, 'lib');
      fs.mkdirSync(dir, { recursive: true });
      const content = i % 250 === 0 ? `SLACK_BOT_TOKEN=${slackToken(i % 100)}\n` : `export const n${i} = ${i};\n`;
      fs.writeFileSync(path.join(dir, `module-with-a-long-enough-name-${i}.${i % 250 === 0 ? 'env' : 'js'}`), content);
    }
  }

  it('a first audit of many files (its new lines put aside on disk) writes a cache that answers for every file; nothing is left behind', async () => {
    manyFiles(2600);
    age(root);
    const uncached = await audit(root, undefined);
    const first = await audit(root, cacheFile, 1);
    assert.ok(first.cache?.saved);
    assert.ok(fs.statSync(cacheFile).size > 256 * 1024, 'more lines than the spool keeps in memory');
    assert.deepEqual(results(first), results(uncached));
    assert.deepEqual(fs.readdirSync(path.dirname(cacheFile)), [path.basename(cacheFile)], 'no spool or temporary file left');
    const { entries, folders } = readCache(cacheFile);
    assert.equal(entries.size, uncached.report.filesScanned, 'a line per file');
    assert.ok(folders.length > 26, 'and per folder');
    const names = [...entries.keys()];
    for (let i = 1; i < names.length; i++) assert.ok(walksBefore(names[i - 1], names[i]), 'in walk order');
    recordedLater(cacheFile);
    const second = await audit(root, cacheFile, 1);
    assert.equal(second.cache?.misses, 0);
    assert.equal(second.cache?.hits, uncached.report.filesScanned);
    assert.ok((second.cache?.foldersListed ?? 0) > 26);
    assert.deepEqual(results(second), results(uncached));
  });

  it('a link planted where the spool goes is never written through: it is removed, the cache saved, the audit the same', async () => {
    manyFiles(2600);
    const uncached = await audit(root, undefined);
    const target = path.join(path.dirname(cacheFile), 'target');
    fs.writeFileSync(target, 'untouched');
    // The spool's name is the cache file's, this process's id and `.spool` (the audit runs in this process).
    const planted = `${cacheFile}.${process.pid}.spool`;
    fs.symlinkSync(target, planted);
    const run = await audit(root, cacheFile);
    assert.ok(run.cache?.saved);
    assert.deepEqual(results(run), results(uncached));
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    assert.ok(!fs.existsSync(planted), 'nothing left at the name');
    recordedLater(cacheFile);
    const again = await audit(root, cacheFile);
    assert.equal(again.cache?.misses, 0, 'the saved cache holds every line');
    assert.deepEqual(results(again), results(uncached));
  });

  it('a link planted where the cache is written before its rename is not written through', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    const target = path.join(path.dirname(cacheFile), 'target');
    fs.writeFileSync(target, 'untouched');
    // The file is written under the cache file's name, this process's id and `.tmp`, then renamed.
    const planted = `${cacheFile}.${process.pid}.tmp`;
    fs.symlinkSync(target, planted);
    const run = await audit(root, cacheFile);
    assert.ok(run.cache?.saved, 'saved: the link was removed, not followed');
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    assert.ok(!fs.existsSync(planted), 'nothing left at the temporary name');
    assert.ok(fs.lstatSync(cacheFile).isFile());
    recordedLater(cacheFile);
    const again = await audit(root, cacheFile);
    assert.equal(again.cache?.misses, 0);
    assert.deepEqual(results(again), results(uncached));
  });

  it('a cancelled first audit leaves no cache and no spool behind', async () => {
    manyFiles(2600);
    const controller = new AbortController();
    const { config } = loadWorkspaceConfig(root);
    let seen = 0;
    const run = await auditWorkspace({
      root,
      config,
      baseline: [],
      jobs: 0,
      git: false,
      cache: cacheFile,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.filesDone > 2000 && seen++ === 0) controller.abort();
      },
    });
    assert.ok(run.run.cancelled);
    assert.deepEqual(fs.readdirSync(path.dirname(cacheFile)), [], 'neither the cache nor its spool');
  });
});

// A first audit (no previous lines) walks as one without the cache does, without an lstat per
// file: each file read gets its line's stamp from the reader's fstat, taken before the read.
describe("audit cache: a first audit's stamps come from the reads", function () {
  this.timeout(120_000);
  let root: string;
  let cacheFile: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-stamps-'));
    cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cachefile-')), 'audit-cache.json');
  });

  /** An audit with a callback on the first findings scanned (the files listed after it are not read yet). */
  async function auditWith(cache: string | undefined, jobs: number, onFirstFindings?: () => void): Promise<AuditOutcome> {
    const { config } = loadWorkspaceConfig(root);
    let once = onFirstFindings;
    const onFindings = () => {
      const call = once;
      once = undefined;
      call?.();
    };
    return auditWorkspace({ root, config, baseline: [], jobs, git: false, onFindings, ...(cache ? { cache } : {}) });
  }

  for (const jobs of [0, 1]) {
    it(`each line's stamp is the file's own (${jobs ? 'with a worker' : 'one thread'}); the next audit answers from it`, async () => {
      // More than 200 files: with --jobs 1 the worker starts and takes most of them.
      for (let i = 0; i < 300; i++) {
        const dir = path.join(root, `pkg-${Math.floor(i / 50)}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
          path.join(dir, `f${i}.${i % 30 === 0 ? 'env' : 'js'}`),
          i % 30 === 0 ? `SLACK_BOT_TOKEN=${slackToken(i % 100)}\n` : `export const n${i} = ${i};\n`,
        );
      }
      age(root);
      const uncached = await auditWith(undefined, jobs);
      const first = await auditWith(cacheFile, jobs);
      assert.deepEqual(results(first), results(uncached));
      const { entries } = readCache(cacheFile);
      assert.equal(entries.size, 300);
      for (const [relative, [size, mtimeMs, ctimeMs, ino]] of entries) {
        const stat = fs.lstatSync(path.join(root, relative));
        assert.deepEqual([size, mtimeMs, ctimeMs, ino], [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino], relative);
      }
      recordedLater(cacheFile);
      const warm = await auditWith(cacheFile, jobs);
      assert.equal(warm.cache?.misses, 0);
      assert.equal(warm.cache?.hits, 300);
      assert.deepEqual(results(warm), results(uncached));
    });
  }

  it('a file rewritten between the walk and its read: its line has the stamp of what was read, taken before the read', async () => {
    fs.writeFileSync(path.join(root, 'a.env'), `SLACK_BOT_TOKEN=${slackToken(1)}\n`);
    const victim = path.join(root, 'victim.env');
    fs.writeFileSync(victim, `SLACK_BOT_TOKEN=${slackToken(3)}\n`);
    age(root);
    const listed = fs.lstatSync(victim);
    const first = await auditWith(cacheFile, 0, () => {
      fs.writeFileSync(victim, `SLACK_BOT_TOKEN=${slackToken(4)}\n`); // same size, another token
      fs.utimesSync(victim, listed.atime, listed.mtime);
    });
    const read = fs.lstatSync(victim);
    assert.notEqual(read.ctimeMs, listed.ctimeMs, 'the rewrite moved the ctime');
    const entry = readCache(cacheFile).entries.get('victim.env')!;
    // The walk's lstat would have given the ctime from before the rewrite.
    assert.deepEqual(entry.slice(0, 4), [read.size, read.mtimeMs, read.ctimeMs, read.ino]);
    assert.equal(entry[4], createHash('sha256').update(fs.readFileSync(victim)).digest('base64url').slice(0, 32));
    recordedLater(cacheFile);
    const warm = await auditWith(cacheFile, 0);
    const uncached = await auditWith(undefined, 0);
    assert.deepEqual(results(warm), results(uncached));
    assert.deepEqual(results(first), results(uncached));
    assert.equal(warm.cache?.misses, 0);
  });

  // Listed as a regular file, then replaced before it is read: the reader must not follow the link
  // (nor read the folder), and the cache must not keep a line for it that a later audit would trust.
  for (const swapped of ['link', 'folder'] as const) {
    it(`a file swapped for a ${swapped} between the walk and its read has no line; the next audit gives what one without the cache gives`, async () => {
      fs.writeFileSync(path.join(root, 'a.env'), `SLACK_BOT_TOKEN=${slackToken(1)}\n`);
      fs.writeFileSync(path.join(root, 'other.env'), `SLACK_BOT_TOKEN=${slackToken(2)}\n`);
      fs.writeFileSync(path.join(root, 'victim.env'), `SLACK_BOT_TOKEN=${slackToken(3)}\n`);
      age(root);
      const victim = path.join(root, 'victim.env');
      const first = await auditWith(cacheFile, 0, () => {
        // a.env comes first in walk order: victim.env is listed, not read yet.
        fs.rmSync(victim);
        if (swapped === 'link') fs.symlinkSync(path.join(root, 'other.env'), victim);
        else fs.mkdirSync(victim);
      });
      const note = first.report.skipped.find((s) => s.path === 'victim.env');
      assert.equal(
        note?.reason,
        swapped === 'link' ? 'became a symbolic link after the walk: not followed' : 'not a regular file: not read',
      );
      assert.ok(!first.report.findings.some((f) => f.path === 'victim.env'));
      const { entries } = readCache(cacheFile);
      assert.deepEqual([...entries.keys()], ['a.env', 'other.env']);
      recordedLater(cacheFile);
      const warm = await auditWith(cacheFile, 0);
      const uncached = await auditWith(undefined, 0);
      assert.deepEqual(results(warm), results(uncached));
      assert.equal(warm.cache?.hits, 2);
      assert.ok(!warm.report.findings.some((f) => f.path === 'victim.env'));
    });
  }
});

describe('audit cache: folder listings', function () {
  this.timeout(120_000);
  let root: string;
  let cacheFile: string;
  beforeEach(() => {
    root = workspace();
    cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cachefile-')), 'audit-cache.json');
  });

  /** A whole second a minute ago: `utimes` puts it back exactly. */
  const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);

  /** An audit with a cache, recorded as if a minute ago: every folder's and file's stamp is then trusted. */
  async function settled(): Promise<number> {
    age(root);
    const ageFolders = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) ageFolders(path.join(d, e.name));
      fs.utimesSync(d, past, past);
    };
    ageFolders(root);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    return readCache(cacheFile).folders.length;
  }

  /** The folder line of `folder` in the cache file, split into its fields (path, mtime, ctime, inode, device, kinds, names). */
  function folderLine(folder: string): string[] {
    const line = readCache(cacheFile).folders.find((l) => l.startsWith(`/${JSON.stringify(folder)}\t`));
    assert.ok(line, `a line for ${folder}`);
    return line.split('\t');
  }

  /** Rewrites the folder line of `folder` with other kinds and names (a good checksum: as a crafted file would have). */
  function craftListing(folder: string, kinds: string, names: string): void {
    const cache = readCache(cacheFile);
    const prefix = `/${JSON.stringify(folder)}\t`;
    cache.folders = cache.folders.map((l) => {
      if (!l.startsWith(prefix)) return l;
      const fields = l.split('\t');
      return [...fields.slice(0, 5), kinds, names].join('\t');
    });
    writeCache(cacheFile, cache);
  }

  it('an unchanged tree: each folder is listed from the cache once its stamp is old enough, and the audit is the same', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    const first = await audit(root, cacheFile);
    const folders = readCache(cacheFile).folders.length;
    assert.ok(folders >= 8, `the example workspace has folders (${folders})`);
    assert.equal(first.cache?.foldersListed, 0);
    // The folders were just made (copied): too recent to be trusted, read again.
    const second = await audit(root, cacheFile);
    assert.equal(second.cache?.foldersListed, 0);
    recordedLater(cacheFile);
    const third = await audit(root, cacheFile);
    assert.equal(third.cache?.foldersListed, folders);
    assert.equal(third.cache?.hits, uncached.report.filesScanned);
    assert.deepEqual(results(third), results(uncached));
    // Not rewritten: the next audit lists them from the cache again.
    const fourth = await audit(root, cacheFile);
    assert.equal(fourth.cache?.foldersListed, folders);
  });

  // Each change to the tree after a settled audit: the audit with the cache reports exactly what one
  // without it does, what the change made is seen, and the folders it did not touch still come from
  // the cache (so the reuse is really there to go wrong).
  const secretFile = (n: number) => `SLACK_BOT_TOKEN=${slackToken(n)}\n`;
  const hasFinding = (outcome: AuditOutcome, file: string) => outcome.report.findings.some((f) => f.path === file);
  const changes: Array<[string, (root: string) => void, (outcome: AuditOutcome) => boolean]> = [
    ['a file added', (r) => fs.writeFileSync(path.join(r, 'src', 'added.env'), secretFile(10)), (o) => hasFinding(o, 'src/added.env')],
    [
      'a file removed',
      (r) => fs.rmSync(path.join(r, 'src', 'billing.ts')),
      (o) => !o.report.findings.some((f) => f.path.startsWith('src/billing')),
    ],
    [
      'a file renamed in its folder',
      (r) => fs.renameSync(path.join(r, 'src', 'billing.ts'), path.join(r, 'src', 'charges.ts')),
      (o) => hasFinding(o, 'src/charges.ts') && !hasFinding(o, 'src/billing.ts'),
    ],
    [
      'a file moved to another folder',
      (r) => fs.renameSync(path.join(r, 'src', 'billing.ts'), path.join(r, 'k8s', 'billing.ts')),
      (o) => hasFinding(o, 'k8s/billing.ts') && !hasFinding(o, 'src/billing.ts'),
    ],
    [
      'a folder added',
      (r) => {
        fs.mkdirSync(path.join(r, 'src', 'new', 'deeper'), { recursive: true });
        fs.writeFileSync(path.join(r, 'src', 'new', 'deeper', 'token.env'), secretFile(11));
      },
      (o) => hasFinding(o, 'src/new/deeper/token.env'),
    ],
    [
      'a folder removed',
      (r) => fs.rmSync(path.join(r, 'src'), { recursive: true }),
      (o) => !o.report.findings.some((f) => f.path.startsWith('src/')),
    ],
    [
      'a folder renamed',
      (r) => fs.renameSync(path.join(r, 'src'), path.join(r, 'source')),
      (o) => hasFinding(o, 'source/billing.ts') && !o.report.findings.some((f) => f.path.startsWith('src/')),
    ],
    [
      'a folder replaced by another of the same name',
      (r) => {
        fs.mkdirSync(path.join(r, 'next'));
        fs.writeFileSync(path.join(r, 'next', 'other.env'), secretFile(12));
        fs.rmSync(path.join(r, 'src'), { recursive: true });
        fs.renameSync(path.join(r, 'next'), path.join(r, 'src'));
      },
      (o) => hasFinding(o, 'src/other.env') && !hasFinding(o, 'src/billing.ts'),
    ],
    [
      'a file replaced by a folder of the same name',
      (r) => {
        fs.rmSync(path.join(r, 'src', 'billing.ts'));
        fs.mkdirSync(path.join(r, 'src', 'billing.ts'));
        fs.writeFileSync(path.join(r, 'src', 'billing.ts', 'inner.env'), secretFile(13));
      },
      (o) => hasFinding(o, 'src/billing.ts/inner.env'),
    ],
    [
      'a folder replaced by a file of the same name',
      (r) => {
        fs.rmSync(path.join(r, 'src'), { recursive: true });
        fs.writeFileSync(path.join(r, 'src'), secretFile(14));
      },
      (o) => hasFinding(o, 'src'),
    ],
    [
      'a file replaced by a symbolic link',
      (r) => {
        fs.rmSync(path.join(r, 'src', 'billing.ts'));
        fs.symlinkSync(path.join(r, 'README.md'), path.join(r, 'src', 'billing.ts'));
      },
      (o) => o.report.skipped.some((s) => s.path === 'src/billing.ts' && /symbolic link/.test(s.reason)),
    ],
    [
      'a file replaced by a symbolic link renamed over it',
      (r) => {
        fs.symlinkSync(path.join(r, 'README.md'), path.join(r, 'src', 'link.tmp'));
        fs.renameSync(path.join(r, 'src', 'link.tmp'), path.join(r, 'src', 'billing.ts'));
      },
      (o) => o.report.skipped.some((s) => s.path === 'src/billing.ts' && /symbolic link/.test(s.reason)),
    ],
    [
      'a file added and the folder mtime put back (its ctime still moves)',
      (r) => {
        const src = path.join(r, 'src');
        const before = fs.statSync(src).mtimeMs;
        fs.writeFileSync(path.join(src, 'added.env'), secretFile(15));
        fs.utimesSync(src, past, past);
        assert.equal(fs.statSync(src).mtimeMs, before);
      },
      (o) => hasFinding(o, 'src/added.env'),
    ],
    [
      'a file edited in place (its folder untouched)',
      (r) => {
        const before = fs.statSync(path.join(r, 'src')).mtimeMs;
        fs.appendFileSync(path.join(r, 'src', 'notify.py'), `\nSLACK = "${slackToken(16)}"\n`);
        assert.equal(fs.statSync(path.join(r, 'src')).mtimeMs, before);
      },
      (o) => o.report.findings.some((f) => f.path === 'src/notify.py' && f.masked.startsWith('xoxb')),
    ],
    [
      'a .gitignore edited in place (its folder untouched)',
      (r) => fs.appendFileSync(path.join(r, '.gitignore'), 'src/\n'),
      (o) => !o.report.findings.some((f) => f.path.startsWith('src/')),
    ],
    [
      'a .gitignore added to a folder',
      (r) => fs.writeFileSync(path.join(r, 'src', '.gitignore'), 'billing.ts\n'),
      (o) => !hasFinding(o, 'src/billing.ts') && o.report.findings.some((f) => f.path.startsWith('src/')),
    ],
    [
      'the config changed (paths ignored)',
      (r) => fs.appendFileSync(path.join(r, '.nhi-lens.yaml'), '    - "src/**"\n'),
      (o) => !o.report.findings.some((f) => f.path.startsWith('src/')),
    ],
  ];
  for (const [what, change, seen] of changes) {
    it(`${what}: seen exactly as without the cache`, async () => {
      await settled();
      assert.ok(hasFinding(await audit(root, undefined), 'src/billing.ts'), 'the example has a finding in src/billing.ts');
      change(root);
      const run = await audit(root, cacheFile);
      const fresh = await audit(root, undefined);
      assert.deepEqual(results(run), results(fresh));
      assert.ok(seen(run), 'the change shows in the report');
      if (!what.startsWith('the config')) assert.ok((run.cache?.foldersListed ?? 0) > 0, 'untouched folders still come from the cache');
      // Only an edit in place leaves every folder and .gitignore as the walk saw them: the walk is replayed.
      assert.equal(run.cache?.replayed, what.startsWith('a file edited in place'), 'the walk taken from the cache');
      // And the cache written after the change holds: the next audit is the same again, its walk replayed.
      recordedLater(cacheFile);
      const next = await audit(root, cacheFile);
      assert.deepEqual(results(next), results(fresh));
      assert.equal(next.cache?.replayed, true, 'the walk taken from the cache the next time');
    });
  }

  it('a kept listing stands in for the read only when the folder is older than the audit that kept it', async () => {
    age(root);
    const uncached = await audit(root, undefined);
    await audit(root, cacheFile);
    const [, , , , , kinds, names] = folderLine('src');
    const without = (JSON.parse(names) as string).split('/');
    const at = without.indexOf('billing.ts');
    assert.ok(at >= 0);
    const stale = () =>
      craftListing(
        'src',
        kinds.slice(0, at) + kinds.slice(at + 1),
        JSON.stringify([...without.slice(0, at), ...without.slice(at + 1)].join('/')),
      );
    // The folder was written in the clock tick of the audit (just copied): its listing is not used.
    stale();
    const racy = await audit(root, cacheFile);
    assert.equal(racy.cache?.foldersListed, 0);
    assert.deepEqual(results(racy), results(uncached));
    // Old enough: the stamp is all that is compared, and the (here falsified) listing is what the walk sees.
    stale();
    recordedLater(cacheFile);
    forgetWalk(cacheFile);
    const trusted = await audit(root, cacheFile);
    assert.ok(!hasFinding(trusted, 'src/billing.ts'), 'the kept listing was used instead of reading the folder');
  });

  it('crafted folder lines never lead the walk outside a folder or to a file that is not there', async () => {
    fs.mkdirSync(path.join(root, 'src', 'sub'));
    fs.writeFileSync(path.join(root, 'src', 'sub', 'inner.env'), secretFile(17));
    age(root);
    const uncached = await audit(root, undefined);
    await audit(root, cacheFile);
    recordedLater(cacheFile);
    const [, , , , , kinds, names] = folderLine('src');
    const real = JSON.parse(names) as string;
    const flipped = kinds.replace(/[fd]/g, (k) => (k === 'f' ? 'd' : 'f'));
    const crafted: Array<[string, string, string]> = [
      ['a parent folder', `d${kinds}`, JSON.stringify(`../${real}`)],
      ['an escaped parent folder', `d${kinds}`, `"\\u002e\\u002e/${real}"`],
      ['the folder itself', `d${kinds}`, JSON.stringify(`./${real}`)],
      ['an empty name', `f${kinds}`, JSON.stringify(`/${real}`)],
      ['names out of order', kinds, JSON.stringify(real.split('/').reverse().join('/'))],
      ['fewer kinds than names', kinds.slice(1), names],
      ['an unknown kind', `x${kinds.slice(1)}`, names],
      ['no quotes', kinds, real],
      ['a file that is not there', `${kinds}f`, JSON.stringify(`${real}/zzz-ghost.env`)],
      ['every kind wrong (files said folders and folders files)', flipped, names],
      ['every entry said a file', 'f'.repeat(kinds.length), names],
      ['every entry said a link', 'l'.repeat(kinds.length), names],
      ['every entry said a pipe or of no known kind', 'p?'.repeat(kinds.length).slice(0, kinds.length), names],
    ];
    // Taken as the walk's listing (the cache's walk record dropped), and with the record (the walk is
    // then taken from the file lines, which a crafted listing does not change).
    for (const [[what, k, n], replayed] of crafted.flatMap(
      (c) =>
        [
          [c, false],
          [c, true],
        ] as const,
    )) {
      // From a cache as an audit of the tree writes it (a crafted listing, once trusted, stays).
      fs.rmSync(cacheFile);
      await audit(root, cacheFile);
      recordedLater(cacheFile);
      craftListing('src', k, n);
      recordedLater(cacheFile);
      if (!replayed) forgetWalk(cacheFile);
      const run = await audit(root, cacheFile);
      assert.equal(run.cache?.replayed, replayed, what);
      assert.deepEqual(results(run), results(uncached), what);
      assert.ok(
        run.report.findings.every((f) => !f.path.includes('..') && !path.isAbsolute(f.path)),
        what,
      );
      assert.ok(
        run.report.skipped.every((s) => !s.path.includes('..')),
        what,
      );
    }
  });

  // Nested: the same folder and cache file set-up as the tests above.
  describe('a walk replayed from the lines', () => {
    /** An audit with a cache of `dir`, recorded as if a minute ago: every stamp it kept is then trusted. */
    async function settle(dir = root): Promise<AuditOutcome> {
      age(dir);
      const outcome = await audit(dir, cacheFile);
      recordedLater(cacheFile);
      return outcome;
    }

    it('an unchanged tree: the files come from the lines, links, pipes and files too large included, as a walk gives them', async () => {
      fs.writeFileSync(
        path.join(root, '.nhi-lens.yaml'),
        `${fs.readFileSync(path.join(root, '.nhi-lens.yaml'), 'utf8')}\nlimits:\n  maxFileBytes: 4096\n`,
      );
      fs.writeFileSync(path.join(root, 'src', 'large.txt'), 'y'.repeat(5000));
      const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-outside-')), 'target.txt');
      fs.writeFileSync(outside, 'x');
      fs.symlinkSync('billing.ts', path.join(root, 'src', 'link-inside'));
      fs.symlinkSync(outside, path.join(root, 'src', 'link-outside'));
      fs.symlinkSync('nowhere', path.join(root, 'src', 'link-broken'));
      if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(root, 'src', 'pipe')]);
      await settle();
      assert.deepEqual(readCache(cacheFile).unheld, ['src/large.txt'], 'a line for the file too large to read, without results');
      const uncached = await audit(root, undefined);
      const replayed = await audit(root, cacheFile);
      assert.equal(replayed.cache?.replayed, true);
      assert.equal(replayed.cache?.hits, uncached.report.filesScanned - 1);
      assert.equal(replayed.cache?.misses, 0);
      assert.deepEqual(results(replayed), results(uncached));
      assert.ok(uncached.report.skipped.some((s) => s.path === 'src/large.txt'));
      assert.ok(uncached.report.skipped.some((s) => s.path === 'src/link-outside' && /outside/.test(s.reason)));
      // Where a link leads is no folder's stamp: its note is worked out again, as a walk does.
      fs.rmSync(outside);
      recordedLater(cacheFile);
      const again = await audit(root, cacheFile);
      assert.equal(again.cache?.replayed, true);
      assert.ok(again.report.skipped.some((s) => s.path === 'src/link-outside' && /broken/.test(s.reason)));
      assert.deepEqual(results(again), results(await audit(root, undefined)));
    });

    it('a .gitignore above the tree edited in place, or the .git above it removed: the tree is walked again', async () => {
      const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-outer-'));
      fs.mkdirSync(path.join(outer, '.git'));
      fs.writeFileSync(path.join(outer, '.gitignore'), '*.log\n');
      const inner = path.join(outer, 'inner');
      fs.cpSync(root, inner, { recursive: true });
      await settle(inner);
      const edits: Array<[string, () => void, (outcome: AuditOutcome) => boolean]> = [
        [
          'the repository .gitignore edited',
          () => fs.appendFileSync(path.join(outer, '.gitignore'), 'inner/src/\n'),
          (o) => !o.report.findings.some((f) => f.path.startsWith('src/')),
        ],
        [
          'the .git above removed (the .gitignore above no longer applies)',
          () => fs.rmSync(path.join(outer, '.git'), { recursive: true }),
          (o) => o.report.findings.some((f) => f.path.startsWith('src/')),
        ],
      ];
      for (const [what, edit, seen] of edits) {
        const before = await audit(inner, cacheFile);
        assert.equal(before.cache?.replayed, true, `${what}: replayed before`);
        edit();
        const run = await audit(inner, cacheFile);
        assert.equal(run.cache?.replayed, false, what);
        assert.deepEqual(results(run), results(await audit(inner, undefined)), what);
        assert.ok(seen(run), what);
        recordedLater(cacheFile);
      }
    });

    it('another folder, several targets or another .gitignore setting: the tree is walked', async () => {
      await settle();
      const { config } = loadWorkspaceConfig(root);
      const asked: Array<[string, Parameters<typeof auditWorkspace>[0]]> = [
        ['a folder inside', { root, config, baseline: [], jobs: 0, git: false, cache: cacheFile, targets: [path.join(root, 'src')] }],
        [
          'two folders',
          { root, config, baseline: [], jobs: 0, git: false, cache: cacheFile, targets: [path.join(root, 'src'), path.join(root, 'k8s')] },
        ],
        ['.gitignore files not honoured', { root, config, baseline: [], jobs: 0, git: false, cache: cacheFile, gitignore: false }],
      ];
      for (const [what, request] of asked) {
        const { cache: _cache, ...uncachedRequest } = request;
        const run = await auditWorkspace(request);
        assert.equal(run.cache?.replayed, false, what);
        assert.deepEqual(results(run), results(await auditWorkspace(uncachedRequest)), what);
        fs.rmSync(cacheFile);
        await settle();
      }
    });

    it('the same folder by a path through a link and by its real path: each replays only its own walk', async () => {
      const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-alias-'));
      fs.mkdirSync(path.join(outer, 'real', '.git'), { recursive: true });
      fs.cpSync(root, path.join(outer, 'real', 'sub'), { recursive: true });
      fs.writeFileSync(path.join(outer, 'real', 'sub', 'secret.env'), `SLACK_BOT_TOKEN=${slackToken(22)}\n`);
      // Above the real path a .gitignore ignores the file; above the link's path there is none.
      fs.writeFileSync(path.join(outer, 'real', '.gitignore'), 'secret.env\n');
      fs.mkdirSync(path.join(outer, 'alias'));
      fs.symlinkSync(path.join(outer, 'real', 'sub'), path.join(outer, 'alias', 'sub'));
      const [real, alias] = [path.join(outer, 'real', 'sub'), path.join(outer, 'alias', 'sub')];
      await settle(real);
      for (const [i, dir] of [alias, real, alias, real].entries()) {
        recordedLater(cacheFile);
        const run = await audit(dir, cacheFile);
        assert.deepEqual(results(run), results(await audit(dir, undefined)), `${i}: ${dir}`);
      }
    });

    it('a walk record too large to keep, or a .gitignore dated in the future: an unchanged tree leaves the cache file as it was', async () => {
      const links = (make: boolean) => {
        for (let i = 0; i < 1500; i++) {
          const link = path.join(root, 'src', `link-${String(i).padStart(4, '0')}`);
          if (make) fs.symlinkSync('billing.ts', link);
          else fs.rmSync(link);
        }
      };
      /** Whether an audit of the unchanged tree, after one recorded as if a minute ago, rewrote the cache file. */
      const rewritten = async () => {
        await audit(root, cacheFile);
        recordedLater(cacheFile);
        const before = fs.statSync(cacheFile).ino;
        await audit(root, cacheFile);
        return fs.statSync(cacheFile).ino !== before;
      };
      links(true);
      age(root);
      const future = new Date(Date.now() + 3_600_000);
      fs.utimesSync(path.join(root, '.gitignore'), future, future);
      assert.equal(await rewritten(), false, 'a record too large');
      assert.equal((JSON.parse(readCache(cacheFile).header) as { walk?: unknown }).walk, undefined, 'none kept');
      links(false);
      assert.equal(await rewritten(), false, 'a .gitignore in the future');
      assert.ok((JSON.parse(readCache(cacheFile).header) as { walk?: unknown }).walk, 'a record kept');
    });

    it('a crafted walk record or crafted lines: no replay, or never a path outside the folder', async () => {
      const outside = path.join(path.dirname(root), `outside-${path.basename(root)}.env`);
      fs.writeFileSync(outside, `SLACK_BOT_TOKEN=${slackToken(21)}\n`);
      fs.symlinkSync(path.dirname(outside), path.join(root, 'src', 'out'));
      await settle();
      const uncached = await audit(root, undefined);
      const pristine = fs.readFileSync(cacheFile);
      /** Rewrites the cache's header walk record with `change`, the file's checksum good. */
      /** Rewrites the cache's lines and its header's walk record with `change`, the file's checksum good. */
      const craft = (change: (cache: Required<CacheLines>, walk: Record<string, unknown> & { files: number; folders: number }) => void) => {
        const cache = readCache(cacheFile);
        const header = JSON.parse(cache.header) as { walk: Record<string, unknown> & { files: number; folders: number } };
        change(cache, header.walk);
        writeCache(cacheFile, { ...cache, header: JSON.stringify(header) });
      };
      const craftRecord = (change: (walk: Record<string, unknown>) => void) => craft((_, walk) => change(walk));
      const crafts: Array<[string, () => void, boolean]> = [
        ['one file more than the lines', () => craftRecord((w) => (w.files = (w.files as number) + 1)), false],
        ['one folder fewer than the lines', () => craftRecord((w) => (w.folders = (w.folders as number) - 1)), false],
        ['no .gitignore setting', () => craftRecord((w) => delete w.gitignore), false],
        ['a look that is not a list', () => craftRecord((w) => (w.looked = 'x')), false],
        ['a look at a path made up', () => craftRecord((w) => (w.looked = [['/nonexistent/.gitignore', [1, 1, 1, 1, 1]]])), false],
        ['a note on a path outside', () => craftRecord((w) => (w.notes = [['../x', 'l']])), false],
        ['a note on an entry of another kind', () => craftRecord((w) => (w.notes = [['src/billing.ts', 'l']])), false],
        [
          'a folder line with another stamp',
          () =>
            craft((cache) => {
              cache.folders = cache.folders.map((l) =>
                l.startsWith('/"src"\t') ? l.replace(/\t(\d+)/, (_, n: string) => `\t${Number(n) + 1}`) : l,
              );
            }),
          false,
        ],
        [
          'a file line outside the folder (counted in the record)',
          () =>
            craft((cache, walk) => {
              const [, entry] = [...cache.entries].find(([, e]) => e[6] === 0)!;
              const st = fs.statSync(outside);
              cache.entries = new Map([
                [`../${path.basename(outside)}`, [st.size, st.mtimeMs, st.ctimeMs, st.ino, entry[4], '', 0]],
                ...cache.entries,
              ]);
              walk.files++;
            }),
          false,
        ],
        [
          'a file line through a link in the tree to a folder outside (counted in the record)',
          () =>
            craft((cache, walk) => {
              cache.unheld = [...cache.unheld, `src/out/${path.basename(outside)}`];
              walk.files++;
            }),
          false,
        ],
        [
          'a folder line through a file, one for a folder a walk passes over, one too long to look up',
          () => {
            fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
            craft((cache, walk) => {
              for (const folder of ['src/billing.ts/x', 'node_modules', `src/${'n'.repeat(300)}`]) {
                cache.folders = [...cache.folders, `/${JSON.stringify(folder)}\t1\t1\t1\t1\t\t""`];
                walk.folders++;
              }
            });
          },
          false,
        ],
      ];
      for (const [what, craft, replays] of crafts) {
        fs.writeFileSync(cacheFile, pristine);
        craft();
        const run = await audit(root, cacheFile);
        assert.equal(run.cache?.replayed, replays, what);
        assert.deepEqual(results(run), results(uncached), what);
        assert.ok(!run.report.findings.some((f) => f.path.includes('..')), what);
      }
    });
  });
});

describe('audit cache: a cache file the repository could plant', function () {
  this.timeout(60_000);

  it('finds the audited folder or file that holds a path, through links, and nothing for a path outside', () => {
    const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-holder-')));
    const repo = path.join(base, 'repo');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'src', 'a.js'), '');
    fs.symlinkSync(repo, path.join(base, 'link'));
    assert.equal(auditedFolderHolding(path.join(repo, '.cache', 'audit.txt'), [repo]), repo, 'not there yet, inside');
    assert.equal(auditedFolderHolding(path.join(base, 'link', 'audit.txt'), [repo]), repo, 'through a link to the folder');
    assert.equal(auditedFolderHolding(path.join(repo, 'src', 'a.js'), [path.join(repo, 'src', 'a.js')]), path.join(repo, 'src', 'a.js'));
    assert.equal(auditedFolderHolding(path.join(base, 'audit.txt'), [repo]), undefined, 'beside the folder');
    assert.equal(auditedFolderHolding(path.join(base, 'repo-cache.txt'), [repo]), undefined, 'a name that starts like the folder');
    assert.equal(auditedFolderHolding(path.join(repo, 'cache.txt'), [path.join(repo, 'src')]), undefined, 'outside the one target');
  });

  it('an audit refuses a cache file inside the folder it audits, and says where to keep it', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-planted-cache-'));
    fs.writeFileSync(path.join(ws, 'app.env'), 'DEBUG=1\n');
    await assert.rejects(
      auditWorkspace({ root: ws, config: {}, baseline: [], git: false, cache: path.join(ws, '.nhi-cache') }),
      /inside the audited folder .*keep it outside/,
    );
    assert.ok(!fs.existsSync(path.join(ws, '.nhi-cache')), 'nothing written');
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cache-outside-')), 'cache.txt');
    const ok = await auditWorkspace({ root: ws, config: {}, baseline: [], git: false, cache: outside });
    assert.equal(ok.cache?.saved, true);
  });
});

describe("audit cache: a file's line compared in place", () => {
  const key = 'k';
  const hash = 'h'.repeat(32);
  /** Stamps as `lstat` gives them (fractional milliseconds), old enough to be trusted. */
  const stamp = { size: 42, mtimeMs: 1_700_000_000_123.4568, ctimeMs: 1_700_000_100_456.891, ino: 5_308_446 };
  /** The next number after `x`: the smallest change a stamp can show. */
  const nextUp = (x: number) => {
    const f = new Float64Array([x]);
    new BigUint64Array(f.buffer)[0] += 1n;
    return f[0];
  };
  const finding = {
    ruleId: 'slack-bot-token',
    title: 'Slack bot token',
    category: 'secret',
    severity: 'error',
    message: 'A Slack bot token.',
    masked: 'xoxb-****',
    fingerprint: 'f'.repeat(16),
    remediation: 'Revoke it.',
    docs: 'docs/rules.md',
    path: '',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
    offsets: { start: 0, end: 9 },
    fix: { fileKind: 'env' },
  };
  let dir: string;
  let cacheFile: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-inplace-')));
    cacheFile = path.join(dir, 'cache.txt');
  });

  /** A cache of these file lines (in walk order), recorded well after their stamps. */
  function cacheOf(...lines: string[]): AuditCache {
    const header = JSON.stringify({ format: 'nhi-lens audit cache', version: 6, key, root: dir, startedAt: Date.now(), sorted: true });
    writeLines(cacheFile, [header, ...lines]);
    const cache = AuditCache.open(cacheFile, key, dir);
    assert.equal(cache.ignored, undefined);
    return cache;
  }
  const line = (quoted: string, s = stamp, rest = '\t0') => [quoted, s.size, s.mtimeMs, s.ctimeMs, s.ino, hash].join('\t') + `\t${rest}`;
  const file = (relative: string, s = stamp) => ({ relative, absolute: path.join(dir, relative), ...s });
  const answered = (lookup: Lookup) => lookup !== undefined && 'scan' in lookup;

  it('an unchanged file with nothing found is answered from its line, in step with the walk', () => {
    const cache = cacheOf(line('"a.env"'), line('"b/c.env"'));
    const a = cache.lookup(file('a.env'));
    assert.ok(a && 'scan' in a);
    assert.deepEqual({ ...a.scan }, { path: 'a.env', bytes: 42, findings: [], suppressed: 0, skipped: [] });
    assert.ok(answered(cache.lookup(file('b/c.env'))));
    assert.equal(cache.hits, 2);
  });

  for (const field of ['size', 'mtimeMs', 'ctimeMs', 'ino'] as const) {
    it(`a file whose ${field} alone changed, by the least it can, is not answered from its line`, () => {
      const cache = cacheOf(line('"a.env"'), line('"b.env"'), line('"c.env"'));
      assert.ok(answered(cache.lookup(file('a.env'))));
      const changed = { ...stamp, [field]: field === 'mtimeMs' || field === 'ctimeMs' ? nextUp(stamp[field]) : stamp[field] + 1 };
      assert.notEqual(String(changed[field]), String(stamp[field]));
      assert.ok(!answered(cache.lookup(file('b.env', changed))));
      // The lines after it are still found in step.
      assert.ok(answered(cache.lookup(file('c.env'))));
      assert.equal(cache.hits, 2);
    });
  }

  it('a file with findings is answered with them while unchanged, and not once its mtime moved', () => {
    const stored = asciiJson({ bytes: 42, findings: [finding], suppressed: 0, skipped: [] });
    const cache = cacheOf(line('"a.env"', stamp, `\t${stored}`), line('"b.env"', stamp, `\t${stored}`));
    const a = cache.lookup(file('a.env'));
    assert.ok(a && 'scan' in a);
    assert.deepEqual(
      a.scan.findings.map((f) => [f.path, f.ruleId]),
      [['a.env', 'slack-bot-token']],
    );
    assert.ok(!answered(cache.lookup(file('b.env', { ...stamp, mtimeMs: nextUp(stamp.mtimeMs) }))));
  });

  it('a line whose dependencies are crafted (unsigned, unparsable, outside the folder, too many) is not answered; the next is', () => {
    fs.mkdirSync(path.join(dir, 'k8s'));
    const signature = 's'.repeat(22);
    const crafted = [
      `${signature}["k8s"]`,
      `${signature}[`,
      `${signature}{"k8s":1}`,
      `${signature}["../.."]`,
      `${signature}["/etc"]`,
      `${signature}${JSON.stringify(Array.from({ length: 65 }, (_, i) => `k8s/${i}`))}`,
      'k8s',
    ];
    const names = crafted.map((_, i) => `k8s/${i}.yaml`);
    const cache = cacheOf(...crafted.map((field, i) => line(`"${names[i]}"`, stamp, `${field}\t0`)), line('"z.env"'));
    for (const name of names) assert.ok(!answered(cache.lookup(file(name))), name);
    assert.ok(answered(cache.lookup(file('z.env'))));
  });

  it('a path is answered only from its own line, not from one whose path it starts', () => {
    const cache = cacheOf(line('"a.env"'));
    assert.ok(!answered(cache.lookup(file('a.en'))));
    assert.ok(answered(cache.lookup(file('a.env'))));
  });

  it('a path with a backslash and a quote is not answered from the line it reads like, where the quote is escaped', () => {
    // The line of `a"b` is written `"a\"b"`: its text starts with the other path, `a\"b`.
    const cache = cacheOf(line(JSON.stringify('a"b')));
    assert.ok(!answered(cache.lookup(file('a\\"b'))));
    assert.ok(answered(cacheOf(line(JSON.stringify('a"b'))).lookup(file('a"b'))));
  });

  it('a path with a backslash is not answered from the line whose escapes it spells', () => {
    // The line of `aé` is written `"a\u00e9"`: its text is the other path, `a\u00e9`, to the letter.
    assert.ok(line(asciiJson('a\u00e9')).startsWith('"a\\u00e9"\t'));
    const cache = cacheOf(line(asciiJson('a\u00e9')));
    assert.ok(!answered(cache.lookup(file('a\\u00e9'))));
    assert.ok(answered(cacheOf(line(asciiJson('a\u00e9'))).lookup(file('a\u00e9'))));
  });

  it('a name that spells out a line and the start of the next is not answered from them', () => {
    // A name can hold quotes, tabs and newlines: this one reads like the rest of the line of `a` and
    // the path of `b` (both with its stamp, as a hard link of `b` would have).
    const [first, second] = [line('"a"'), line('"b"')];
    const cache = cacheOf(first, second);
    assert.ok(!answered(cache.lookup(file(`${first.slice(1)}\n"b`))));
    assert.ok(answered(cache.lookup(file('a'))));
  });

  it('a folder whose mtime, ctime, inode or device alone changed is not listed from its line', () => {
    const folder = { mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ino: 77, dev: 2049 };
    const folderLine = `/"src"\t${folder.mtimeMs}\t${folder.ctimeMs}\t${folder.ino}\t${folder.dev}\tfd\t"a.env/lib"`;
    assert.deepEqual(cacheOf(folderLine).keptListing('src', folder), { names: ['a.env', 'lib'], kinds: 'fd' });
    for (const field of ['mtimeMs', 'ctimeMs', 'ino', 'dev'] as const) {
      const changed = { ...folder, [field]: field === 'mtimeMs' || field === 'ctimeMs' ? nextUp(folder[field]) : folder[field] + 1 };
      assert.equal(cacheOf(folderLine).keptListing('src', changed), undefined, field);
    }
    assert.equal(cacheOf(folderLine).keptListing('sr', folder), undefined, "a folder whose path starts the line's");
  });
});

/**
 * A workload's findings depend on the RBAC and kustomization beside it, a module call's on the
 * module's folder: each tree is audited with the cache, changed there (not in the file itself),
 * and audited again; the cached audit must say what one without the cache says.
 */
describe('audit cache: files a scan read beside the file', function () {
  this.timeout(120_000);
  const DEPLOYMENT = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    '  labels:',
    '    owner: platform',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: api',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: api',
    '    spec:',
    '      serviceAccountName: api',
    '      containers:',
    '        - name: api',
    '          image: example/api:1.0',
    '',
  ].join('\n');
  /** A ClusterRole that reads every Secret, bound to ServiceAccount `account`. */
  const rbac = (account: string) =>
    [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata:',
      '  name: secret-reader',
      '  labels:',
      '    owner: platform',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: ["secrets"]',
      '    verbs: ["get", "list"]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata:',
      '  name: reads-secrets',
      '  labels:',
      '    owner: platform',
      'subjects:',
      '  - kind: ServiceAccount',
      `    name: ${account}`,
      '    namespace: default',
      'roleRef:',
      '  kind: ClusterRole',
      '  name: secret-reader',
      '  apiGroup: rbac.authorization.k8s.io',
      '',
    ].join('\n');
  const SERVICE_ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: payments-api\n';
  const kustomization = (labels: boolean) =>
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' +
    (labels ? 'labels:\n  - pairs:\n      owner: payments-team\n' : '') +
    'resources:\n  - serviceaccount.yaml\n';
  const MODULE =
    'variable "tags" {\n  default = {}\n}\n\nresource "aws_iam_role" "this" {\n  assume_role_policy = "{}"\n  tags = var.tags\n}\n';
  const OWNED_MODULE = MODULE.replace('tags = var.tags', 'tags = merge(var.tags, { owner = "security" })');
  const CALLER = 'module "ci_role" {\n  source = "../../modules/role"\n  name   = "ci"\n}\n';
  const PASSING = 'variable "tags" {\n  default = {}\n}\n\nmodule "inner" {\n  source = "../role"\n  tags   = var.tags\n}\n';
  const NESTED_CALLER = CALLER.replace('modules/role', 'modules/wrapper');

  interface Case {
    what: string;
    /** The file whose findings change, though it does not. */
    watched: string;
    files: Record<string, string>;
    change: Record<string, string>;
  }
  const cases: Case[] = [
    {
      what: 'a binding added beside a workload',
      watched: 'k8s/deployment.yaml',
      files: { 'k8s/deployment.yaml': DEPLOYMENT },
      change: { 'k8s/rbac.yaml': rbac('api') },
    },
    {
      what: 'the binding beside a workload changed in place',
      watched: 'k8s/deployment.yaml',
      files: { 'k8s/deployment.yaml': DEPLOYMENT, 'k8s/rbac.yaml': rbac('api') },
      change: { 'k8s/rbac.yaml': rbac('worker') },
    },
    {
      what: 'a kustomization that adds an owner label, added beside a manifest',
      watched: 'sa/serviceaccount.yaml',
      files: { 'sa/serviceaccount.yaml': SERVICE_ACCOUNT },
      change: { 'sa/kustomization.yaml': kustomization(true) },
    },
    {
      what: 'the kustomization beside a manifest changed in place',
      watched: 'sa/serviceaccount.yaml',
      files: { 'sa/serviceaccount.yaml': SERVICE_ACCOUNT, 'sa/kustomization.yaml': kustomization(true) },
      change: { 'sa/kustomization.yaml': kustomization(false) },
    },
    {
      what: "an owner tag added in a local module's folder",
      watched: 'envs/prod/main.tf',
      files: { 'modules/role/main.tf': MODULE, 'envs/prod/main.tf': CALLER },
      change: { 'modules/role/main.tf': OWNED_MODULE },
    },
    {
      what: "an owner tag removed in a local module's folder",
      watched: 'envs/prod/main.tf',
      files: { 'modules/role/main.tf': OWNED_MODULE, 'envs/prod/main.tf': CALLER },
      change: { 'modules/role/main.tf': MODULE },
    },
    {
      what: 'an owner tag added in a module that a local module calls',
      watched: 'envs/prod/main.tf',
      files: { 'modules/role/main.tf': MODULE, 'modules/wrapper/main.tf': PASSING, 'envs/prod/main.tf': NESTED_CALLER },
      change: { 'modules/role/main.tf': OWNED_MODULE },
    },
  ];
  const write = (root: string, files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
  };
  /** Past the cache's allowance for a clock tick (2 s): the files' stamps then vouch for them (their ctime cannot be moved back). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2100));
  const watchedFindings = (outcome: AuditOutcome, watched: string) =>
    outcome.report.findings.filter((f) => f.path === watched).map((f) => f.ruleId);
  const runs = new Map<string, { before: AuditOutcome; uncached: AuditOutcome; warm: AuditOutcome; again: AuditOutcome }>();
  const roots = cases.map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cachedeps-')));
  const cacheFile = (root: string) => `${root}.cache`;

  before(async () => {
    cases.forEach((c, i) => write(roots[i], c.files));
    // One wait for every tree: the first audit's signatures are of settled files, as a real tree's are.
    await settle();
    const befores = [];
    for (const root of roots) befores.push(await audit(root, cacheFile(root)));
    cases.forEach((c, i) => write(roots[i], c.change));
    await settle();
    for (const [i, c] of cases.entries()) {
      const root = roots[i];
      const warm = await audit(root, cacheFile(root));
      const again = await audit(root, cacheFile(root));
      runs.set(c.what, { before: befores[i], uncached: await audit(root, undefined), warm, again });
    }
  });

  for (const c of cases) {
    it(`${c.what}: the file is scanned again and reported as without the cache, then answered from the cache`, () => {
      const { before, uncached, warm, again } = runs.get(c.what)!;
      assert.notDeepEqual(watchedFindings(uncached, c.watched), watchedFindings(before, c.watched), 'the change changes the watched file');
      assert.deepEqual(results(warm), results(uncached));
      assert.deepEqual(results(again), results(uncached));
      assert.equal(again.cache?.misses, 0, 'unchanged since: every file answered from the cache');
    });
  }

  it('a binding added and audited at once (within the clock tick): the workload is scanned again, and again next time', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cachedeps-'));
    write(root, { 'k8s/deployment.yaml': DEPLOYMENT });
    await settle();
    await audit(root, cacheFile(root));
    write(root, { 'k8s/rbac.yaml': rbac('api') });
    const uncached = await audit(root, undefined);
    assert.deepEqual(watchedFindings(uncached, 'k8s/deployment.yaml'), ['k8s-automount-service-account-token']);
    const warm = await audit(root, cacheFile(root));
    assert.deepEqual(results(warm), results(uncached));
    // Its folder changed while the last audit ran (as far as the clock can tell): not trusted yet.
    const again = await audit(root, cacheFile(root));
    assert.deepEqual(results(again), results(uncached));
    assert.ok(again.cache!.misses >= 1);
  });
});
