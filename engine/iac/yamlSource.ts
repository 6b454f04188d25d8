import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import type { MapEntry, SourceNode } from './sourceTree';

// js-yaml's event stream (offsets, no object model) reads a 5,000-line manifest in ~10 ms,
// about five times faster than building `yaml` Documents; rule packs still use `yaml`.

export interface YamlParseResult {
  /** One tree per YAML document (`---`); empty documents are left out. */
  documents: SourceNode[];
  /** The first syntax error, if any; documents that parse on their own are still returned. */
  error?: { message: string; start: number; end: number };
}

/** Deeper than any real manifest; deeper input is a syntax error, not a stack overflow. */
const MAX_DEPTH = 100;

/**
 * Parses YAML (or JSON, which is YAML) into source trees with exact offsets. Aliases are not
 * expanded (an alias bomb costs nothing) and tags such as `!Ref` become unknown values.
 */
export function parseYamlSource(text: string, baseOffset = 0): YamlParseResult {
  try {
    return { documents: parseYamlDocuments(text, baseOffset) };
  } catch (error) {
    const failure = syntaxError(error, baseOffset);
    // One broken document must not hide the others of a multi-document file.
    const documents: SourceNode[] = [];
    const starts = documentStarts(text);
    if (starts.length > 1) {
      starts.forEach((start, i) => {
        const end = starts[i + 1] ?? text.length;
        try {
          documents.push(
            ...buildDocuments(parseEvents(text.slice(start, end), { maxDepth: MAX_DEPTH }), text.slice(start, end), baseOffset + start),
          );
        } catch {
          /* this document is the broken one */
        }
      });
    }
    return { documents, error: failure };
  }
}

