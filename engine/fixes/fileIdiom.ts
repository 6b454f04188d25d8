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

/** Decides the idiom from the tool that owns the file, else from the language. */
export function fileIdiomOf(path: string, kind: FileKind, text: string): FileIdiom {
  const tool = toolFileOf(path, kind, text);
  return tool ? BY_TOOL[tool] : (BY_KIND[kind] ?? 'other');
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
