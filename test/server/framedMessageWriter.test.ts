import * as assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { FramedMessageWriter } from '../../server/framedMessageWriter';

describe('server: the framed message writer (header and body in one write)', () => {
  const messages: Message[] = [
    { jsonrpc: '2.0', id: 1, result: { kind: 'full', items: [] } } as Message,
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é 😀 \u2028 "quoted" \\ back' } } as Message,
    { jsonrpc: '2.0', id: 2, result: { items: Array.from({ length: 500 }, (_, i) => ({ message: `finding ${i} ✓` })) } } as Message,
  ];

  it('writes messages the library reads back, in order, whatever their characters', async () => {
    const pipe = new PassThrough();
    const reader = new StreamMessageReader(pipe);
    const read: Message[] = [];
    const all = new Promise<void>((resolve) =>
      reader.listen((m) => {
        read.push(m);
        if (read.length === messages.length) resolve();
      }),
    );
    const writer = new FramedMessageWriter(pipe);
    await Promise.all(messages.map((m) => writer.write(m)));
    await all;
    assert.deepEqual(read, messages);
    reader.dispose();
  });

  it('one write per message, the header on it', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const writer = new FramedMessageWriter(sink);
    for (const m of messages) await writer.write(m);
    assert.equal(chunks.length, messages.length);
    chunks.forEach((chunk, i) => {
      const text = chunk.toString('utf8');
      const body = JSON.stringify(messages[i]);
      assert.equal(text, `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  });

  it('a write that fails rejects and is reported', async () => {
    const sink = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('pipe closed'));
      },
    });
    sink.on('error', () => undefined);
    const writer = new FramedMessageWriter(sink);
    const errors: unknown[] = [];
    writer.onError((e) => errors.push(e));
    await assert.rejects(writer.write(messages[0]), /pipe closed/);
    assert.ok(errors.length >= 1);
  });
});
