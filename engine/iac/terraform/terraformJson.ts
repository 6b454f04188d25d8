/**
 * Terraform JSON syntax (`*.tf.json`, what CDKTF and generators write) read into the same tree the
 * HCL parser gives, so every Terraform analyser reads it unchanged. The mapping follows
 * Terraform's JSON configuration syntax: `{"resource": {TYPE: {NAME: BODY}}}` is
 * `resource "TYPE" "NAME" { BODY }`, `"${ref}"` is the reference `ref`, and a body's object (or
 * array of objects) is both an attribute and a nested block of that name, since without the
 * provider's schema JSON cannot say which (`tags` is an attribute, `statement` a block; each
 * analyser asks for the one it knows). A string holding a JSON object (`"policy":
 * "{\"Statement\": …}"`) reads as `jsonencode({...})`, with offsets mapped back through the
 * string's escapes so findings land on the characters they are about.
 */
import type { HclBlock, HclBody, HclExpr, HclFile, HclObjectItem } from '../hcl/hclParser';

export const isTerraformJsonPath = (path: string) => /\.tf\.json$/i.test(path);

interface Span {
  /** Offsets in the file: `start` at the first character, `end` after the last. */
  start: number;
  end: number;
}
type JsonNode =
  | ({ type: 'object'; members: JsonMember[] } & Span)
  | ({ type: 'array'; items: JsonNode[] } & Span)
  | ({ type: 'string'; value: string; inner?: EmbeddedText } & Span)
  | ({ type: 'literal'; value: number | boolean | null } & Span);
interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}
/** A string's decoded text with the file offset of each character (the last of its escape). */
interface EmbeddedText {
  text: string;
  offsets: number[];
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Deeper nesting than this is hostile or generated: the file is not read. */
const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Strict JSON reader over `text`, whose character i sits at file offset `at(i)`: the file itself
 * (identity) or the decoded content of a JSON string inside it.
 */
class JsonReader {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly at: (i: number) => number,
  ) {}

  readDocument(): JsonNode {
    const value = this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the value');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.at(Math.min(this.i, this.text.length - 1)));
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i])) this.i++;
  }

  /** File offsets of the characters from `from` to `to` (exclusive). */
  private span(from: number, to: number): Span {
    return { start: this.at(from), end: this.at(to - 1) + 1 };
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    const from = this.i;
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return { type: 'literal', value, ...this.span(from, this.i) };
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
    this.i += m[0].length;
    return { type: 'literal', value: Number(m[0]), ...this.span(from, this.i) };
  }

  private object(depth: number): JsonNode {
    const from = this.i++;
    const members: JsonMember[] = [];
    this.space();
    if (this.text[this.i] === '}') return { type: 'object', members, ...this.span(from, ++this.i) };
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail('expected a quoted key');
      const key = this.string();
      this.space();
      if (this.text[this.i++] !== ':') this.fail('expected ":"');
      members.push({ key: key.value, keyStart: key.start + 1, keyEnd: key.end - 1, value: this.value(depth + 1) });
      this.space();
      const next = this.text[this.i++];
      if (next === '}') return { type: 'object', members, ...this.span(from, this.i) };
      if (next !== ',') this.fail('expected "," or "}"');
    }
  }

  private array(depth: number): JsonNode {
    const from = this.i++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.i] === ']') return { type: 'array', items, ...this.span(from, ++this.i) };
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      const next = this.text[this.i++];
      if (next === ']') return { type: 'array', items, ...this.span(from, this.i) };
      if (next !== ',') this.fail('expected "," or "]"');
    }
  }

  private string(): JsonNode & { type: 'string' } {
    const from = this.i++;
    let value = '';
    const offsets: number[] = [];
    for (;;) {
      if (this.i >= this.text.length) this.fail('unterminated string');
      const c = this.text[this.i];
      if (c === '"') break;
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          const hex = this.text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
          value += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          value += ESCAPES[e];
          this.i += 2;
        } else this.fail('bad escape');
      } else {
        value += c;
        this.i++;
      }
      offsets.push(this.at(this.i - 1));
    }
    this.i++;
    // `end - 1` is just after the last character of the content, as in HCL's strings, also where
    // the closing quote is escaped (`\"`) inside an outer string.
    const start = this.at(from);
    const contentEnd = offsets.length ? offsets[offsets.length - 1] + 1 : start + 1;
    const node: JsonNode & { type: 'string' } = { type: 'string', value, start, end: contentEnd + 1 };
    // Only a string that may hold a JSON object keeps its offsets, to be read again as JSON.
    if (/^\s*\{/.test(value)) node.inner = { text: value, offsets };
    return node;
  }
}

