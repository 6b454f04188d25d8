// Scores the IaC half of a blind held-out set (test/corpus/<set>/iac, written blind for issue 12;
// labels and their format in test/corpus/heldout3/README.md, section "IaC") with the
// built CLI, the way a user runs it: the set is copied to a temporary folder (outside the
// repository, so no path-based rule or config of this repository applies), audited once with
// `dist/cli.js audit --format json`, and the IaC findings are matched to the labels:
//   - categories: `permission` → over-broad, `ownership` → ownerless, `credential-lifetime` →
//     long-lived (secret findings belong to the secrets half and are not counted here);
//   - a finding matches an expected label of its category when its start line lies in the
//     label's range in the same file; a label is found when a finding matches it;
//   - a finding in a `tolerate:<category>` range of its category counts neither way;
//   - every other finding is a false alarm (listed with the label region it fell in); a
//     second finding on an already-found label is a duplicate (listed, not a false alarm).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const setDir = (set) => join(REPO, 'test', 'corpus', set, 'iac');
const labelsFile = (set) => join(REPO, 'test', 'corpus', set, 'iac.labels.tsv');
const CATEGORY = { permission: 'over-broad', ownership: 'ownerless', 'credential-lifetime': 'long-lived' };
const CATS = ['over-broad', 'ownerless', 'long-lived'];

export function readLabels(text) {
  const labels = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [path, lines, label, note = ''] = line.split('\t');
    let start = 1;
    let end = Infinity;
    if (lines !== '*') {
      const m = /^(\d+)-(\d+)$/.exec(lines ?? '');
      if (!m) throw new Error(`iac.labels.tsv:${i + 1}: bad line range ${lines}`);
      [start, end] = [Number(m[1]), Number(m[2])];
    }
    const [kind, cat] = label.startsWith('tolerate:')
      ? ['tolerate', label.slice(9)]
      : label === 'none'
        ? ['none', null]
        : ['expected', label];
    if (cat !== null && !CATS.includes(cat)) throw new Error(`iac.labels.tsv:${i + 1}: unknown label ${label}`);
    labels.push({ id: labels.length, path, lines, start, end, kind, cat, note, hits: [] });
  }
  return labels;
}

