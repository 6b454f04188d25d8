import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { AuditService, withFoldersIgnored, type AuditFolder } from '../../server/services/auditService';
import { WorkspaceState } from '../../server/workspaceState';
import { testEngine } from '../support/engineFixture';

describe('the audit of a folder leaves its nested folders to them', () => {
  it('ignores each nested folder, anchored, wildcards escaped, keeping the config’s own globs', () => {
    const config = withFoldersIgnored({ paths: { ignore: ['dist/**'] }, disable: ['x'] }, ['lib', 'we*rd [1]/sub']);
    assert.deepEqual(config.disable, ['x']);
    const engine = testEngine({ config });
    assert.ok(engine.isIgnoredPath('dist/a.js'), 'its own glob still applies');
    assert.ok(engine.isIgnoredPath('lib/'));
    assert.ok(engine.isIgnoredPath('lib/vendor.py'));
    assert.ok(engine.isIgnoredPath('we*rd [1]/sub/x.py'));
    assert.ok(!engine.isIgnoredPath('src/lib/vendor.py'), 'anchored at the folder');
    assert.ok(!engine.isIgnoredPath('library/x.py'));
    assert.ok(!engine.isIgnoredPath('weird 1/sub/x.py'), 'the wildcards are literal');
  });

  it('leaves a folder without nested folders as it was', () => {
    const config = { paths: { ignore: ['dist/**'] } };
    assert.equal(withFoldersIgnored(config, []), config);
  });
});

describe('the audit service over several folders', () => {
  const TOKEN = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
  const folder = (name: string, files: Record<string, string>): AuditFolder => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `nhi-lens-audit-${name}-`));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
    const state = new WorkspaceState(root, false); // untrusted: no git
    state.reload();
    return { uri: pathToFileURL(root).href, name, root, state, inner: [] };
  };
  const progress = (onReport: () => void = () => undefined) => {
    const events: string[] = [];
    const reporter = {
      begin: () => events.push('begin'),
      report: () => {
        events.push('report');
        onReport();
      },
      done: () => events.push('done'),
    } as unknown as WorkDoneProgressReporter;
    return { events, reporter };
  };

  it('audits the folders one after the other under one progress', async () => {
    const a = folder('a', { 'app.py': `T = "${TOKEN}"\n` });
    const b = folder('b', { 'app.py': `T = "${TOKEN}"\n`, 'other.py': `U = "${TOKEN}"\n` });
    const { events, reporter } = progress();
    const audit = await new AuditService().audit([a, b], new CancellationTokenSource().token, reporter);
    assert.deepEqual(
      audit.audits.map(({ folder: f, report }) => [f.name, report.findings.map((x) => x.path).sort()]),
      [
        ['a', ['app.py']],
        ['b', ['app.py', 'other.py']],
      ],
    );
    assert.equal(audit.cancelled, false);
    assert.equal(events[0], 'begin');
    assert.equal(events.filter((e) => e === 'begin').length, 1);
    assert.equal(events[events.length - 1], 'done');
  });

  it('cancelled during the first folder, does not start the next one', async () => {
    const a = folder('a', { 'app.py': `T = "${TOKEN}"\n` });
    const b = folder('b', { 'app.py': `T = "${TOKEN}"\n` });
    const source = new CancellationTokenSource();
    const { reporter } = progress(() => source.cancel());
    const audit = await new AuditService().audit([a, b], source.token, reporter);
    assert.equal(audit.cancelled, true);
    assert.deepEqual(
      audit.audits.map(({ folder: f }) => f.name),
      ['a'],
    );
  });

  it('cancelled before it starts, audits nothing and says so', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    const audit = await new AuditService().audit([folder('a', {}), folder('b', {})], source.token, progress().reporter);
    assert.equal(audit.cancelled, true);
    assert.deepEqual(audit.audits, []);
  });
});
