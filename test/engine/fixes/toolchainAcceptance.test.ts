import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OffsetEdit } from '../../../engine';
import { fixesFor } from '../../../engine/fixes/fixProposals';
import { SECRETS_MANAGERS, type SecretsManager } from '../../../engine/fixes/secretReplacement';
import { defaultEngine } from '../../support/engineFixture';

/**
 * Every case is a file as projects write it: the preferred fix is applied for each manager and
 * the result handed to the language's own toolchain. A toolchain that is not installed skips its
 * cases (they show as pending); none is installed by the test.
 */

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

type Toolchain = 'python' | 'node' | 'tsc' | 'javac' | 'go' | 'bash' | 'mcs';

interface Case {
  name: string;
  /** The file name the engine sees; for `tsc` and `node` also which project it is checked in. */
  path: string;
  text: string;
  toolchain: Toolchain;
  /** Managers whose rewrite the toolchain can check here (SDK jars and Go modules are not installed). */
  managers?: SecretsManager[];
  /** For `node` and `tsc`: checked in a package with `"type": "module"`. */
  esm?: boolean;
  /** The SDK read is valid here (else the fix reads the environment and its title says why). */
  sdk?: boolean;
  /** Managers the language has no idiom for even where `sdk` is set (the fix reads the environment). */
  noIdiom?: SecretsManager[];
}