/** Audits a copy of the set with `cli` and returns the parsed JSON report and the audit's wall time. */
function audit(cli, set) {
  const root = mkdtempSync(join(tmpdir(), `nhi-${set}-iac-`));
  try {
    cpSync(setDir(set), join(root, 'set'), { recursive: true });
    const report = join(root, 'report.json');
    const started = process.hrtime.bigint();
    execFileSync(
      process.execPath,
      [
        cli,
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
    return { report: JSON.parse(readFileSync(report, 'utf8')), seconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Matches the findings of an audit report to the labels; pure, so it can be tested on its own. */
export function score(labels, report) {
  const findings = report.findings
    .filter((f) => CATEGORY[f.category])
    .map((f) => ({
      rule: f.ruleId,
      cat: CATEGORY[f.category],
      path: f.path.replace(/\\/g, '/'),
      line: f.range.start.line + 1,
      message: f.message ?? '',
    }));
  const inRange = (l, f) => l.path === f.path && f.line >= l.start && f.line <= l.end;
  const falseAlarms = [];
  const duplicates = [];
  let tolerated = 0;
  for (const f of findings) {
    const expected = labels.find((l) => l.kind === 'expected' && l.cat === f.cat && inRange(l, f));
    if (expected) {
      if (expected.hits.length > 0) duplicates.push({ ...f, label: expected });
      expected.hits.push(f);
      f.matched = true;
      continue;
    }
    if (labels.some((l) => l.kind === 'tolerate' && l.cat === f.cat && inRange(l, f))) {
      tolerated++;
      f.tolerated = true;
      continue;
    }
    // Where it fell: a look-alike, another category's expected range, or an unlabelled region.
    const none = labels.find((l) => l.kind === 'none' && inRange(l, f));
    const other = labels.find((l) => l.kind === 'expected' && inRange(l, f));
    const region = none
      ? `on look-alike: ${none.note}`
      : other
        ? `in a ${other.cat} label (${other.note}): wrong category`
        : 'outside any label';
    if (none) none.hits.push(f);
    falseAlarms.push({ ...f, region });
  }
  const categories = {};
  for (const cat of CATS) {
    const expected = labels.filter((l) => l.kind === 'expected' && l.cat === cat);
    const found = expected.filter((l) => l.hits.length > 0).length;
    const catFindings = findings.filter((f) => f.cat === cat && !f.tolerated);
    const right = catFindings.filter((f) => f.matched).length;
    categories[cat] = { positives: expected.length, found, findings: catFindings.length, matchedFindings: right };
  }
  const expected = labels.filter((l) => l.kind === 'expected');
  const counted = findings.filter((f) => !f.tolerated);
  const negatives = labels.filter((l) => l.kind === 'none');
  const byForm = {};
  for (const l of expected) {
    const form = formOf(l.path);
    byForm[form] ??= { positives: 0, found: 0, falseAlarms: 0 };
    byForm[form].positives++;
    if (l.hits.length > 0) byForm[form].found++;
  }
  for (const f of falseAlarms) {
    const form = formOf(f.path);
    byForm[form] ??= { positives: 0, found: 0, falseAlarms: 0 };
    byForm[form].falseAlarms++;
  }
  return {
    total: {
      positives: expected.length,
      found: expected.filter((l) => l.hits.length > 0).length,
      findings: counted.length,
      matchedFindings: counted.filter((f) => f.matched).length,
      tolerated,
      duplicates: duplicates.length,
    },
    categories,
    negatives: { labels: negatives.length, flagged: negatives.filter((l) => l.hits.length > 0).length },
    byForm,
    misses: expected.filter((l) => l.hits.length === 0).map(({ path, lines, cat, note }) => ({ path, lines, cat, note })),
    falseAlarms: falseAlarms.map(({ rule, cat, path, line, region, message }) => ({ rule, cat, path, line, region, message })),
    duplicates: duplicates.map(({ rule, cat, path, line, label }) => ({ rule, cat, path, line, label: `${label.lines} ${label.note}` })),
    skipped: report.skipped ?? [],
  };
}

/** "terraform/aws", "terraform/gcp", "kubernetes", …: the language, and for Terraform the provider. */
function formOf(path) {
  const [top, kase = ''] = path.split('/');
  return top === 'terraform' ? `terraform/${kase.split('-')[0]}` : top;
}

function pct(a, b) {
  return b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`;
}

/** Scores the IaC half of `set` (a folder under test/corpus/) and prints it; `--cli path` picks another build. */
export async function run(args = [], { set, title }) {
  const cliAt = args.indexOf('--cli');
  const cli = cliAt >= 0 ? args[cliAt + 1] : join(REPO, 'dist', 'cli.js');
  const labels = readLabels(readFileSync(labelsFile(set), 'utf8'));
  const { report, seconds } = audit(cli, set);
  const r = score(labels, report);
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const files = new Set(labels.map((l) => l.path)).size;
  console.log(`${title}, IaC: ${files} files, audit ${seconds.toFixed(1)} s, load ${load}`);
  const t = r.total;
  console.log(
    `all IaC    recall ${pct(t.found, t.positives)} (${t.found}/${t.positives})  precision ${pct(t.matchedFindings, t.findings)} (${t.matchedFindings}/${t.findings} findings; ${t.duplicates} duplicates, ${t.tolerated} tolerated)`,
  );
  for (const cat of CATS) {
    const c = r.categories[cat];
    console.log(
      `${cat.padEnd(10)} recall ${pct(c.found, c.positives)} (${c.found}/${c.positives})  precision ${pct(c.matchedFindings, c.findings)} (${c.matchedFindings}/${c.findings} findings)`,
    );
  }
  console.log(`look-alikes flagged ${pct(r.negatives.flagged, r.negatives.labels)} (${r.negatives.flagged}/${r.negatives.labels})`);
  console.log('\nby form:');
  for (const [form, f] of Object.entries(r.byForm).sort()) {
    console.log(
      `  ${form.padEnd(22)} recall ${pct(f.found, f.positives).padStart(6)} (${f.found}/${f.positives})  false alarms ${f.falseAlarms}`,
    );
  }
  console.log(`\nmisses (${r.misses.length}):`);
  for (const m of r.misses) console.log(`  ${m.cat.padEnd(10)} ${m.path}:${m.lines}  ${m.note}`);
  console.log(`\nfalse alarms (${r.falseAlarms.length}):`);
  for (const f of r.falseAlarms)
    console.log(`  ${f.cat.padEnd(10)} ${f.rule.padEnd(38)} ${f.path}:${f.line}  ${f.region}\n             ${f.message.slice(0, 200)}`);
  console.log(`\nduplicates (${r.duplicates.length}; a second finding on a found label):`);
  for (const d of r.duplicates) console.log(`  ${d.cat.padEnd(10)} ${d.rule.padEnd(38)} ${d.path}:${d.line}  label ${d.label}`);
  if (r.skipped.length) console.log(`\nskipped by the audit: ${JSON.stringify(r.skipped)}`);
  return { seconds, load, ...r };
}
