/**
 * Scores a scanner against the labelled corpus: recall per group, context and provider,
 * false-alarm rate on the labelled negatives, precision over every secret finding, and the
 * true and false positives of each rule. Misses and false alarms are listed masked.
 */
import { maskSecret } from '../../../engine/secrets/masking';
import type { CorpusDocument } from './document';
import type { SecretCorpus } from './corpus';

/** The part of a finding the score needs (engine findings and report JSON both have it). */
export interface ScoredFinding {
  ruleId: string;
  category: string;
  severity?: string;
  offsets: { start: number; end: number };
  masked: string;
}
export type Scanner = (document: { path: string; text: string }) => ScoredFinding[];

export interface Label {
  file: string;
  context: string;
  kind: 'secret' | 'negative';
  provider: string;
  group: string;
  start: number;
  end: number;
  line: number;
  endLine: number;
  /** Held in memory only: labels written to disk carry the masked form. */
  value: string;
}

export interface Tally {
  total: number;
  hit: number;
}

export interface Score {
  documents: number;
  positives: Tally;
  negatives: Tally;
  providers: number;
  findings: number;
  truePositiveFindings: number;
  byGroup: Map<string, Tally>;
  byContext: Map<string, Tally>;
  byProvider: Map<string, Tally>;
  negativesByGroup: Map<string, Tally>;
  negativesByKind: Map<string, Tally>;
  byRule: Map<string, { tp: number; fp: number }>;
  misses: Label[];
  falseAlarms: Array<{ file: string; line: number; ruleId: string; masked: string; negative?: string }>;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0,
    hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function labelsOf(document: CorpusDocument): Label[] {
  const starts = lineStarts(document.text);
  return document.marks.map((m) => ({
    file: document.path,
    context: document.context,
    kind: m.kind,
    provider: m.provider,
    group: m.group,
    start: m.start,
    end: m.end,
    line: lineOf(starts, m.start),
    endLine: lineOf(starts, Math.max(m.start, m.end - 1)),
    value: m.value,
  }));
}

const bump = (map: Map<string, Tally>, key: string, hit: boolean) => {
  const t = map.get(key) ?? { total: 0, hit: 0 };
  t.total++;
  if (hit) t.hit++;
  map.set(key, t);
};

export function scoreCorpus(corpus: SecretCorpus, scan: Scanner): Score {
  const score: Score = {
    documents: corpus.documents.length,
    positives: { total: 0, hit: 0 },
    negatives: { total: 0, hit: 0 },
    providers: 0,
    findings: 0,
    truePositiveFindings: 0,
    byGroup: new Map(),
    byContext: new Map(),
    byProvider: new Map(),
    negativesByGroup: new Map(),
    negativesByKind: new Map(),
    byRule: new Map(),
    misses: [],
    falseAlarms: [],
  };
  const providers = new Set<string>();
  for (const document of corpus.documents) {
    const labels = labelsOf(document);
    const starts = lineStarts(document.text);
    const findings = scan(document)
      .filter((f) => f.category === 'secret')
      .map((f) => ({ ...f, line: lineOf(starts, f.offsets.start), endLine: lineOf(starts, Math.max(f.offsets.start, f.offsets.end - 1)) }));
    score.findings += findings.length;
    const positives = labels.filter((l) => l.kind === 'secret');
    const negatives = labels.filter((l) => l.kind === 'negative');
    for (const f of findings) {
      const rule = score.byRule.get(f.ruleId) ?? { tp: 0, fp: 0 };
      const matched = positives.some((p) => f.offsets.start < p.end && p.start < f.offsets.end);
      if (matched) {
        rule.tp++;
        score.truePositiveFindings++;
      } else {
        rule.fp++;
        const neg = negatives.find((n) => f.line <= n.endLine && n.line <= f.endLine);
        score.falseAlarms.push({
          file: document.path,
          line: f.line,
          ruleId: f.ruleId,
          masked: f.masked,
          negative: neg && `${neg.group}: ${neg.provider}`,
        });
      }
      score.byRule.set(f.ruleId, rule);
    }
    for (const p of positives) {
      providers.add(p.provider);
      const hit = findings.some((f) => f.offsets.start < p.end && p.start < f.offsets.end);
      score.positives.total++;
      if (hit) score.positives.hit++;
      else score.misses.push(p);
      bump(score.byGroup, p.group, hit);
      bump(score.byContext, p.context, hit);
      bump(score.byProvider, p.provider, hit);
    }
    for (const n of negatives) {
      const hit = findings.some((f) => f.line <= n.endLine && n.line <= f.endLine);
      score.negatives.total++;
      if (hit) score.negatives.hit++;
      bump(score.negativesByGroup, n.group, hit);
      bump(score.negativesByKind, `${n.group}: ${n.provider}`, hit);
    }
  }
  score.providers = providers.size;
  return score;
}

const pct = (t: Tally) => (t.total ? (100 * t.hit) / t.total : 0);
export const recall = (s: Score) => pct(s.positives);
export const falseAlarmRate = (s: Score) => pct(s.negatives);
export const precision = (s: Score) => (s.findings ? (100 * s.truePositiveFindings) / s.findings : 100);

function table(title: string, rows: Array<[string, Tally]>, hitLabel: string): string[] {
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  const out = [`${title.padEnd(width)}  ${hitLabel.padStart(9)}  ${'%'.padStart(6)}`];
  for (const [k, t] of rows) out.push(`${k.padEnd(width)}  ${`${t.hit}/${t.total}`.padStart(9)}  ${pct(t).toFixed(1).padStart(6)}`);
  return out;
}

/** Masks a label's value the way the engine masks findings. */
export function maskLabel(label: Label): string {
  return maskSecret(label.value.replace(/\s+/g, ' '));
}

export function formatScore(score: Score, options: { listMisses?: number; listFalseAlarms?: number; perProvider?: boolean } = {}): string {
  const byKey = (m: Map<string, Tally>) => [...m.entries()].sort((a, b) => pct(a[1]) - pct(b[1]) || a[0].localeCompare(b[0]));
  const out: string[] = [];
  out.push(
    `documents ${score.documents}, positives ${score.positives.total} (${score.providers} providers and kinds), negatives ${score.negatives.total}`,
    `recall           ${recall(score).toFixed(1)}%  (${score.positives.hit}/${score.positives.total})`,
    `false alarms     ${falseAlarmRate(score).toFixed(1)}%  (${score.negatives.hit}/${score.negatives.total} labelled negatives flagged)`,
    `precision        ${precision(score).toFixed(1)}%  (${score.truePositiveFindings}/${score.findings} secret findings on a labelled secret)`,
    '',
  );
  out.push(...table('recall by group', byKey(score.byGroup), 'found'), '');
  out.push(...table('recall by context', byKey(score.byContext), 'found'), '');
  if (options.perProvider) out.push(...table('recall by provider', byKey(score.byProvider), 'found'), '');
  out.push(...table('false alarms by negative group', byKey(score.negativesByGroup).reverse(), 'flagged'), '');
  const rules = [...score.byRule.entries()].sort((a, b) => b[1].fp - a[1].fp || b[1].tp - a[1].tp || a[0].localeCompare(b[0]));
  const w = Math.max(4, ...rules.map(([k]) => k.length));
  out.push(`${'rule'.padEnd(w)}  ${'true'.padStart(6)}  ${'false'.padStart(6)}`);
  for (const [id, r] of rules) out.push(`${id.padEnd(w)}  ${String(r.tp).padStart(6)}  ${String(r.fp).padStart(6)}`);
  out.push('');
  const misses = options.listMisses ?? 50;
  if (misses > 0) {
    out.push(`misses (${score.misses.length}${score.misses.length > misses ? `, first ${misses}` : ''}):`);
    for (const m of score.misses.slice(0, misses)) out.push(`  ${m.file}:${m.line}  [${m.group}] ${m.provider}  ${maskLabel(m)}`);
    out.push('');
  }
  const alarms = options.listFalseAlarms ?? 50;
  if (alarms > 0) {
    out.push(`false alarms (${score.falseAlarms.length}${score.falseAlarms.length > alarms ? `, first ${alarms}` : ''}):`);
    for (const f of score.falseAlarms.slice(0, alarms))
      out.push(`  ${f.file}:${f.line}  ${f.ruleId}  ${f.masked}  ${f.negative ? `(labelled negative: ${f.negative})` : '(unlabelled)'}`);
  }
  return out.join('\n');
}
