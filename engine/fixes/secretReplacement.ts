import type { FixData, OffsetEdit } from '..';
import { envName, fileIdiomOf, identifierName, secretPathName, type FileIdiom } from './fileIdiom';
import { importEdit } from './importEdits';
import { spliceIntoString } from './stringSplice';
import { shellReadEdit } from './shellSecret';
import { goReadEdits } from './goDeclaration';
import { csharpConstEdit } from './csharpDeclaration';
import { kubernetesSecretNames, sameSecret, workflowSecretNames, type RelatedSecrets } from './referencedSecrets';
import { awaitAllowedAt, javascriptRead, moduleKindOf, quoteStyleOf } from './javascriptSecret';

/** Where secrets should live; set by `nhiLens.secretsManager`. */
export type SecretsManager = 'env' | 'aws' | 'vault' | 'azure' | 'gcp';
export const SECRETS_MANAGERS: SecretsManager[] = ['env', 'aws', 'vault', 'azure', 'gcp'];

/** A rewrite of one hardcoded secret, as one undoable edit (several ranges, one file). */
export interface SecretReplacement {
  title: string;
  edits: OffsetEdit[];
  /** A line to add to the workspace `.gitignore` (for `.env`-style files that stay local). */
  gitignoreLine?: string;
  /** The manager the rewrite reads from (`env` when the idiom has no SDK call). */
  manager: SecretsManager;
}

export interface SecretSite {
  path: string;
  text: string;
  /** Offsets of the secret value itself (without quotes). */
  start: number;
  end: number;
  fix: FixData;
}

const MANAGER_LABEL: Record<SecretsManager, string> = {
  env: 'an environment variable',
  aws: 'AWS Secrets Manager',
  vault: 'HashiCorp Vault',
  azure: 'Azure Key Vault',
  gcp: 'Google Secret Manager',
};

/** How titles name a language that lacks a manager's idiom. */
const LANGUAGE_LABEL: Partial<Record<FileIdiom, string>> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
  go: 'Go',
  java: 'Java',
  csharp: 'C#',
  kotlin: 'Kotlin',
  shell: 'shell scripts',
  cloudformation: 'CloudFormation',
  kubernetes: 'Kubernetes manifests',
  'github-actions': 'GitHub Actions workflows',
  'docker-compose': 'docker-compose files',
  mcp: 'MCP configs',
  properties: 'properties files',
};

/** The quoted literal around the value, so the whole literal is replaced by an expression. */
function literalSpan(site: SecretSite): { start: number; end: number } {
  const q = site.fix.quote;
  const { text, start, end } = site;
  if (q && text[start - 1] === q && text[end] === q) return { start: start - 1, end: end + 1 };
  return { start, end };
}

interface CodeIdiom {
  expression: (name: string, env: string) => string;
  imports: string[];
}

