/**
 * Inline suppressions, in any comment syntax:
 *   `nhi-lens:ignore`                         on a line with code: that line, every rule
 *   `nhi-lens:ignore rule-a,rule-b -- reason` limited to those rules, with a reason
 * A suppression comment alone on its line applies to the next line.
 * `nhi-lens:ignore-file` anywhere in the first 20 lines skips the whole file;
 * `nhi-lens:ignore-file rule-a -- reason` there silences only those rules in the file.
 */

import type { TextTests } from './text/keptSearches';

const MARKER = 'nhi-lens:ignore';
const DIRECTIVE = /nhi-lens:ignore(?!-file)(?:[ \t]+([a-z0-9][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z0-9][a-z0-9-]*)*))?(?:[ \t]+--[ \t]*(.*))?/;
const FILE_DIRECTIVE = /nhi-lens:ignore-file(?:[ \t]+([a-z0-9][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z0-9][a-z0-9-]*)*))?/;
const COMMENT_ONLY = /^\s*(?:#|\/\/|\/\*|\*|--|;|<!--|%|'|rem\b|REM\b)/;

export interface Suppression {
  rules: string[] | 'all';
  reason?: string;
}

export class Suppressions {
  // Made only for a text that holds the marker: every scanned file gets a Suppressions, and two
  // empty hash tables per file were most of what a small file's scan allocated outside its rules.
  private readonly byLine?: Map<number, Suppression>;
  private readonly fileRules?: Set<string>;
  readonly fileIgnored: boolean;

  /** `tests`: the text's substring tests (an open document's answer from around the edit). */
  constructor(text: string, tests: Pick<TextTests, 'includes'> = text) {
    this.fileIgnored = false;
    if (!tests.includes(MARKER)) return;
    const byLine = (this.byLine = new Map());
    const fileRules = (this.fileRules = new Set());
    const lines = text.split('\n');
    for (const line of lines.slice(0, 20)) {
      const m = FILE_DIRECTIVE.exec(line);
      if (!m) continue;
      if (!m[1]) this.fileIgnored = true;
      else for (const r of m[1].split(',')) fileRules.add(r.trim());
    }
    lines.forEach((line, i) => {
      const m = DIRECTIVE.exec(line);
      if (!m) return;
      const suppression: Suppression = {
        rules: m[1] ? m[1].split(',').map((r) => r.trim()) : 'all',
        reason: m[2]?.replace(/\s*(?:\*\/|-->)\s*$/, '').trim() || undefined,
      };
      byLine.set(COMMENT_ONLY.test(line) ? i + 1 : i, suppression);
    });
  }

  isSuppressed(line: number, ruleId: string): boolean {
    if (this.fileRules === undefined || this.byLine === undefined) return false;
    if (this.fileRules.has(ruleId)) return true;
    const s = this.byLine.get(line);
    return !!s && (s.rules === 'all' || s.rules.includes(ruleId));
  }
}
