// npm run bench:heldout: recall, false alarms and precision of the built CLI on the held-out set
// (test/corpus/heldout, issue 12): cases written without reading the engine, the rules or the
// team's corpora, labelled by what a careful reviewer expects. The set is written out to
// bench/results/heldout/{iac,secrets}/ (git-ignored) so any tool, or the CLI by hand, can be run
// on the same files; each half is audited by one `node dist/cli.js audit` process, timed whole.
// Prints figures and every miss and false alarm; asserts nothing. Full report:
// bench/results/heldout.txt (and heldout.json).
//
// Findings map to labels by rule category only (`nhi-lens rules --format json`):
// permission → over-broad, ownership → ownerless, credential-lifetime → long-lived,
// secret → secret. Labels are never adjusted to results (see test/corpus/heldout/README.md).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { fillCase } from '../test/corpus/heldout/secrets/fakes.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const heldout = path.join(repo, 'test', 'corpus', 'heldout');
const cli = process.env.NHI_CLI_JS ?? path.join(repo, 'dist', 'cli.js');
const outDir = path.join(repo, 'bench', 'results', 'heldout');

const KIND_OF_CATEGORY = {
  permission: 'over-broad',
  ownership: 'ownerless',
  'credential-lifetime': 'long-lived',
  secret: 'secret',
};
const IAC_KINDS = ['over-broad', 'ownerless', 'long-lived'];
// Ownership is scored only where an owner tag has an agreed home (README of the set): a finding
// on one of these identities (named by the finding's message) is listed as unscored rather than
// counted either way.
const UNSCORED_OWNERLESS = [
  /^ServiceAccount\//,
  /^google_service_account\./,
  /^kubernetes_service_account(_v1)?\./,
  /^azuread_(application|service_principal)\./,
];
/** Runs one audit process over `dir`; returns its JSON report and wall time. */
function audit(dir) {
  const report = path.join(os.tmpdir(), `nhi-heldout-${process.pid}-${path.basename(dir)}.json`);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [cli, 'audit', dir, '--format', 'json', '--output', report, '--no-git', '--no-gitignore', '--fail-on', 'never', '--quiet'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`audit of ${dir} exited ${run.status}: ${run.stderr}`);
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report, { force: true });
  return { json, ms };
}

