/**
 * The engine fuzz: feeds `createEngine().scan(…, { inventory: true })` the inputs of
 * fuzzInputs.ts and records, per input, a crash (the scan threw), a hang (it took longer than the
 * time budget) and a leak (a secret value appears in any text of the result). The first failure
 * of each kind is shrunk by fast-check to a minimal input, printed masked with the seed and path
 * that reproduce it.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { maskSecret, type Engine, type ScanResult } from '../../engine';
import { createEngine } from '../../workspace/engineFactory';
import { loadBuiltinRules } from '../../workspace/rules/ruleFiles';
import { fuzzInputs, type FuzzInput } from './fuzzInputs';

export const REPO = path.resolve(__dirname, '../../..');

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** A scan slower than this counts as a hang (generous: the engine's limits bound the inputs). */
  budgetMs: number;
  /** Shrink the first failure of each kind to a minimal input (slower). */
  shrink?: boolean;
  /** Failures of each kind kept for the report (default 5). */
  keep?: number;
  onProgress?: (done: number) => void;
}

export type FailureKind = 'crash' | 'hang' | 'leak';

export interface Failure {
  kind: FailureKind;
  family: string;
  path: string;
  /** What went wrong, with every secret value masked. */
  detail: string;
  /** The input, secrets masked, shortened: enough to see its shape. */
  input: string;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  inputs: number;
  byFamily: Record<string, number>;
  crashes: number;
  hangs: number;
  leaks: number;
  slowestMs: number;
  totalMs: number;
  /** The first failures of each kind (at most 5 each). */
  failures: Failure[];
  /** Shrunk counterexamples of the first failure of each kind, with what reproduces them. */
  minimal: Array<Failure & { seed: number; path_: string }>;
}

/** Every string anywhere in a scan result: findings, messages, names, reasons, identities. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/**
 * Whether the engine knows a value for a secret by its form alone (on a line of its own in a text
 * file, no key name around it). Other planted values (a 40-character base64 string, a password)
 * are secrets only in context: they count when the engine found them in this scan. Planted values
 * that mutations or shrinking turned into placeholders (`AAAA…`) are not secrets any more.
 */
function recognised(engine: Engine, cache: Map<string, boolean>, value: string): boolean {
  let known = cache.get(value);
  if (known === undefined) {
    const text = `${value}\n`;
    known = engine
      .scan({ path: 'probe.txt', text })
      .findings.some((f) => f.category === 'secret' && text.slice(f.offsets.start, f.offsets.end) === value);
    if (cache.size > 10_000) cache.clear();
    cache.set(value, known);
  }
  return known;
}

/**
 * Whether the value stands as a token somewhere in the text: not glued to letters or digits. The
 * rules match tokens between such boundaries (`xghp_…` holds no GitHub token), so a mutation
 * that glues a planted value to other text has made it something the engine rightly does not
 * report, nor mask.
 */
function standsAlone(text: string, value: string): boolean {
  const word = /[A-Za-z0-9]/;
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
    if (!word.test(text[i - 1] ?? '') && !word.test(text[i + value.length] ?? '')) return true;
  }
  return false;
}

/** The secret values of one scan: those planted (whole, standing alone, still secrets) and those the engine found. */
function secretsOf(engine: Engine, cache: Map<string, boolean>, input: FuzzInput, result: ScanResult): string[] {
  const found = result.findings.filter((f) => f.category === 'secret').map((f) => input.text.slice(f.offsets.start, f.offsets.end));
  const planted = input.planted.filter((s) => standsAlone(input.text, s) && recognised(engine, cache, s));
  return [...new Set([...planted, ...found])].filter((s) => s.length >= 8);
}

/**
 * Pieces of a value that would give it away: the value, and any 12 characters in a row of a long
 * one. PEM armor (`-----BEGIN RSA PRIVATE KEY-----`) and the PuTTY header are shown on purpose:
 * only the body counts.
 */
function pieces(value: string, vocabulary: string): string[] {
  const secret = value.replace(/-----[A-Z0-9 ]+-----|PuTTY-User-Key-File/g, '');
  if (secret.length < 16) return secret.length >= 8 ? [secret] : [];
  const out = [secret];
  for (let i = 0; i + 12 <= secret.length; i += 4) out.push(secret.slice(i, i + 12));
  // A piece that is also in a rule's own text (a value glued to "Authorization") says nothing of the secret.
  return out.filter((piece) => !vocabulary.includes(piece));
}

function masked(text: string, secrets: string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(maskSecret(s));
  return out;
}

function shortened(text: string, max = 1500): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Scans one input and says what went wrong, if anything. */
const recognisedCache = new Map<string, boolean>();
const vocabularies = new WeakMap<Engine, string>();