/** Single-expression reads per language and manager; `imports` are added once at the top. */
const CODE: Partial<Record<FileIdiom, Partial<Record<SecretsManager, CodeIdiom>>>> = {
  python: {
    env: { expression: (_n, env) => `os.environ["${env}"]`, imports: ['import os'] },
    aws: {
      expression: (n) => `boto3.client("secretsmanager").get_secret_value(SecretId="${n}")["SecretString"]`,
      imports: ['import boto3'],
    },
    vault: {
      expression: (n) =>
        `hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"]).secrets.kv.v2.read_secret_version(path="${n}")["data"]["data"]["value"]`,
      imports: ['import os', 'import hvac'],
    },
    azure: {
      expression: (n) =>
        `SecretClient(vault_url=os.environ["AZURE_KEY_VAULT_URL"], credential=DefaultAzureCredential()).get_secret("${n}").value`,
      imports: ['import os', 'from azure.identity import DefaultAzureCredential', 'from azure.keyvault.secrets import SecretClient'],
    },
    gcp: {
      expression: (n) =>
        `secretmanager.SecretManagerServiceClient().access_secret_version(name=f"projects/{os.environ['GOOGLE_CLOUD_PROJECT']}/secrets/${n}/versions/latest").payload.data.decode()`,
      imports: ['import os', 'from google.cloud import secretmanager'],
    },
  },
  java: {
    env: { expression: (_n, env) => `System.getenv("${env}")`, imports: [] },
    // Unchecked exceptions only: the read stands where the literal was, in any initializer.
    aws: {
      expression: (n) => `SecretsManagerClient.create().getSecretValue(r -> r.secretId("${n}")).secretString()`,
      imports: ['import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;'],
    },
    azure: {
      expression: (n) =>
        `new SecretClientBuilder().vaultUrl(System.getenv("AZURE_KEY_VAULT_URL")).credential(new DefaultAzureCredentialBuilder().build()).buildClient().getSecret("${n}").getValue()`,
      imports: [
        'import com.azure.identity.DefaultAzureCredentialBuilder;',
        'import com.azure.security.keyvault.secrets.SecretClientBuilder;',
      ],
    },
    // No Google Secret Manager idiom: SecretManagerServiceClient.create() throws a checked
    // IOException, which no expression in a field initializer or an ordinary method can hold.
  },
  // Synchronous forms: a field initializer or a non-async method cannot `await`. A missing
  // variable throws where the literal was read, naming it, and types as `string`, not `string?`.
  csharp: {
    env: {
      expression: (_n, env) => `(Environment.GetEnvironmentVariable("${env}") ?? throw new InvalidOperationException("${env} is not set"))`,
      imports: ['using System;'],
    },
    aws: {
      expression: (n) =>
        `new AmazonSecretsManagerClient().GetSecretValueAsync(new GetSecretValueRequest { SecretId = "${n}" }).GetAwaiter().GetResult().SecretString`,
      imports: ['using Amazon.SecretsManager;', 'using Amazon.SecretsManager.Model;'],
    },
    azure: {
      expression: (n) =>
        `new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEY_VAULT_URL")), new DefaultAzureCredential()).GetSecret("${n}").Value.Value`,
      imports: ['using System;', 'using Azure.Identity;', 'using Azure.Security.KeyVault.Secrets;'],
    },
    gcp: {
      expression: (n) =>
        `SecretManagerServiceClient.Create().AccessSecretVersion(new SecretVersionName(Environment.GetEnvironmentVariable("GOOGLE_CLOUD_PROJECT"), "${n}", "latest")).Payload.Data.ToStringUtf8()`,
      imports: ['using System;', 'using Google.Cloud.SecretManager.V1;'],
    },
  },
  go: { env: { expression: (_n, env) => `os.Getenv("${env}")`, imports: ['os'] } },
  kotlin: { env: { expression: (_n, env) => `System.getenv("${env}")`, imports: [] } },
  // The managers' own CLIs, in a command substitution; shellReadEdit adds the quotes.
  shell: {
    env: { expression: (_n, env) => `\${${env}:?}`, imports: [] },
    aws: { expression: (n) => `$(aws secretsmanager get-secret-value --secret-id ${n} --query SecretString --output text)`, imports: [] },
    vault: { expression: (n) => `$(vault kv get -field=value secret/${n})`, imports: [] },
    azure: {
      expression: (n) => `$(az keyvault secret show --vault-name "\${AZURE_KEY_VAULT_NAME:?}" --name ${n} --query value --output tsv)`,
      imports: [],
    },
    gcp: { expression: (n) => `$(gcloud secrets versions access latest --secret=${n})`, imports: [] },
  },
};

/** Terraform: a data source per manager (or a sensitive variable) and the reference to it. */
function terraformReplacement(site: SecretSite, manager: SecretsManager): SecretReplacement {
  const id = identifierName(site.fix.keyName);
  const name = secretPathName(site.fix.keyName);
  const blocks: Record<SecretsManager, { header: string; body: string; ref: string }> = {
    env: { header: `variable "${id}"`, body: '  type      = string\n  sensitive = true\n', ref: `var.${id}` },
    aws: {
      header: `data "aws_secretsmanager_secret_version" "${id}"`,
      body: `  secret_id = "${name}"\n`,
      ref: `data.aws_secretsmanager_secret_version.${id}.secret_string`,
    },
    vault: {
      header: `data "vault_kv_secret_v2" "${id}"`,
      body: `  mount = "secret"\n  name  = "${name}"\n`,
      ref: `data.vault_kv_secret_v2.${id}.data["value"]`,
    },
    azure: {
      header: `data "azurerm_key_vault_secret" "${id}"`,
      body: `  name         = "${name}"\n  key_vault_id = var.key_vault_id\n`,
      ref: `data.azurerm_key_vault_secret.${id}.value`,
    },
    gcp: {
      header: `data "google_secret_manager_secret_version" "${id}"`,
      body: `  secret = "${name}"\n`,
      ref: `data.google_secret_manager_secret_version.${id}.secret_data`,
    },
  };
  const b = blocks[manager];
  const span = literalSpan(site);
  const edits: OffsetEdit[] = [{ ...span, newText: b.ref }];
  if (!site.text.includes(b.header)) {
    const sep = site.text.endsWith('\n') ? '\n' : '\n\n';
    edits.push({ start: site.text.length, end: site.text.length, newText: `${sep}${b.header} {\n${b.body}}\n` });
  }
  return {
    title:
      manager === 'env'
        ? `Replace with sensitive variable var.${id}`
        : `Replace with ${MANAGER_LABEL[manager]} (${b.header.split(' ')[1].replace(/"/g, '')})`,
    edits,
    manager,
  };
}

