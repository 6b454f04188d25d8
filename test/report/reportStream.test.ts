import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { Finding, Identity } from '../../engine';
import { writeReportFile, writeReportStdout } from '../../cli/reportOutput';
import { htmlReportChunks } from '../../report/htmlReport';
import { inventoryCsvChunks, inventoryJsonChunks } from '../../report/inventoryReport';
import { jsonReportChunks, renderJson } from '../../report/jsonReport';
import { markdownReportChunks } from '../../report/markdownReport';
import { reportOf, type Report } from '../../report/reportModel';
import { joinChunks, jsonChunks, StreamedArray, type ReportChunks } from '../../report/reportStream';
import { sarifChunks } from '../../report/sarifReport';
import { textReportChunks } from '../../report/textReport';
import { noOmittedFindings } from '../../workspace/scan/retainedFindings';
import type { AuditResult } from '../../workspace/scan/scanPool';
import { defaultEngine } from '../support/engineFixture';

const TOKEN = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');

/** A report of `files` files with one Slack token finding each. */
function manyFindings(files: number): Report {
  return reportOf(manyFindingsRun(files), '/ws', defaultEngine().rules);
}

/** The audit run of `manyFindings`. */
function manyFindingsRun(files: number): AuditResult {
  const engine = defaultEngine();
  const [finding] = engine.scan({ path: 'a.py', text: `SLACK_TOKEN = "${TOKEN}"\n` }).findings;
  const findings: Finding[] = Array.from({ length: files }, (_, i) => ({
    ...finding,
    path: `src/f${i}.py`,
    fingerprint: `${i.toString(16).padStart(8, '0')}${finding.fingerprint.slice(8)}`,
  }));
  return {
    findings,
    identities: [],
    skipped: Array.from({ length: 50 }, (_, i) => ({ path: `big${i}.bin`, reason: 'binary file not scanned' })),
    filesScanned: files,
    bytesScanned: files * 40,
    suppressed: 0,
    cancelled: false,
    durationMs: 5,
    baselined: 0,
    omitted: noOmittedFindings(),
    maxFindings: 20_000,
  };
}