function ruleCategories() {
  const run = spawnSync(process.execPath, [cli, 'rules', '--format', 'json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`rules exited ${run.status}: ${run.stderr}`);
  return new Map(JSON.parse(run.stdout).map((r) => [r.id, r.category]));
}

const pct = (n, d) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const kindOf = (categories, finding) => KIND_OF_CATEGORY[categories.get(finding.ruleId) ?? finding.category] ?? 'other';

// ---------------------------------------------------------------------------------------------
// IaC

function scoreIac(categories) {
  const labels = JSON.parse(fs.readFileSync(path.join(heldout, 'iac', 'labels.json'), 'utf8'));
  const dir = path.join(outDir, 'iac');
  for (const rel of Object.keys(labels)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(path.join(heldout, 'iac', rel), path.join(dir, rel));
  }
  fs.copyFileSync(path.join(heldout, 'iac', 'labels.json'), path.join(dir, 'labels.json'));
  const { json, ms } = audit(dir);

  const byFile = new Map(Object.keys(labels).map((f) => [f, []]));
  for (const f of json.findings) {
    if (!byFile.has(f.path)) continue; // labels.json itself
    byFile.get(f.path).push(f);
  }
  const items = [];
  const falseAlarms = [];
  const duplicates = [];
  const unscored = [];
  const secretsInIac = [];
  for (const [file, findings] of byFile) {
    const fileItems = labels[file].map((item) => ({ ...item, file, hits: [] }));
    items.push(...fileItems);
    for (const f of findings) {
      const kind = kindOf(categories, f);
      const line = f.range.start.line + 1;
      if (kind === 'secret') {
        secretsInIac.push({ file, line, f });
        continue;
      }
      if (!IAC_KINDS.includes(kind)) continue;
      const inRange = (item) => item.ranges.some(([a, b]) => line >= a && line <= b);
      const item = fileItems.find((i) => i.kind === kind && inRange(i));
      if (item) {
        (item.hits.length ? duplicates : []).push({ file, line, f, item });
        item.hits.push(f);
        continue;
      }
      if (kind === 'ownerless' && UNSCORED_OWNERLESS.some((re) => re.test(f.message))) {
        unscored.push({ file, line, f });
        continue;
      }
      const other = fileItems.find((i) => i.kind !== kind && inRange(i));
      falseAlarms.push({ file, line, kind, f, note: other ? `inside an expected ${other.kind} item` : '' });
    }
  }

  const form = (file) =>
    file
      .split('/')
      .slice(0, file.startsWith('terraform/') ? 2 : 1)
      .join('/');
  const lines = [];
  lines.push(
    `IaC: ${byFile.size} files (${[...byFile.keys()].filter((f) => labels[f].length === 0).length} expect nothing), ${items.length} expected findings; ${json.findings.length} findings in ${ms.toFixed(0)} ms (one audit process)`,
  );
  lines.push('');
  lines.push('kind          expected  found  recall   findings  false alarms  precision  duplicates');
  for (const kind of IAC_KINDS) {
    const exp = items.filter((i) => i.kind === kind);
    const found = exp.filter((i) => i.hits.length > 0).length;
    const fa = falseAlarms.filter((x) => x.kind === kind).length;
    const dup = duplicates.filter((x) => x.item.kind === kind).length;
    lines.push(
      `${kind.padEnd(12)}  ${String(exp.length).padStart(8)}  ${String(found).padStart(5)}  ${pct(found, exp.length)}  ${String(found + dup + fa).padStart(8)}  ${String(fa).padStart(12)}  ${pct(found, found + fa).padStart(9)}  ${String(dup).padStart(10)}`,
    );
  }
  const allFound = items.filter((i) => i.hits.length > 0).length;
  lines.push(
    `${'all'.padEnd(12)}  ${String(items.length).padStart(8)}  ${String(allFound).padStart(5)}  ${pct(allFound, items.length)}  ${String(allFound + duplicates.length + falseAlarms.length).padStart(8)}  ${String(falseAlarms.length).padStart(12)}  ${pct(allFound, allFound + falseAlarms.length).padStart(9)}  ${String(duplicates.length).padStart(10)}`,
  );
  const negFiles = [...byFile.keys()].filter((f) => labels[f].length === 0);
  const noisyNeg = negFiles.filter((f) => falseAlarms.some((x) => x.file === f));
  lines.push(
    `files expecting nothing that got a finding: ${noisyNeg.length}/${negFiles.length} (${pct(noisyNeg.length, negFiles.length).trim()})`,
  );
  lines.push(`ownerless findings not scored (GCP/Kubernetes service accounts, Azure AD apps): ${unscored.length}`);
  lines.push(`secret findings in IaC files (none expected): ${secretsInIac.length}`);
  lines.push('');
  lines.push('by form       expected  found  recall  false alarms');
  const forms = [...new Set([...byFile.keys()].map(form))].sort();
  for (const fm of forms) {
    const exp = items.filter((i) => form(i.file) === fm);
    const found = exp.filter((i) => i.hits.length > 0).length;
    const fa = falseAlarms.filter((x) => form(x.file) === fm).length;
    lines.push(
      `${fm.padEnd(20)}  ${String(exp.length).padStart(4)}  ${String(found).padStart(5)}  ${pct(found, exp.length)}  ${String(fa).padStart(5)}`,
    );
  }
  const rules = new Map();
  for (const x of falseAlarms) rules.set(x.f.ruleId, (rules.get(x.f.ruleId) ?? 0) + 1);
  lines.push('');
  lines.push(
    'false alarms by rule: ' +
      [...rules]
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => `${r} ${n}`)
        .join(', '),
  );
  lines.push('');
  lines.push(`IaC misses (${items.length - allFound}):`);
  for (const i of items.filter((x) => x.hits.length === 0)) {
    lines.push(`  MISS ${i.kind.padEnd(10)} ${i.file}:${i.ranges.map(([a, b]) => `${a}-${b}`).join(',')}  ${i.note}`);
  }
  lines.push('');
  lines.push(`IaC false alarms (${falseAlarms.length}):`);
  for (const x of falseAlarms) {
    lines.push(`  FA   ${x.kind.padEnd(10)} ${x.file}:${x.line}  [${x.f.ruleId}] ${x.f.message}${x.note ? `  (${x.note})` : ''}`);
  }
  lines.push('');
  lines.push(`IaC duplicates (a second finding for one expected item) (${duplicates.length}):`);
  for (const x of duplicates) lines.push(`  DUP  ${x.file}:${x.line}  [${x.f.ruleId}] ${x.f.message}`);
  lines.push('');
  lines.push(`IaC ownerless findings not scored (${unscored.length}):`);
  for (const x of unscored) lines.push(`  UNSCORED ${x.file}:${x.line}  ${x.f.message}`);
  lines.push('');
  lines.push(`Secret findings in IaC files (${secretsInIac.length}):`);
  for (const x of secretsInIac) lines.push(`  SECRET ${x.file}:${x.line}  [${x.f.ruleId}] ${x.f.message}`);
  if (json.skipped?.length) {
    lines.push('');
    lines.push(`IaC files skipped by the audit (${json.skipped.length}):`);
    for (const s of json.skipped) lines.push(`  SKIP ${JSON.stringify(s)}`);
  }
  return {
    text: lines.join('\n'),
    figures: {
      files: byFile.size,
      expected: items.length,
      found: allFound,
      falseAlarms: falseAlarms.length,
      duplicates: duplicates.length,
      unscored: unscored.length,
      ms,
      byKind: Object.fromEntries(
        IAC_KINDS.map((k) => {
          const exp = items.filter((i) => i.kind === k);
          return [
            k,
            {
              expected: exp.length,
              found: exp.filter((i) => i.hits.length).length,
              falseAlarms: falseAlarms.filter((x) => x.kind === k).length,
            },
          ];
        }),
      ),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Secrets

function loadSecretCases() {
  const dir = path.join(heldout, 'secrets', 'cases');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')).map((c) => ({ ...c, source: f })));
}

function scoreSecrets(categories) {
  const cases = loadSecretCases();
  const dir = path.join(outDir, 'secrets');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const c of cases) {
    const file = path.join(dir, c.id, c.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, fillCase(c.id, c.content));
  }
  const { json, ms } = audit(dir);
  const byCase = new Map(cases.map((c) => [c.id, []]));
  let otherFindings = 0;
  for (const f of json.findings) {
    const id = f.path.split('/')[0];
    if (kindOf(categories, f) !== 'secret') {
      otherFindings++;
      continue;
    }
    byCase.get(id)?.push(f);
  }
  const skippedCases = new Set((json.skipped ?? []).map((s) => String(s.path ?? s.file ?? '').split('/')[0]));
  const pos = cases.filter((c) => c.expect === 'secret');
  const neg = cases.filter((c) => c.expect === 'none');
  const found = pos.filter((c) => byCase.get(c.id).length > 0);
  const flagged = neg.filter((c) => byCase.get(c.id).length > 0);
  const lines = [];
  lines.push(
    `Secrets: ${cases.length} cases (${pos.length} positives, ${neg.length} look-alikes); ${json.findings.length} findings in ${ms.toFixed(0)} ms (one audit process)`,
  );
  lines.push('');
  lines.push(`recall            ${found.length}/${pos.length}  ${pct(found.length, pos.length)}`);
  lines.push(
    `false alarms      ${flagged.length}/${neg.length}  ${pct(flagged.length, neg.length)}  (look-alike files with any secret finding)`,
  );
  lines.push(
    `precision         ${found.length}/${found.length + flagged.length}  ${pct(found.length, found.length + flagged.length)}  (by case: found positives / all flagged cases)`,
  );
  const faFindings = flagged.reduce((n, c) => n + byCase.get(c.id).length, 0);
  const posFindings = found.reduce((n, c) => n + byCase.get(c.id).length, 0);
  lines.push(
    `findings          ${posFindings} in positive cases, ${faFindings} in look-alikes; ${otherFindings} non-secret findings ignored`,
  );
  lines.push('');
  lines.push('recall by source file / provider group:');
  for (const source of [...new Set(pos.map((c) => c.source))]) {
    const p = pos.filter((c) => c.source === source);
    const f = p.filter((c) => byCase.get(c.id).length > 0);
    lines.push(`  ${source.padEnd(20)} ${String(f.length).padStart(3)}/${String(p.length).padEnd(3)} ${pct(f.length, p.length)}`);
  }
  lines.push('');
  lines.push('false alarms by look-alike kind:');
  for (const kind of [...new Set(neg.map((c) => c.kind))].sort()) {
    const n = neg.filter((c) => c.kind === kind);
    const f = n.filter((c) => byCase.get(c.id).length > 0);
    lines.push(`  ${String(kind).padEnd(18)} ${String(f.length).padStart(3)}/${String(n.length).padEnd(3)} ${pct(f.length, n.length)}`);
  }
  const rules = new Map();
  for (const c of flagged) for (const f of byCase.get(c.id)) rules.set(f.ruleId, (rules.get(f.ruleId) ?? 0) + 1);
  lines.push('');
  lines.push(
    'false-alarm findings by rule: ' +
      [...rules]
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => `${r} ${n}`)
        .join(', '),
  );
  lines.push('');
  lines.push(`Secret misses (${pos.length - found.length}):`);
  for (const c of pos.filter((x) => byCase.get(x.id).length === 0)) {
    lines.push(
      `  MISS ${c.id.padEnd(32)} ${String(c.provider).padEnd(16)} ${c.id}/${c.path}${skippedCases.has(c.id) ? '  (file skipped by the audit)' : ''}${c.note ? `  — ${c.note}` : ''}`,
    );
  }
  lines.push('');
  lines.push(`Secret false alarms (${flagged.length}):`);
  for (const c of flagged) {
    for (const f of byCase.get(c.id)) {
      lines.push(
        `  FA   ${c.id.padEnd(32)} ${String(c.kind).padEnd(16)} ${c.id}/${c.path}:${f.range.start.line + 1}  [${f.ruleId}] ${f.masked ?? ''}`,
      );
    }
  }
  if (json.skipped?.length) {
    lines.push('');
    lines.push(`Secret-case files skipped by the audit (${json.skipped.length}):`);
    for (const s of json.skipped) lines.push(`  SKIP ${JSON.stringify(s)}`);
  }
  return {
    text: lines.join('\n'),
    figures: { positives: pos.length, negatives: neg.length, found: found.length, flagged: flagged.length, ms },
  };
}

export function runHeldoutBench() {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const categories = ruleCategories();
  const iac = scoreIac(categories);
  const secrets = scoreSecrets(categories);
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const header = `Held-out set (test/corpus/heldout), CLI ${path.relative(repo, cli)}, node ${process.version}, ${os.cpus().length} cores, load average ${load}`;
  const full = [header, '', iac.text, '', secrets.text, ''].join('\n');
  fs.writeFileSync(path.join(repo, 'bench', 'results', 'heldout.txt'), full);
  fs.writeFileSync(
    path.join(repo, 'bench', 'results', 'heldout.json'),
    JSON.stringify({ load, iac: iac.figures, secrets: secrets.figures }, null, 1) + '\n',
  );
  console.log(full);
  console.log(`written: bench/results/heldout.txt, files under ${path.relative(repo, outDir)}/`);
  return { iac: iac.figures, secrets: secrets.figures };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runHeldoutBench();
