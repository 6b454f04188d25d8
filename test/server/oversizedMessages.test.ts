import * as assert from 'node:assert/strict';
import { markedLength, OversizedMessageFilter, tooLargeMarker } from '../../server/oversizedMessages';
import { EditorDocument } from '../../server/editorDocument';

const frame = (message: unknown) => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** Feeds `input` through a filter in chunks of the given sizes (cycled); resolves with what came out. */
async function filter(input: Buffer, sizes: number[], max = 1000, holdFrom = 200): Promise<{ out: Buffer; dropped: number }> {
  const f = new OversizedMessageFilter(max, holdFrom);
  const out: Buffer[] = [];
  f.on('data', (d: Buffer) => out.push(d));
  const ended = new Promise((resolve) => f.on('end', resolve));
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = sizes[i % sizes.length];
    f.write(input.subarray(at, at + size));
    at += size;
  }
  f.end();
  await ended;
  return { out: Buffer.concat(out), dropped: f.dropped };
}

/** The messages in a framed byte stream. */
function messages(bytes: Buffer): unknown[] {
  const found: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at);
    const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(at, end).toString('ascii'))![1]);
    found.push(JSON.parse(bytes.subarray(end + 4, end + 4 + length).toString('utf8')));
    at = end + 4 + length;
  }
  return found;
}

const didOpen = (text: string) => ({
  jsonrpc: '2.0',
  method: 'textDocument/didOpen',
  params: { textDocument: { uri: 'file:///big.txt', languageId: 'plaintext', version: 1, text } },
});

describe('server: oversized documents dropped from the byte stream', () => {
  // Text whose JSON has escapes, 2-, 3- and 4-byte UTF-8: the count must be in UTF-16 units, as String#length.
  const big = 'line "one"\n\tcafé → 😀 \\ \u0001 '.repeat(60);

  for (const sizes of [[1 << 20], [1], [7, 13, 64], [300]]) {
    it(`replaces the text of a too-large didOpen by a marker of its length (chunks of ${sizes.join(', ')} bytes)`, async () => {
      const small = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { note: 'x'.repeat(50) } };
      const input = Buffer.concat([frame(small), frame(didOpen(big)), frame(small)]);
      const { out, dropped } = await filter(input, sizes);
      assert.equal(dropped, 1);
      const [first, open, last] = messages(out) as [unknown, ReturnType<typeof didOpen>, unknown];
      assert.deepEqual(first, small);
      assert.deepEqual(last, small);
      assert.equal(open.params.textDocument.uri, 'file:///big.txt');
      assert.equal(markedLength(open.params.textDocument.text), big.length);
      // The document the server then keeps: no text, its size known.
      const doc = new EditorDocument('file:///big.txt', 'plaintext', 1, open.params.textDocument.text);
      assert.equal(doc.tooLarge, big.length);
      assert.equal(doc.getText(), '');
    });
  }

  it('passes byte for byte: small messages, large ones under the limit, and large strings in other messages', async () => {
    const underLimit = didOpen('a'.repeat(900)); // held (over 200 bytes) but not too large
    const otherMethod = { jsonrpc: '2.0', id: 2, method: 'workspace/executeCommand', params: { arguments: ['b'.repeat(5000)] } };
    const fullChange = {
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri: 'file:///c', version: 2 }, contentChanges: [{ text: 'c'.repeat(5000) }] },
    };
    const input = Buffer.concat([frame({ jsonrpc: '2.0', id: 1, result: null }), frame(underLimit), frame(otherMethod)]);
    const { out, dropped } = await filter(input, [5, 100]);
    assert.equal(dropped, 0);
    assert.ok(out.equals(input));
    const changed = await filter(frame(fullChange), [64]);
    assert.equal(changed.dropped, 1, 'a full-text change that is too large is dropped as well');
    assert.equal(markedLength((messages(changed.out)[0] as typeof fullChange).params.contentChanges[0].text), 5000);
  });

  it('a marker is never mistaken for text, nor text for a marker', () => {
    assert.equal(markedLength(tooLargeMarker(123)), 123);
    assert.equal(markedLength('nhi-lens:too-large:123'), undefined);
    assert.equal(markedLength(`${tooLargeMarker(1)}more text after it`), undefined);
  });
});
