import type { OffsetEdit } from '..';

/**
 * Go: a constant cannot hold a function call, so the read cannot stay in a `const`.
 * `const k = "…"` becomes `var k = read`; in a `const ( … )` block the spec moves out into its own
 * `var` after the block (the whole block becomes `var` when the spec is its only one). A block
 * that uses `iota` or implicit repetition (a spec with no `=`) is not touched: removing a spec
 * there changes the other constants' values.
 */

/** One declaration line: `[const ]name [type] = <value>`, with the value's offsets. */
const SPEC = /^([ \t]*)(const[ \t]+)?([A-Za-z_]\w*)([ \t]+[\w.[\]*]+)?[ \t]*=[ \t]*$/;

interface Line {
  start: number;
  /** Offset of the line ending (`\r\n` or `\n`), or the text's length. */
  end: number;
  /** Where the next line starts (the text's length for the last line). */
  next: number;
  text: string;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const next = nl < 0 ? text.length : nl + 1;
  const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  return { start, end, next, text: text.slice(start, end) };
}

/** The `const (` … `)` block around `line`: the opening and closing lines. */
function enclosingConstBlock(text: string, line: Line): { open: Line; close: Line } | undefined {
  let at = line.start;
  let open: Line | undefined;
  while (at > 0) {
    const prev = lineAt(text, at - 1);
    if (/^[ \t]*\)/.test(prev.text) || /^(?:func|type|import|var)\b/.test(prev.text)) return undefined;
    if (/^[ \t]*const[ \t]*\([ \t]*(?:\/\/.*)?$/.test(prev.text)) {
      open = prev;
      break;
    }
    at = prev.start;
  }
  if (!open) return undefined;
  at = line.next;
  while (at < text.length) {
    const next = lineAt(text, at);
    if (/^[ \t]*\)[ \t]*(?:\/\/.*)?$/.test(next.text)) return { open, close: next };
    at = next.next;
  }
  return undefined;
}

/**
 * The edits that apply `replace` (the read in place of the literal) in a Go file, turning the
 * constant that held the literal into a variable; `null` when the constant cannot be moved safely.
 */
export function goReadEdits(text: string, replace: OffsetEdit): OffsetEdit[] | null {
  const span = replace;
  const line = lineAt(text, span.start);
  const spec = SPEC.exec(text.slice(line.start, span.start));
  if (!spec) return [replace];
  if (spec[2]) {
    // `const k = "…"` on its own line.
    const at = line.start + spec[1].length;
    return [{ start: at, end: at + 'const'.length, newText: 'var' }, replace];
  }
  const block = enclosingConstBlock(text, line);
  if (!block) return [replace];
  const body = text.slice(block.open.next, block.close.start);
  const specs = body.split('\n').filter((l) => l.trim() && !/^\s*\/\//.test(l));
  if (/\biota\b/.test(body) || specs.some((l) => !l.includes('='))) return null;
  if (specs.length === 1) {
    const keyword = block.open.start + block.open.text.indexOf('const');
    return [{ start: keyword, end: keyword + 'const'.length, newText: 'var' }, replace];
  }
  // The spec leaves the block (its whole line) and comes back as a `var` after it.
  const declared = text.slice(line.start + spec[1].length, span.start).replace(/[ \t]+/g, ' ');
  const moved = `var ${declared}${replace.newText}${text.slice(span.end, line.end)}`;
  return [
    { start: line.start, end: line.next, newText: '' },
    { start: block.close.end, end: block.close.end, newText: `\n\n${moved}` },
  ];
}