const CASES: Case[] = [
  // Python: py_compile checks syntax, so every manager's rewrite is checked.
  {
    sdk: true,
    name: 'module constant',
    path: 'settings.py',
    toolchain: 'python',
    text: `import logging\n\nSLACK_BOT_TOKEN = "${SLACK}"\n`,
  },
  {
    name: 'keyword argument, single quotes',
    sdk: true,
    path: 'client.py',
    toolchain: 'python',
    text: `from slack_sdk import WebClient\n\n\ndef client():\n    return WebClient(token='${SLACK}')\n`,
  },
  { sdk: true, name: 'nested dict', path: 'config.py', toolchain: 'python', text: `CONFIG = {\n    'slack': {'token': '${SLACK}'},\n}\n` },
  {
    name: 'annotated class attribute',
    sdk: true,
    path: 'model.py',
    toolchain: 'python',
    text: `class Settings:\n    slack_token: str = "${SLACK}"\n`,
  },
  {
    sdk: true,
    name: 'inside a longer string',
    path: 'headers.py',
    toolchain: 'python',
    text: `HEADERS = {"Authorization": "Bearer ${SLACK}".strip()}\n`,
  },
  { sdk: true, name: 'inside an f-string', path: 'fstring.py', toolchain: 'python', text: `user = "u"\nAUTH = f"{user}:${SLACK}"\n` },
  // JavaScript: `node --check` parses as the file's module kind (`.mjs`, or `"type": "module"`).
  {
    name: 'CommonJS top level',
    path: 'cjs-top.js',
    toolchain: 'node',
    text: `const { WebClient } = require('@slack/web-api');\n\nconst token = '${SLACK}';\nmodule.exports = { client: new WebClient(token) };\n`,
  },
  {
    name: 'CommonJS async function',
    sdk: true,
    path: 'cjs-async.js',
    toolchain: 'node',
    text: `const { WebClient } = require("@slack/web-api");\n\nasync function main() {\n  const web = new WebClient("${SLACK}");\n  return web;\n}\nmodule.exports = { main };\n`,
  },
  {
    name: 'CommonJS plain function',
    path: 'cjs-sync.js',
    toolchain: 'node',
    text: `'use strict';\n\nfunction client(WebClient) {\n  return new WebClient('${SLACK}');\n}\nmodule.exports = { client };\n`,
  },
  {
    name: 'ES module top level (.mjs)',
    sdk: true,
    path: 'esm-top.mjs',
    toolchain: 'node',
    text: `import { WebClient } from '@slack/web-api';\n\nexport const web = new WebClient('${SLACK}');\n`,
  },
  {
    name: 'ES module plain function ("type": "module")',
    path: 'esm-function.js',
    toolchain: 'node',
    esm: true,
    text: `import { WebClient } from "@slack/web-api";\n\nexport function make() {\n  return new WebClient("${SLACK}");\n}\n`,
  },
  {
    name: 'ES module arrow with an expression body',
    path: 'esm-arrow.mjs',
    toolchain: 'node',
    text: `import { WebClient } from '@slack/web-api';\n\nexport const make = () => new WebClient('${SLACK}');\n`,
  },
  {
    name: 'ES module object literal at the top level',
    sdk: true,
    path: 'esm-object.mjs',
    toolchain: 'node',
    text: `export const config = {\n  slack: { token: '${SLACK}' },\n};\n`,
  },
  {
    name: 'ES module class field',
    path: 'esm-class.mjs',
    toolchain: 'node',
    text: `import { WebClient } from '@slack/web-api';\n\nexport class Notifier {\n  client = new WebClient('${SLACK}');\n}\n`,
  },
  {
    sdk: true,
    name: 'inside a longer string, ES module',
    path: 'esm-headers.mjs',
    toolchain: 'node',
    text: `export const headers = { Authorization: 'Bearer ${SLACK}' };\n`,
  },
  // TypeScript strict, against @types/node and the SDKs' declared shapes (sdkShapes below).
  {
    name: 'typed constant, CommonJS',
    path: 'typed-const.ts',
    toolchain: 'tsc',
    text: `const slackToken: string = '${SLACK}';\nconsole.log(slackToken.length);\n`,
  },
  {
    name: 'argument to a string parameter, ES module',
    sdk: true,
    path: 'esm-argument.ts',
    toolchain: 'tsc',
    esm: true,
    text: `import { WebClient } from '@slack/web-api';\n\nexport const web = new WebClient('${SLACK}');\n`,
  },
  {
    name: 'plain const passed on, ES module',
    sdk: true,
    path: 'esm-const.ts',
    toolchain: 'tsc',
    esm: true,
    text: `import { WebClient } from "@slack/web-api";\n\nconst token = "${SLACK}";\nexport const web = new WebClient(token);\n`,
  },
  {
    name: 'class property, ES module',
    path: 'esm-class.ts',
    toolchain: 'tsc',
    esm: true,
    text: `import { WebClient } from '@slack/web-api';\n\nexport class Notifier {\n  private readonly client = new WebClient('${SLACK}');\n  send(): WebClient {\n    return this.client;\n  }\n}\n`,
  },
  {
    name: 'async function, CommonJS',
    sdk: true,
    path: 'cjs-async.ts',
    toolchain: 'tsc',
    text: `import { WebClient } from '@slack/web-api';\n\nexport async function main(): Promise<WebClient> {\n  const token: string = '${SLACK}';\n  return new WebClient(token);\n}\n`,
  },
  {
    sdk: true,
    name: 'inside a template literal, ES module',
    path: 'esm-template.ts',
    toolchain: 'tsc',
    esm: true,
    text: 'export const url: string = `https://hooks.example.com/post?token=' + SLACK + '&channel=general`;\n',
  },
  // Java: compiled against stand-ins with the SDKs' real signatures (JAVA_SDK_SHAPES below; the
  // jars are not installed). Vault and Google Secret Manager have no Java idiom here.
  {
    name: 'static final field',
    path: 'Config.java',
    toolchain: 'javac',
    sdk: true,
    noIdiom: ['vault', 'gcp'],
    text: `public class Config {\n    private static final String SLACK_TOKEN = "${SLACK}";\n\n    public static String token() {\n        return SLACK_TOKEN;\n    }\n}\n`,
  },
  {
    name: 'returned literal',
    path: 'Client.java',
    toolchain: 'javac',
    sdk: true,
    noIdiom: ['vault', 'gcp'],
    text: `public class Client {\n    String token() {\n        return "${SLACK}";\n    }\n}\n`,
  },
  {
    name: 'inside a longer string',
    path: 'Headers.java',
    toolchain: 'javac',
    sdk: true,
    noIdiom: ['vault', 'gcp'],
    text: `public class Headers {\n    static final String AUTHORIZATION = "Bearer ${SLACK}";\n}\n`,
  },
  // Go: `go vet` on one file; the manager idioms other than env read the environment in Go.
  {
    name: 'package constant',
    path: 'main.go',
    toolchain: 'go',
    text: `package main\n\nimport "fmt"\n\nconst slackToken = "${SLACK}"\n\nfunc main() {\n\tfmt.Println(len(slackToken))\n}\n`,
  },
  {
    name: 'const block with other constants',
    path: 'block.go',
    toolchain: 'go',
    text: `package main\n\nimport "fmt"\n\nconst (\n\tslackToken string = "${SLACK}" // the bot\n\tretries           = 2\n)\n\nfunc main() {\n\tfmt.Println(len(slackToken), retries)\n}\n`,
  },
  {
    name: 'const block holding only the secret',
    path: 'single.go',
    toolchain: 'go',
    text: `package main\n\nimport (\n\t"fmt"\n)\n\nconst (\n\tslackToken = "${SLACK}"\n)\n\nfunc main() {\n\tfmt.Println(len(slackToken))\n}\n`,
  },
  // Shell: `bash -n` parses the script, then it runs with the variable set, and stand-ins for
  // the managers' CLIs on PATH, and must print the value (a read left inside single quotes
  // parses but prints itself).
  {
    name: 'export with single quotes',
    sdk: true,
    path: 'export.sh',
    toolchain: 'bash',
    text: `#!/usr/bin/env bash\nset -euo pipefail\nexport SLACK_TOKEN='${SLACK}'\nprintf '%s\\n' "$SLACK_TOKEN"\n`,
  },
  {
    name: 'inside a single-quoted header',
    sdk: true,
    path: 'curl.sh',
    toolchain: 'bash',
    text: `#!/bin/sh\nprintf '%s\\n' 'Authorization: Bearer ${SLACK}'\n`,
  },
  {
    name: 'unquoted assignment',
    sdk: true,
    path: 'plain.sh',
    toolchain: 'bash',
    text: `#!/bin/bash\nSLACK_TOKEN=${SLACK}\nprintf '%s\\n' "Authorization: Bearer $SLACK_TOKEN"\n`,
  },
  // C#: Mono's mcs compiles each rewrite as a library against stand-ins with the SDKs' real
  // signatures (CSHARP_SDK_SHAPES below; the assemblies are not installed). Vault has no C# idiom here.
  {
    name: 'const field',
    sdk: true,
    noIdiom: ['vault'],
    path: 'Config.cs',
    toolchain: 'mcs',
    text: `using System.Text;\n\nnamespace App\n{\n    public static class Config\n    {\n        public const string SlackToken = "${SLACK}";\n        public static int Length => SlackToken.Length;\n    }\n}\n`,
  },
  {
    name: 'local const in a method',
    sdk: true,
    noIdiom: ['vault'],
    path: 'Client.cs',
    toolchain: 'mcs',
    text: `namespace App\n{\n    public class Client\n    {\n        public string Token()\n        {\n            const string token = "${SLACK}";\n            return token;\n        }\n    }\n}\n`,
  },
  {
    name: 'argument inside a longer string',
    sdk: true,
    noIdiom: ['vault'],
    path: 'Headers.cs',
    toolchain: 'mcs',
    text: `public class Headers\n{\n    public static readonly string Authorization = "Bearer ${SLACK}";\n}\n`,
  },
];