/**
 * Kubernetes: `value: "…"` becomes `valueFrom.secretKeyRef` on the same env entry, in block
 * style or, for a flow-style entry (`- {name: X, value: "…"}`), inline.
 */
function kubernetesReplacement(site: SecretSite, nearby: string[]): SecretReplacement | undefined {
  const lineStart = site.text.lastIndexOf('\n', site.start - 1) + 1;
  const before = site.text.slice(lineStart, site.start);
  const block = /^([ \t]*(?:-[ \t]+)?)value:[ \t]*["']?$/.exec(before);
  const flow = block ? null : /[{,][ \t]*(value:[ \t]*["']?)$/.exec(before);
  if (!block && !flow) return undefined;
  const span = literalSpan(site);
  // The variable is named on the `- name:` line of the same env entry (the engine's key name).
  const variable = site.fix.keyName && !/^value$/i.test(site.fix.keyName) ? site.fix.keyName : 'secret';
  // The Secret the manifest already reads from gets the new key; else one named for the variable.
  const inFile = kubernetesSecretNames(site.text)[0];
  const existing = inFile ?? nearby[0];
  const name = existing ?? secretPathName(variable);
  const key = envName(variable);
  let edit: OffsetEdit;
  if (block) {
    const indent = block[1].replace('-', ' ');
    edit = {
      start: lineStart + block[1].length,
      end: span.end,
      newText: `valueFrom:\n${indent}  secretKeyRef:\n${indent}    name: ${name}\n${indent}    key: ${key}`,
    };
  } else edit = { start: site.start - flow![1].length, end: span.end, newText: `valueFrom: {secretKeyRef: {name: ${name}, key: ${key}}}` };
  return {
    title: existing
      ? `Read from key ${key} of the Kubernetes Secret "${name}" ${inFile ? 'this file' : 'the manifests beside it'} already use${inFile ? 's' : ''}, via valueFrom.secretKeyRef`
      : `Read from Kubernetes Secret "${name}" via valueFrom.secretKeyRef`,
    edits: [edit],
    manager: 'env',
  };
}

/**
 * The preferred rewrite of a hardcoded secret for this file and manager, or undefined when the
 * file has no idiom for it (the suppress and baseline actions remain).
 */
export function secretReplacement(site: SecretSite, manager: SecretsManager, related: RelatedSecrets = {}): SecretReplacement | undefined {
  const idiom = fileIdiomOf(site.path, site.fix.fileKind, site.text);
  const plan = replacementInIdiom(site, idiom, manager, related);
  // A file whose tool reads secrets its own way (a workflow's secrets, a Kubernetes Secret):
  // the title says the configured manager is not what it reads.
  if (!plan || plan.manager === manager || manager === 'env' || !plan.edits.length || plan.title.includes(MANAGER_LABEL[manager]))
    return plan;
  return { ...plan, title: `${plan.title} (no ${MANAGER_LABEL[manager]} rewrite for ${LANGUAGE_LABEL[idiom] ?? 'this kind of file'})` };
}

function replacementInIdiom(
  site: SecretSite,
  idiom: FileIdiom,
  manager: SecretsManager,
  related: RelatedSecrets,
): SecretReplacement | undefined {
  const env = envName(site.fix.keyName);
  const name = secretPathName(site.fix.keyName);
  const span = literalSpan(site);
  const replace = (title: string, newText: string, used: SecretsManager = 'env'): SecretReplacement => ({
    title,
    edits: [{ ...span, newText }],
    manager: used,
  });
  switch (idiom) {
    case 'terraform':
      return terraformReplacement(site, manager);
    case 'cloudformation': {
      const quote = site.text[span.start] === '"' || site.fix.fileKind === 'json' ? '"' : "'";
      return replace(
        `Replace with a CloudFormation dynamic reference to AWS Secrets Manager secret "${name}"`,
        `${quote}{{resolve:secretsmanager:${name}:SecretString}}${quote}`,
        'aws',
      );
    }
    case 'kubernetes':
      return kubernetesReplacement(site, related.kubernetesSecrets ?? []);
    case 'github-actions': {
      // A secret the workflow already reads under a fitting name is this one.
      // This file's names first; the repository's other workflows after.
      const secret = sameSecret(env, workflowSecretNames(site.text)) ?? sameSecret(env, related.workflowSecrets ?? []) ?? env;
      return replace(`Replace with \${{ secrets.${secret} }}`, `\${{ secrets.${secret} }}`);
    }
    case 'docker-compose':
      return replace(`Replace with \${${env}} from the environment`, `\${${env}}`);
    case 'mcp': {
      const quoted = span.start < site.start;
      return replace(`Replace with \${env:${env}}`, quoted ? `"\${env:${env}}"` : `\${env:${env}}`);
    }
    case 'properties':
      return replace(`Replace with \${${env}} (resolved from the environment)`, `\${${env}}`);
    case 'dotenv':
    case 'key-file': {
      // Nothing reads these from elsewhere: the honest fix is to keep the file local.
      const file = site.path.replace(/\\/g, '/').split('/').pop()!;
      return {
        title:
          idiom === 'key-file'
            ? `Keep ${file} out of git (add it to .gitignore; rotate the key if it was ever committed)`
            : `Keep ${file} out of git (add it to .gitignore)`,
        edits: [],
        gitignoreLine: site.path.replace(/\\/g, '/').replace(/^\.?\//, ''),
        manager: 'env',
      };
    }
    case 'javascript':
    case 'typescript':
      return javascriptReplacement(site, idiom, manager);
    default: {
      const byManager = CODE[idiom];
      if (!byManager) return undefined;
      const used: SecretsManager = byManager[manager] ? manager : 'env';
      const code = byManager[used]!;
      const expression = code.expression(name, env);
      let edits: OffsetEdit[];
      if (idiom === 'shell') edits = [shellReadEdit(site.text, site.start, site.end, expression)];
      else {
        const spliced = spliceIntoString(site, expression, false);
        if (spliced === null) return undefined;
        edits = [spliced ?? { ...span, newText: expression }];
      }
      if (idiom === 'go') {
        const declared = goReadEdits(site.text, edits[0]);
        if (!declared) return undefined;
        edits = declared;
      }
      if (idiom === 'csharp') {
        const readonly = csharpConstEdit(site.text, edits[0].start);
        if (readonly) edits.push(readonly);
      }
      for (const line of code.imports) {
        const edit = importEdit(site.text, idiom, line);
        if (edit && !edits.some((e) => e.start === edit.start && e.newText === edit.newText)) edits.push(edit);
      }
      // Several imports at one insertion point read best in the order written above.
      const merged = mergeInsertions(edits);
      const title =
        used === manager
          ? `Read from ${MANAGER_LABEL[used]} ("${used === 'env' ? env : name}")`
          : `Read from environment variable ${env} (no ${MANAGER_LABEL[manager]} rewrite for ${LANGUAGE_LABEL[idiom] ?? 'this language'})`;
      return { title, edits: merged, manager: used };
    }
  }
}

/**
 * JavaScript and TypeScript: the read in the file's quote style, typed for strict TypeScript, and
 * an SDK read only where `await` is valid (an async function, or the top level of an ES module);
 * elsewhere the environment, with a title that says why.
 */
function javascriptReplacement(site: SecretSite, idiom: 'javascript' | 'typescript', manager: SecretsManager): SecretReplacement {
  const env = envName(site.fix.keyName);
  const name = secretPathName(site.fix.keyName);
  const span = literalSpan(site);
  const moduleKind = moduleKindOf(site.path, site.text);
  const options = {
    typescript: idiom === 'typescript',
    quote: quoteStyleOf(site.text, site.fix.quote),
    awaitAllowed: awaitAllowedAt(site.text, span.start, moduleKind),
  };
  const read = javascriptRead(manager, name, env, options);
  const used: SecretsManager = read ? manager : 'env';
  const code = read ?? javascriptRead('env', name, env, options)!;
  const spliced = spliceIntoString(site, code.expression, true);
  const edits: OffsetEdit[] = [spliced ?? { ...span, newText: code.expression }];
  for (const line of code.imports) {
    const edit = importEdit(site.text, idiom, line, moduleKind);
    if (edit) edits.push(edit);
  }
  const where = moduleKind === 'commonjs' ? 'outside an async function of a CommonJS file' : 'outside an async function';
  const title =
    used === manager
      ? `Read from ${MANAGER_LABEL[used]} ("${used === 'env' ? env : name}")`
      : `Read from environment variable ${env} (${MANAGER_LABEL[manager]} needs await, which is not valid ${where})`;
  return { title, edits: mergeInsertions(edits), manager: used };
}

function mergeInsertions(edits: OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.end && o.start === o.end && e.start === e.end);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** The shell command that stores the value in the manager, for the user to run (never run by us). */
export function storeCommand(manager: SecretsManager, keyName: string | undefined, value: string): string | undefined {
  const name = secretPathName(keyName);
  const quoted = `'${value.replace(/'/g, `'\\''`)}'`;
  switch (manager) {
    case 'aws':
      return `aws secretsmanager create-secret --name ${name} --secret-string ${quoted}`;
    case 'vault':
      return `vault kv put secret/${name} value=${quoted}`;
    case 'azure':
      return `az keyvault secret set --vault-name <vault-name> --name ${name} --value ${quoted}`;
    case 'gcp':
      return `printf %s ${quoted} | gcloud secrets create ${name} --data-file=-`;
    default:
      return undefined;
  }
}