/** What may follow `---` on a document marker line: blanks, then a comment (after a blank) or nothing. */
const MARKER_REST = /---(?:[ \t]+(?:#[^\n\r]*)?)?(?:[\n\r]|$)/y;

/**
 * Where each YAML document begins: 0, then every `---` line (with at most a comment after it).
 * `---#x` is not one: a comment needs a space before it, so that line is a plain scalar. Lines end
 * at \n or \r only (YAML does not break lines at U+2028, which a regex's `m` flag would).
 */
export function documentStarts(text: string): number[] {
  const starts = [0];
  // indexOf finds the candidates fast; a regex with a look-behind for the line start tries every offset.
  for (let at = text.indexOf('---'); at >= 0; at = text.indexOf('---', at + 3)) {
    if (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') continue;
    MARKER_REST.lastIndex = at;
    if (MARKER_REST.test(text)) starts.push(at);
  }
  return starts;
}

/** The documents of YAML text without a syntax error; throws on one (`parseYamlSource` reports it). */
export function parseYamlDocuments(text: string, baseOffset = 0): SourceNode[] {
  return buildDocuments(parseEvents(text, { maxDepth: MAX_DEPTH }), text, baseOffset);
}

/**
 * The first syntax error of the YAML stream that starts at `from` (a document start), at its
 * offset in `text`; undefined when that stream parses.
 */
export function firstSyntaxError(text: string, from: number): YamlParseResult['error'] {
  try {
    parseEvents(text.slice(from), { maxDepth: MAX_DEPTH });
    return undefined;
  } catch (error) {
    return syntaxError(error, from);
  }
}

function syntaxError(error: unknown, base: number): { message: string; start: number; end: number } {
  const e = error as { reason?: string; message?: string; mark?: { position?: number } };
  const at = base + (e.mark?.position ?? 0);
  return { message: e.reason ?? e.message?.split('\n')[0] ?? 'not valid YAML', start: at, end: at + 1 };
}

type Frame =
  | {
      kind: 'map';
      node: Extract<SourceNode, { type: 'map' }>;
      key?: { key: string; keyStart: number; keyEnd: number } | null;
      flow: boolean;
    }
  | { kind: 'seq'; node: Extract<SourceNode, { type: 'seq' }>; flow: boolean }
  | { kind: 'doc'; node?: SourceNode };

const PLAIN_NULL = /^(?:~|null|Null|NULL|)$/;
const PLAIN_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const PLAIN_INT = /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const PLAIN_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** YAML 1.2 core schema resolution of a plain scalar. */
function plainValue(raw: string): string | number | boolean | null {
  if (PLAIN_NULL.test(raw)) return null;
  if (PLAIN_BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (PLAIN_INT.test(raw) || PLAIN_FLOAT.test(raw)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/** A tag such as !Ref or !Sub is a CloudFormation intrinsic; `!!str` and friends are not. */
const isIntrinsicTag = (text: string, start: number, end: number) =>
  start >= 0 && text[start] === '!' && text[start + 1] !== '!' && end > start + 1;

/** `{"Ref": …}` and `{"Fn::GetAtt": …}` in JSON templates are the same intrinsics. */
function isIntrinsicMap(node: SourceNode): boolean {
  return node.type === 'map' && node.entries.length === 1 && (node.entries[0].key === 'Ref' || node.entries[0].key.startsWith('Fn::'));
}

function buildDocuments(events: Event[], text: string, base: number): SourceNode[] {
  const documents: SourceNode[] = [];
  const stack: Frame[] = [];
  // Tagged collections are collected like the others, then replaced by an unknown value.
  const taggedDepths = new Set<number>();

  const attach = (node: SourceNode) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    if (top.kind === 'doc') {
      top.node = node;
      return;
    }
    if (top.kind === 'seq') {
      top.node.items.push(node);
      if (node.end > top.node.end) top.node.end = node.end;
      return;
    }
    if (top.key === undefined) {
      // This node is a key: only scalar keys are kept (complex keys are skipped with their value).
      top.key = node.type === 'scalar' && node.value !== null ? { key: String(node.value), keyStart: node.start, keyEnd: node.end } : null;
      return;
    }
    const k = top.key;
    if (k) top.node.entries.push({ key: k.key, keyStart: k.keyStart, keyEnd: k.keyEnd, value: node } as MapEntry);
    if (node.end > top.node.end) top.node.end = node.end;
    top.key = undefined;
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        stack.push({ kind: 'doc' });
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const start = base + ev.start;
        if (isIntrinsicTag(text, ev.tagStart, ev.tagEnd)) taggedDepths.add(stack.length);
        const flow = ev.style === 2;
        if (ev.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', node: { type: 'map', entries: [], start, end: start + 1 }, flow });
        else stack.push({ kind: 'seq', node: { type: 'seq', items: [], start, end: start + 1 }, flow });
        break;
      }
      case EVENT_ID.SCALAR: {
        const start = base + ev.valueStart;
        const end = base + ev.valueEnd;
        if (isIntrinsicTag(text, ev.tagStart, ev.tagEnd)) {
          // An empty value (`!Ref` alone) has no position (-1): its text is the tag, not the rest of the file.
          attach({ type: 'expr', text: text.slice(ev.tagStart, ev.valueEnd < 0 ? ev.tagEnd : ev.valueEnd), start, end });
          break;
        }
        const raw = getScalarValue(text, ev);
        const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
        const explicitString = ev.tagStart >= 0; // !!str and other standard tags: keep the text
        const value = quoted || explicitString || ev.style !== SCALAR_STYLE.PLAIN ? raw : plainValue(raw);
        attach({ type: 'scalar', value, start, end, quoted });
        break;
      }
      case EVENT_ID.ALIAS:
        attach({
          type: 'expr',
          text: text.slice(ev.anchorStart - 1, ev.anchorEnd),
          start: base + ev.anchorStart - 1,
          end: base + ev.anchorEnd,
        });
        break;
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (!frame) break;
        if (frame.kind === 'doc') {
          if (frame.node) documents.push(frame.node);
          break;
        }
        let node: SourceNode = frame.node;
        if (frame.flow) {
          const close = text.indexOf(frame.kind === 'map' ? '}' : ']', node.end - base);
          if (close >= 0) node.end = base + close + 1;
        }
        if (taggedDepths.delete(stack.length) || isIntrinsicMap(node))
          node = { type: 'expr', text: text.slice(node.start - base, node.end - base), start: node.start, end: node.end };
        attach(node);
        break;
      }
    }
  }
  return documents;
}
