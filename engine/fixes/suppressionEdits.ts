import type { FileKind, OffsetEdit } from '..';

/** Line-comment opener per file kind; JSON has none (only the baseline can accept findings there). */
const COMMENT: Partial<Record<FileKind, [string, string]>> = {
  javascript: ['// ', ''],
  typescript: ['// ', ''],
  go: ['// ', ''],
  java: ['// ', ''],
  csharp: ['// ', ''],
  kotlin: ['// ', ''],
  rust: ['// ', ''],
  php: ['// ', ''],
  python: ['# ', ''],
  ruby: ['# ', ''],
  shell: ['# ', ''],
  powershell: ['# ', ''],
  yaml: ['# ', ''],
  toml: ['# ', ''],
  ini: ['# ', ''],
  properties: ['# ', ''],
  dotenv: ['# ', ''],
  makefile: ['# ', ''],
  dockerfile: ['# ', ''],
  terraform: ['# ', ''],
  bicep: ['// ', ''],
  text: ['# ', ''],
  xml: ['<!-- ', ' -->'],
  markdown: ['<!-- ', ' -->'],
};

export function canComment(kind: FileKind): boolean {
  return !!COMMENT[kind];
}

const lineStartOf = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** `# nhi-lens:ignore rule -- reason` on its own line above the finding, indented like it. */
export function suppressLineEdit(text: string, kind: FileKind, offset: number, ruleId: string, reason = 'reason'): OffsetEdit | undefined {
  const c = COMMENT[kind];
  if (!c) return undefined;
  const start = lineStartOf(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(start, start + 200))![0];
  return { start, end: start, newText: `${indent}${c[0]}nhi-lens:ignore ${ruleId} -- ${reason}${c[1]}\n` };
}

/** `# nhi-lens:ignore-file rule -- reason` at the top (after a shebang line). */
export function suppressFileEdit(text: string, kind: FileKind, ruleId: string, reason = 'reason'): OffsetEdit | undefined {
  const c = COMMENT[kind];
  if (!c) return undefined;
  // A byte-order mark stays first (an editor that keeps it in the text sends it), then a shebang line.
  const bom = text.startsWith('\ufeff') ? 1 : 0;
  const at = text.startsWith('#!', bom) ? text.indexOf('\n') + 1 || text.length : bom;
  const prefix = at > bom && text[at - 1] !== '\n' ? '\n' : '';
  return { start: at, end: at, newText: `${prefix}${c[0]}nhi-lens:ignore-file ${ruleId} -- ${reason}${c[1]}\n` };
}