/** The JSON object a string holds, offsets in the file; undefined when it holds none. */
function embeddedObject(node: JsonNode & { type: 'string' }): JsonNode | undefined {
  const inner = node.inner;
  if (!inner) return undefined;
  try {
    const value = new JsonReader(inner.text, (i) => inner.offsets[i]).readDocument();
    return value.type === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A whole `${…}` that is only a reference (`${aws_iam_role.r.arn}`, `${var.tags["owner"]}`). */
const REFERENCE = /^\$\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])*)\s*\}$/;

function expression(node: JsonNode): HclExpr {
  const span = { start: node.start, end: node.end };
  switch (node.type) {
    case 'literal':
      return { kind: 'literal', value: node.value, ...span };
    case 'array':
      return { kind: 'tuple', items: node.items.map(expression), ...span };
    case 'object':
      return {
        kind: 'object',
        items: node.members.map((m): HclObjectItem => ({ key: m.key, keyStart: m.keyStart, keyEnd: m.keyEnd, value: expression(m.value) })),
        ...span,
      };
    case 'string': {
      const ref = REFERENCE.exec(node.value);
      if (ref) return { kind: 'ref', text: ref[1], ...span };
      const document = embeddedObject(node);
      if (document) return { kind: 'call', name: 'jsonencode', args: [expression(document)], ...span };
      return { kind: 'string', value: node.value, templated: node.value.includes('${'), ...span };
    }
  }
}

const objectsOf = (node: JsonNode): Array<JsonNode & { type: 'object' }> =>
  node.type === 'object' ? [node] : node.type === 'array' ? node.items.filter((i) => i.type === 'object') : [];

function body(node: JsonNode & { type: 'object' }): HclBody {
  const attributes = node.members.map((m) => ({
    name: m.key,
    nameStart: m.keyStart,
    nameEnd: m.keyEnd,
    value: expression(m.value),
    start: m.keyStart - 1,
    end: m.value.end,
  }));
  const blocks = node.members.flatMap((m) => objectsOf(m.value).map((o, i) => block(m.key, [], o, i === 0 ? m.keyStart - 1 : o.start)));
  return { attributes, blocks, start: node.start, end: node.end };
}

function block(type: string, labels: JsonMember[], node: JsonNode & { type: 'object' }, start: number): HclBlock {
  return {
    type,
    labels: labels.map((l) => ({ value: l.key, start: l.keyStart - 1, end: l.keyEnd + 1 })),
    body: body(node),
    start,
    end: node.end,
    open: node.start,
    close: node.end - 1,
  };
}

/** How many labels each top-level block type takes: `resource "TYPE" "NAME"`, `module "NAME"`, `locals`. */
const LABELS: Record<string, number> = { resource: 2, data: 2, module: 1, provider: 1, variable: 1, output: 1, locals: 0, terraform: 0 };

/** Top-level blocks of one type: its value nested one object per label, down to the bodies. */
function topBlocks(type: string, value: JsonNode, labelCount: number, labels: JsonMember[] = []): HclBlock[] {
  if (labels.length === labelCount) {
    const last = labels[labels.length - 1];
    return objectsOf(value).map((o, i) => block(type, labels, o, last && i === 0 ? last.keyStart - 1 : o.start));
  }
  return objectsOf(value).flatMap((o) => o.members.flatMap((m) => topBlocks(type, m.value, labelCount, [...labels, m])));
}

/** Reads a `.tf.json` file as an HCL file tree. A syntax error gives an empty body and the error. */
export function parseTerraformJson(text: string): HclFile {
  let root: JsonNode;
  try {
    root = new JsonReader(text, (i) => i).readDocument();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return {
      body: { attributes: [], blocks: [], start: 0, end: text.length },
      errors: [{ message: e.message, start: e.at, end: e.at + 1 }],
    };
  }
  const blocks = objectsOf(root).flatMap((o) =>
    o.members.flatMap((m) => (LABELS[m.key] === undefined ? [] : topBlocks(m.key, m.value, LABELS[m.key]))),
  );
  return { body: { attributes: [], blocks, start: root.start, end: root.end }, errors: [] };
}
