import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sarifErrors } from '../support/sarifSchema';
import { copyOfExampleWorkspace, runCli } from './cliHarness';

/** The example workspace holds 22 findings: 13 errors, 9 warnings. */
const NOTE = /^22 findings: the 5 most severe are listed; 17 more are counted in the summary only/;

describe('nhi-lens audit --max-findings: the most severe listed, the rest counted', function () {
  this.timeout(120_000);
  let ws: string;
  beforeEach(() => {
    ws = copyOfExampleWorkspace();
  });

  it('JSON: five errors listed, the summary still counts all 22, a note says so', () => {
    const run = runCli(['audit', '--format', 'json', '--max-findings', '5', '--no-git'], ws);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.findings.length, 5);
    assert.ok(report.findings.every((f: { severity: string }) => f.severity === 'error'));
    assert.equal(report.summary.total, 22);
    assert.deepEqual(report.summary.bySeverity, { error: 13, warning: 9, info: 0 });
    assert.equal(report.summary.files, 12);
    assert.deepEqual([report.summary.listed, report.summary.omitted, report.summary.maxFindings], [5, 17, 5]);
    assert.match(report.notes[0], NOTE);
    const uncapped = JSON.parse(runCli(['audit', '--format', 'json', '--no-git'], ws).stdout);
    assert.deepEqual(uncapped.summary.byCategory, report.summary.byCategory);
    assert.equal(uncapped.summary.omitted, 0);
    assert.deepEqual(uncapped.notes, []);
  });

  it('SARIF stays valid: five results and the note as a tool notification', () => {
    const run = runCli(['audit', '--format', 'sarif', '--max-findings', '5', '--no-git'], ws);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarifErrors(sarif), undefined);
    assert.equal(sarif.runs[0].results.length, 5);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(notifications[0].level, 'warning');
    assert.match(notifications[0].message.text, NOTE);
  });

  it('text, Markdown and HTML show the full counts and the note', () => {
    const text = runCli(['audit', '--max-findings', '5', '--no-git', '--quiet'], ws).stdout;
    assert.match(text, /22 findings \(13 error, 9 warning, 0 info\) in 12 files/);
    assert.match(text, /\nnote: 22 findings: the 5 most severe are listed/);
    assert.equal(text.match(/^\s+\d+:\d+\s+error/gm)?.length, 5);
    const md = runCli(['audit', '--format', 'markdown', '--max-findings', '5', '--no-git'], ws).stdout;
    assert.match(md, /^22 findings in 12 files/m);
    assert.match(md, /^> 22 findings: the 5 most severe are listed/m);
    assert.equal(md.match(/^\| `[^`]+:\d+:\d+` \| error \|/gm)?.length, 5);
    const html = runCli(['audit', '--format', 'html', '--max-findings', '5', '--no-git'], ws).stdout;
    assert.match(html, /<p class="note">22 findings: the 5 most severe are listed/);
    assert.match(html, /<b class="">22<\/b><span class="muted">findings<\/span>/);
  });

  it('the config sets the cap; the baseline and the inventory still get every finding', () => {
    fs.writeFileSync(path.join(ws, '.nhi-lens.yaml'), 'limits:\n  maxFindings: 5\n');
    const report = JSON.parse(runCli(['audit', '--format', 'json', '--no-git'], ws).stdout);
    assert.equal(report.findings.length, 5);
    assert.match(report.notes[0], NOTE);
    const written = runCli(['audit', '--write-baseline', 'baseline.json', '--no-git'], ws);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(ws, 'baseline.json'), 'utf8')).findings.length, 22);
    const inventory = JSON.parse(runCli(['inventory', '--format', 'json'], ws).stdout);
    const uncappedSecrets = JSON.parse(
      runCli(['audit', '--format', 'json', '--no-git', '--max-findings', '100'], ws).stdout,
    ).findings.filter((f: { category: string }) => f.category === 'secret').length;
    assert.equal(inventory.identities.filter((i: { kind: string }) => i.kind === 'secret').length, uncappedSecrets);
  });

  it('refuses a cap that is not a whole number from 1 up, in the flag and the config', () => {
    for (const bad of ['0', '-3', '2.5', 'many']) {
      const run = runCli(['audit', `--max-findings=${bad}`], ws);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--max-findings must be a whole number/);
    }
    fs.writeFileSync(path.join(ws, '.nhi-lens.yaml'), 'limits:\n  maxFindings: 0\n');
    const run = runCli(['audit', '--no-git'], ws);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /maxFindings/);
  });
});

describe('nhi-lens audit --output to a device', function () {
  this.timeout(60_000);
  it('writes to it and leaves it a device (a rename would replace /dev/null)', function () {
    if (process.getuid?.() !== 0) this.skip(); // mknod needs root; as root the rename was the danger
    const ws = copyOfExampleWorkspace();
    const device = path.join(ws, 'null-device');
    const made = spawnSync('mknod', [device, 'c', '1', '3']);
    if (made.status !== 0) this.skip(); // no mknod in this container
    const run = runCli(['audit', '--format', 'json', '--output', device, '--no-git', '--fail-on', 'never'], ws);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(fs.statSync(device).isCharacterDevice(), 'still a character device');
    assert.deepEqual(
      fs.readdirSync(ws).filter((n) => n.startsWith('null-device.')),
      [],
      'no temporary file left',
    );
  });
});