/**
 * Java stand-ins with the real SDKs' signatures for what the rewrites call (AWS SDK v2, Azure
 * Key Vault): only unchecked exceptions, as in the SDKs. Compiled from `-sourcepath`.
 */
const JAVA_SDK_SHAPES: Record<string, string> = {
  'software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.java': `package software.amazon.awssdk.services.secretsmanager;
import java.util.function.Consumer;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
public interface SecretsManagerClient extends AutoCloseable {
  static SecretsManagerClient create() { throw new UnsupportedOperationException(); }
  default GetSecretValueResponse getSecretValue(Consumer<GetSecretValueRequest.Builder> request) { throw new UnsupportedOperationException(); }
}
`,
  'software/amazon/awssdk/services/secretsmanager/model/GetSecretValueRequest.java': `package software.amazon.awssdk.services.secretsmanager.model;
public final class GetSecretValueRequest {
  public interface Builder { Builder secretId(String secretId); }
}
`,
  'software/amazon/awssdk/services/secretsmanager/model/GetSecretValueResponse.java': `package software.amazon.awssdk.services.secretsmanager.model;
public final class GetSecretValueResponse { public String secretString() { return null; } }
`,
  'com/azure/core/credential/TokenCredential.java': 'package com.azure.core.credential;\npublic interface TokenCredential {}\n',
  'com/azure/identity/DefaultAzureCredential.java':
    'package com.azure.identity;\npublic final class DefaultAzureCredential implements com.azure.core.credential.TokenCredential {}\n',
  'com/azure/identity/DefaultAzureCredentialBuilder.java':
    'package com.azure.identity;\npublic class DefaultAzureCredentialBuilder { public DefaultAzureCredential build() { return new DefaultAzureCredential(); } }\n',
  'com/azure/security/keyvault/secrets/SecretClientBuilder.java': `package com.azure.security.keyvault.secrets;
public final class SecretClientBuilder {
  public SecretClientBuilder vaultUrl(String vaultUrl) { return this; }
  public SecretClientBuilder credential(com.azure.core.credential.TokenCredential credential) { return this; }
  public SecretClient buildClient() { return new SecretClient(); }
}
`,
  'com/azure/security/keyvault/secrets/SecretClient.java': `package com.azure.security.keyvault.secrets;
public final class SecretClient {
  public com.azure.security.keyvault.secrets.models.KeyVaultSecret getSecret(String name) { return null; }
}
`,
  'com/azure/security/keyvault/secrets/models/KeyVaultSecret.java':
    'package com.azure.security.keyvault.secrets.models;\npublic class KeyVaultSecret { public String getValue() { return null; } }\n',
};

