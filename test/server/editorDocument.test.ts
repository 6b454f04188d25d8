import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { EditorDocument } from '../../server/editorDocument';
import { MAX_LIMITS } from '../../engine/engine';

// Text made of a few characters, line breaks of every kind among them (\n, \r\n, lone \r).
const piece = fc.constantFrom('a', 'b', 'key', ' ', '=', '"', '\n', '\r\n', '\r', 'é', '😀');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);
/** One didChange: one or more changes, applied in order. */
const update = fc.array(change, { minLength: 1, maxLength: 4 });

/** Everything a caller can read of a document, compared between the two implementations. */
function sameView(ours: EditorDocument, theirs: TextDocument): void {
  const content = theirs.getText();
  assert.equal(ours.getText(), content);
  assert.equal(ours.lineCount, theirs.lineCount);
  assert.equal(ours.version, theirs.version);
  for (let offset = -1; offset <= content.length + 1; offset++) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
  for (let line = -1; line <= theirs.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line));
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line));
    for (let character = -1; character <= 6; character++)
      assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `offsetAt ${line}:${character}`);
  }
}

/**
 * The changes with their lines inside the document each applies to. Clients send ranges inside
 * the document; past its last line the library writes holes into its line table (undefined
 * offsets), a behaviour not worth copying.
 */
function withinDocument(document: TextDocument, changes: TextDocumentContentChangeEvent[]): TextDocumentContentChangeEvent[] {
  const scratch = TextDocument.create(document.uri, document.languageId, document.version, document.getText());
  return changes.map((c) => {
    if (!('range' in c)) {
      TextDocument.update(scratch, [c], scratch.version + 1);
      return c;
    }
    const last = scratch.lineCount - 1;
    const clamp = (p: { line: number; character: number }) => ({ line: Math.min(p.line, last), character: p.character });
    const inside = { range: { start: clamp(c.range.start), end: clamp(c.range.end) }, text: c.text };
    TextDocument.update(scratch, [inside], scratch.version + 1);
    return inside;
  });
}

describe('server: the editor document (edit in place, join the text on read)', () => {
  it('random edits give the same text, positions and offsets as vscode-languageserver-textdocument', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(update, fc.boolean()), { maxLength: 25 }), (initial, updates) => {
        const ours = new EditorDocument('file:///a.txt', 'plaintext', 1, initial);
        const theirs = TextDocument.create('file:///a.txt', 'plaintext', 1, initial);
        let version = 1;
        for (const [raw, read] of updates) {
          version++;
          const changes = withinDocument(theirs, raw);
          ours.update(changes, version);
          TextDocument.update(theirs, changes, version);
          // Reading between edits joins the text and flushes pending line shifts: try both orders.
          if (read) sameView(ours, theirs);
        }
        sameView(ours, theirs);
      }),
      { seed: 1317, numRuns: 400 },
    );
  });

  it('typing many characters at one place keeps later lines right (pending line shift)', () => {
    const initial = 'first line\nsecond line\r\nthird\rfourth\n';
    const ours = new EditorDocument('file:///t.txt', 'plaintext', 1, initial);
    const theirs = TextDocument.create('file:///t.txt', 'plaintext', 1, initial);
    for (let i = 0; i < 300; i++) {
      const at = { line: 0, character: 5 + i };
      const changes = [{ range: { start: at, end: at }, text: i % 7 === 6 ? '\n' : 'x' }];
      ours.update(changes, i + 2);
      TextDocument.update(theirs, changes, i + 2);
      // offsetAt on a later line reads through the pending shift without applying it.
      assert.equal(ours.offsetAt({ line: 1, character: 2 }), theirs.offsetAt({ line: 1, character: 2 }));
    }
    sameView(ours, theirs);
  });

  it('keeps no text of a document larger than any configuration may scan, and knows its size', () => {
    const size = MAX_LIMITS.maxFileBytes + 1;
    const big = new EditorDocument('file:///big.js', 'javascript', 1, 'a'.repeat(size));
    assert.equal(big.tooLarge, size);
    assert.equal(big.getText(), '');
    big.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], 2);
    assert.equal(big.version, 2);
    assert.equal(big.tooLarge, size);
    // A full-text change that makes it small again brings its text back.
    big.update([{ text: 'const a = 1;\n' }], 3);
    assert.equal(big.tooLarge, undefined);
    assert.equal(big.getText(), 'const a = 1;\n');
    const small = new EditorDocument('file:///small.js', 'javascript', 1, 'x = 1\n');
    assert.equal(small.tooLarge, undefined);
  });

  it('names each text it has had with a new contentId (the diagnostics result id), never one of another document', () => {
    const a = new EditorDocument('file:///a.js', 'javascript', 1, 'x = 1\n');
    const b = new EditorDocument('file:///b.js', 'javascript', 1, 'x = 1\n');
    const seen = new Set([a.contentId, b.contentId]);
    assert.equal(seen.size, 2);
    for (let v = 2; v < 6; v++) {
      a.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }], v);
      assert.ok(!seen.has(a.contentId), `version ${v} has a new id`);
      seen.add(a.contentId);
    }
    a.update([{ text: 'x = 1\n' }], 6); // back to the first text: still a new id (the server scans it again)
    assert.ok(!seen.has(a.contentId));
  });
});
