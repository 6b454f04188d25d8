// Scores the second held-out set (test/corpus/heldout2, written blind for issue 12) with the built
// CLI, the way a user runs it: the cases are written to a temporary folder (outside the repo, so
// no test/docs path rule applies to them), audited once with `dist/cli.js audit --format json`, and
// findings are mapped to the line labels by category.
//   secrets: a finding of category `secret` on a positive file within [line-3, line+12] of a «P»
//            mark is a hit; a negative file with any secret finding is a false alarm.
//   IaC:     `permission` → overbroad, `ownership` → ownerless, `credential-lifetime` → longlived;
//            a finding within 8 lines of a mark of its category in the same file is a hit; a
//            negative file with any IaC finding is a false alarm.
// Every finding that matches no label counts against precision and is listed with its rule.
// Usage: npm run bench:heldout2 [-- --json out.json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { materialize } from '../test/corpus/heldout2/materialize.mjs';

const CATEGORY = { permission: 'overbroad', ownership: 'ownerless', 'credential-lifetime': 'longlived', secret: 'secret' };
const root = mkdtempSync(join(tmpdir(), 'nhi-heldout2-'));
const report = join(root, '..', `${root.split('/').pop()}-report.json`);
try {
  const labels = materialize(join(root, 'set'));
  const started = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    [
      'dist/cli.js',
      'audit',
      join(root, 'set'),
      '--format',
      'json',
      '--output',
      report,
      '--fail-on',
      'never',
      '--no-git',
      '--quiet',
      '--max-findings',
      '1000000',
    ],
    { stdio: 'inherit' },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const audit = JSON.parse(readFileSync(report, 'utf8'));
  score(labels, audit, seconds);
} finally {
  rmSync(root, { recursive: true, force: true });
  rmSync(report, { force: true });
}

function score(labels, audit, seconds) {
  const byFile = new Map(labels.map((l) => [l.file, l]));
  const findings = audit.findings.map((f) => ({
    rule: f.ruleId,
    cat: CATEGORY[f.category] ?? f.category,
    // Paths are relative to the audited folder (`set/`).
    file: f.path.replace(/\\/g, '/'),
    line: f.range.start.line + 1,
  }));
  const hits = new Set(); // "file:line:cat" of marks found
  const unmatched = [];
  for (const f of findings) {
    const label = byFile.get(f.file);
    const marks = (label?.marks ?? []).filter((m) => m.positive && m.category === f.cat);
    const near = marks.filter((m) => (f.cat === 'secret' ? f.line >= m.line - 3 && f.line <= m.line + 12 : Math.abs(f.line - m.line) <= 8));
    if (near.length === 0) {
      unmatched.push(f);
      continue;
    }
    near.sort((a, b) => Math.abs(a.line - f.line) - Math.abs(b.line - f.line));
    hits.add(`${f.file}:${near[0].line}:${f.cat}`);
    f.matched = true;
  }
  const cats = ['overbroad', 'ownerless', 'longlived', 'secret'];
  const lines = [];
  const out = {
    seconds,
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    categories: {},
    misses: [],
    falseAlarms: [],
    unmatched: [],
  };
  for (const cat of cats) {
    const marks = labels.flatMap((l) =>
      l.marks.filter((m) => m.positive && m.category === cat).map((m) => ({ ...m, file: l.file, id: l.id })),
    );
    const found = marks.filter((m) => hits.has(`${m.file}:${m.line}:${cat}`));
    for (const m of marks) if (!hits.has(`${m.file}:${m.line}:${cat}`)) out.misses.push({ cat, id: m.id, file: m.file, line: m.line });
    const catFindings = findings.filter((f) => f.cat === cat);
    const right = catFindings.filter((f) => f.matched).length;
    out.categories[cat] = { positives: marks.length, found: found.length, findings: catFindings.length, matchedFindings: right };
    lines.push(
      `${cat.padEnd(10)} recall ${pct(found.length, marks.length)} (${found.length}/${marks.length})  precision ${pct(right, catFindings.length)} (${right}/${catFindings.length} findings)`,
    );
  }
  // Negatives: a look-alike file is a false alarm when any finding of its kind lands in it.
  for (const kind of ['iac', 'secret']) {
    const negs = labels.filter((l) => l.kind === kind && !l.marks.some((m) => m.positive));
    const flagged = negs.filter((l) => findings.some((f) => f.file === l.file && (kind === 'secret') === (f.cat === 'secret')));
    for (const l of flagged)
      for (const f of findings.filter((x) => x.file === l.file)) out.falseAlarms.push({ kind, id: l.id, rule: f.rule, line: f.line });
    out.categories[`${kind}-negatives`] = { negatives: negs.length, flagged: flagged.length };
    lines.push(`${kind} look-alikes flagged ${pct(flagged.length, negs.length)} (${flagged.length}/${negs.length})`);
  }
  out.unmatched = unmatched.map((f) => ({ cat: f.cat, rule: f.rule, file: f.file, line: f.line, id: byFile.get(f.file)?.id }));
  out.skipped = audit.skipped ?? [];

  console.log(`second held-out set: ${labels.length} files, audit ${seconds.toFixed(1)} s, load ${out.load}`);
  for (const l of lines) console.log(l);
  console.log(`\nmisses (${out.misses.length}):`);
  for (const m of out.misses) console.log(`  ${m.cat.padEnd(10)} ${m.id}  ${m.file}:${m.line}`);
  console.log(`\nfindings on no label (${unmatched.length}; false alarms, or findings the set did not label):`);
  for (const u of out.unmatched) console.log(`  ${u.cat.padEnd(10)} ${u.rule.padEnd(40)} ${u.file}:${u.line}`);
  if (out.skipped.length) console.log(`\nskipped by the audit: ${JSON.stringify(out.skipped)}`);
  const j = process.argv.indexOf('--json');
  if (j > 0) writeFileSync(process.argv[j + 1], JSON.stringify(out, null, 1));
}

function pct(a, b) {
  return b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`;
}
