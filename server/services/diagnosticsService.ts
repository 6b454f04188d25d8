import { createHash, randomBytes } from 'node:crypto';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, FixData, GitState, SkipNote } from '../../engine';
import { applyGitAdvice } from '../../workspace/git/secretHistory';
import type { DocumentScope } from '../workspaceFolders';
import { EditorDocument } from '../editorDocument';
import { SecretLineMemo } from '../../engine/secrets/lineMemo';
import { capProblems } from './problemCap';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a code action needs, carried in `Diagnostic.data` (never the secret value). */
export interface FindingData {
  ruleId: string;
  fingerprint: string;
  category: Finding['category'];
  path: string;
  fix: FixData;
  /** Secrets: where the value is in git (commit, author, pushed, commits since), once known. */
  git?: GitState;
}

/**
 * A finding as an LSP diagnostic. With the document's `uri`, an IaC finding's other offending
 * elements (the rest of the statement or RBAC rule) come along as related information.
 */
export function toDiagnostic(f: Finding, uri?: string): Diagnostic {
  const data: FindingData = {
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    category: f.category,
    path: f.path,
    fix: f.fix,
    ...(f.git ? { git: f.git } : {}),
  };
  return {
    ...(uri && f.related?.length
      ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) }
      : {}),
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: f.docs },
    source: 'nhi-lens',
    message: f.message,
    data,
  };
}

/** Parse errors and skipped files show up too, once, as information. */
function skipDiagnostic(note: SkipNote): Diagnostic | undefined {
  if (note.reason === 'nhi-lens:ignore-file') return undefined;
  const line = note.line ?? 0;
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'nhi-lens',
    message: note.reason,
  };
}

export interface DocumentReport {
  /**
   * What the client is told: kept while the diagnostics stay the same, so that a keystroke that
   * moves none of them is answered `unchanged` (nothing serialised, written or read again).
   */
  resultId: string;
  /** The text, configuration and git state this report is of (`resultIdOf`). */
  key: string;
  diagnostics: Diagnostic[];
  findings: Finding[];
}

/**
 * Scans open documents, once per content and configuration: the result id names both (the
 * content by its hash, or by the editor document's `contentId`), so a client re-pulling unchanged
 * documents gets `unchanged` and costs nothing. Each document
 * is checked with the state of its workspace folder (`scopeOf`).
 */
/**
 * Documents from this size on keep their lines' secret results between scans. A smaller one is
 * scanned afresh in well under a millisecond, and 500 open files need not keep their lines twice.
 */
const MEMO_FROM = 32 * 1024;

/**
 * Tells this process's result ids from another's: an editor document's text is named by a number
 * of this process (`EditorDocument.contentId`), which a restarted server gives out again.
 */
const PROCESS = randomBytes(6).toString('hex');

export class DiagnosticsService {
  private readonly cache = new Map<string, DocumentReport>();
  /** Per open document: what the one-line secret rules found on its lines at the last scan. */
  private readonly memos = new Map<string, SecretLineMemo>();
  /** The content hash of each document at a version: a client re-pulling 200 documents hashes none of them again. */
  private readonly hashes = new WeakMap<TextDocument, { version: number; hash: string }>();

  /** `maxProblems`: how many diagnostics one document may publish (see problemCap.ts); the findings are all kept. */
  constructor(
    private readonly scopeOf: (uri: string) => DocumentScope,
    private readonly maxProblems: () => number = () => Infinity,
  ) {}

  resultIdOf(document: TextDocument, scope = this.scopeOf(document.uri)): string {
    // The cap is part of the result: a pull client re-pulling after the setting changed gets the new list.
    return `${scope.key}:${scope.state.generation}:${scope.git?.versionOf(scope.path) ?? 0}:${this.maxProblems()}:${this.hashOf(document, scope)}`;
  }

  private hashOf(document: TextDocument, scope: DocumentScope): string {
    // The server's own documents name each text they have had: no hash of the text needed.
    if (document instanceof EditorDocument) return `${PROCESS}.${document.contentId}`;
    const known = this.hashes.get(document);
    if (known?.version === document.version) return known.hash;
    // A document too large to scan is skipped from its size alone: hashing 200 MB would cost seconds.
    const size = sizeOf(document);
    const hash =
      size > scope.state.engine.maxFileBytes
        ? `large-${document.version}`
        : createHash('sha1').update(document.getText()).digest('hex').slice(0, 16);
    this.hashes.set(document, { version: document.version, hash });
    return hash;
  }

  report(document: TextDocument): DocumentReport {
    const scope = this.scopeOf(document.uri);
    const key = this.resultIdOf(document, scope);
    const cached = this.cache.get(document.uri);
    if (cached?.key === key) return cached;
    // The diagnostics of the last report, unchanged: the client already has them under its id.
    const resultId = (diagnostics: Diagnostic[]) => (cached && sameJson(cached.diagnostics, diagnostics) ? cached.resultId : key);
    const { path, git } = scope;
    const tooLarge = document instanceof EditorDocument ? document.tooLarge : undefined;
    if (tooLarge !== undefined) {
      // Its text was never kept: say why it is not scanned, from its size.
      const reason = scope.state.engine.isIgnoredPath(path) ? undefined : scope.state.engine.skipReason(tooLarge, '');
      const diagnostics = reason ? [skipDiagnostic({ path, reason })!] : [];
      const report = { resultId: resultId(diagnostics), key, diagnostics, findings: [] };
      this.cache.set(document.uri, report);
      return report;
    }
    const text = document.getText();
    let memo = this.memos.get(document.uri);
    if (!memo && text.length >= MEMO_FROM) this.memos.set(document.uri, (memo = new SecretLineMemo()));
    const result = scope.state.engine.scan({ path, text }, { memo });
    const findings = result.findings.filter((f) => !f.baselined);
    // Committed secrets must be rotated, new ones removed: say which, once git has told us.
    const secrets = findings.filter((f) => f.category === 'secret');
    const history = secrets.length ? git?.historyOf(path) : undefined;
    if (history) {
      for (const f of secrets) {
        const first = history.get(f.fingerprint);
        f.git = first ? { state: 'committed', ...first } : { state: 'uncommitted', ...(git?.ignoredOf(path) ? { ignored: true } : {}) };
      }
      applyGitAdvice(secrets);
    }
    const diagnostics = capProblems(
      [...findings.map((f) => toDiagnostic(f, document.uri)), ...result.skipped.flatMap((s) => skipDiagnostic(s) ?? [])],
      this.maxProblems(),
    );
    const report = { resultId: resultId(diagnostics), key, diagnostics, findings };
    this.cache.set(document.uri, report);
    return report;
  }

  /** The memo of an open document scanned with one (see MEMO_FROM). */
  memoOf(uri: string): SecretLineMemo | undefined {
    return this.memos.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.memos.delete(uri);
  }
  clear(): void {
    this.cache.clear();
  }
}

/** The document's length in characters, without joining the text of a document that keeps none. */
function sizeOf(document: TextDocument): number {
  if (document instanceof EditorDocument && document.tooLarge !== undefined) return document.tooLarge;
  return document.getText().length;
}

/** Whether two JSON values (diagnostics) are alike: same primitives, arrays and keys, in depth. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys)
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  return true;
}
