import type * as Diff from 'diff';

/** One file's change for a patch: paths relative to the audited folder, with `/`. */
export interface PatchFile {
  path: string;
  before: string;
  after: string;
  /** Secret values that must not be printed, and what to print instead. */
  secrets: Array<{ value: string; masked: string }>;
}

/** A quote, a backslash or a control character: git C-quotes paths that hold one. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const NEEDS_QUOTING = /["\\\x00-\x1f\x7f]/g;

function quotePath(p: string): string {
  if (!p.match(NEEDS_QUOTING)) return p;
  const escaped = p.replace(NEEDS_QUOTING, (c) => {
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
    return named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
  return `"${escaped}"`;
}

const side = (prefix: 'a/' | 'b/', p: string) => {
  const quoted = quotePath(p);
  return quoted.startsWith('"') ? `"${prefix}${quoted.slice(1)}` : `${prefix}${quoted}`;
};

/**
 * Replaces every secret value in a line by its masked form. A value spanning lines (a PEM
 * key) is masked line by line: its first line shows the masked form, the others `…`.
 */
function masker(secrets: PatchFile['secrets']): (line: string) => string {
  const pieces: Array<[string, string]> = [];
  for (const { value, masked } of secrets) {
    const lines = value.split(/\r?\n/);
    if (lines.length === 1) {
      if (value) pieces.push([value, masked]);
      continue;
    }
    lines.forEach((l, i) => {
      const part = l.trim();
      // A short line of a multi-line value (`-----END…` aside) reveals nothing and matches too much.
      if (part.length >= 4) pieces.push([part, i === 0 ? masked : '…']);
    });
  }
  pieces.sort((a, b) => b[0].length - a[0].length);
  return (line) => pieces.reduce((out, [value, masked]) => (out.includes(value) ? out.split(value).join(masked) : out), line);
}

/**
 * A unified diff in git's format (`a/` and `b/` prefixes, three lines of context) that
 * `git apply` accepts, with every secret value masked. Where a removed or context line held a
 * secret, that hunk no longer matches the file: the preview is for reading.
 */
export function renderFixPatch(files: PatchFile[]): string {
  // Required here, not imported: a separate bundle (dist/vendor/, see esbuild.mjs) loaded only for a patch.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { structuredPatch } = require('diff') as typeof Diff;
  let out = '';
  for (const file of files) {
    if (file.before === file.after) continue;
    const mask = masker(file.secrets);
    const patch = structuredPatch(file.path, file.path, file.before, file.after, undefined, undefined, { context: 3 });
    out += `diff --git ${side('a/', file.path)} ${side('b/', file.path)}\n--- ${side('a/', file.path)}\n+++ ${side('b/', file.path)}\n`;
    for (const hunk of patch.hunks) {
      const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
      const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
      out += `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@\n`;
      for (const line of hunk.lines) out += `${line[0]}${line[0] === '\\' ? line.slice(1) : mask(line.slice(1))}\n`;
    }
  }
  return out;
}
