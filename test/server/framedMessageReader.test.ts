import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { FramedMessageReader, wholeTextChangeUri } from '../../server/framedMessageReader';

const frame = (message: unknown, header = (n: number) => `Content-Length: ${n}\r\n\r\n`) => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(header(body.length), 'ascii'), body]);
};

const edit = (version: number, text: string) => ({
  jsonrpc: '2.0',
  method: 'textDocument/didChange',
  params: {
    textDocument: { uri: 'file:///a.ts', version },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text }],
  },
});

/** A reader on a stream the test writes to; what it delivers, per write (one write = one read of the transport). */
function harness() {
  const stream = new PassThrough();
  const reader = new FramedMessageReader(stream);
  const reads: Message[][] = [];
  const errors: string[] = [];
  let current: Message[] = [];
  reader.onError((e) => errors.push(e.message));
  reader.listen((m) => current.push(m));
  /** Writes one chunk and returns what the reader delivered while handling it. */
  const read = (chunk: Buffer): Message[] => {
    current = [];
    stream.emit('data', chunk); // as the stream does for one read, synchronously
    reads.push(current);
    return current;
  };
  return { read, reads, errors, reader };
}

describe('server: framed message reader (stdio)', () => {
  // Multi-byte UTF-8 of every length, so that chunk boundaries fall inside characters.
  const messages = [edit(2, 'café → 😀 "q" \\ \n'), { jsonrpc: '2.0', id: 7, method: 'textDocument/codeAction', params: {} }, edit(3, '')];
  const bytes = Buffer.concat(messages.map((m) => frame(m)));

  it('hands on every message of one read within that read, in order', () => {
    const { read } = harness();
    const got = read(bytes);
    assert.deepEqual(got, messages);
  });

  it('reads messages split at every byte boundary, and across many small reads', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const { read, reads, errors } = harness();
      read(bytes.subarray(0, cut));
      read(bytes.subarray(cut));
      assert.deepEqual(reads.flat(), messages, `cut at ${cut}`);
      assert.deepEqual(errors, []);
    }
    const { read, reads } = harness();
    for (let at = 0; at < bytes.length; at += 3) read(bytes.subarray(at, at + 3));
    assert.deepEqual(reads.flat(), messages);
  });

  it('accepts other headers and any case of Content-Length', () => {
    const { read } = harness();
    const header = (n: number) => `content-length: ${n}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`;
    assert.deepEqual(read(Buffer.concat([frame(messages[1], header), frame(messages[0])])), [messages[1], messages[0]]);
  });

  it('reports a body that is not JSON without echoing it, and goes on with the next message', () => {
    const { read, errors } = harness();
    const secretish = 'not json: ghp_' + 'x'.repeat(36);
    const bad = Buffer.concat([Buffer.from(`Content-Length: ${secretish.length}\r\n\r\n`), Buffer.from(secretish)]);
    assert.deepEqual(read(Buffer.concat([bad, frame(messages[1])])), [messages[1]]);
    assert.equal(errors.length, 1);
    assert.ok(!errors[0].includes('ghp_'), errors[0]);
  });

  it('reports a header without a usable Content-Length', () => {
    const { read, errors } = harness();
    read(Buffer.from('Content-Length: twelve\r\n\r\n{}'));
    assert.equal(errors.length, 1);
  });

  it('a burst of 5,000 edits written at once reaches the reader in few reads, not one per message', async () => {
    // Through a real pipe-like stream: the point of this reader is that a read holds many messages.
    const stream = new PassThrough();
    const reader = new FramedMessageReader(stream);
    // Messages delivered per event-loop turn (vscode-jsonrpc's reader delivers one per turn).
    const perRead: number[] = [];
    let inRead = 0;
    reader.listen(() => {
      if (inRead++ === 0) setImmediate(() => (perRead.push(inRead), (inRead = 0)));
    });
    const all = Buffer.concat(Array.from({ length: 5000 }, (_, i) => frame(edit(i + 2, 'y'))));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    stream.end(all);
    await ended;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(
      perRead.reduce((a, b) => a + b, 0),
      5000,
    );
    assert.ok(perRead.length < 50, `${perRead.length} turns for 5,000 messages`);
  });
});

