import type { Finding, Position } from '../../engine';

function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset + pos.character;
}

/** Applies a finding's ready IaC edit, with `{{owner}}` filled in, as an editor would. */
export function applyIacFix(text: string, finding: Finding, owner = 'platform-team'): string {
  const edits = finding.fix.iac?.fix?.edits;
  if (!edits?.length) throw new Error(`${finding.ruleId} carries no edit`);
  const resolved = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText.replace(/\{\{owner\}\}/g, owner) }));
  resolved.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
