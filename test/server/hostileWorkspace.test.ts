import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { AuditWorkspaceRequest } from '../../protocol/nhiLensProtocol';
import { applyTextEdits, LspSession, SERVER } from './lspHarness';

/** A Slack bot token assembled at run time. */
const SLACK = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};
/** A workspace rule in the rule format: `pattern` as given. */
const workspaceRule = (id: string, pattern: string) =>
  [
    'rules:',
    `  - id: ${id}`,
    '    title: A workspace rule',
    '    category: secret',
    '    severity: error',
    '    description: A rule the repository brings.',
    '    remediation: Remove the rule from the config.',
    '    keywords: [tok]',
    `    pattern: '${pattern}'`,
    '    examples: { positive: ["tokq8zr3lm0pd5xv"], negative: ["b"] }',
    '',
  ].join('\n');
/** Nested unbounded repeats: V8 backtracks for minutes on 31 characters of `a` and a `!`. */
const CATASTROPHIC_RULE = workspaceRule('catastrophic', '^tok(?<secret>([a-z0-9]+)+)$');

/** A session's document helpers: open, change, pull diagnostics, ask for and apply actions. */
function documents(s: LspSession) {
  const versions = new Map<string, number>();
  const texts = new Map<string, string>();
  const helpers = {
    texts,
    async open(name: string, text: string): Promise<string> {
      const uri = s.uri(name);
      versions.set(uri, 1);
      texts.set(uri, text);
      await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'plaintext', version: 1, text },
      });
      return uri;
    },
    async replace(uri: string, text: string): Promise<void> {
      const version = versions.get(uri)! + 1;
      versions.set(uri, version);
      texts.set(uri, text);
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    async diagnostics(uri: string): Promise<Diagnostic[]> {
      return ((await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport)
        .items;
    },
    async actions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
      return (await s.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics },
      })) as CodeAction[];
    },
    /** Applies the action's edits to this document as a client would: refused when their version is not the document's. */
    async apply(uri: string, action: CodeAction): Promise<boolean> {
      const edit = action.edit!;
      let edits: TextEdit[] = edit.changes?.[uri] ?? [];
      for (const change of edit.documentChanges ?? []) {
        if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
        if (change.textDocument.version !== null && change.textDocument.version !== versions.get(uri)) return false;
        edits = change.edits as TextEdit[];
      }
      await helpers.replace(uri, applyTextEdits(texts.get(uri)!, edits));
      return true;
    },
  };
  return helpers;
}

describe('language server over stdio: edits never lose content', function () {
  this.timeout(60_000);
  let s: LspSession;
  let docs: ReturnType<typeof documents>;
  before(async () => {
    s = await LspSession.start(PULL_CLIENT);
    docs = documents(s);
  });
  after(() => s.stop());

  it('a secret fix offered for one version and resolved after a line was inserted is refused, then offered again right', async () => {
    const uri = await docs.open('app/stale.py', `import os\nSLACK_BOT_TOKEN = "${SLACK}"\n`);
    const preferred = (await docs.actions(uri, await docs.diagnostics(uri))).find((a) => a.isPreferred)!;
    assert.ok(preferred && !preferred.edit);
    await docs.replace(uri, `import os\nx = 1\nSLACK_BOT_TOKEN = "${SLACK}"\n`);
    const stale = await s.connection.sendRequest(CodeActionResolveRequest.type, preferred);
    assert.equal(stale.edit, undefined, 'no edit computed from the old range on the new text');
    assert.match(stale.disabled?.reason ?? '', /changed since this fix was offered/);
    assert.equal(docs.texts.get(uri), `import os\nx = 1\nSLACK_BOT_TOKEN = "${SLACK}"\n`);

    const fresh = (await docs.actions(uri, await docs.diagnostics(uri))).find((a) => a.isPreferred)!;
    const resolved = await s.connection.sendRequest(CodeActionResolveRequest.type, fresh);
    assert.ok(await docs.apply(uri, resolved));
    assert.equal(docs.texts.get(uri), 'import os\nx = 1\nSLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]\n');
  });

  it('fixes keep a CRLF file CRLF, and "suppress in this file" goes after the BOM', async () => {
    const crlf = await docs.open('app/crlf.py', `import logging\r\nSLACK_BOT_TOKEN = "${SLACK}"\r\n`);
    const preferred = (await docs.actions(crlf, await docs.diagnostics(crlf))).find((a) => a.isPreferred)!;
    assert.ok(await docs.apply(crlf, await s.connection.sendRequest(CodeActionResolveRequest.type, preferred)));
    const fixed = docs.texts.get(crlf)!;
    assert.match(fixed, /os\.environ\["SLACK_BOT_TOKEN"\]\r\n$/);
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, `a bare LF in ${JSON.stringify(fixed)}`);

    const bom = await docs.open('app/bom.sh', `\ufeff#!/bin/sh\nSLACK="${SLACK}"\n`);
    const inFile = (await docs.actions(bom, await docs.diagnostics(bom))).find((a) => /in this file$/.test(a.title))!;
    assert.ok(inFile, 'a suppress-in-file action');
    const resolvedInFile = inFile.edit ? inFile : await s.connection.sendRequest(CodeActionResolveRequest.type, inFile);
    assert.ok(await docs.apply(bom, resolvedInFile));
    assert.ok(docs.texts.get(bom)!.startsWith('\ufeff'), 'the BOM stays first');
    assert.equal(docs.texts.get(bom)!.indexOf('\ufeff', 1), -1, 'one BOM');
    assert.deepEqual(await docs.diagnostics(bom), []);
  });
});