/** C# stand-ins with the real SDKs' signatures for what the rewrites call (AWS, Azure, Google). */
const CSHARP_SDK_SHAPES = `
namespace Amazon.SecretsManager {
  public class AmazonSecretsManagerClient {
    public System.Threading.Tasks.Task<Amazon.SecretsManager.Model.GetSecretValueResponse> GetSecretValueAsync(Amazon.SecretsManager.Model.GetSecretValueRequest request, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) { return null; }
  }
}
namespace Amazon.SecretsManager.Model {
  public class GetSecretValueRequest { public string SecretId { get; set; } }
  public class GetSecretValueResponse { public string SecretString { get; set; } }
}
namespace Azure { public class Response<T> { public T Value { get { return default(T); } } } }
namespace Azure.Core { public abstract class TokenCredential {} }
namespace Azure.Identity { public class DefaultAzureCredential : Azure.Core.TokenCredential {} }
namespace Azure.Security.KeyVault.Secrets {
  public class SecretClient {
    public SecretClient(System.Uri vaultUri, Azure.Core.TokenCredential credential) {}
    public virtual Azure.Response<KeyVaultSecret> GetSecret(string name, string version = null, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) { return null; }
  }
  public class KeyVaultSecret { public string Value { get { return null; } } }
}
namespace Google.Protobuf { public class ByteString { public string ToStringUtf8() { return null; } } }
namespace Google.Cloud.SecretManager.V1 {
  public abstract class SecretManagerServiceClient {
    public static SecretManagerServiceClient Create() { return null; }
    public virtual AccessSecretVersionResponse AccessSecretVersion(SecretVersionName name, object callSettings = null) { return null; }
  }
  public class SecretVersionName { public SecretVersionName(string projectId, string secretId, string secretVersionId) {} }
  public class AccessSecretVersionResponse { public SecretPayload Payload { get { return null; } } }
  public class SecretPayload { public Google.Protobuf.ByteString Data { get { return null; } } }
}
`;

