import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { AuditReportRequest, AuditWorkspaceRequest, type AuditResult } from '../../protocol/nhiLensProtocol';
import { LspSession } from './lspHarness';

// Built at run time: no secret-shaped literal in the source.
const SLACK = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
const SOURCE = `SLACK_BOT_TOKEN = "${SLACK}"\n`;
const ERROR = 1;
const WARNING = 2;
const INFO = 3;

const severities = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.severity]);

/** A config with one custom secret rule (the shape of the workspace config test's). */
const custom = (id: string) => `rules:
  - id: ${id}
    title: ACME internal service token
    category: secret
    severity: error
    description: Token for ACME's internal service mesh.
    remediation: Rotate it in the ACME console and load it from Vault.
    keywords: [acme_]
    pattern: '(?<![A-Za-z0-9_])(?<secret>acme_[a-z0-9]{24})(?![a-z0-9])'
    examples:
      positive: ['t = "acme_q8zr3lm0pd5xv2kc7hs1ty4u"']
      negative: ['t = "acme_short"']
`;

const PUSH_CLIENT = {
  workspace: { workspaceFolders: true, configuration: true, workspaceEdit: { documentChanges: true } },
};

/** Two folders, `a` and `b`, side by side under one temporary root, each with its own config. */
const FILES = {
  'a/.nhi-lens.yaml': 'overrides:\n  slack-bot-token: { severity: warning }\n',
  'a/src/app.py': SOURCE,
  'a/src/other.py': SOURCE,
  'a/generated/keys.py': SOURCE,
  'a/lib/.nhi-lens.yaml': 'overrides:\n  slack-bot-token: { severity: info }\n',
  'a/lib/vendor.py': SOURCE,
  'b/.nhi-lens.yaml': 'paths:\n  ignore: [generated/**]\n',
  'b/src/app.py': SOURCE,
  'b/src/other.py': SOURCE,
  'b/generated/keys.py': SOURCE,
  'b/ci/token.py': SOURCE,
  'c/.nhi-lens.yaml': 'overrides:\n  slack-bot-token: { severity: info }\n',
  'c/deploy.py': SOURCE,
  'outside/x.env': `SLACK_BOT_TOKEN=${SLACK}\n`,
};

