import * as assert from 'node:assert/strict';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';
import { CoalescingMessageReader } from '../../server/coalescingReader';

/** A transport whose "reads" the test makes: each `read` delivers its messages synchronously, as one stream chunk does. */
class FakeReader extends AbstractMessageReader {
  private callback?: DataCallback;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
  read(...messages: Message[]): void {
    for (const m of messages) this.callback!(m);
  }
}

const change = (uri: string, version: number, text: string): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text }],
    },
  }) as Message;
const request = (id: number): Message => ({ jsonrpc: '2.0', id, method: 'textDocument/codeAction', params: {} }) as Message;
const afterRead = () => new Promise((resolve) => setImmediate(resolve));

describe('server: coalescing message reader', () => {
  it('merges consecutive edits of one document within a read, in order, with the last version', async () => {
    const inner = new FakeReader();
    const reader = new CoalescingMessageReader(inner);
    const got: Message[] = [];
    reader.listen((m) => got.push(m));
    inner.read(change('file:///a', 2, 'a'), change('file:///a', 3, 'b'), change('file:///a', 4, 'c'), request(1));
    assert.equal(got.length, 0, 'handed on after the read');
    await afterRead();
    assert.equal(got.length, 2);
    const merged = got[0] as unknown as { params: { textDocument: { version: number }; contentChanges: { text: string }[] } };
    assert.deepEqual(
      merged.params.contentChanges.map((c) => c.text),
      ['a', 'b', 'c'],
    );
    assert.equal(merged.params.textDocument.version, 4);
    assert.equal((got[1] as { id?: number }).id, 1, 'the request comes after the edits it followed');
    assert.equal(reader.merged, 2);
  });

  it('never merges across another document, a request, or two reads', async () => {
    const inner = new FakeReader();
    const reader = new CoalescingMessageReader(inner);
    const got: Message[] = [];
    reader.listen((m) => got.push(m));
    inner.read(
      change('file:///a', 2, 'a'),
      change('file:///b', 2, 'b'),
      change('file:///a', 3, 'c'),
      request(1),
      change('file:///a', 4, 'd'),
    );
    await afterRead();
    inner.read(change('file:///a', 5, 'e'));
    await afterRead();
    const order = got.map((m) =>
      'id' in m
        ? `request`
        : (m as unknown as { params: { contentChanges: { text: string }[] } }).params.contentChanges.map((c) => c.text).join(''),
    );
    assert.deepEqual(order, ['a', 'b', 'c', 'request', 'd', 'e']);
    assert.equal(reader.merged, 0);
  });
});