/** Declarations with the SDKs' real signatures for what the rewrites use (the packages are not installed). */
const SDK_SHAPES = `
declare module '@slack/web-api' {
  export class WebClient { constructor(token?: string); }
}
declare module '@aws-sdk/client-secrets-manager' {
  export class GetSecretValueCommand { constructor(input: { SecretId: string | undefined }); }
  export class SecretsManagerClient {
    constructor(config: object);
    send(command: GetSecretValueCommand): Promise<{ SecretString?: string }>;
  }
}
declare module 'node-vault' {
  namespace NodeVault {
    interface client { read(path: string): Promise<any>; }
    interface VaultOptions { endpoint?: string; token?: string }
  }
  function NodeVault(options?: NodeVault.VaultOptions): NodeVault.client;
  export = NodeVault;
}
declare module '@azure/identity' {
  export class DefaultAzureCredential { constructor(); }
}
declare module '@azure/keyvault-secrets' {
  export class SecretClient {
    constructor(vaultUrl: string, credential: object);
    getSecret(secretName: string): Promise<{ value?: string }>;
  }
}
declare module '@google-cloud/secret-manager' {
  export class SecretManagerServiceClient {
    accessSecretVersion(request?: { name?: string | null }): Promise<[{ payload?: { data?: Uint8Array | string | null } | null }, unknown, unknown]>;
  }
}
`;

const REPO = path.resolve(__dirname, '../../../..');

