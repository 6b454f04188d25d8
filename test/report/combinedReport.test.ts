import { noOmittedFindings } from '../../workspace/scan/retainedFindings';
import * as assert from 'node:assert/strict';
import type { Finding } from '../../engine';
import { combineReports } from '../../report/combinedReport';
import { renderMarkdown } from '../../report/markdownReport';
import { reportOf } from '../../report/reportModel';
import { renderSarif, renderSarifRuns } from '../../report/sarifReport';
import { defaultEngine } from '../support/engineFixture';

const TOKEN = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');

/** A one-file audit of `root`, as the audit builds its report. */
function folderReport(root: string, file: string, notes: string[] = []) {
  const engine = defaultEngine();
  const findings: Finding[] = engine.scan({ path: file, text: `SLACK_TOKEN = "${TOKEN}"\n` }).findings;
  const run = {
    findings,
    identities: [],
    skipped: [{ path: 'big.bin', reason: 'binary file not scanned' }],
    filesScanned: 2,
    bytesScanned: 100,
    suppressed: 1,
    cancelled: false,
    durationMs: 5,
    baselined: 0,
    omitted: noOmittedFindings(),
    maxFindings: 20_000,
  };
  const report = reportOf(run, root, engine.rules);
  report.notes.push(...notes);
  return report;
}

describe('reports over several workspace folders', () => {
  it('combines folders into one report: paths prefixed with the folder name, counts added up, notes attributed', () => {
    const combined = combineReports(
      [
        { name: 'api', report: folderReport('/ws/api', 'src/app.py', ['not a git repository']) },
        { name: 'web', report: folderReport('/ws/web', 'src/app.py') },
      ],
      ['jobs: not audited: broken config'],
    );
    assert.deepEqual(
      combined.findings.map((f) => f.path),
      ['api/src/app.py', 'web/src/app.py'],
    );
    assert.deepEqual(
      combined.skipped.map((s) => s.path),
      ['api/big.bin', 'web/big.bin'],
    );
    assert.deepEqual([combined.filesScanned, combined.bytesScanned, combined.suppressed, combined.durationMs], [4, 200, 2, 10]);
    assert.deepEqual(combined.notes, ['api: not a git repository', 'jobs: not audited: broken config']);
    assert.equal(new Set(combined.rules.map((r) => r.definition.id)).size, combined.rules.length, 'each rule once');
    const md = renderMarkdown(combined);
    assert.match(md, /`api\/src\/app\.py:1:16`/);
    assert.match(md, /`web\/src\/app\.py:1:16`/);
    assert.ok(!md.includes(TOKEN));
  });

  it('verified folders: live credentials first across folders, verification counts added up', () => {
    const api = folderReport('/ws/api', 'src/app.py');
    const web = folderReport('/ws/web', 'src/app.py');
    const checkedAt = '2026-01-01T00:00:00.000Z';
    api.findings[0].verification = { state: 'invalid', provider: 'Slack', checkedAt };
    api.verification = { credentials: 1, live: 0, invalid: 1, unknown: 0 };
    web.findings[0].verification = { state: 'live', provider: 'Slack', identity: '@bot in Acme', checkedAt };
    web.verification = { credentials: 1, live: 1, invalid: 0, unknown: 0 };
    const combined = combineReports([
      { name: 'api', report: api },
      { name: 'web', report: web },
      { name: 'docs', report: folderReport('/ws/docs', 'a.py') },
    ]);
    assert.deepEqual(
      combined.findings.map((f) => [f.path, f.verification?.state]),
      [
        ['web/src/app.py', 'live'],
        ['api/src/app.py', 'invalid'],
        ['docs/a.py', undefined],
      ],
    );
    assert.deepEqual(combined.verification, { credentials: 2, live: 1, invalid: 1, unknown: 0 });
    assert.equal(combineReports([{ name: 'api', report: folderReport('/ws/api', 'x.py') }]).verification, undefined);
  });

  it('leaves the folder reports as they were', () => {
    const api = folderReport('/ws/api', 'src/app.py');
    combineReports([{ name: 'api', report: api }]);
    assert.equal(api.findings[0].path, 'src/app.py');
  });

  it('SARIF: one run per folder, each relative to its folder, told apart by category; one report stays one run without one', () => {
    const sarif = JSON.parse(
      renderSarifRuns([
        { report: folderReport('/ws/api', 'src/app.py'), category: 'nhi-lens/api/' },
        { report: folderReport('/ws/web', 'lib/app.py'), category: 'nhi-lens/web/' },
      ]),
    );
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs.map((r: { automationDetails: { id: string }; originalUriBaseIds: { ROOT: { uri: string } } }) => [
        r.automationDetails.id,
        r.originalUriBaseIds.ROOT.uri,
      ]),
      [
        ['nhi-lens/api/', 'file:///ws/api/'],
        ['nhi-lens/web/', 'file:///ws/web/'],
      ],
    );
    assert.equal(sarif.runs[1].results[0].locations[0].physicalLocation.artifactLocation.uri, 'lib/app.py');
    const single = JSON.parse(renderSarif(folderReport('/ws/api', 'src/app.py')));
    assert.equal(single.runs.length, 1);
    assert.equal(single.runs[0].automationDetails, undefined);
  });
});
