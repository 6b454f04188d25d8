/**
 * JSON-RPC messages read from a byte stream (LSP base protocol: `Content-Length` headers), every
 * message of one read handed on at once.
 *
 * vscode-jsonrpc's StreamMessageReader decodes each message in its own event-loop turn (a
 * semaphore that schedules every decode with `setImmediate`, to keep async decoders in order).
 * A burst of 10,000 `didChange` notifications then arrives one per turn, so nothing downstream
 * ever sees more than one of them at a time: the coalescing reader cannot merge them, and a
 * request behind the burst waits until the server has taken 10,000 turns for them. The server
 * has no async decoders (UTF-8 JSON only), so here every complete message of a chunk is parsed
 * and delivered synchronously, in order, within the read that brought it. Bodies are kept as
 * their chunks until complete and joined once, so a large document is not copied per chunk.
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n');
/** Headers are a few dozen bytes; more than this without a blank line is not LSP. */
const MAX_HEADER_BYTES = 64 * 1024;

export class FramedMessageReader extends AbstractMessageReader {
  /** Bytes of headers not yet ended by a blank line. */
  private header?: Buffer;
  /** Length of the body being read; -1 while reading headers. */
  private bodyLength = -1;
  private body: Buffer[] = [];
  private bodyBytes = 0;

  constructor(private readonly readable: Readable) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.onData(chunk, callback);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
      },
    };
  }

  /** Reads by offset within the chunk: no buffer view per header or body unless a body spans chunks. */
  private onData(chunk: Buffer, callback: DataCallback): void {
    const data = this.header ? Buffer.concat([this.header, chunk]) : chunk;
    this.header = undefined;
    let at = 0;
    while (at < data.length || this.bodyLength === 0) {
      if (this.bodyLength < 0) {
        const end = data.indexOf(HEADER_END, at);
        if (end < 0) {
          if (data.length - at > MAX_HEADER_BYTES) {
            this.fireError(new Error(`message header longer than ${MAX_HEADER_BYTES} bytes`));
            return;
          }
          this.header = data.subarray(at);
          return;
        }
        const length = contentLength(data.toString('ascii', at, end));
        at = end + HEADER_END.length;
        if (length === undefined) {
          // As vscode-jsonrpc does: report it, and drop what was read with it.
          this.fireError(new Error('Header must provide a valid Content-Length property.'));
          return;
        }
        this.bodyLength = length;
      }
      let text: string;
      if (this.bodyBytes === 0 && data.length - at >= this.bodyLength) {
        // The whole body is in this chunk: decode it in place.
        text = data.toString('utf8', at, at + this.bodyLength);
        at += this.bodyLength;
      } else {
        const take = Math.min(this.bodyLength - this.bodyBytes, data.length - at);
        this.body.push(data.subarray(at, at + take));
        this.bodyBytes += take;
        at += take;
        if (this.bodyBytes < this.bodyLength) return;
        text = (this.body.length === 1 ? this.body[0] : Buffer.concat(this.body, this.bodyLength)).toString('utf8');
        this.body = [];
        this.bodyBytes = 0;
      }
      const bytes = this.bodyLength;
      this.bodyLength = -1;
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch {
        // Never echo the body: it may hold a document's text.
        this.fireError(new Error(`a message of ${bytes} bytes is not valid JSON`));
        continue;
      }
      callback(message);
    }
  }
}

/** The `Content-Length` of a header block, or undefined when it has none or it is not a length. */
function contentLength(headers: string): number | undefined {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}
