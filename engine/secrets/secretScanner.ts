import ignore from 'ignore';
import type { FileKind, Severity, SkipNote } from '../types';
import type { RuleDefinition } from '../rules/ruleTypes';
import { unquotedValuesAreLiterals } from '../text/fileKind';
import { findAssignments, snakeName } from './assignments';
import { shannonEntropy } from './entropy';
import { isGenericNonSecret, isLockfile, isPlaceholder, isTestOrDocPath } from './falsePositives';
import { KeywordIndex } from './keywordIndex';
import { kubernetesSecretData, type EncodedSecretValue } from './kubernetesSecrets';
import { VALIDATORS } from './validators';

/** A rule ready to run: regexes compiled once, severity after config overrides. */
export interface CompiledRule {
  definition: RuleDefinition;
  severity: Severity;
  regex?: RegExp;
  assignment?: { name: RegExp; exclude?: RegExp; minLength: number; maxLength: number };
  allowValues: RegExp[];
  skipsPath?: (path: string) => boolean;
  contextKeywords: number[];
}

/** A value that passed every check, before positions and suppressions are worked out. */
export interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  value: string;
  /** The name the value is assigned to, when the rule's pattern captures it as `(?<name>…)`. */
  keyName?: string;
}

/** Multiline rules (PEM blocks) look this far past their keyword line... */
const MULTILINE_WINDOW = 16_384;
/** ...and no multiline match is longer than this (PEM bodies are capped at 12,000 characters). */
const MULTILINE_MAX_MATCH = 12_288;

export function compileRule(definition: RuleDefinition, severity: Severity): Omit<CompiledRule, 'contextKeywords'> {
  const a = definition.assignment;
  const paths = definition.allowlist?.paths;
  const pathFilter = paths?.length ? ignore().add(paths) : undefined;
  return {
    definition,
    severity,
    regex: definition.pattern !== undefined ? new RegExp(definition.pattern, definition.caseInsensitive ? 'dgi' : 'dg') : undefined,
    assignment: a && {
      name: new RegExp(a.name, 'i'),
      exclude: a.nameExclude ? new RegExp(a.nameExclude, 'i') : undefined,
      minLength: a.minLength ?? 8,
      maxLength: a.maxLength ?? 300,
    },
    allowValues: (definition.allowlist?.values ?? []).map((v) => new RegExp(v)),
    skipsPath:
      pathFilter && ((p: string) => p !== '' && !p.startsWith('..') && pathFilter.ignores(p.replace(/\\/g, '/').replace(/^\/+/, ''))),
  };
}

/** Runs every secret rule over a text with one keyword pass and bounded regex work. */
export class SecretScanner {
  private readonly index: KeywordIndex;
  /** keyword id → rules that list it as a keyword. */
  private readonly rulesByKeyword: number[][];

  constructor(
    readonly rules: CompiledRule[],
    keywords: string[],
    rulesByKeyword: number[][],
  ) {
    this.index = new KeywordIndex(keywords);
    this.rulesByKeyword = rulesByKeyword;
  }

