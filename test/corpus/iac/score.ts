/**
 * Scores IaC findings against the labelled corpus: recall per category, form and check, false
 * alarms on the negatives, precision over every finding of the families a document is labelled
 * for, and floods (findings per flagged statement, rule or binding).
 */
import type { Family, IacDocument, LabelAt } from './labels';

/** The part of a finding the score needs. */
export interface ScoredIacFinding {
  ruleId: string;
  category: string;
  offsets: { start: number; end: number };
  fix?: { iac?: { check: string } };
}
export type IacScanner = (document: { path: string; text: string }) => ScoredIacFinding[];

export interface Tally {
  total: number;
  hit: number;
}

export interface IacScore {
  documents: number;
  positives: Tally;
  negatives: Tally;
  findings: number;
  rightFindings: number;
  byCategory: Map<string, Tally>;
  negativesByCategory: Map<string, Tally>;
  byForm: Map<string, Tally>;
  byCheck: Map<string, Tally>;
  /** Per check: findings that were right (tp) and wrong (fp). */
  byRule: Map<string, { tp: number; fp: number }>;
  /** Findings inside each flagged positive region: 1 is ideal. */
  perFlagged: number[];
  misses: LabelAt[];
  falseAlarms: Array<{ label?: LabelAt; file: string; check: string; offset: number }>;
}

const tally = (m: Map<string, Tally>, key: string, hit: boolean) => {
  const t = m.get(key) ?? { total: 0, hit: 0 };
  t.total++;
  if (hit) t.hit++;
  m.set(key, t);
};

const checkOf = (f: ScoredIacFinding) => f.fix?.iac?.check ?? f.ruleId;
const inside = (f: ScoredIacFinding, l: LabelAt) => f.offsets.start >= l.start && f.offsets.start < Math.max(l.end, l.start + 1);

export function scoreIacCorpus(documents: IacDocument[], scan: IacScanner): IacScore {
  const score: IacScore = {
    documents: documents.length,
    positives: { total: 0, hit: 0 },
    negatives: { total: 0, hit: 0 },
    findings: 0,
    rightFindings: 0,
    byCategory: new Map(),
    negativesByCategory: new Map(),
    byForm: new Map(),
    byCheck: new Map(),
    byRule: new Map(),
    perFlagged: [],
    misses: [],
    falseAlarms: [],
  };
  for (const doc of documents) {
    const families = new Set<Family>(doc.labels.map((l) => l.family));
    const findings = scan({ path: doc.path, text: doc.text }).filter((f) => families.has(f.category as Family));
    for (const l of doc.labels) {
      const mine = findings.filter((f) => inside(f, l) && f.category === l.family);
      if (l.kind === 'positive') {
        const hit = mine.some((f) => l.checks.includes(checkOf(f)));
        score.positives.total++;
        if (hit) score.positives.hit++;
        tally(score.byCategory, l.category, hit);
        tally(score.byForm, `${l.category} ${l.form}`, hit);
        for (const c of l.checks.slice(0, 1)) tally(score.byCheck, c, hit);
        if (hit) score.perFlagged.push(mine.length);
        else score.misses.push(l);
      } else {
        const hit = mine.length > 0;
        score.negatives.total++;
        if (hit) score.negatives.hit++;
        tally(score.negativesByCategory, l.category, hit);
      }
    }
    for (const f of findings) {
      score.findings++;
      const at = doc.labels.find((l) => inside(f, l));
      const right = !!at && at.kind === 'positive' && at.checks.includes(checkOf(f));
      const r = score.byRule.get(checkOf(f)) ?? { tp: 0, fp: 0 };
      if (right) {
        score.rightFindings++;
        r.tp++;
      } else {
        r.fp++;
        score.falseAlarms.push({ label: at, file: doc.path, check: checkOf(f), offset: f.offsets.start });
      }
      score.byRule.set(checkOf(f), r);
    }
  }
  return score;
}

const pct = (t: Tally) => (t.total ? (100 * t.hit) / t.total : 0);
export const iacRecall = (s: IacScore) => pct(s.positives);
export const iacFalseAlarmRate = (s: IacScore) => pct(s.negatives);
export const iacPrecision = (s: IacScore) => (s.findings ? (100 * s.rightFindings) / s.findings : 100);

export function formatIacScore(s: IacScore, options: { listMisses?: number; listFalseAlarms?: number; perForm?: boolean } = {}): string {
  const f1 = (n: number) => n.toFixed(1);
  const lines: string[] = [];
  const flagged = s.perFlagged.length;
  const perStatement = flagged ? s.perFlagged.reduce((a, b) => a + b, 0) / flagged : 0;
  lines.push(
    `IaC corpus: ${s.documents} files, ${s.positives.total} positives, ${s.negatives.total} negatives`,
    `recall ${f1(iacRecall(s))}% (${s.positives.hit}/${s.positives.total}), false alarms ${f1(iacFalseAlarmRate(s))}% (${s.negatives.hit}/${s.negatives.total}), precision ${f1(iacPrecision(s))}% (${s.rightFindings}/${s.findings} findings right)`,
    `findings per flagged statement/rule/binding: mean ${perStatement.toFixed(2)}, max ${flagged ? Math.max(...s.perFlagged) : 0}`,
    '',
    'recall by category:',
  );
  const table = (m: Map<string, Tally>) =>
    [...m.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, t]) => `  ${k.padEnd(44)} ${f1(pct(t)).padStart(5)}%  ${t.hit}/${t.total}`);
  lines.push(...table(s.byCategory), '', 'false alarms by category of negatives:', ...table(s.negativesByCategory));
  lines.push('', 'recall by expected check:', ...table(s.byCheck));
  lines.push(
    '',
    'findings by check (right / wrong):',
    ...[...s.byRule.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, r]) => `  ${k.padEnd(44)} ${String(r.tp).padStart(4)} / ${r.fp}`),
  );
  if (options.perForm) lines.push('', 'recall by category and form:', ...table(s.byForm));
  const misses = options.listMisses ?? 30;
  if (s.misses.length && misses) {
    lines.push('', `misses (${s.misses.length}):`);
    for (const m of s.misses.slice(0, misses))
      lines.push(`  ${m.file}:${m.line}  [${m.category} ${m.form}] ${m.name} (expected ${m.checks.join(' or ')})`);
  }
  const alarms = options.listFalseAlarms ?? 30;
  if (s.falseAlarms.length && alarms) {
    lines.push('', `wrong findings (${s.falseAlarms.length}):`);
    for (const a of s.falseAlarms.slice(0, alarms))
      lines.push(`  ${a.file}  ${a.check}${a.label ? ` on ${a.label.kind} "${a.label.name}"` : ' outside any labelled region'}`);
  }
  return lines.join('\n');
}