describe('language server: multi-root workspaces (each folder its own config, baseline and audit)', function () {
  this.timeout(60_000);
  let s: LspSession;

  const open = async (uri: string, text: string) => {
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'plaintext', version: 1, text },
    });
  };
  /** The next publish for `uri` after `from` (an index into `s.published`). */
  const publishedAfter = (uri: string, from: number) =>
    s.until(`diagnostics for ${uri}`, () => s.published.slice(from).find((p) => p.uri === uri));
  /** The last publish for `uri`. */
  const latest = (uri: string) => [...s.published].reverse().find((p) => p.uri === uri)!.diagnostics;
  const audit = (): Promise<AuditResult> => s.connection.sendRequest(AuditWorkspaceRequest.type, {});
  const changeFolders = (added: string[], removed: string[]) =>
    s.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: {
        added: added.map((f) => ({ uri: s.uri(f), name: f })),
        removed: removed.map((f) => ({ uri: s.uri(f), name: f })),
      },
    });

  before(async () => {
    s = await LspSession.start(PUSH_CLIENT, FILES, { folders: ['a', 'b'] });
  });
  after(async () => {
    await s.stop();
  });

  it('checks each document with its own folder config: the same secret is a warning in a, an error in b', async () => {
    const from = s.published.length;
    await open(s.uri('a/src/app.py'), SOURCE);
    await open(s.uri('b/src/app.py'), SOURCE);
    assert.deepEqual(severities((await publishedAfter(s.uri('a/src/app.py'), from)).diagnostics), [['slack-bot-token', WARNING]]);
    assert.deepEqual(severities((await publishedAfter(s.uri('b/src/app.py'), from)).diagnostics), [['slack-bot-token', ERROR]]);
  });

  it('matches paths.ignore against the path in the document’s own folder', async () => {
    const from = s.published.length;
    await open(s.uri('a/generated/keys.py'), SOURCE);
    await open(s.uri('b/generated/keys.py'), SOURCE);
    assert.equal((await publishedAfter(s.uri('a/generated/keys.py'), from)).diagnostics.length, 1, 'a ignores nothing');
    assert.deepEqual((await publishedAfter(s.uri('b/generated/keys.py'), from)).diagnostics, [], 'b ignores generated/**');
  });

  it('accepts a finding into its own folder’s baseline; the same secret in the other folder stays', async () => {
    const uri = s.uri('a/src/app.py');
    const diagnostics = latest(uri);
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const accept = actions.find((a) => a.command?.command === 'nhiLens.server.addToBaseline')!;
    const from = s.published.length;
    const ok = await s.connection.sendRequest(ExecuteCommandRequest.type, {
      command: accept.command!.command,
      arguments: accept.command!.arguments,
    });
    assert.equal(ok, true);
    const change = s.applied[s.applied.length - 1].edit.documentChanges!.find((c): c is TextDocumentEdit => 'textDocument' in c)!;
    assert.equal(change.textDocument.uri, s.uri('a/.nhi-lens-baseline.json'), 'the baseline of the document’s folder');
    const baseline = JSON.parse(change.edits[0].newText) as { findings: Array<{ path: string }> };
    assert.deepEqual(
      baseline.findings.map((f) => f.path),
      ['src/app.py'],
      'keyed by the path in its folder',
    );
    assert.deepEqual((await publishedAfter(uri, from)).diagnostics, []);

    // On disk, as the editor would save it: a reloads it; b, with a file at the same path, is untouched.
    fs.writeFileSync(path.join(s.root, 'a', '.nhi-lens-baseline.json'), change.edits[0].newText);
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: s.uri('a/.nhi-lens-baseline.json'), type: FileChangeType.Created }],
    });
    const other = s.uri('b/src/app.py');
    await open(s.uri('b/src/other.py'), SOURCE); // a request after the notification: the reload is done
    await publishedAfter(s.uri('b/src/other.py'), from);
    assert.deepEqual(latest(uri), []);
    assert.deepEqual(severities(latest(other)), [['slack-bot-token', ERROR]]);
  });

  it('reloads only the folder whose .nhi-lens.yaml changed, and re-checks only its documents', async () => {
    const a = s.uri('a/generated/keys.py');
    const b = s.uri('b/src/app.py');
    fs.writeFileSync(path.join(s.root, 'b', '.nhi-lens.yaml'), 'overrides:\n  slack-bot-token: { severity: info }\n');
    const from = s.published.length;
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: s.uri('b/.nhi-lens.yaml'), type: FileChangeType.Changed }],
    });
    assert.deepEqual(severities((await publishedAfter(b, from)).diagnostics), [['slack-bot-token', INFO]]);
    // Documents are re-published in one pass, in the order they were opened: a's would have come first.
    assert.deepEqual(
      s.published.slice(from).filter((p) => p.uri.startsWith(s.uri('a/'))),
      [],
      'nothing in a was re-checked',
    );
    assert.deepEqual(severities(latest(a)), [['slack-bot-token', WARNING]]);
    fs.writeFileSync(path.join(s.root, 'b', '.nhi-lens.yaml'), FILES['b/.nhi-lens.yaml']);
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: s.uri('b/.nhi-lens.yaml'), type: FileChangeType.Changed }],
    });
    await s.until('b back to its own config', () =>
      [...s.published].reverse().find((p) => p.uri === b && p.diagnostics[0]?.severity === ERROR),
    );
  });

  it('audits every folder: paths relative to their folder, URIs in it, each folder’s config and baseline', async () => {
    const from = s.published.length;
    const result = await audit();
    assert.deepEqual(
      result.folders.map((f) => [f.name, f.uri]),
      [
        ['a', s.uri('a')],
        ['b', s.uri('b')],
      ],
    );
    const found = result.findings.map((f) => [f.uri, f.path, f.severity]).sort();
    assert.deepEqual(found, [
      [s.uri('a/generated/keys.py'), 'generated/keys.py', 'warning'],
      [s.uri('a/lib/vendor.py'), 'lib/vendor.py', 'warning'],
      [s.uri('a/src/other.py'), 'src/other.py', 'warning'],
      // a/src/app.py is in a's baseline; b/generated is ignored by b's config.
      [s.uri('b/ci/token.py'), 'ci/token.py', 'error'],
      [s.uri('b/src/app.py'), 'src/app.py', 'error'],
      [s.uri('b/src/other.py'), 'src/other.py', 'error'],
    ]);
    assert.equal(result.summary.findings, 6);
    const inventoryFolders = result.inventory.map((i) =>
      ['a', 'b'].find((f) => i.uri === pathToFileURL(path.join(s.root, f, i.path)).href),
    );
    assert.ok(!inventoryFolders.includes(undefined), 'inventory items carry the URI of the file in their folder');
    assert.deepEqual([...new Set(inventoryFolders)].sort(), ['a', 'b']);
    assert.ok(!JSON.stringify(result).includes(SLACK), 'the value never crosses the protocol');
    // The Problems panel: files not open get the audit's diagnostics, from their folder's config.
    assert.deepEqual(severities((await publishedAfter(s.uri('a/lib/vendor.py'), from)).diagnostics), [['slack-bot-token', WARNING]]);
    assert.deepEqual(severities((await publishedAfter(s.uri('b/ci/token.py'), from)).diagnostics), [['slack-bot-token', ERROR]]);
  });

  it('renders the reports over both folders: prefixed paths in Markdown and HTML, one SARIF run per folder', async () => {
    const markdown = (await s.connection.sendRequest(AuditReportRequest.type, { format: 'markdown' }))!.content;
    assert.match(markdown, /`a\/src\/other\.py:1:20`/);
    assert.match(markdown, /`b\/src\/other\.py:1:20`/);
    assert.ok(!markdown.includes(SLACK));
    const html = (await s.connection.sendRequest(AuditReportRequest.type, { format: 'html', cspSource: 'vscode-webview://x' }))!.content;
    assert.match(html, /data-path="b\/src\/app\.py"/);
    assert.ok(!html.includes(SLACK));
    const sarif = JSON.parse((await s.connection.sendRequest(AuditReportRequest.type, { format: 'sarif' }))!.content) as {
      version: string;
      runs: Array<{
        automationDetails: { id: string };
        originalUriBaseIds: { ROOT: { uri: string } };
        results: Array<{ level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs.map((r) => [r.automationDetails.id, r.originalUriBaseIds.ROOT.uri, r.results.length]),
      [
        ['nhi-lens/a/', `${s.uri('a')}/`, 3],
        ['nhi-lens/b/', `${s.uri('b')}/`, 3],
      ],
    );
    assert.deepEqual(sarif.runs[1].results.map((r) => [r.level, r.locations[0].physicalLocation.artifactLocation.uri]).sort(), [
      ['error', 'ci/token.py'],
      ['error', 'src/app.py'],
      ['error', 'src/other.py'],
    ]);
  });

  it('a folder added later is checked with its own config; a nested one takes over its files', async () => {
    const deploy = s.uri('c/deploy.py');
    const vendor = s.uri('a/lib/vendor.py');
    let from = s.published.length;
    await open(deploy, SOURCE);
    await open(vendor, SOURCE);
    assert.deepEqual(severities((await publishedAfter(deploy, from)).diagnostics), [['slack-bot-token', ERROR]], 'outside every folder');
    assert.deepEqual(severities((await publishedAfter(vendor, from)).diagnostics), [['slack-bot-token', WARNING]], 'a’s config');
    from = s.published.length;
    await changeFolders(['c', 'a/lib'], []);
    assert.deepEqual(severities((await publishedAfter(deploy, from)).diagnostics), [['slack-bot-token', INFO]], 'c’s config');
    assert.deepEqual(severities((await publishedAfter(vendor, from)).diagnostics), [['slack-bot-token', INFO]], 'a/lib’s config');
    const result = await audit();
    assert.deepEqual(
      result.folders.map((f) => f.name),
      ['a', 'b', 'c', 'a/lib'],
    );
    const vendorFindings = result.findings.filter((f) => f.uri === vendor);
    assert.deepEqual(
      vendorFindings.map((f) => [f.path, f.severity]),
      [['vendor.py', 'info']],
      'audited once, by the innermost folder',
    );
    assert.ok(result.findings.some((f) => f.uri === deploy && f.severity === 'info'));
  });

  it('a removed folder stops being served: its audit diagnostics are cleared, its documents checked as outside', async () => {
    const auditedOnly = s.uri('b/ci/token.py'); // never opened: its diagnostics came from the audit
    const generated = s.uri('b/generated/keys.py');
    assert.equal(latest(auditedOnly).length, 1);
    const from = s.published.length;
    await changeFolders([], ['b']);
    assert.deepEqual((await publishedAfter(auditedOnly, from)).diagnostics, [], 'the audit’s diagnostics are cleared');
    assert.deepEqual(
      severities((await publishedAfter(generated, from)).diagnostics),
      [['slack-bot-token', ERROR]],
      'the open document is checked as outside every folder: b’s paths.ignore no longer applies',
    );
    const result = await audit();
    assert.deepEqual(
      result.folders.map((f) => f.name),
      ['a', 'c', 'a/lib'],
    );
    assert.ok(!result.findings.some((f) => f.uri.startsWith(s.uri('b/'))));
  });

  it('checks documents outside every folder and URIs that name no local file, and keeps serving', async () => {
    const outside = s.uri('outside/x.env');
    const share = 'file://host/share/x.env';
    const encoded = 'file:///tmp/a%2Fb.env';
    const text = `SLACK_BOT_TOKEN=${SLACK}\n`;
    const from = s.published.length;
    for (const uri of [outside, share, encoded]) await open(uri, text);
    for (const uri of [outside, share, encoded]) {
      const published = await publishedAfter(uri, from);
      assert.deepEqual(severities(published.diagnostics), [['slack-bot-token', ERROR]], `${uri}: the built-in rules`);
      const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: published.diagnostics[0].range,
        context: { diagnostics: published.diagnostics },
      })) as CodeAction[];
      // A .env file's fix adds it to .gitignore; outside every folder there is none: not offered as a no-op.
      assert.ok(!actions.some((a) => /out of git|Move this secret/.test(a.title)), actions.map((a) => a.title).join(' | '));
      assert.ok(actions.some((a) => a.title.startsWith('Suppress slack-bot-token on this line')));
      assert.ok(!actions.some((a) => a.command?.command === 'nhiLens.server.addToBaseline'), 'no folder, no baseline');
      assert.equal(
        await s.connection.sendRequest(ExecuteCommandRequest.type, {
          command: 'nhiLens.server.addToBaseline',
          arguments: [uri, 'f'.repeat(16), 'slack-bot-token'],
        }),
        false,
      );
    }
    await s.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: {
        added: [
          { uri: share, name: 'share' },
          { uri: encoded, name: 'enc' },
          { uri: 'untitled:x', name: 'u' },
        ],
        removed: [],
      },
    });
    await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const result = await audit();
    assert.deepEqual(
      result.folders.map((f) => f.name),
      ['a', 'c', 'a/lib'],
      'URIs that name no local folder are not served',
    );
  });
});