/** Everything the engine says on its own: rule ids, titles, descriptions, remediations. */
function vocabularyOf(engine: Engine): string {
  let text = vocabularies.get(engine);
  if (text === undefined) {
    text = engine.rules.map(({ definition: d }) => `${d.id}\n${d.title}\n${d.description}\n${d.remediation}`).join('\n');
    vocabularies.set(engine, text);
  }
  return text;
}

export function check(engine: Engine, input: FuzzInput, budgetMs: number): { failure?: Failure; ms: number } {
  const started = process.hrtime.bigint();
  let result: ScanResult;
  try {
    result = engine.scan({ path: input.path, text: input.text }, { inventory: true });
  } catch (error) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const detail = masked(`${(error as Error).name}: ${(error as Error).message}\n${(error as Error).stack ?? ''}`, input.planted);
    return { ms, failure: describe('crash', input, shortened(detail, 3000), input.planted) };
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const secrets = secretsOf(engine, recognisedCache, input, result);
  const texts = strings(result);
  for (const secret of secrets) {
    for (const piece of pieces(secret, vocabularyOf(engine))) {
      const where = texts.find((t) => t.includes(piece));
      if (where !== undefined) {
        const detail = `a ${piece === secret ? 'whole secret' : '12-character piece of a secret'} in an output text: ${JSON.stringify(masked(where, secrets))}`;
        return { ms, failure: describe('leak', input, detail, secrets) };
      }
    }
  }
  if (ms > budgetMs) return { ms, failure: describe('hang', input, `scan took ${Math.round(ms)} ms (budget ${budgetMs} ms)`, secrets) };
  return { ms };
}

function describe(kind: FailureKind, input: FuzzInput, detail: string, secrets: string[]): Failure {
  return { kind, family: input.family, path: input.path, detail, input: JSON.stringify(shortened(masked(input.text, secrets))) };
}

/** Runs the fuzz: `runs` inputs from `seed`, each checked for a crash, a hang and a leak. */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const engine = createEngine();
  const arbitrary = fuzzInputs(loadBuiltinRules(), REPO);
  const report: FuzzReport = {
    seed: options.seed,
    runs: options.runs,
    inputs: 0,
    byFamily: {},
    crashes: 0,
    hangs: 0,
    leaks: 0,
    slowestMs: 0,
    totalMs: 0,
    failures: [],
    minimal: [],
  };
  const started = Date.now();
  // The property never fails: every input is checked and counted, not only up to the first failure.
  fc.check(
    fc.property(arbitrary, (input) => {
      const { failure, ms } = check(engine, input, options.budgetMs);
      report.inputs++;
      report.byFamily[input.family] = (report.byFamily[input.family] ?? 0) + 1;
      report.slowestMs = Math.max(report.slowestMs, ms);
      if (failure) {
        report[failure.kind === 'crash' ? 'crashes' : failure.kind === 'hang' ? 'hangs' : 'leaks']++;
        if (report.failures.filter((f) => f.kind === failure.kind).length < (options.keep ?? 5)) report.failures.push(failure);
      }
      if (report.inputs % 1000 === 0) options.onProgress?.(report.inputs);
      return true;
    }),
    { seed: options.seed, numRuns: options.runs },
  );
  report.totalMs = Date.now() - started;
  if (options.shrink) {
    for (const kind of ['crash', 'leak', 'hang'] as const) {
      if (!report.failures.some((f) => f.kind === kind)) continue;
      const details = fc.check(
        fc.property(arbitrary, (input) => check(engine, input, options.budgetMs).failure?.kind !== kind),
        { seed: options.seed, numRuns: options.runs },
      );
      if (details.failed && details.counterexample) {
        const failure = check(engine, details.counterexample[0], options.budgetMs).failure;
        if (failure) report.minimal.push({ ...failure, seed: details.seed, path_: details.counterexamplePath ?? '' });
      }
    }
  }
  return report;
}

/** A report for people: the figures, then each failure with how to reproduce it. */
export function formatReport(report: FuzzReport): string {
  const lines = [
    `engine fuzz: ${report.inputs} inputs (seed ${report.seed}) in ${(report.totalMs / 1000).toFixed(1)} s, slowest ${Math.round(report.slowestMs)} ms`,
    `  by family: ${Object.entries(report.byFamily)
      .sort()
      .map(([f, n]) => `${f} ${n}`)
      .join(', ')}`,
    `  crashes: ${report.crashes}, hangs: ${report.hangs}, leaks: ${report.leaks}`,
  ];
  for (const f of report.failures) lines.push(`  ${f.kind} (${f.family}, ${JSON.stringify(f.path)}): ${f.detail}\n    input: ${f.input}`);
  for (const m of report.minimal)
    lines.push(
      `  minimal ${m.kind}: reproduce with --seed ${m.seed} (fast-check path "${m.path_}")\n    path: ${JSON.stringify(m.path)}\n    ${m.detail}\n    input: ${m.input}`,
    );
  return lines.join('\n');
}