describe('reports written as a stream', function () {
  this.timeout(60_000);
  it('jsonChunks joined is exactly JSON.stringify(value, null, 2), streamed arrays at any depth', () => {
    const values: unknown[] = [
      { a: 1, b: [1, 2, { c: 'x\ny' }], d: undefined, e: null, f: {}, g: [] },
      { list: new StreamedArray([1, { x: [1, 2] }, 'three']), after: { y: true } },
      { runs: [{ results: new StreamedArray([{ a: 1 }, { b: [] }], (v) => ({ ...v, mapped: true })), empty: new StreamedArray([]) }] },
      { nested: { deeper: { items: new StreamedArray(['a', undefined, 'b']) } }, date: new Date(0) },
      [new StreamedArray([[1, [2, [3]]]]), 'x'],
      // Inside a streamed array's element (serialised whole), one is an array like any other.
      { outer: new StreamedArray([{ inner: new StreamedArray([1, 2, undefined], (x) => (x ? x * 2 : x)) }, 'y']) },
      {},
      [],
    ];
    const plain = (v: unknown): unknown =>
      v instanceof StreamedArray
        ? [...v.items].map(v.map).map(plain)
        : Array.isArray(v)
          ? v.map(plain)
          : v && typeof v === 'object' && !(v instanceof Date)
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
            : v;
    for (const value of values) assert.equal(joinChunks(jsonChunks(value)), JSON.stringify(plain(value), null, 2));
  });

  it('a value below the top is written as JSON.stringify indents it there, whatever it holds and however deep', () => {
    // Below the top each value is serialised inside as many arrays as it is deep and cut out of
    // their text (reportStream.ts, `indented`); at the top it is serialised as it is.
    const leaf = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(undefined, () => 1, new Date(0), '', '\n', 'a\nb', '[\n  ', ']', {}, [], [[]], { '': [{}] }),
    );
    fc.assert(
      fc.property(leaf, fc.integer({ min: 0, max: 5 }), fc.boolean(), (value, depth, streamed) => {
        let wrapped: unknown = streamed ? new StreamedArray([value, 'after']) : value;
        let expected: unknown = streamed ? [value, 'after'] : value;
        for (let i = 0; i < depth; i++) {
          wrapped = i % 2 ? { key: wrapped, other: [1] } : [wrapped, null];
          expected = i % 2 ? { key: expected, other: [1] } : [expected, null];
        }
        // A StreamedArray at the top of `wrapped` or within it makes every level above it a streamed one.
        if (!streamed) wrapped = new StreamedArray([wrapped]);
        if (!streamed) expected = [expected];
        assert.equal(joinChunks(jsonChunks(wrapped)), JSON.stringify(expected, null, 2));
      }),
      { numRuns: 500 },
    );
    // At the top, a value with no streamed array inside is written whole, undefined as `null`.
    assert.equal(joinChunks(jsonChunks({ a: ['x\ny', {}] })), JSON.stringify({ a: ['x\ny', {}] }, null, 2));
    assert.equal(joinChunks(jsonChunks(undefined)), 'null');
  });

  it('every format comes in pieces of about one finding: no piece holds the whole list', () => {
    const report = manyFindings(400);
    const formats: Array<[string, ReportChunks]> = [
      ['json', jsonReportChunks(report)],
      ['sarif', sarifChunks([{ report }])],
      ['text', textReportChunks(report)],
      ['markdown', markdownReportChunks(report)],
      ['html', htmlReportChunks(report)],
    ];
    for (const [format, chunks] of formats) {
      const pieces = [...chunks];
      const whole = pieces.join('');
      const largest = Math.max(...pieces.map((p) => p.length));
      assert.ok(pieces.length >= 400, `${format}: ${pieces.length} pieces`);
      // The largest piece is the page head or the rule help, never the list: a twentieth of the report at most.
      assert.ok(largest < whole.length / 20, `${format}: a piece of ${largest} of ${whole.length} characters`);
      assert.equal(whole.split('src/f399.py').length - 1 >= 1, true, `${format}: the last finding is written`);
    }
  });

  it('the JSON written as a stream is the JSON report, pretty-printed the same way', () => {
    const report = manyFindings(30);
    const text = renderJson(report);
    const parsed = JSON.parse(text);
    assert.equal(text, JSON.stringify(parsed, null, 2) + '\n');
    assert.equal(parsed.findings.length, 30);
    assert.equal(parsed.skipped.length, 50);
    assert.equal(parsed.summary.total, 30);
    assert.ok(!text.includes(TOKEN));
  });

  it("a report's rules, given as a function, are asked for only by the formats that list them", () => {
    const listed = manyFindings(3);
    let asked = 0;
    const report = reportOf(manyFindingsRun(3), '/ws', () => (asked++, listed.rules));
    const json = joinChunks(jsonReportChunks(report));
    assert.equal(asked, 0, 'a JSON report does not list rules');
    assert.equal(json, joinChunks(jsonReportChunks(listed)));
    assert.equal(joinChunks(sarifChunks([{ report }])), joinChunks(sarifChunks([{ report: listed }])));
    assert.equal(joinChunks(markdownReportChunks(report)), joinChunks(markdownReportChunks(listed)));
    assert.equal(asked, 1, 'asked once');
  });

  it('the inventory (JSON, CSV) comes one identity at a time, the same text as before', () => {
    const identities = Array.from(
      { length: 300 },
      (_, i) =>
        ({
          kind: 'aws-iam-user',
          name: i % 7 ? `user${i}` : `=cmd|"x",${i}`,
          provider: 'aws',
          path: `infra/m${i}/main.tf`,
          range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } },
          ownerSource: 'none',
          breadth: 'scoped',
          credential: 'static',
          findings: [`f${i}`],
        }) as unknown as Identity,
    );
    const json = [...inventoryJsonChunks(identities, '1.2.3')];
    assert.ok(json.length >= 300);
    assert.equal(json.join(''), JSON.stringify({ tool: { name: 'nhi-lens', version: '1.2.3' }, identities }, null, 2) + '\n');
    const csv = [...inventoryCsvChunks(identities)];
    assert.equal(csv.length, 301);
    const lines = csv.join('').split('\r\n');
    assert.equal(lines[0], 'kind,name,provider,path,line,owner,owner_source,breadth,credential,findings,git');
    assert.equal(lines[1], `aws-iam-user,"'=cmd|""x"",0",aws,infra/m0/main.tf,1,,none,scoped,static,1,`);
    assert.equal(lines[2], 'aws-iam-user,user1,aws,infra/m1/main.tf,2,,none,scoped,static,1,');
  });

  it('a report file is written whole, or not at all when rendering fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-stream-'));
    const file = path.join(dir, 'out', 'report.json');
    const report = manyFindings(3000);
    writeReportFile(file, jsonReportChunks(report));
    assert.equal(fs.readFileSync(file, 'utf8'), renderJson(report));
    function* failing(): Generator<string> {
      yield 'x'.repeat(2 << 20); // past one write
      throw new Error('rendering failed');
    }
    assert.throws(() => writeReportFile(file, failing()), /rendering failed/);
    assert.equal(fs.readFileSync(file, 'utf8'), renderJson(report), 'the earlier report is left as it was');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['report.json'], 'no temporary file left behind');
  });

  it('a link planted at the temporary name is removed, not written through', () => {
    const report = manyFindings(3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-report-link-'));
    const file = path.join(dir, 'report.json');
    const target = path.join(dir, 'elsewhere');
    fs.writeFileSync(target, 'untouched');
    // The report is written under its own name, this process's id and `.tmp`, then renamed.
    fs.symlinkSync(target, `${file}.${process.pid}.tmp`);
    writeReportFile(file, jsonReportChunks(report));
    assert.equal(fs.readFileSync(file, 'utf8'), renderJson(report));
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['elsewhere', 'report.json']);
  });

  it('standard output is written as the reader takes it, never queued whole', async () => {
    let queuedMax = 0;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        setImmediate(done);
      },
    });
    function* tenMegabytes(): Generator<string> {
      for (let i = 0; i < 10 * 1024; i++) {
        queuedMax = Math.max(queuedMax, slow.writableLength);
        yield 'y'.repeat(1023) + '\n';
      }
    }
    await writeReportStdout(tenMegabytes(), slow);
    await new Promise<void>((resolve) => slow.end(resolve));
    assert.equal(received, 10 * 1024 * 1024);
    assert.ok(queuedMax <= 2 << 20, `${queuedMax} bytes queued at once`);
  });
});
