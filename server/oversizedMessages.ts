/**
 * Documents too large to scan, dropped from the byte stream before JSON-RPC reads them.
 *
 * vscode-jsonrpc reads a message whole: its chunks, then one buffer of the body, then a string
 * decoded from it, then the parsed message holding the text once more: about four copies of a
 * 200 MB document (over 1 GB) before the server can even see that it will not scan it. This
 * stream sits between stdin and the reader. A message body over `holdFrom` bytes is held as its
 * chunks (one copy) while a small state machine measures its longest JSON string; when that
 * string decodes to more characters than any configuration may scan, and the message opens or
 * replaces a document, the string is replaced by a short marker that says how long it was
 * (`tooLargeMarker`), which `EditorDocument` turns into a document that keeps no text.
 * Every other message passes through byte for byte.
 */
import { Transform, type TransformCallback } from 'node:stream';

const MARKER = '\u0000nhi-lens:too-large:';

/** The text that stands for a document of `length` characters that was not kept. */
export function tooLargeMarker(length: number): string {
  return `${MARKER}${length}`;
}

/** The length a marker stands for, or undefined for real text (text with a NUL first is binary anyway). */
export function markedLength(text: string): number | undefined {
  if (!text.startsWith(MARKER) || text.length > MARKER.length + 16) return undefined;
  const n = Number(text.slice(MARKER.length));
  return Number.isSafeInteger(n) ? n : undefined;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const METHODS = [/"method"\s*:\s*"textDocument\/didOpen"/, /"method"\s*:\s*"textDocument\/didChange"/];

/** Finds the longest JSON string of a body fed in chunks: its byte span and its length in UTF-16 units. */
class LongestString {
  best = { start: -1, end: -1, units: -1 };
  private offset = 0;
  private inString = false;
  private escape = false;
  private hex = 0;
  private start = 0;
  private units = 0;

  feed(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++, this.offset++) {
      const b = chunk[i];
      if (!this.inString) {
        if (b === 0x22) {
          this.inString = true;
          this.start = this.offset;
          this.units = 0;
        }
        continue;
      }
      if (this.hex > 0) {
        this.hex--;
      } else if (this.escape) {
        this.escape = false;
        this.units++;
        if (b === 0x75) this.hex = 4; // \uXXXX is one UTF-16 unit
      } else if (b === 0x5c) {
        this.escape = true;
      } else if (b === 0x22) {
        this.inString = false;
        if (this.units > this.best.units) this.best = { start: this.start, end: this.offset + 1, units: this.units };
      } else if (b < 0x80 || (b >= 0xc0 && b < 0xf0)) {
        this.units++; // ASCII, or the lead byte of a 2- or 3-byte UTF-8 sequence
      } else if (b >= 0xf0) {
        this.units += 2; // 4-byte sequence: a surrogate pair
      } // continuation bytes add nothing
    }
  }
}

/** Bytes [from, to) of a body held as consecutive chunks, copied into one buffer. */
function bytesBetween(chunks: Buffer[], from: number, to: number): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    const lo = Math.max(from, offset);
    const hi = Math.min(to, offset + chunk.length);
    if (lo < hi) parts.push(chunk.subarray(lo - offset, hi - offset));
    offset += chunk.length;
    if (offset >= to) break;
  }
  return Buffer.concat(parts);
}

export class OversizedMessageFilter extends Transform {
  /** Bytes of a header not yet ended by its blank line: not handed on until its body is judged. */
  private pendingHeader?: Buffer;
  /** Bytes of the current body still to come; -1 while reading headers. */
  private remaining = -1;
  private held?: { header: Buffer; chunks: Buffer[]; longest: LongestString; length: number };
  /** How many documents were dropped (for tests). */
  dropped = 0;

  constructor(
    private readonly maxTextLength: number,
    private readonly holdFrom = 16 * 1024 * 1024,
  ) {
    super();
  }

  /**
   * Walks the chunk's message boundaries by offset and hands on everything that passes in as few
   * pieces as it can (usually the chunk itself): a burst of small edits arrives downstream in a
   * few reads, not one push per header and body.
   */
  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.pendingHeader ? Buffer.concat([this.pendingHeader, chunk]) : chunk;
    this.pendingHeader = undefined;
    let at = 0;
    /** The first byte of `data` not yet handed on (or held). */
    let passFrom = 0;
    while (at < data.length) {
      if (this.remaining < 0) {
        // Headers: up to the blank line, then Content-Length.
        const end = data.indexOf(HEADER_END, at);
        if (end < 0) {
          if (data.length - at > 64 * 1024) return done(new Error('message header too long')); // never legitimate
          if (passFrom < at) this.push(data.subarray(passFrom, at));
          this.pendingHeader = data.subarray(at);
          return done();
        }
        const headerEnd = end + HEADER_END.length;
        const length = Number(/Content-Length:\s*(\d+)/i.exec(data.toString('ascii', at, end))?.[1] ?? NaN);
        if (!Number.isSafeInteger(length)) {
          // Not ours to judge: hand it on and let the reader report it.
          this.push(data.subarray(passFrom));
          return done();
        }
        this.remaining = length;
        if (length > this.holdFrom) {
          if (passFrom < at) this.push(data.subarray(passFrom, at));
          this.held = { header: data.subarray(at, headerEnd), chunks: [], longest: new LongestString(), length };
          passFrom = headerEnd;
        }
        at = headerEnd;
      }
      const take = Math.min(this.remaining, data.length - at);
      if (this.held) {
        const body = data.subarray(at, at + take);
        this.held.chunks.push(body);
        this.held.longest.feed(body);
        passFrom = at + take;
      }
      at += take;
      this.remaining -= take;
      if (this.remaining === 0) {
        this.remaining = -1;
        if (this.held) this.release(this.held);
        this.held = undefined;
      }
    }
    if (passFrom < data.length) this.push(passFrom === 0 ? data : data.subarray(passFrom));
    done();
  }

  /** A held body: rewritten without its text when that text is too large to scan, else passed on as it came. */
  private release(held: { header: Buffer; chunks: Buffer[]; longest: LongestString; length: number }): void {
    const { start, end, units } = held.longest.best;
    if (units > this.maxTextLength) {
      // Only the small parts around the text are copied out of the held chunks.
      const before = bytesBetween(held.chunks, 0, start);
      const after = bytesBetween(held.chunks, end, held.length);
      const rest = before.toString('utf8') + after.toString('utf8');
      if (METHODS.some((m) => m.test(rest))) {
        const rewritten = Buffer.concat([before, Buffer.from(JSON.stringify(tooLargeMarker(units))), after]);
        this.dropped++;
        this.push(`Content-Length: ${rewritten.length}\r\n\r\n`);
        this.push(rewritten);
        return;
      }
    }
    this.push(held.header);
    for (const chunk of held.chunks) this.push(chunk);
  }
}
