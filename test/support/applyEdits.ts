import type { Finding } from '../../engine';

type TextEditLike = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };

/** Applies LSP text edits to a text, last edit first (what an editor does). */
export function applyTextEdits(text: string, edits: TextEditLike[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const resolved = edits
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies a finding's ready IaC edit, with `{{owner}}` filled in, as an editor would. */
export function applyIacFix(text: string, finding: Finding, owner = 'platform-team'): string {
  const edits = finding.fix.iac?.fix?.edits;
  if (!edits?.length) throw new Error(`${finding.ruleId} carries no edit`);
  return applyTextEdits(
    text,
    edits.map((e) => ({ range: e.range, newText: e.newText.replace(/\{\{owner\}\}/g, owner) })),
  );
}
