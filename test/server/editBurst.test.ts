import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { Commands } from '../../protocol/nhiLensProtocol';
import { RawLspClient } from './rawLspClient';

/** A fake Slack bot token built at run time (the rules' shape, not a real token). */
const SLACK = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const isRewrite = (a: CodeAction) => (a.data as { kind?: string } | undefined)?.kind === 'replace-secret';

/**
 * A burst of edits written to the pipe in one go, with requests written between them: the server
 * reads the burst in a few large reads and merges the edits, and every answer must still be that
 * of the document with exactly the edits written before the request (LSP keeps message order).
 */
describe('language server: requests in the middle of a 10,000-edit burst see exactly the edits before them', function () {
  this.timeout(120_000);
  let c: RawLspClient;

  before(async () => {
    c = await RawLspClient.start({ workspace: { configuration: true } });
  });
  after(() => c.stop());

  it('code actions carry the version, and a read of the edited line its text, as of the edits written before them', async () => {
    const uri = c.uri('burst.py');
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: `T = "${SLACK}"\nv = \n` } });
    const opened = await c.diagnosticsFor(uri, 1);
    assert.equal(opened.diagnostics.length, 1);
    const secret = opened.diagnostics[0] as Diagnostic;

    const EDITS = 10_000;
    let seed = 20261130;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
    // Where requests go: after these many edits (seeded, with the ends included).
    const stops = new Set([0, 1, EDITS, ...Array.from({ length: 30 }, () => Math.floor(random() * EDITS))]);
    let line = 'v = ';
    let firstRewrite: CodeAction | undefined;
    const checks: Promise<void>[] = [];
    const ask = (edits: number) => {
      const version = 1 + edits;
      const text = line;
      checks.push(
        c
          .request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri },
            range: secret.range,
            context: { diagnostics: [secret] },
          })
          .then((actions) => {
            const deferred = actions.find(isRewrite);
            assert.ok(deferred, `after ${edits} edits: the secret's rewrite is offered`);
            if (edits === 0) firstRewrite = deferred;
            assert.equal((deferred.data as { version: number }).version, version, `after ${edits} edits`);
          }),
        c
          .request<string>('workspace/executeCommand', {
            command: Commands.storeCommand,
            // Past the end of the line: the server's text of the whole line as it is now.
            arguments: [uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 1_000_000 } }, 'vault', null],
          })
          .then((command) => assert.ok(command.endsWith(`value='${text}'`), `after ${edits} edits: line 1 is ${text.length} characters`)),
      );
    };
    for (let i = 1; i <= EDITS; i++) {
      if (stops.has(i - 1)) ask(i - 1);
      const ch = LETTERS[i % LETTERS.length];
      c.notify('textDocument/didChange', {
        textDocument: { uri, version: 1 + i },
        contentChanges: [{ range: { start: { line: 1, character: line.length }, end: { line: 1, character: line.length } }, text: ch }],
      });
      line += ch;
    }
    ask(EDITS);
    await Promise.all(checks);

    // After the burst: the final text is what was checked, and the secret's rewrite applies to it.
    const last = await c.diagnosticsFor(uri, 1 + EDITS);
    assert.deepEqual(
      last.diagnostics.map((d) => (d as Diagnostic).range),
      [secret.range],
    );
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: secret.range,
      context: { diagnostics: [secret] },
    });
    const resolved = await c.request<CodeAction>('codeAction/resolve', actions.find(isRewrite));
    assert.equal(resolved.disabled, undefined);
    const edits = resolved.edit?.changes?.[uri] ?? [];
    assert.ok(edits.length > 0, 'the rewrite edits the document');
    assert.ok(
      edits.every((e) => e.range.start.line === 0 && e.range.end.line === 0),
      "on the secret's line",
    );
    // One offered before the burst is refused now: its ranges are of another version.
    const stale = await c.request<CodeAction>('codeAction/resolve', firstRewrite);
    assert.ok(stale.disabled, 'a fix offered before the burst is not applied after it');
  });

  it('whole-text changes written in one go: requests between them see theirs, and the document ends as the last', async () => {
    const uri = c.uri('whole.py');
    // Over 16 KB, so that the server looks at them before parsing (and skips the superseded).
    const filler = Array.from({ length: 800 }, (_, i) => `value_${i} = compute(${i})`).join('\n');
    const textOf = (n: number) => `${n % 2 ? `T = "${SLACK}"` : 'T = None'}\nv = ${n}\n${filler}\n`;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: textOf(1) } });
    await c.diagnosticsFor(uri, 1);
    const lineOne = () =>
      c.request<string>('workspace/executeCommand', {
        command: Commands.storeCommand,
        arguments: [uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 1_000 } }, 'vault', null],
      });
    const seen: Array<Promise<string>> = [];
    for (let version = 2; version <= 60; version++) {
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: textOf(version) }] });
      if (version === 30) seen.push(lineOne());
    }
    seen.push(lineOne());
    const [middle, end] = await Promise.all(seen);
    assert.ok(middle.endsWith("value='v = 30'"), 'a request sees the change written just before it');
    assert.ok(end.endsWith("value='v = 60'"), 'and the last one after all of them');
    // Version 60 has no secret; 59 had one: the publish for 60 must be of 60's text.
    const last = await c.diagnosticsFor(uri, 60);
    assert.deepEqual(last.diagnostics, []);
  });
});
