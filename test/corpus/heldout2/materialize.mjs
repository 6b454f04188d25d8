// Writes the second held-out set to a folder and returns its labels. The cases live in
// iacCases.mjs and secretCases.mjs; markers («P:cat», «P», «N») are stripped here and turned into
// labels { file, line, category, positive }. Secret files are written at run time only, so no
// credential-shaped value is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { iacCases } from './iacCases.mjs';
import { secretCases } from './secretCases.mjs';

const MARK = /\s*«(P(?::([a-z]+))?|N)»\s*$/;

export function materialize(root) {
  const labels = [];
  const all = [...iacCases.map((c) => ({ ...c, kind: 'iac' })), ...secretCases.map((c) => ({ ...c, kind: 'secret' }))];
  const seen = new Set();
  for (const c of all) {
    if (seen.has(c.path)) throw new Error(`duplicate case path ${c.path}`);
    seen.add(c.path);
    const out = [];
    const marks = [];
    c.lines.forEach((line, i) => {
      const m = MARK.exec(line);
      if (m) {
        const positive = m[1] !== 'N';
        const category = c.kind === 'secret' ? 'secret' : positive ? m[2] : null;
        marks.push({ line: i + 1, positive, category });
        out.push(line.slice(0, m.index));
      } else out.push(line);
    });
    if (marks.length === 0) throw new Error(`case ${c.id} has no marker`);
    const file = join(root, c.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, out.join('\n') + '\n');
    labels.push({ id: c.id, kind: c.kind, file: c.path, marks });
  }
  return labels;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const labels = materialize(process.argv[2] ?? 'heldout2-out');
  const count = (k, pos) => labels.filter((l) => l.kind === k && l.marks.some((m) => m.positive) === pos).length;
  const iacFiles = labels.filter((l) => l.kind === 'iac').length;
  console.log(`iac files ${iacFiles} (positive ${count('iac', true)}, negative ${count('iac', false)})`);
  console.log(
    `secret cases ${labels.filter((l) => l.kind === 'secret').length} (positive ${count('secret', true)}, negative ${count('secret', false)})`,
  );
}