describe('language server: multi-root workspaces (pull diagnostics, trust, a folder that cannot be audited)', function () {
  this.timeout(60_000);

  it('a config change in one folder leaves the other folder’s results unchanged', async () => {
    const s = await LspSession.start(
      { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { workspaceFolders: true } },
      { 'a/app.py': SOURCE, 'b/app.py': SOURCE },
      { folders: ['a', 'b'] },
    );
    try {
      const pull = (uri: string, previousResultId?: string) =>
        s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
      for (const f of ['a/app.py', 'b/app.py']) await openPython(s, s.uri(f));
      const a = (await pull(s.uri('a/app.py'))) as FullDocumentDiagnosticReport;
      const b = (await pull(s.uri('b/app.py'))) as FullDocumentDiagnosticReport;
      fs.writeFileSync(path.join(s.root, 'b', '.nhi-lens.yaml'), 'overrides:\n  slack-bot-token: { severity: info }\n');
      const refreshes = s.refreshes;
      await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: s.uri('b/.nhi-lens.yaml'), type: FileChangeType.Created }],
      });
      await s.until('a diagnostic refresh', () => s.refreshes > refreshes);
      assert.deepEqual(await pull(s.uri('a/app.py'), a.resultId), { kind: 'unchanged', resultId: a.resultId });
      const after = (await pull(s.uri('b/app.py'), b.resultId)) as FullDocumentDiagnosticReport;
      assert.equal(after.kind, 'full');
      assert.deepEqual(severities(after.items), [['slack-bot-token', INFO]]);
      assert.deepEqual(severities(b.items), [['slack-bot-token', ERROR]]);
    } finally {
      await s.stop();
    }
  });

  it('an untrusted workspace runs no folder’s custom rules, and says so for each folder', async () => {
    const s = await LspSession.start(
      { workspace: { workspaceFolders: true } },
      { 'a/.nhi-lens.yaml': custom('acme-a'), 'b/.nhi-lens.yaml': custom('acme-b') },
      { folders: ['a', 'b'], initializationOptions: { trusted: false } },
    );
    try {
      const messages = await s.until('a message per folder', () => (s.messages.length >= 2 ? s.messages : undefined));
      assert.deepEqual(messages.map((m) => /\((a|b)\):.*custom rule\(s\) not run until you trust/.exec(m)?.[1]).sort(), ['a', 'b']);
      const token = ['acme', 'q8zr3lm0pd5xv2kc7hs1ty4u'].join('_');
      for (const folder of ['a', 'b']) {
        const uri = s.uri(`${folder}/svc.py`);
        await openPython(s, uri, `${SOURCE}INTERNAL = "${token}"\n`);
        assert.deepEqual(
          (await s.diagnosticsFor(uri)).diagnostics.map((d) => d.code),
          ['slack-bot-token'],
          `${folder}: built-in rules only`,
        );
      }
    } finally {
      await s.stop();
    }
  });
  it('audits the folders it can: a folder whose config cannot build an engine becomes a note', async () => {
    const s = await LspSession.start(
      { workspace: { workspaceFolders: true } },
      { 'a/app.py': SOURCE, 'b/app.py': SOURCE, 'b/.nhi-lens.yaml': custom('slack-bot-token') },
      { folders: ['a', 'b'] },
    );
    try {
      await s.until('the config problem', () => s.messages.find((m) => /\(b\):.*duplicates an existing rule id/.test(m)));
      const result: AuditResult = await s.connection.sendRequest(AuditWorkspaceRequest.type, {});
      assert.deepEqual(
        result.findings.map((f) => f.uri),
        [s.uri('a/app.py')],
      );
      assert.equal(result.notes.length, 1);
      assert.match(result.notes[0], /^b: not audited: .*duplicates an existing rule id/);
      const markdown = (await s.connection.sendRequest(AuditReportRequest.type, { format: 'markdown' }))!.content;
      assert.match(markdown, /`a\/app\.py:1:20`/);
      assert.match(markdown, /> b: not audited/);
    } finally {
      await s.stop();
    }
  });
});

async function openPython(s: LspSession, uri: string, text = SOURCE): Promise<void> {
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text },
  });
}
