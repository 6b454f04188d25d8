import type { FileKind } from '../types';

const BY_EXTENSION: Record<string, FileKind> = {
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
};

/** Guesses the file kind from its name; content is not read. */
export function fileKindOf(path: string): FileKind {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (name === 'makefile' || name === 'gnumakefile' || name.endsWith('.mk')) return 'makefile';
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return 'dockerfile';
  if (name === '.npmrc' || name === '.pypirc' || name === '.gitconfig') return 'ini';
  const dot = name.lastIndexOf('.');
  return (dot >= 0 && BY_EXTENSION[name.slice(dot + 1)]) || 'text';
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
