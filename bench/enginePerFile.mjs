// The engine's cost per file, apart from its cost per character: `Engine.scan` (with the
// inventory, as an audit asks) of a tree's documents grouped by size band, pass after pass in one
// process, and of a one-line text at every document's path (what a file costs whatever it holds:
// path classification, the file's kind, rule setup, result objects). Real trees are mostly small
// files (the npm tree averages 4 KB a scanned file), so this fixed part matters as much as the
// per-character one. Prints, per band, the median CPU time per pass, per file and per character.
// Asserts nothing; compare two builds in turn (A B A B) and give `uptime` with the figures.
//   node bench/enginePerFile.mjs [tree, default bench/.npm-tree] [--passes 8] [--warmup 3]
// NHI_BENCH_ENGINE: another build's dist/engine.js.
import os from 'node:os';
import path from 'node:path';
import { engineBench } from './engineDocuments.mjs';

const { engineFile: ENGINE, root, engine, docs, values } = engineBench();

// Upper bounds in characters; the last band takes the rest.
const BANDS = [1024, 4096, 8192, 32768, 131072, Infinity];
const bandName = (k) => (k === BANDS.length - 1 ? `> ${BANDS[k - 1] / 1024} K` : `≤ ${BANDS[k] / 1024} K`);
const groups = BANDS.map(() => []);
for (const doc of docs) groups[BANDS.findIndex((max) => doc.text.length <= max)].push(doc);
// The same paths with a one-line text that holds no keyword: the per-file cost alone.
const tiny = docs.map((doc) => ({ path: doc.path, text: 'nothing to see here\n' }));
const sets = [...groups.map((g, k) => ({ name: bandName(k), docs: g })), { name: 'one line, every path', docs: tiny }];

const cpuOf = (set) => {
  const start = process.cpuUsage();
  for (const doc of set) engine.scan(doc, { inventory: true });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e3;
};
for (let i = 0; i < Number(values.warmup); i++) for (const set of sets) cpuOf(set.docs);
const times = sets.map(() => []);
for (let i = 0; i < Number(values.passes); i++) sets.forEach((set, k) => times[k].push(cpuOf(set.docs)));
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

console.log(`engine ${path.relative(process.cwd(), ENGINE) || ENGINE}, tree ${root}: ${docs.length} files`);
console.log(`${values.passes} passes after ${values.warmup}, CPU median per pass`);
console.log('band                   files   M chars   ms/pass   µs/file   ns/char');
sets.forEach((set, k) => {
  const chars = set.docs.reduce((n, d) => n + d.text.length, 0);
  const ms = median(times[k]);
  console.log(
    `${set.name.padEnd(22)} ${String(set.docs.length).padStart(5)} ${(chars / 1e6).toFixed(2).padStart(9)} ${ms.toFixed(1).padStart(9)} ` +
      `${set.docs.length ? ((ms * 1e3) / set.docs.length).toFixed(1).padStart(9) : '-'.padStart(9)} ${chars ? ((ms * 1e6) / chars).toFixed(2).padStart(9) : '-'.padStart(9)}`,
  );
});
const small = groups.slice(0, 3).flat();
const smallMs = times.slice(0, 3).reduce((n, t) => n + median(t), 0);
console.log(`files ≤ 8 K: ${small.length} files, ${((smallMs * 1e3) / small.length).toFixed(1)} µs per file`);
console.log(
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
