import { fileKindOf } from '../text/fileKind';
import { envName, fileIdiomOf, secretPathName, type FileIdiom } from './fileIdiom';
import type { FixTarget } from './fixProposals';
import { secretKeyName } from './secretName';
import type { SecretsManager } from './secretReplacement';

/**
 * How a secrets manager's own CLI stores one value, as data: the program and its arguments,
 * which never hold the value. The value goes on the program's standard input (`-` or
 * `/dev/stdin` in the arguments), so it is in no process list, shell history or terminal.
 */
export interface StoreInvocation {
  manager: Exclude<SecretsManager, 'env'>;
  /** The name the secret is stored under: the one the quick-fix rewrite reads. */
  name: string;
  program: string;
  args: string[];
  /** What to install when the program is missing. */
  install: string;
}

export const MANAGER_NAMES: Record<Exclude<SecretsManager, 'env'>, string> = {
  aws: 'AWS Secrets Manager',
  vault: 'HashiCorp Vault',
  azure: 'Azure Key Vault',
  gcp: 'Google Secret Manager',
};

/**
 * The name the rewrite of this finding reads from a manager: the same key name `secretFix` picks
 * (the variable or key path around the value, else the rule id), in the managers' spelling.
 */
export function storedSecretName(finding: FixTarget, text: string): string {
  return secretPathName(secretKeyName(text, finding.offsets.start, finding.fix.keyName) ?? finding.ruleId);
}

/**
 * The command that stores a value under `name`, or undefined for `env` (no CLI: the value goes
 * to the environment, which the user sets). Azure needs the vault's name (`azureVault`).
 */
export function storeInvocation(manager: SecretsManager, name: string, azureVault?: string): StoreInvocation | undefined {
  switch (manager) {
    case 'aws':
      return {
        manager,
        name,
        program: 'aws',
        args: ['secretsmanager', 'create-secret', '--name', name, '--secret-string', 'file:///dev/stdin'],
        install: 'the AWS CLI (https://aws.amazon.com/cli/)',
      };
    case 'vault':
      // KV v2 at the default `secret/` mount, field `value`: what the Vault rewrites read.
      return {
        manager,
        name,
        program: 'vault',
        args: ['kv', 'put', `secret/${name}`, 'value=-'],
        install: 'the Vault CLI (https://developer.hashicorp.com/vault/install)',
      };
    case 'azure':
      if (!azureVault) return undefined;
      return {
        manager,
        name,
        program: 'az',
        args: ['keyvault', 'secret', 'set', '--vault-name', azureVault, '--name', name, '--file', '/dev/stdin', '--encoding', 'utf-8'],
        install: 'the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli)',
      };
    case 'gcp':
      return {
        manager,
        name,
        program: 'gcloud',
        args: ['secrets', 'create', name, '--data-file=-'],
        install: 'the Google Cloud CLI (https://cloud.google.com/sdk/docs/install)',
      };
    default:
      return undefined;
  }
}

/** An Azure Key Vault name from its URL (`https://NAME.vault.azure.net/`), as the rewrites read it from AZURE_KEY_VAULT_URL. */
export function azureVaultName(url: string | undefined): string | undefined {
  const m = url ? /^https:\/\/([A-Za-z0-9-]{3,24})\.vault\.azure\.(?:net|cn|us)\/?$/.exec(url.trim()) : null;
  return m?.[1];
}

/**
 * Languages whose environment rewrite reads the process environment, which a local `.env` feeds
 * (dotenv and its ports, docker compose). Not CI or cluster files: their `secrets.X` and
 * `secretKeyRef` read stores a local file never reaches.
 */
const DOTENV_IDIOMS = new Set<FileIdiom>(['javascript', 'typescript', 'python', 'go', 'java', 'csharp', 'kotlin', 'docker-compose']);

/** Whether a local `.env` is where this file's environment rewrite reads from. */
export function readsDotenv(path: string, text: string): boolean {
  return DOTENV_IDIOMS.has(fileIdiomOf(path, fileKindOf(path), text));
}

/** The environment variable the `env` rewrite of this finding reads (`SLACK_BOT_TOKEN`). */
export function storedEnvName(finding: FixTarget, text: string): string {
  return envName(secretKeyName(text, finding.offsets.start, finding.fix.keyName) ?? finding.ruleId);
}

/**
 * `NAME=value` for a `.env` file. Plain when every character is safe; else single-quoted, which
 * dotenv, python-dotenv and docker compose read literally (no `$` expansion, `#` kept); a value
 * with a quote or a line break is double-quoted with escapes.
 */
export function dotenvLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_./:@+=,~^%-]*$/.test(value)) return `${name}=${value}`;
  if (!/['\r\n]/.test(value)) return `${name}='${value}'`;
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/**
 * Whether a `.env` text already sets `name` (`NAME=`, `export NAME=`). Compared as text, not
 * pasted into a RegExp: the name comes from the scanned file and may hold any character.
 */
export function dotenvSets(text: string, name: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const rest = line.trimStart().replace(/^export\s+/, '');
    return rest.startsWith(name) && rest.slice(name.length).trimStart().startsWith('=');
  });
}
