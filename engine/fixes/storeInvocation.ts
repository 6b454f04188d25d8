import { secretPathName } from './fileIdiom';
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
