import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { SourceNode } from './sourceTree';

export interface YamlParseResult {
  /** One tree per YAML document (`---`); empty documents are left out. */
  documents: SourceNode[];
  /** The first syntax error, if any; documents before it are still returned. */
  error?: { message: string; start: number; end: number };
}

// Tags such as !Ref or !Sub are CloudFormation intrinsics: the value is only known at deploy time.
const isIntrinsicTag = (tag: string | undefined) => !!tag && tag.startsWith('!') && !tag.startsWith('!!');

/** `{"Ref": …}` and `{"Fn::GetAtt": …}` in JSON templates are the same intrinsics. */
function isIntrinsicMap(node: SourceNode): boolean {
  return node.type === 'map' && node.entries.length === 1 && (node.entries[0].key === 'Ref' || node.entries[0].key.startsWith('Fn::'));
}

/**
 * Parses YAML (or JSON, which is YAML) into source trees with exact offsets. Aliases are not
 * expanded (an alias bomb costs nothing) and custom tags are kept as unknown values.
 */
export function parseYamlSource(text: string, baseOffset = 0): YamlParseResult {
  const result: YamlParseResult = { documents: [] };
  let docs;
  try {
    docs = parseAllDocuments(text, { strict: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  } catch (error) {
    result.error = { message: (error as Error).message.split('\n')[0], start: baseOffset, end: baseOffset + 1 };
    return result;
  }
  if (!Array.isArray(docs)) return result; // empty stream
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const [s, e] = err.pos;
      result.error = { message: err.message.split('\n')[0], start: baseOffset + s, end: baseOffset + Math.max(e, s + 1) };
      break;
    }
    if (doc.contents) result.documents.push(convert(doc.contents as YamlNode, text, baseOffset));
  }
  return result;
}

/** Deeper than any real manifest; beyond it values are left unknown (stack safety). */
const MAX_DEPTH = 200;

function convert(node: YamlNode, text: string, base: number, depth = 0): SourceNode {
  const [start, valueEnd] = node.range ?? [0, 0];
  const span = { start: base + start, end: base + valueEnd };
  if (isIntrinsicTag(node.tag) || isAlias(node) || depth > MAX_DEPTH) return { type: 'expr', text: text.slice(start, valueEnd), ...span };
  if (isMap(node)) {
    const entries = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key)) continue;
      const [ks, ke] = key.range ?? [0, 0];
      const value: SourceNode = pair.value
        ? convert(pair.value as YamlNode, text, base, depth + 1)
        : { type: 'scalar', value: null, start: base + ke, end: base + ke };
      const quotedKey = key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE' ? 1 : 0;
      entries.push({ key: String(key.value), keyStart: base + ks + quotedKey, keyEnd: base + ke - quotedKey, value });
    }
    const map: SourceNode = { type: 'map', entries, ...span };
    return isIntrinsicMap(map) ? { type: 'expr', text: text.slice(start, valueEnd), ...span } : map;
  }
  if (isSeq(node)) return { type: 'seq', items: node.items.map((item) => convert(item as YamlNode, text, base, depth + 1)), ...span };
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    // Quoted strings: the range covers the quotes; the analysers want the value inside them.
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return quoted
      ? { type: 'scalar', value, start: span.start + 1, end: Math.max(span.start + 1, span.end - 1), quoted: true }
      : { type: 'scalar', value, ...span };
  }
  return { type: 'expr', text: text.slice(start, valueEnd), ...span };
}