describe('language server over stdio: a crafted tree', function () {
  this.timeout(60_000);

  (process.platform === 'win32' ? it.skip : it)('the audit lists links and FIFOs it passed over in its skipped notes', async () => {
    const s = await LspSession.start(
      { window: { workDoneProgress: true } },
      { 'app.env': `SLACK_TOKEN=${SLACK}\n` },
      {
        prepare: (root) => {
          const elsewhere = `${root}-elsewhere`; // beside the workspace, outside it
          fs.mkdirSync(elsewhere);
          fs.writeFileSync(path.join(elsewhere, 'secret.env'), `SLACK_TOKEN=${SLACK}\n`);
          fs.symlinkSync(path.join(elsewhere, 'secret.env'), path.join(root, 'outside.env'));
          execFileSync('mkfifo', [path.join(root, 'pipe.env')]);
        },
      },
    );
    try {
      const result = await s.connection.sendRequest(AuditWorkspaceRequest.type, {});
      assert.deepEqual(
        result.findings.map((f) => f.path),
        ['app.env'],
      );
      const reason = (p: string) => result.skipped.find((k) => k.path === p)?.reason;
      assert.equal(reason('outside.env'), 'symbolic link pointing outside the audited folder: not followed');
      assert.equal(reason('pipe.env'), 'named pipe (FIFO): not read');
      assert.equal(result.summary.skipped, result.skipped.length);
    } finally {
      await s.stop();
    }
  });
});

