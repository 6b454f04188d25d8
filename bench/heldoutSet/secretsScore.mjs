// Scores the secrets part of a blind held-out set (test/corpus/<set>/secrets, written blind
// for issue 12; the third and later sets share the case format of test/corpus/heldout3/README.md) with the built CLI, as a user runs it: the cases are written to a temporary folder
// outside the repository (so no test/docs path rule applies because of where the set lives), audited
// once with `audit --format json`, and the findings of secret rules are compared with the labels.
//   positive: found when a secret finding starts on a line of its range, or on the line just before
//             a multi-line range (the `key: |` of a YAML block); findings elsewhere in its file are
//             listed as "elsewhere" and do not count.
//   negative: a false alarm when any secret finding lands in its file.
// The rules are in test/corpus/heldout3/README.md and were fixed before the third set's first run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { materialise } from '../../test/corpus/heldout3/secrets/materialise.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Materialises the set, audits it once and returns the scored result (no printing). */
export function scoreSecrets({ cli = 'dist/cli.js', set = 'heldout3' } = {}) {
  const root = mkdtempSync(join(tmpdir(), `nhi-${set}-secrets-`));
  const setDir = join(root, 'set');
  const report = join(root, 'report.json');
  try {
    const labels = materialise(setDir, join(REPO, 'test', 'corpus', set, 'secrets', 'cases'));
    const started = process.hrtime.bigint();
    execFileSync(
      process.execPath,
      [
        cli,
        'audit',
        setDir,
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
    return { ...compare(labels, audit), seconds, load: loadavg().map((x) => x.toFixed(2)) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Compares the audit's secret findings with the labels. Exported for a check of the scoring itself. */
export function compare(labels, audit) {
  const secretFindings = audit.findings
    .filter((f) => f.category === 'secret')
    .map((f) => ({ rule: f.ruleId, severity: f.severity, file: f.path.replace(/\\/g, '/'), line: f.range.start.line + 1 }));
  const byFile = new Map();
  for (const f of secretFindings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const inRange = (label, f) => {
    const { first, last } = label.range;
    const from = last > first ? first - 1 : first;
    return f.line >= from && f.line <= last;
  };
  const positives = [];
  const negatives = [];
  let matchedFindings = 0;
  let strayFindings = 0;
  let negativeFindings = 0;
  for (const label of labels) {
    const findings = byFile.get(label.path.replace(/\\/g, '/')) ?? [];
    if (label.label === 'pos') {
      const on = findings.filter((f) => inRange(label, f));
      const elsewhere = findings.filter((f) => !inRange(label, f));
      matchedFindings += on.length;
      strayFindings += elsewhere.length;
      positives.push({ ...label, found: on.length > 0, rules: on.map((f) => `${f.rule} (${f.severity})`), elsewhere });
    } else {
      negativeFindings += findings.length;
      negatives.push({ ...label, flagged: findings.length > 0, findings });
    }
  }
  const found = positives.filter((p) => p.found).length;
  const flagged = negatives.filter((n) => n.flagged).length;
  return {
    positives: positives.length,
    found,
    recall: found / positives.length,
    negatives: negatives.length,
    flagged,
    falseAlarmRate: flagged / negatives.length,
    matchedFindings,
    negativeFindings,
    strayFindings,
    precision: matchedFindings / (matchedFindings + negativeFindings),
    misses: positives.filter((p) => !p.found),
    // Found positives whose file also has findings off the labelled lines (a second rule, a wrong line).
    strays: positives.filter((p) => p.found && p.elsewhere.length > 0),
    // Found positives reported below error severity (test fixtures, docs, weaker rules).
    belowError: positives.filter((p) => p.found && !p.rules.some((r) => r.endsWith('(error)'))),
    falseAlarms: negatives.filter((n) => n.flagged),
    bySeverity: countBy(positives.filter((p) => p.found).flatMap((p) => p.rules.map((r) => /\((\w+)\)$/.exec(r)[1]))),
    skipped: audit.skipped ?? [],
  };
}

function countBy(values) {
  const out = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

/** Prints the figures, every miss and every false alarm (rule ids, paths and lines; never values). */
export function printSecrets(r) {
  console.log(`secrets: audit ${r.seconds.toFixed(1)} s, load ${r.load.join(' ')}`);
  console.log(`  recall        ${pct(r.recall)} (${r.found}/${r.positives})`);
  console.log(`  false alarms  ${pct(r.falseAlarmRate)} (${r.flagged}/${r.negatives} negatives flagged)`);
  console.log(`  precision     ${pct(r.precision)} (${r.matchedFindings} findings on labelled lines, ${r.negativeFindings} in negatives)`);
  console.log(`  findings elsewhere in positive files: ${r.strayFindings}; severities of hits: ${JSON.stringify(r.bySeverity)}`);
  console.log(`\n  misses (${r.misses.length}):`);
  for (const m of r.misses) {
    const where = m.range.first === m.range.last ? `${m.range.first}` : `${m.range.first}-${m.range.last}`;
    const other = m.elsewhere.length ? `  [elsewhere in file: ${m.elsewhere.map((f) => `${f.rule}@${f.line}`).join(', ')}]` : '';
    console.log(`    ${m.id.padEnd(34)} ${m.provider.padEnd(20)} ${m.context.padEnd(22)} ${m.path}:${where}${other}`);
  }
  console.log(`\n  false alarms (${r.falseAlarms.length}):`);
  for (const n of r.falseAlarms) {
    console.log(`    ${n.id.padEnd(34)} ${n.provider.padEnd(18)} ${n.path}  ${n.findings.map((f) => `${f.rule}@${f.line}`).join(', ')}`);
  }
  console.log(`\n  found, with other findings off the labelled lines (${r.strays.length}):`);
  for (const p of r.strays) console.log(`    ${p.id.padEnd(34)} ${p.path}  ${p.elsewhere.map((f) => `${f.rule}@${f.line}`).join(', ')}`);
  console.log(`\n  found below error severity (${r.belowError.length}):`);
  for (const p of r.belowError) console.log(`    ${p.id.padEnd(34)} ${p.path}  ${p.rules.join(', ')}`);
  if (r.skipped.length) console.log(`\n  skipped by the audit: ${JSON.stringify(r.skipped)}`);
}

/** Entry point for bench/heldout<N>Detection.mjs: `--cli path` picks another build. */
export async function run(args = [], { set }) {
  const cliAt = args.indexOf('--cli');
  const r = scoreSecrets({ set, ...(cliAt >= 0 ? { cli: args[cliAt + 1] } : {}) });
  printSecrets(r);
  return r;
}
