import ignore from 'ignore';
import type { RE2JS } from 're2js';
import { re2Module } from './linearRegex';

/** What a list of gitignore-style globs answers: is this relative path matched. */
export interface PathGlobs {
  ignores(path: string): boolean;
}

/** Globs the tool ships keep the `ignore` package; a repository's own run in linear time (LinearGlobs). */
export function pathGlobs(patterns: readonly string[], origin: 'builtin' | 'workspace'): PathGlobs {
  return origin === 'workspace' ? new LinearGlobs(patterns) : ignore().add(patterns);
}

/**
 * A repository's `.gitignore` lines. Most hold at most one wildcard run (`*.log`, `node_modules/`,
 * a leading `**` then a name), which the `ignore` package matches without real backtracking and
 * without loading the RE2 engine on every audit; a file with any line of two or more runs (five
 * `**` around `/x/` take minutes over a path 100 folders deep) is matched by LinearGlobs as a
 * whole, so the last-match-wins order of its lines stays one engine's.
 */
export function gitignoreGlobs(text: string): PathGlobs {
  const lines = text.split(/\r?\n/);
  const hostile = lines.some((line) => !line.startsWith('#') && (line.match(/[*?]+/g)?.length ?? 0) > 1);
  return hostile ? new LinearGlobs(lines) : ignore().add(lines);
}

/**
 * Gitignore-style globs a repository supplies (config `paths.ignore` and `paths.lowerSeverity`,
 * a workspace rule's `files` and `allowlist.paths`), matched in time linear in the path. The
 * `ignore` package compiles globs to backtracking RegExps: `**` /x/ `**` /x/… over a deep path
 * took 79 s per path with five `**`. Here each glob becomes an RE2 program (linearRegex.ts), and
 * the gitignore rules are applied around it: the last matching glob decides, `!` re-includes, a
 * trailing `/` matches directories only, a glob without a slash matches a name at any depth, and
 * a path under an ignored directory is ignored (a directory's verdict is kept per instance, so
 * each directory of a tree is judged once). Case is ignored, as the `ignore` package does by default.
 */
export class LinearGlobs {
  private readonly globs: Glob[] = [];
  private readonly directories = new Map<string, boolean>();

  constructor(patterns: readonly string[]) {
    for (const pattern of patterns) {
      try {
        const glob = parseGlob(pattern);
        if (glob) this.globs.push(glob);
      } catch {
        // A glob RE2 cannot compile (a class such as [z-a]) matches nothing, as git skips a bad line.
      }
    }
  }

  /** Whether a relative path (`/` separators, no leading `./` or `/`) is matched, as `ignore().add(globs).ignores(path)`. */
  ignores(path: string): boolean {
    const parts = path.split('/');
    let dir = '';
    for (let i = 0; i < parts.length - 1; i++) {
      dir = i === 0 ? parts[0] : `${dir}/${parts[i]}`;
      let verdict = this.directories.get(dir);
      if (verdict === undefined) {
        verdict = this.decide(dir, true);
        if (this.directories.size < 10_000) this.directories.set(dir, verdict);
      }
      if (verdict) return true;
    }
    return path.endsWith('/') ? this.decide(path.slice(0, -1), true) : this.decide(path, false);
  }

  /** The last glob that matches decides; only globs that would change the verdict are tried. */
  private decide(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const glob of this.globs) {
      if (glob.negative !== ignored || (glob.directoryOnly && !isDirectory)) continue;
      if (glob.re.testExact(path)) ignored = !glob.negative;
    }
    return ignored;
  }
}

interface Glob {
  re: RE2JS;
  negative: boolean;
  directoryOnly: boolean;
}

/** One gitignore line as an RE2 program over a whole path; undefined for blank lines and comments. */
function parseGlob(line: string): Glob | undefined {
  let p = line.replace(/(?<!\\)\s+$/, '');
  if (p === '' || p.startsWith('#')) return undefined;
  const negative = p.startsWith('!');
  if (negative) p = p.slice(1);
  const directoryOnly = p.endsWith('/');
  if (directoryOnly) p = p.replace(/\/+$/, '');
  if (p === '') return undefined;
  // A slash at the start or in the middle anchors the glob at the root; else it matches a name at any depth.
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  let body = '';
  let i = 0;
  if (p === '**') return { re: compileGlob('(?s:.+)'), negative, directoryOnly };
  if (p.startsWith('**/')) {
    body = '(?:(?s:.*)/)?';
    i = 3;
  }
  while (i < p.length) {
    const c = p[i];
    if (p.startsWith('/**/', i)) {
      body += '/(?:(?s:.*)/)?';
      i += 4;
    } else if (p.startsWith('/**', i) && i + 3 === p.length) {
      body += '/(?s:.*)';
      i += 3;
    } else if (c === '*') {
      while (p[i] === '*') i++; // other runs of asterisks are one asterisk
      body += '[^/]*';
    } else if (c === '?') {
      body += '[^/]';
      i++;
    } else if (c === '[') {
      const end = classEnd(p, i);
      if (end < 0) {
        body += '\\[';
        i++;
      } else {
        body += classOf(p.slice(i + 1, end));
        i = end + 1;
      }
    } else if (c === '\\' && i + 1 < p.length) {
      body += literal(p[i + 1]);
      i += 2;
    } else {
      body += literal(c);
      i++;
    }
  }
  return { re: compileGlob(anchored ? body : `(?:(?s:.*)/)?${body}`), negative, directoryOnly };
}

function compileGlob(source: string): RE2JS {
  const { RE2JS: Re2 } = re2Module();
  return Re2.compile(source, Re2.CASE_INSENSITIVE);
}

/** Index of the `]` closing the class opened at `start`, or -1. */
function classEnd(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++; // a leading `]` is a member
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return -1;
}

/** A glob class `[…]` / `[!…]` as an RE2 class that never matches `/`. */
function classOf(inside: string): string {
  let negated = false;
  let s = inside;
  if (s.startsWith('!') || s.startsWith('^')) {
    negated = true;
    s = s.slice(1);
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] === '\\' && i + 1 < s.length ? s[++i] : s[i];
    out += c === '-' && i > 0 && i < s.length - 1 && s[i - 1] !== '\\' ? '-' : classLiteral(c);
  }
  return negated ? `[^/${out}]` : `[${out}]`;
}

function literal(c: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c;
}

function classLiteral(c: string): string {
  return /[\\^[\]-]/.test(c) ? `\\${c}` : c;
}