describe('language server over stdio: a hostile .nhi-lens.yaml', function () {
  this.timeout(60_000);

  /** A server on a trusted workspace holding `files`. */
  const serverWith = (files: Record<string, string>) => LspSession.start(PULL_CLIENT, files, { initializationOptions: { trusted: true } });

  it('baseline: /dev/zero: initialize is answered, the baseline is not used, the files are checked', async () => {
    const s = await serverWith({ '.nhi-lens.yaml': 'baseline: /dev/zero\n' });
    try {
      assert.ok(s.initialized.capabilities);
      const docs = documents(s);
      const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
      assert.equal((await docs.diagnostics(uri)).length, 1);
      await s.until('the note on the baseline', () => s.messages.find((m) => /baseline "\/dev\/zero" is outside the workspace/.test(m)));
      const actions = await docs.actions(uri, await docs.diagnostics(uri));
      assert.ok(!actions.some((a) => /Accept into the baseline/.test(a.title)), 'no baseline to accept into');
    } finally {
      await s.stop();
    }
  });

  it("a damaged install (the compiled rules' scanner half) is said once, and the server stays up, push or pull", async () => {
    // A copy of the bundles whose compiled rules file is damaged past its one line break: read at the first scan.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-dist-'));
    fs.cpSync(path.dirname(SERVER), dist, { recursive: true, filter: (source) => !source.endsWith('.map') });
    const rulesFile = path.join(dist, 'builtin-rules.json');
    const text = fs.readFileSync(rulesFile, 'latin1');
    const half = text.indexOf('\n') + 200;
    fs.writeFileSync(rulesFile, `${text.slice(0, half)}@@@${text.slice(half + 3)}`);
    const damaged = /NHI Lens: the compiled rules file .*builtin-rules\.json is damaged .*reinstall nhi-lens/;
    for (const capabilities of [{}, PULL_CLIENT]) {
      const pull = capabilities === PULL_CLIENT;
      const s = await LspSession.start(
        capabilities,
        {},
        { initializationOptions: { trusted: true }, server: path.join(dist, 'server.js') },
      );
      try {
        const docs = documents(s);
        const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
        if (pull) assert.deepEqual(await docs.diagnostics(uri), []);
        await s.until('the message', () => s.messages.find((m) => damaged.test(m)));
        await docs.replace(uri, `TOKEN = "${SLACK}"\n`);
        if (pull) assert.deepEqual(await docs.diagnostics(uri), []);
        else await s.until('diagnostics of the edit (none)', () => s.published.find((p) => p.uri === uri && p.version === 2));
        assert.equal(s.messages.filter((m) => damaged.test(m)).length, 1, 'said once');
        assert.ok(!s.messages.concat(s.logs).some((m) => m.includes(SLACK)), 'no value in any message');
      } finally {
        await s.stop();
      }
    }
  });

  it('a baseline outside the workspace is never written, even by a forged "accept" command', async () => {
    const s = await serverWith({ '.nhi-lens.yaml': 'baseline: ../notes.txt\n' });
    const outside = path.join(path.dirname(s.root), 'notes.txt');
    fs.writeFileSync(outside, 'my notes\n');
    try {
      const docs = documents(s);
      const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
      const diagnostics = await docs.diagnostics(uri);
      const actions = await docs.actions(uri, diagnostics);
      assert.ok(!actions.some((a) => /baseline/i.test(a.title)), actions.map((a) => a.title).join(' | '));
      const data = diagnostics[0].data as { fingerprint: string; ruleId: string };
      const accepted = await s.connection.sendRequest(ExecuteCommandRequest.type, {
        command: 'nhiLens.server.addToBaseline',
        arguments: [uri, data.fingerprint, data.ruleId],
      });
      assert.equal(accepted, false);
      assert.deepEqual(s.applied, [], 'no workspace edit asked of the client');
      assert.equal(fs.readFileSync(outside, 'utf8'), 'my notes\n');
    } finally {
      await s.stop();
      fs.rmSync(outside, { force: true });
    }
  });

  it('a custom rule that backtracks catastrophically in V8 runs in linear time in a trusted workspace', async () => {
    const s = await serverWith({ '.nhi-lens.yaml': CATASTROPHIC_RULE });
    try {
      const docs = documents(s);
      // V8 would take minutes on 31 characters of this line: the test's timeout is the failure.
      const slow = await docs.open('slow.txt', `tok${'a'.repeat(50_000)}!\n`);
      assert.deepEqual(await docs.diagnostics(slow), []);
      const found = await docs.open('token.txt', 'tokq8zr3lm0pd5xv2kc7hs1ty4u\n');
      assert.deepEqual(
        (await docs.diagnostics(found)).map((d) => d.code),
        ['catastrophic'],
      );
      const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
      assert.equal((await docs.diagnostics(uri)).length, 1, 'the built-in rules run too');
      assert.ok(!s.messages.some((m) => /catastrophic/.test(m)), 'the rule is accepted');
    } finally {
      await s.stop();
    }
  });

  it('a custom rule the linear-time engine cannot express is refused with the rule and the construct named; diagnostics still come', async () => {
    const s = await serverWith({ '.nhi-lens.yaml': workspaceRule('doubled', 'tok(?<secret>([a-z])\\2[a-z0-9]{8})') });
    try {
      const message = await s.until('the rule refused', () => s.messages.find((m) => /rule "doubled" pattern/.test(m)));
      assert.match(message, /rule "doubled" pattern uses a back-reference \(\\2\)/);
      const docs = documents(s);
      const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
      assert.equal((await docs.diagnostics(uri)).length, 1, 'the built-in rules still run');
    } finally {
      await s.stop();
    }
  });

  it('limits above the caps are a config problem the server reports, not an out-of-memory crash', async () => {
    const s = await serverWith({ '.nhi-lens.yaml': 'limits:\n  maxFileBytes: 100000000000\n' });
    try {
      await s.until('the limit refused', () => s.messages.find((m) => /limits.maxFileBytes must be <= 67108864/.test(m)));
      const docs = documents(s);
      const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
      assert.equal((await docs.diagnostics(uri)).length, 1);
    } finally {
      await s.stop();
    }
  });

  it('a config linked to a file outside the workspace is not read, and nothing of it is shown', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-outside-'));
    fs.writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0:private-marker-7f3a:/root:/bin/bash\nprivate-marker-key: x\n');
    const s = await LspSession.start(
      PULL_CLIENT,
      {},
      { prepare: (root) => fs.symlinkSync(path.join(outside, 'passwd'), path.join(root, '.nhi-lens.yaml')) },
    );
    try {
      await s.until('the link refused', () => s.messages.find((m) => /links outside the workspace: not read/.test(m)));
      const docs = documents(s);
      const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
      assert.equal((await docs.diagnostics(uri)).length, 1);
      assert.ok(!s.messages.some((m) => m.includes('private-marker')), s.messages.join('\n'));
    } finally {
      await s.stop();
    }
  });

  (process.platform === 'win32' ? it.skip : it)(
    'a FIFO as the config: initialize is answered, files are checked, and the server exits when its client goes away',
    async () => {
      const s = await LspSession.start(PULL_CLIENT, {}, { prepare: (root) => execFileSync('mkfifo', [path.join(root, '.nhi-lens.yaml')]) });
      const exited = once(s.server, 'exit');
      try {
        assert.ok(s.initialized.capabilities, 'initialize answered');
        await s.until('the note on the config', () => s.messages.find((m) => /not a regular file/.test(m)));
        const docs = documents(s);
        const uri = await docs.open('app.py', `SLACK_BOT_TOKEN = "${SLACK}"\n`);
        assert.equal((await docs.diagnostics(uri)).length, 1);
      } finally {
        // The client goes away without a shutdown: its end of the pipe closes.
        s.connection.dispose();
        s.server.stdin!.end();
      }
      await exited; // mocha's timeout fails the test if the server stays behind as an orphan
    },
  );
});
