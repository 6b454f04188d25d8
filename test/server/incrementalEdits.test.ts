import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { LspSession } from './lspHarness';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
const AWS = 'AKIATGOKENEFHORM6SCL';

/** Lines to type: secrets of two rules, generic assignments, comments and line breaks of each kind. */
const PIECES = [
  `SLACK_BOT_TOKEN = "${SLACK}"`,
  `aws_access_key_id = "${AWS}"`,
  'password = "Zq8mT2vX9kLw"',
  '# note',
  'x = 1',
  '\n',
  '\r\n',
  '"',
  ' ',
];

/** A random edit of the document as it is now: an insertion, a deletion or a replacement. */
function randomChange(document: TextDocument, random: () => number): TextDocumentContentChangeEvent {
  const size = document.getText().length;
  const start = Math.floor(random() * (size + 1));
  const end = Math.min(size, start + (random() < 0.4 ? Math.floor(random() * 12) : 0));
  const text = random() < 0.25 ? '' : PIECES[Math.floor(random() * PIECES.length)];
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text };
}

/** Lines without findings that make a document large enough for the server to keep its lines' results between scans (32 KB). */
const FILLER = Array.from({ length: 900 }, (_, i) => `value_${i} = compute(${i})  # filler line`).join('\n') + '\n';

const comparable = (items: Diagnostic[]) => items.map(({ range, code, message, severity }) => ({ range, code, message, severity }));

/**
 * The server keeps each open document up to date from incremental changes and re-checks only
 * what changed: after any edits its diagnostics must be those of the same text opened afresh.
 */
describe('language server: incremental edits give the diagnostics of a fresh open (pull)', () => {
  let s: LspSession;

  before(async () => {
    s = await LspSession.start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  });
  after(() => s.stop());

  const pull = (uri: string) =>
    s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as Promise<
      DocumentDiagnosticReport & { items: Diagnostic[] }
    >;

  /** Random edits of `mirror` from version 2 to `last`, one notification each, a pull every `pullEvery`. */
  async function typeRandomly(mirror: TextDocument, random: () => number, last: number, pullEvery: number): Promise<void> {
    for (let version = 2; version <= last; version++) {
      const change = randomChange(mirror, random);
      TextDocument.update(mirror, [change], version);
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: mirror.uri, version },
        contentChanges: [change],
      });
      if (version % pullEvery === 0) await pull(mirror.uri);
    }
  }

  it('random edits, one notification each and pulled after each: same as the final text scanned from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        let state = seed;
        const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 4294967296;
        const uri = s.uri(`edited-${seed}.py`);
        const initial = `${PIECES[0]}\n${PIECES[2]}\r\n${PIECES[1]}\n${FILLER}`;
        const mirror = TextDocument.create(uri, 'python', 1, initial);
        await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: 'python', version: 1, text: initial },
        });
        await pull(uri);
        await typeRandomly(mirror, random, 25, 5);
        const fresh = s.uri(`fresh-${seed}.py`);
        await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri: fresh, languageId: 'python', version: 1, text: mirror.getText() },
        });
        assert.deepEqual(comparable((await pull(uri)).items), comparable((await pull(fresh)).items));
      }),
      { seed: 99, numRuns: 12 },
    );
  });

  it('typing rehearsed while a large file is read (idle time) changes none of its diagnostics, before or after edits', async () => {
    const block = (i: number) =>
      `resource "aws_iam_role_policy" "p${i}" {\n  role   = "r${i}"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n` +
      (i % 25 === 3 ? `locals {\n  key_${i} = "${AWS}"\n}\n` : '');
    const initial = Array.from({ length: 260 }, (_, i) => block(i)).join('\n');
    assert.ok(initial.length > 32 * 1024, 'large enough for the server to keep what it read between scans');
    const uri = s.uri('rehearsed/main.tf');
    const mirror = TextDocument.create(uri, 'terraform', 1, initial);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'terraform', version: 1, text: initial },
    });
    await pull(uri);
    // The client stays quiet: the server rehearses typing into the file and says so in its log (no
    // Terraform file was opened before in this session: a family is rehearsed once per process).
    await s.until('the typing rehearsal', () => s.logs.some((l) => l.includes('typing rehearsed in a terraform:terraform file')));
    let state = 3;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 4294967296;
    await typeRandomly(mirror, random, 13, 1);
    const fresh = s.uri('rehearsed/fresh.tf');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: fresh, languageId: 'terraform', version: 1, text: mirror.getText() },
    });
    const [edited, opened] = [(await pull(uri)).items, (await pull(fresh)).items];
    const codes = new Map<string, number>();
    for (const d of opened) codes.set(String(d.code), (codes.get(String(d.code)) ?? 0) + 1);
    assert.ok(opened.filter((d) => d.code === 'aws-iam-admin-wildcard').length > 50, `findings to compare: ${[...codes]}`);
    assert.ok(
      opened.some((d) => d.code === 'aws-access-key-id'),
      'a secret among them',
    );
    assert.deepEqual(comparable(edited), comparable(opened));
  });

  it('a burst of edits written at once (merged by the server) ends in the same document as applied one by one', async () => {
    const uri = s.uri('burst.py');
    const initial = `x = 1\n${FILLER}`;
    const mirror = TextDocument.create(uri, 'python', 1, initial);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: initial },
    });
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 4294967296;
    const sent: Promise<void>[] = [];
    for (let version = 2; version <= 1500; version++) {
      const change = randomChange(mirror, random);
      TextDocument.update(mirror, [change], version);
      // Not awaited one by one: the notifications leave in one burst and arrive in few reads.
      sent.push(
        s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] }),
      );
    }
    // A request right behind the burst sees the document after all of it.
    const actions = s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    await Promise.all(sent);
    await actions;
    const fresh = s.uri('burst-fresh.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: fresh, languageId: 'python', version: 1, text: mirror.getText() },
    });
    const [edited, opened] = [(await pull(uri)).items, (await pull(fresh)).items];
    assert.ok(opened.length > 0, 'the final text holds findings to compare');
    assert.deepEqual(comparable(edited), comparable(opened));
  });
});
