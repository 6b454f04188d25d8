// Turns annotated IaC sources into the clean held-out files and their labels.
//
// An annotated source marks what a reviewer expects with marker lines of their own:
//   #>> KIND[@id]: what is wrong      opens an expected finding (KIND: over-broad | ownerless | long-lived)
//   #<<                               closes the innermost open one
// Marker lines are removed (so JSON stays valid) and each opened item is recorded with the line
// range it spans in the clean file. Items sharing an @id are one expected finding with several
// ranges (a data source and the attachment that uses it). A file with no markers expects nothing.
//
// Usage: node annotate.mjs SRC_DIR OUT_DIR   (writes OUT_DIR/** and OUT_DIR/labels.json)
import fs from 'node:fs';
import path from 'node:path';

const [srcDir, outDir] = process.argv.slice(2);
if (!srcDir || !outDir) {
  console.error('usage: node annotate.mjs SRC_DIR OUT_DIR');
  process.exit(2);
}
const KINDS = new Set(['over-broad', 'ownerless', 'long-lived']);
const OPEN = /^\s*#>>\s*([a-z-]+)(?:@([\w-]+))?\s*:\s*(.+?)\s*$/;
const CLOSE = /^\s*#<<\s*$/;

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

const labels = {};
for (const file of walk(srcDir)) {
  const rel = path.relative(srcDir, file).split(path.sep).join('/');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  const open = [];
  const items = [];
  const byId = new Map();
  for (const [i, line] of lines.entries()) {
    const o = OPEN.exec(line);
    if (o) {
      if (!KINDS.has(o[1])) throw new Error(`${rel}:${i + 1}: unknown kind ${o[1]}`);
      open.push({ kind: o[1], id: o[2], note: o[3], start: out.length + 1 });
      continue;
    }
    if (CLOSE.test(line)) {
      const item = open.pop();
      if (!item) throw new Error(`${rel}:${i + 1}: #<< without #>>`);
      const range = [item.start, out.length];
      if (item.id && byId.has(item.id)) {
        byId.get(item.id).ranges.push(range);
      } else {
        const label = { kind: item.kind, note: item.note, ranges: [range] };
        if (item.id) byId.set(item.id, label);
        items.push(label);
      }
      continue;
    }
    out.push(line);
  }
  if (open.length) throw new Error(`${rel}: ${open.length} unclosed marker(s)`);
  const dest = path.join(outDir, rel);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.writeFileSync(dest, out.join('\n'));
  labels[rel] = items;
}
fs.writeFileSync(path.join(outDir, 'labels.json'), JSON.stringify(labels, null, 1) + '\n');
const count = Object.values(labels).reduce((n, items) => n + items.length, 0);
console.log(`${Object.keys(labels).length} files, ${count} expected findings`);