  static build(rules: Omit<CompiledRule, 'contextKeywords'>[]): SecretScanner {
    const ids = new Map<string, number>();
    const idOf = (k: string) => {
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
      }
      return id;
    };
    const byKeyword: number[][] = [];
    const compiled = rules.map((rule, r) => {
      for (const k of new Set((rule.definition.keywords ?? []).flatMap(nameSpellings))) (byKeyword[idOf(k)] ??= []).push(r);
      const contextKeywords = (rule.definition.context ?? []).map((k) => idOf(k.toLowerCase()));
      return { ...rule, contextKeywords };
    });
    const keywords = [...ids.keys()];
    for (let i = 0; i < keywords.length; i++) byKeyword[i] ??= [];
    return new SecretScanner(compiled, keywords, byKeyword);
  }

  /** Every secret in the text; `decode` also looks inside base64 values of Kubernetes Secrets. */
  scan(text: string, path: string, kind: FileKind, maxLineLength: number, skipped: SkipNote[], decode = true): Candidate[] {
    const { rules, rulesByKeyword } = this;
    const present = new Uint8Array(this.index.keywords.length);
    const lastLine = new Int32Array(rules.length).fill(-1);
    const windows: number[][] = new Array(rules.length);
    this.index.scan(text, (keyword, _offset, lineStart) => {
      present[keyword] = 1;
      const ruleIds = rulesByKeyword[keyword];
      for (let k = 0; k < ruleIds.length; k++) {
        const r = ruleIds[k];
        if (lastLine[r] !== lineStart) {
          lastLine[r] = lineStart;
          (windows[r] ??= []).push(lineStart);
        }
      }
    });

    const candidates: Candidate[] = [];
    const longLines = new Set<number>();
    const literalUnquoted = unquotedValuesAreLiterals(kind);
    const genericSkipsFile = isLockfile(path) || isTestOrDocPath(path);
    for (let r = 0; r < rules.length; r++) {
      const starts = windows[r];
      if (!starts) continue;
      const rule = rules[r];
      const def = rule.definition;
      if (rule.contextKeywords.length && !rule.contextKeywords.some((k) => present[k])) continue;
      if (rule.skipsPath?.(path) || (def.generic && genericSkipsFile)) continue;
      let coveredUntil = -1;
      for (const lineStart of starts) {
        if (lineStart < coveredUntil) continue;
        let lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length;
        if (lineEnd - lineStart > maxLineLength) {
          longLines.add(lineStart);
          continue;
        }
        const end = def.multiline ? Math.min(text.length, lineStart + MULTILINE_WINDOW) : lineEnd;
        const window = text.slice(lineStart, end);
        if (rule.regex) {
          const re = rule.regex;
          re.lastIndex = 0;
          let searchedToEnd = true;
          for (let m = re.exec(window); m; m = re.exec(window)) {
            if (m[0].length === 0) re.lastIndex++;
            const span = m.indices?.groups?.secret;
            if (!span || span[1] <= span[0]) continue;
            const value = window.slice(span[0], span[1]);
            if (this.accepts(rule, value, m[0])) {
              candidates.push({ rule, start: lineStart + span[0], end: lineStart + span[1], value, keyName: m.groups?.name });
              if (def.multiline) coveredUntil = lineStart + span[1];
            }
            if (def.multiline && m.index > lineEnd - lineStart) {
              searchedToEnd = false;
              break;
            } // later keyword lines get their own window
          }
          // A search that found nothing has ruled out every match starting early enough to fit in
          // this window: later keyword lines there need no window of their own (bounds the work).
          if (def.multiline && searchedToEnd && end === lineStart + MULTILINE_WINDOW)
            coveredUntil = Math.max(coveredUntil, end - MULTILINE_MAX_MATCH);
        } else if (rule.assignment) {
          const a = rule.assignment;
          for (const found of findAssignments(window)) {
            // Names are matched as written and in snake_case (`dbPassword` → `db_password`).
            const snake = snakeName(found.name);
            if (!(a.name.test(found.name) || a.name.test(snake)) || a.exclude?.test(found.name) || a.exclude?.test(snake)) continue;
            if (!found.quote && !literalUnquoted) continue;
            const value = found.value;
            if (value.length < a.minLength || value.length > a.maxLength) continue;
            if (this.accepts(rule, value, value))
              candidates.push({
                rule,
                start: lineStart + found.valueStart,
                end: lineStart + found.valueEnd,
                value,
                keyName: found.name.replace(/^[$@]/, ''),
              });
          }
        }
      }
    }
    for (const lineStart of longLines) {
      skipped.push({ path, reason: `line longer than ${maxLineLength} characters not scanned`, line: lineNumberAt(text, lineStart) });
    }
    if (decode) for (const encoded of kubernetesSecretData(text)) candidates.push(...this.scanDecoded(encoded, path, maxLineLength));
    return resolveOverlaps(candidates);
  }

  /**
   * Scans what a base64 Secret value holds, written as `key: "value"` (or the key over a
   * multi-line value) so name-based rules see the key; a finding covers the whole base64 value.
   */
  private scanDecoded(encoded: EncodedSecretValue, path: string, maxLineLength: number): Candidate[] {
    const { key, decoded } = encoded;
    const oneLine = !/["\r\n]/.test(decoded);
    const prefix = oneLine ? `${key}: "` : `${key}:\n`;
    const inner = this.scan(`${prefix}${decoded}${oneLine ? '"' : ''}\n`, path, 'yaml', maxLineLength, [], false);
    return inner
      .filter((c) => c.start >= prefix.length && c.start < prefix.length + decoded.length)
      .map((c) => ({ ...c, start: encoded.start, end: encoded.end, keyName: c.keyName ?? key }));
  }

  private accepts(rule: CompiledRule, value: string, match: string): boolean {
    const def = rule.definition;
    if (def.entropy !== undefined && shannonEntropy(value) < def.entropy) return false;
    if (def.validate && !VALIDATORS[def.validate](value, match)) return false;
    // Multiline rules capture blocks (PEM bodies hold runs such as AAAAAA, XML keys hold tags):
    // only a short one-line value they capture is checked for placeholders.
    if ((!def.multiline || (value.length < 100 && !value.includes('\n'))) && isPlaceholder(value)) return false;
    if (rule.allowValues.some((re) => re.test(value))) return false;
    if (def.generic && isGenericNonSecret(value)) return false;
    return true;
  }
}

/**
 * A keyword that is a snake_case name (`atlas_private_key`) also matches the other spellings of
 * that name: `atlasPrivateKey` (the index lower-cases text), `atlas-private-key`, `atlas.private.key`.
 * Prefix keywords (`sk_live_`, `dop_v1_`) end with a separator and are kept as they are.
 */
export function nameSpellings(keyword: string): string[] {
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(keyword)) return [keyword];
  return [keyword, keyword.replace(/_/g, ''), keyword.replace(/_/g, '-'), keyword.replace(/_/g, '.')];
}

function lineNumberAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * One value, one finding: a specific rule wins over a generic one on an overlapping value,
 * and the same span found by two rules is reported once (the first rule in pack order).
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const specific = candidates.filter((c) => !c.rule.definition.generic);
  const kept: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.rule.definition.generic && specific.some((s) => s.start < c.end && c.start < s.end)) continue;
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
  }
  return kept;
}
