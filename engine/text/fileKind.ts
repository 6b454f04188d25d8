import type { FileKind } from '../types';

const BY_EXTENSION = new Map<string, FileKind>(
  Object.entries({
    js: 'javascript',
    mjs: 'javascript',
    cjs: 'javascript',
    jsx: 'javascript',
    ts: 'typescript',
    mts: 'typescript',
    cts: 'typescript',
    tsx: 'typescript',
    py: 'python',
    go: 'go',
    java: 'java',
    cs: 'csharp',
    kt: 'kotlin',
    kts: 'kotlin',
    php: 'php',
    rb: 'ruby',
    rs: 'rust',
    sh: 'shell',
    bash: 'shell',
    zsh: 'shell',
    ps1: 'powershell',
    yml: 'yaml',
    yaml: 'yaml',
    json: 'json',
    jsonc: 'json',
    toml: 'toml',
    ini: 'ini',
    cfg: 'ini',
    conf: 'ini',
    properties: 'properties',
    env: 'dotenv',
    xml: 'xml',
    config: 'xml',
    csproj: 'xml',
    tf: 'terraform',
    tfvars: 'terraform',
    hcl: 'terraform',
    bicep: 'bicep',
    bicepparam: 'bicep',
    md: 'markdown',
    markdown: 'markdown',
  }) as [string, FileKind][],
);

/**
 * Guesses the file kind from its name; content is not read. Asked of every scanned file: the
 * extension is cut once and looked up in a `Map`, and the whole name is lower-cased only when it
 * could be one of the names that say more than their extension, all of which start with `.`,
 * `d`, `g` or `m` (a run of prefix and suffix tests on a lower-cased copy of every name, then a
 * lookup among an object's properties, was a fifth of what a file cost whatever it held).
 */
export function fileKindOf(path: string): FileKind {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  const first = name.charCodeAt(0) | 32; // ASCII letters in lower case; `.` unchanged
  const lower = first === 46 || first === 100 || first === 103 || first === 109 ? name.toLowerCase() : '';
  // In this order: `.env` (a name ending so, `.env.local`), then make, Docker, named ini files.
  if (extension === 'env' || lower.startsWith('.env.')) return 'dotenv';
  if (extension === 'mk' || lower === 'makefile' || lower === 'gnumakefile') return 'makefile';
  if (extension === 'dockerfile' || lower === 'dockerfile' || lower.startsWith('dockerfile.')) return 'dockerfile';
  if (lower === '.npmrc' || lower === '.pypirc' || lower === '.gitconfig') return 'ini';
  return BY_EXTENSION.get(extension) ?? 'text';
}

/** Kinds where an unquoted value after `=`/`:` is a literal string, not a code expression. */
export function unquotedValuesAreLiterals(kind: FileKind): boolean {
  switch (kind) {
    case 'yaml':
    case 'ini':
    case 'properties':
    case 'dotenv':
    case 'shell':
    case 'makefile':
    case 'dockerfile':
    case 'toml':
    case 'text':
    case 'markdown':
    case 'xml':
    case 'powershell':
      return true;
    default:
      return false;
  }
}