function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const available = (command: string, args: string[]) => {
  try {
    return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
};

const TOOLCHAINS: Record<Toolchain, () => boolean> = {
  python: () => available('python3', ['--version']),
  node: () => true,
  tsc: () =>
    fs.existsSync(path.join(REPO, 'node_modules/typescript/bin/tsc')) && fs.existsSync(path.join(REPO, 'node_modules/@types/node')),
  javac: () => available('javac', ['-version']),
  go: () => available('go', ['version']),
  bash: () => available('bash', ['--version']),
  mcs: () => available('mcs', ['--version']),
};

/** The file the preferred fix leaves, for one case and manager. */
function rewritten(c: Case, manager: SecretsManager): string {
  const engine = defaultEngine();
  const finding = engine.scan({ path: c.path, text: c.text }).findings.find((f) => f.category === 'secret');
  assert.ok(finding, `no secret found in ${c.name}`);
  const preferred = fixesFor(finding, c.text, { manager }).find((p) => p.preferred);
  assert.ok(preferred?.kind === 'secret-to-manager', `${c.name}: the preferred fix is ${preferred?.kind}`);
  const idiom = manager === 'env' || (c.sdk && !c.noIdiom?.includes(manager));
  assert.equal(preferred.reads, idiom ? manager : 'env', `${c.name}: reads from`);
  if (!idiom) assert.match(preferred.title, / \(no .* rewrite for |needs await/, `${c.name}: the title says the manager is not used`);
  const out = applyEdits(c.text, preferred.edits);
  assert.ok(!out.includes(SLACK), `${c.name}: the secret is still in the file`);
  return out;
}

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return r.status === 0 ? '' : `${r.stdout}${r.stderr}`.trim() || `exit ${r.status}`;
}

/** `tsc --strict --noEmit` over one project folder; errors grouped by file name. */
function tscErrors(dir: string, esm: boolean): Map<string, string> {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(esm ? { type: 'module' } : {}));
  fs.writeFileSync(path.join(dir, 'sdk-shapes.d.ts'), SDK_SHAPES);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        moduleDetection: 'force',
        esModuleInterop: true,
        skipLibCheck: true,
        typeRoots: [path.join(REPO, 'node_modules/@types')],
        types: ['node'],
      },
      include: ['*.ts', '*.mts'],
    }),
  );
  const output = run(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
  const byFile = new Map<string, string>();
  for (const line of output.split('\n')) {
    const file = /^([^(\s]+)\(\d+,\d+\)/.exec(line)?.[1];
    if (file) byFile.set(path.basename(file), `${byFile.get(path.basename(file)) ?? ''}${line}\n`);
    else if (line && !file) byFile.set('*', `${byFile.get('*') ?? ''}${line}\n`);
  }
  return byFile;
}

describe('preferred secret fixes pass the language toolchain', function () {
  this.timeout(120_000);
  const ran = new Set<Toolchain>();
  const skipped = new Set<Toolchain>();
  let root: string;
  /** Every case × manager, as written into its folder: `<folder>/<manager>-<file>`. */
  const written = new Map<string, { dir: string; file: string; text: string }>();
  const tsc = new Map<string, string>();

  const managersOf = (c: Case) => c.managers ?? (c.toolchain === 'go' ? (['env', 'aws'] as SecretsManager[]) : SECRETS_MANAGERS);
  const key = (c: Case, manager: SecretsManager) => `${c.toolchain}/${c.name}/${manager}`;

  before(function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'toolchain-'));
    for (const c of CASES)
      for (const manager of managersOf(c)) {
        // Java's public class must match the file name: one folder per manager.
        const dir = path.join(
          root,
          c.toolchain === 'javac' || c.toolchain === 'go' || c.toolchain === 'mcs'
            ? `${c.toolchain}-${manager}-${c.path}`
            : `${c.toolchain}-${c.esm ? 'esm' : 'cjs'}`,
        );
        fs.mkdirSync(dir, { recursive: true });
        const file = c.toolchain === 'javac' || c.toolchain === 'go' || c.toolchain === 'mcs' ? c.path : `${manager}-${c.path}`;
        const text = rewritten(c, manager);
        fs.writeFileSync(path.join(dir, file), text);
        written.set(key(c, manager), { dir, file, text });
      }
    if (TOOLCHAINS.tsc())
      for (const esm of [false, true]) {
        const dir = path.join(root, `tsc-${esm ? 'esm' : 'cjs'}`);
        if (!fs.existsSync(dir)) continue;
        for (const [file, errors] of tscErrors(dir, esm)) tsc.set(`${path.basename(dir)}/${file}`, errors);
      }
  });

  after(function () {
    // Which toolchains checked the fixes on this machine, for the person reading the run.
    console.log(`      toolchains run: ${[...ran].join(', ') || 'none'}; absent: ${[...skipped].join(', ') || 'none'}`);
  });

  for (const c of CASES)
    for (const manager of managersOf(c))
      it(`${c.toolchain}: ${c.name} (${manager})`, function () {
        if (!TOOLCHAINS[c.toolchain]()) {
          skipped.add(c.toolchain);
          this.skip();
        }
        ran.add(c.toolchain);
        const { dir, file, text } = written.get(key(c, manager))!;
        let errors: string;
        switch (c.toolchain) {
          case 'python':
            errors = run('python3', ['-m', 'py_compile', file], dir);
            break;
          case 'node':
            errors = run(process.execPath, ['--check', file], dir);
            break;
          case 'tsc':
            errors = (tsc.get(`${path.basename(dir)}/${file}`) ?? '') + (tsc.get(`${path.basename(dir)}/*`) ?? '');
            break;
          case 'javac': {
            const stubs = path.join(root, 'java-sdk-shapes');
            for (const [name, source] of Object.entries(JAVA_SDK_SHAPES)) {
              fs.mkdirSync(path.dirname(path.join(stubs, name)), { recursive: true });
              fs.writeFileSync(path.join(stubs, name), source);
            }
            errors = run('javac', ['-d', path.join(dir, 'classes'), '-sourcepath', stubs, file], dir);
            break;
          }
          case 'go':
            errors = run('go', ['vet', file], dir);
            break;
          case 'bash': {
            errors = run('bash', ['-n', file], dir);
            const marker = 'set-from-the-environment';
            // Stand-ins for aws, vault, az and gcloud: each prints the value the manager holds.
            const bin = path.join(root, 'cli-stand-ins');
            fs.mkdirSync(bin, { recursive: true });
            for (const cli of ['aws', 'vault', 'az', 'gcloud'])
              fs.writeFileSync(path.join(bin, cli), `#!/bin/sh\necho ${marker}\n`, { mode: 0o755 });
            const r = spawnSync('bash', [file], {
              cwd: dir,
              encoding: 'utf8',
              env: {
                PATH: `${bin}${path.delimiter}${process.env.PATH}`,
                SLACK_TOKEN: marker,
                SLACK_BOT_TOKEN: marker,
                AZURE_KEY_VAULT_NAME: 'kv',
              },
            });
            if (!errors && !(r.status === 0 && r.stdout.includes(marker)))
              errors = `ran without printing the variable: ${r.stdout}${r.stderr}`;
            break;
          }
          case 'mcs':
            fs.writeFileSync(path.join(dir, 'SdkShapes.cs'), CSHARP_SDK_SHAPES);
            errors = run('mcs', ['-target:library', '-out:out.dll', 'SdkShapes.cs', file], dir);
            break;
        }
        assert.equal(errors, '', `${c.toolchain} refused the fixed file:\n${text}\n${errors}`);
      });
});
