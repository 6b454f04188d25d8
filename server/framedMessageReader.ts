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
 *
 * A client that sends the whole text on every change (a `didChange` without a range) makes each
 * keystroke a parse of the whole document. Such a message (recognised from its bytes:
 * `wholeTextChangeUri`) is held to the end of the event-loop turn's reads; when the next message
 * read is another whole-text change of the same document, the held one is superseded and dropped
 * without being decoded or parsed. That happens only when the server has fallen behind (the next
 * change was already waiting in the pipe). The document ends as it would have; the skipped
 * versions are never seen, and nothing could have observed them, as no other message came between.
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n');
/** Headers are a few dozen bytes; more than this without a blank line is not LSP. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Bodies from this size on are looked at for a whole-text change before they are parsed (smaller ones parse in microseconds). */
const PEEK_FROM = 16 * 1024;

/**
 * The start of a whole-text change as vscode-jsonrpc and VS Code write it (members in this order,
 * no spaces): the document's URI (no quote or backslash in it), then the text as the one change.
 * A message written any other way is simply parsed.
 */
const WHOLE_TEXT_PREFIX =
  /^\{"jsonrpc":"2\.0","method":"textDocument\/didChange","params":\{"textDocument":\{"uri":"([^"\\]*)","version":-?\d+\},"contentChanges":\[\{"text":"/;
const WHOLE_TEXT_SUFFIX = Buffer.from('"}]}}');

/**
 * The document URI when `body` is exactly one whole-text change (the prefix above, one JSON
 * string, then `"}]}}`), else undefined. The string must hold no unescaped quote, so nothing else
 * can hide inside it.
 */
export function wholeTextChangeUri(body: Buffer): string | undefined {
  const prefix = WHOLE_TEXT_PREFIX.exec(body.toString('latin1', 0, Math.min(body.length, 4096)));
  if (!prefix) return undefined;
  const end = body.length - WHOLE_TEXT_SUFFIX.length;
  if (end < prefix[0].length || !body.subarray(end).equals(WHOLE_TEXT_SUFFIX)) return undefined;
  const escaped = (quote: number) => {
    let backslashes = 0;
    while (body[quote - 1 - backslashes] === 0x5c) backslashes++;
    return backslashes % 2 === 1;
  };
  if (escaped(end)) return undefined; // the string does not end there
  for (let quote = body.indexOf(0x22, prefix[0].length); quote >= 0 && quote < end; quote = body.indexOf(0x22, quote + 1))
    if (!escaped(quote)) return undefined; // the string ends before the suffix: not one change
  return prefix[1];
}

export class FramedMessageReader extends AbstractMessageReader {
  /** Bytes of headers not yet ended by a blank line. */
  private header?: Buffer;
  /** Length of the body being read; -1 while reading headers. */
  private bodyLength = -1;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  /** A whole-text change kept back until the next message shows whether it is superseded. */
  private held?: { body: Buffer; uri: string };
  private release?: NodeJS.Immediate;
  private callback?: DataCallback;
  /** How many whole-text changes were dropped unparsed, superseded by the next (for tests and logs). */
  superseded = 0;

  constructor(private readonly readable: Readable) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.onData(chunk);
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
  private onData(chunk: Buffer): void {
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
      if (this.bodyBytes === 0 && data.length - at >= this.bodyLength) {
        // The whole body is in this chunk: read it in place.
        const from = at;
        at += this.bodyLength;
        this.bodyLength = -1;
        this.deliver(data, from, at);
      } else {
        const take = Math.min(this.bodyLength - this.bodyBytes, data.length - at);
        this.body.push(data.subarray(at, at + take));
        this.bodyBytes += take;
        at += take;
        if (this.bodyBytes < this.bodyLength) return;
        const body = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body, this.bodyLength);
        this.body = [];
        this.bodyBytes = 0;
        this.bodyLength = -1;
        this.deliver(body, 0, body.length);
      }
    }
  }

  /** One complete body, bytes [from, to) of `data`: parsed and handed on, or held (see the top of this file). */
  private deliver(data: Buffer, from: number, to: number): void {
    const body = to - from >= PEEK_FROM ? data.subarray(from, to) : undefined;
    const uri = body && wholeTextChangeUri(body);
    const held = this.held;
    this.held = undefined;
    if (held && uri !== undefined && held.uri === uri) this.superseded++;
    else if (held) this.parse(held.body, 0, held.body.length);
    if (body && uri !== undefined) {
      this.held = { body, uri };
      // Nothing more in this read: it goes on after it (as the coalescing reader hands on its batch).
      this.release ??= setImmediate(() => {
        this.release = undefined;
        const last = this.held;
        this.held = undefined;
        if (last) this.parse(last.body, 0, last.body.length);
      });
      return;
    }
    this.parse(data, from, to);
  }

  private parse(data: Buffer, from: number, to: number): void {
    let message: Message;
    try {
      message = JSON.parse(data.toString('utf8', from, to)) as Message;
    } catch {
      // Never echo the body: it may hold a document's text.
      this.fireError(new Error(`a message of ${to - from} bytes is not valid JSON`));
      return;
    }
    this.callback?.(message);
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
