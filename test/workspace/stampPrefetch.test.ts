import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditWorkspace, type AuditOutcome } from '../../app/auditWorkspace';
import { loadWorkspaceConfig } from '../../workspace/config/configFile';
import { PrefetchedStamps, StampThread, stampJob, stampLines, type StampJob, type StampStarter } from '../../workspace/scan/stampPrefetch';
import { REPO } from '../cli/cliHarness';

/** A fake Slack bot token assembled at run time (never a real one, never in the source whole). */
const slackToken = () => ['xo', 'xb-', '2741093856-', '4820193746577-', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');

/** Cache file lines as the job sees them: a header line, then one line per file (only the path matters here). */
function linesOf(paths: string[]): { text: string; starts: Int32Array } {
  let text = '{"header":1}\n';
  const starts: number[] = [];
  for (const quoted of paths) {
    starts.push(text.length);
    text += `${quoted}\t1\t2\t3\t4\thash\t\t0\n`;
  }
  return { text, starts: Int32Array.from(starts) };
}

/** An lstat that records what it was asked and says every path is a regular file of its name's length. */
function recordingLstat(asked: string[]) {
  return (p: string) => {
    asked.push(p);
    return { isFile: () => !p.endsWith('/dir'), size: p.length, mtimeMs: 1.5, ctimeMs: 2.5, ino: 7 };
  };
}

describe('stamp thread: the loop it runs', () => {
  it('looks up only plain relative paths below the root, from the last line back', () => {
    const quoted = [
      '"a.txt"',
      '"sub/b.txt"',
      JSON.stringify('sub/\u00e9t\u00e9 "q".txt'),
      '"../outside.txt"',
      '"sub/../../x"',
      '"/etc/passwd"',
      '"a//b"',
      '"./a"',
      '""',
      '"sub/dir"',
      'not-quoted',
      '"bad \\u00"',
    ];
    const { text, starts } = linesOf(quoted);
    const job = stampJob('/root', '/', text, starts);
    const asked: string[] = [];
    const found = stampLines(job, recordingLstat(asked));
    assert.deepEqual(asked, ['/root/sub/dir', '/root/sub/\u00e9t\u00e9 "q".txt', '/root/sub/b.txt', '/root/a.txt']);
    assert.equal(found, 3, 'a folder has no stamp');
    assert.equal(job.control[0], 0, 'every line done');
    assert.deepEqual([...job.found], [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...job.stamps.subarray(4, 8)], ['/root/sub/b.txt'.length, 1.5, 2.5, 7]);
  });

  it('stops at the line the walk has reached, and the walk takes only what it finished', () => {
    const { text, starts } = linesOf(['"a"', '"b"', '"c"', '"d"', '"e"']);
    const job = stampJob('/r', '/', text, starts);
    const stamps = new PrefetchedStamps(job);
    // The walk is at the second line before the thread starts: it looks up the last three only.
    assert.equal(stamps.stampAt(starts[0] + 4), undefined, 'not done yet: the walk looks it up itself');
    assert.equal(stamps.stampAt(starts[1] + 4), undefined);
    const asked: string[] = [];
    stampLines(job, recordingLstat(asked));
    assert.deepEqual(asked, ['/r/e', '/r/d', '/r/c']);
    assert.equal(job.control[0], 2);
    assert.equal(stamps.stampAt(starts[2] + 4)?.size, '/r/c'.length);
    assert.deepEqual(stamps.stampAt(starts[4] + 4), { size: 4, mtimeMs: 1.5, ctimeMs: 2.5, ino: 7 });
    // Out of step (back to an earlier line): found again from the top, not taken from a neighbour.
    assert.equal(stamps.stampAt(starts[1] + 4), undefined);
    assert.equal(stamps.stampAt(starts[3] + 4)?.size, 4);
    stamps.finish();
    assert.equal(job.control[1], starts.length);
  });
});

describe('stamp thread: when it is asked', () => {
  it('not when the machine left less than three quarters of a core idle since the last audit', () => {
    const { text, starts } = linesOf(['"a"']);
    const busy = new StampThread(() => 0.5);
    assert.equal(busy.start(stampJob('/r', '/', text, starts)), false);
    const asked: Array<number | undefined> = [undefined, 1];
    const free = new StampThread(() => asked.shift());
    try {
      // Too soon to tell counts as free; a job at a time.
      assert.equal(free.start(stampJob('/r', '/', text, starts)), true);
      assert.equal(free.start(stampJob('/r', '/', text, starts)), false, 'busy with the first job');
    } finally {
      free.stop();
    }
  });
});

describe('stamp thread: warm audits', function () {
  this.timeout(120_000);
  let root: string;
  let cacheFile: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-stamps-'));
    fs.cpSync(path.join(REPO, 'examples', 'workspace'), root, { recursive: true });
    cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-stamps-cache-')), 'audit-cache.json');
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cacheFile), { recursive: true, force: true });
  });

  async function audit(cache: boolean, stampThread?: StampStarter) {
    const { config } = loadWorkspaceConfig(root);
    return auditWorkspace({ root, config, baseline: [], jobs: 0, git: false, ...(cache ? { cache: cacheFile, stampThread } : {}) });
  }
  const results = (o: AuditOutcome) => {
    const { findings, skipped, inventory, filesScanned, bytesScanned, suppressed } = o.report;
    return JSON.parse(JSON.stringify({ findings, skipped, inventory, filesScanned, bytesScanned, suppressed })) as unknown;
  };
  /** The audit that wrote the cache as if it had started a minute later: its stamps are old enough to trust. */
  const recordedLater = () => {
    const text = fs.readFileSync(cacheFile, 'latin1');
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { startedAt: number };
    header.startedAt += 60_000;
    const body = JSON.stringify(header) + text.slice(text.indexOf('\n'), text.lastIndexOf('end\t'));
    const lines = body.split('\n').length - 2;
    fs.writeFileSync(cacheFile, `${body}end\t${lines}\t${createHash('sha256').update(body, 'latin1').digest('base64url')}\n`, 'latin1');
  };

  it('every stamp from the thread: the same report as without the cache; a file changed after it looked is caught next time', async () => {
    const uncached = await audit(false);
    await audit(true);
    recordedLater();
    // A thread that is done before the walk starts (the walk then looks up nothing itself).
    let jobs: StampJob[] = [];
    const inPlace = {
      start: (job: StampJob) => {
        stampLines(job, fs.lstatSync);
        jobs.push(job);
        return true;
      },
    };
    const before = fs.readFileSync(cacheFile, 'latin1');
    const warm = await audit(true, inPlace);
    assert.equal(jobs.length, 1);
    // Every stamp taken from the thread matched the cache's: nothing read, nothing rewritten.
    assert.equal(fs.readFileSync(cacheFile, 'latin1'), before);
    assert.equal(warm.cache?.misses, 0);
    assert.equal(warm.cache?.hits, uncached.report.filesScanned);
    assert.ok(
      [...jobs[0].found].every((f) => f === 1),
      'the thread had every file',
    );
    assert.deepEqual(results(warm), results(uncached));

    // Changed after the thread's lstat and before the walk: this audit may report the old file,
    // but keeps no stamp that would hide the change from the next one.
    const billing = path.join(root, 'src', 'billing.ts');
    jobs = [];
    const changeAfterLooking = {
      start: (job: StampJob) => {
        inPlace.start(job);
        fs.appendFileSync(billing, `\nconst slack = "${slackToken()}";\n`);
        return true;
      },
    };
    await audit(true, changeAfterLooking);
    const next = await audit(true, inPlace);
    assert.ok(next.report.findings.some((f) => f.path === 'src/billing.ts' && f.masked.startsWith('xoxb')));
    assert.deepEqual(results(next), results(await audit(false)));
  });

  it('with a real thread, however far it gets, warm audits report what an audit without the cache does', async () => {
    const thread = new StampThread(() => 2); // as on an idle machine: the thread is asked every time
    try {
      const uncached = await audit(false);
      await audit(true, thread);
      recordedLater();
      for (let i = 0; i < 3; i++) {
        const warm = await audit(true, thread);
        assert.equal(warm.cache?.misses, 0);
        assert.equal(warm.cache?.hits, uncached.report.filesScanned);
        assert.deepEqual(results(warm), results(uncached));
      }
      fs.appendFileSync(path.join(root, 'src', 'billing.ts'), `\nconst slack = "${slackToken()}";\n`);
      const changed = await audit(true, thread);
      assert.equal(changed.cache?.misses, 1);
      assert.deepEqual(results(changed), results(await audit(false)));
    } finally {
      thread.stop();
    }
  });
});
