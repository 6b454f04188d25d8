import { createHash } from 'node:crypto';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, FixData, SkipNote } from '../../engine';
import { applyGitAdvice } from '../../workspace/git/secretHistory';
import type { DocumentScope } from '../workspaceFolders';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a code action needs, carried in `Diagnostic.data` (never the secret value). */
export interface FindingData {
  ruleId: string;
  fingerprint: string;
  category: Finding['category'];
  path: string;
  fix: FixData;
}

export function toDiagnostic(f: Finding): Diagnostic {
  const data: FindingData = { ruleId: f.ruleId, fingerprint: f.fingerprint, category: f.category, path: f.path, fix: f.fix };
  return {
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
  resultId: string;
  diagnostics: Diagnostic[];
  findings: Finding[];
}

/**
 * Scans open documents, once per content and configuration: the result id is a hash of both,
 * so a client re-pulling unchanged documents gets `unchanged` and costs nothing. Each document
 * is checked with the state of its workspace folder (`scopeOf`).
 */
export class DiagnosticsService {
  private readonly cache = new Map<string, DocumentReport>();

  constructor(private readonly scopeOf: (uri: string) => DocumentScope) {}

  resultIdOf(document: TextDocument, scope = this.scopeOf(document.uri)): string {
    // A document too large to scan is skipped from its size alone: hashing 200 MB would cost seconds.
    const text = document.getText();
    const hash =
      text.length > scope.state.engine.maxFileBytes
        ? `large-${document.version}`
        : createHash('sha1').update(text).digest('hex').slice(0, 16);
    return `${scope.key}:${scope.state.generation}:${scope.git?.versionOf(scope.path) ?? 0}:${hash}`;
  }

  report(document: TextDocument): DocumentReport {
    const scope = this.scopeOf(document.uri);
    const resultId = this.resultIdOf(document, scope);
    const cached = this.cache.get(document.uri);
    if (cached?.resultId === resultId) return cached;
    const { path, git } = scope;
    const result = scope.state.engine.scan({ path, text: document.getText() });
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
    const diagnostics = [...findings.map(toDiagnostic), ...result.skipped.flatMap((s) => skipDiagnostic(s) ?? [])];
    const report = { resultId, diagnostics, findings };
    this.cache.set(document.uri, report);
    return report;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
  clear(): void {
    this.cache.clear();
  }
}
