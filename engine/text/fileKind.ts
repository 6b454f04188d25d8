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
 * name's extension is cut once and tested first (a run of prefix and suffix tests, then a lookup
 * in an object's properties, was a tenth of what the scan of a small file cost).
 */
export function fileKindOf(path: string): FileKind {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1) : '';
  // In this order: `.env` (a name ending so, `.env.local`), then make, Docker, named ini files.
  if (extension === 'env' || name.startsWith('.env.')) return 'dotenv';
  if (extension === 'mk' || name === 'makefile' || name === 'gnumakefile') return 'makefile';
  if (extension === 'dockerfile' || name === 'dockerfile' || name.startsWith('dockerfile.')) return 'dockerfile';
  if (name === '.npmrc' || name === '.pypirc' || name === '.gitconfig') return 'ini';
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