describe('server: whole-text changes superseded within a read are not parsed', () => {
  const whole = (uri: string, version: number, text: string) => ({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: { textDocument: { uri, version }, contentChanges: [{ text }] },
  });
  // Large enough to be looked at (small bodies are parsed at once); quotes, backslashes and
  // multi-byte characters inside, and a fake JSON tail that must not be taken for the end.
  const text = (n: number) => `const s${n} = "a \\" \\\\"; // café → 😀 "}]}} ` + 'x'.repeat(20_000) + `\n${n}`;
  const afterRead = () => new Promise((resolve) => setImmediate(resolve));

  /** Feeds `chunks` as reads, then lets the held message go; returns what was delivered. */
  async function deliver(...chunks: Buffer[]) {
    const stream = new PassThrough();
    const reader = new FramedMessageReader(stream);
    const got: Message[] = [];
    reader.listen((m) => got.push(m));
    for (const chunk of chunks) stream.emit('data', chunk);
    await afterRead();
    return { got, superseded: reader.superseded };
  }

  it('recognises exactly the whole-text change as clients write it', () => {
    const bytes = (m: unknown) => Buffer.from(JSON.stringify(m));
    assert.equal(wholeTextChangeUri(bytes(whole('file:///a.ts', 2, text(1)))), 'file:///a.ts');
    // A range makes it incremental; two changes, another method, other spacing: not recognised.
    const ranged = whole('file:///a.ts', 2, text(1));
    (ranged.params.contentChanges[0] as Record<string, unknown>).range = {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    };
    assert.equal(wholeTextChangeUri(bytes(ranged)), undefined);
    const two = whole('file:///a.ts', 2, text(1));
    two.params.contentChanges.push({ text: 'y' });
    assert.equal(wholeTextChangeUri(bytes(two)), undefined);
    assert.equal(wholeTextChangeUri(Buffer.from(JSON.stringify(whole('file:///a.ts', 2, text(1)), null, 1))), undefined);
    assert.equal(wholeTextChangeUri(bytes({ ...whole('file:///a.ts', 2, text(1)), method: 'textDocument/didSave' })), undefined);
    // A string that would end early, or not end at the suffix.
    const body = bytes(whole('file:///a.ts', 2, 'abc'));
    const forged = Buffer.concat([body.subarray(0, body.length - 8), Buffer.from('"x"}]}}')]);
    assert.equal(wholeTextChangeUri(forged), undefined);
    const unterminated = Buffer.concat([body.subarray(0, body.length - 5), Buffer.from('\\"}]}}')]);
    assert.equal(wholeTextChangeUri(unterminated), undefined);
  });

  it('three whole-text changes of one document in a read: only the last is parsed, with its version', async () => {
    const { got, superseded } = await deliver(
      Buffer.concat([
        frame(whole('file:///a.ts', 2, text(2))),
        frame(whole('file:///a.ts', 3, text(3))),
        frame(whole('file:///a.ts', 4, text(4))),
      ]),
    );
    assert.deepEqual(got, [whole('file:///a.ts', 4, text(4))]);
    assert.equal(superseded, 2);
  });

  it('held across reads until the next message says, and handed on when nothing follows', async () => {
    const bytes = Buffer.concat([frame(whole('file:///a.ts', 2, text(2))), frame(whole('file:///a.ts', 3, text(3)))]);
    const { got, superseded } = await deliver(bytes.subarray(0, 30_000), bytes.subarray(30_000));
    assert.deepEqual(got, [whole('file:///a.ts', 3, text(3))]);
    assert.equal(superseded, 1);
  });

  it('never skips a change another document, a request or an incremental change comes between', async () => {
    const request = { jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: {} };
    const messages = [
      whole('file:///a.ts', 2, text(2)),
      whole('file:///b.ts', 2, text(2)),
      whole('file:///a.ts', 3, text(3)),
      request,
      whole('file:///a.ts', 4, text(4)),
      edit(5, 'y'),
      whole('file:///a.ts', 6, text(6)),
    ];
    const { got, superseded } = await deliver(Buffer.concat(messages.map((m) => frame(m))));
    assert.deepEqual(got, messages);
    assert.equal(superseded, 0);
  });
});
