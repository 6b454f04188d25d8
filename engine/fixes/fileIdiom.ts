import type { FileKind } from '../types';
import { toolFileOf, type ToolFile } from '../text/toolFiles';

/** How a file expects a secret to be referenced: its language, or the tool that reads it. */
export type FileIdiom =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'kotlin'
  | 'terraform'
  | 'cloudformation'
  | 'kubernetes'
  | 'github-actions'
  | 'docker-compose'
  | 'mcp'
  | 'dotenv'
  /** A file that is a key or certificate bundle as a whole (`deploy-key.pem`, `id_rsa`). */
  | 'key-file'
  | 'properties'
  | 'shell'
  | 'other';

const BY_KIND: Partial<Record<FileKind, FileIdiom>> = {
  javascript: 'javascript',
  typescript: 'typescript',
  python: 'python',
  go: 'go',
  java: 'java',
  csharp: 'csharp',
  kotlin: 'kotlin',
  terraform: 'terraform',
  dotenv: 'dotenv',
  properties: 'properties',
  shell: 'shell',
};

const BY_TOOL: Record<ToolFile, FileIdiom> = {
  'github-workflow': 'github-actions',
  'docker-compose': 'docker-compose',
  'mcp-config': 'mcp',
  cloudformation: 'cloudformation',
  kubernetes: 'kubernetes',
};

/** Names that hold a key as a whole file: no code reads it from elsewhere, it is the secret itself. */
const KEY_FILE = /(?:\.(?:pem|key|p12|pfx|ppk|jks|keystore)|^id_(?:rsa|dsa|ecdsa|ed25519)(?:_[\w-]+)?)$/i;

/** Decides the idiom from the tool that owns the file, else from the language. */
export function fileIdiomOf(path: string, kind: FileKind, text: string): FileIdiom {
  const tool = toolFileOf(path, kind, text);
  if (tool) return BY_TOOL[tool];
  const idiom = BY_KIND[kind];
  if (idiom) return idiom;
  return KEY_FILE.test(path.replace(/\\/g, '/').split('/').pop() ?? '') ? 'key-file' : 'other';
}

/** `SLACK_BOT_TOKEN` for environment variables and CI secrets. */
export function envName(keyName: string | undefined): string {
  const base = (keyName ?? 'secret')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = base.toUpperCase() || 'SECRET';
  return /^[0-9]/.test(name) ? `SECRET_${name}` : name;
}

/** `slack-bot-token` for secrets-manager entries and Kubernetes Secrets. */
export function secretPathName(keyName: string | undefined): string {
  return envName(keyName).toLowerCase().replace(/_/g, '-');
}

/** `slack_bot_token` for Terraform identifiers. */
export function identifierName(keyName: string | undefined): string {
  return envName(keyName).toLowerCase();
}
