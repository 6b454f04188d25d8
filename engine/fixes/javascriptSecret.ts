import type { SecretsManager } from './secretReplacement';

/**
 * How a JavaScript or TypeScript file reads a secret: the module kind and quote style come from
 * the file itself, and a read that needs `await` is offered only where `await` is valid.
 */

export type ModuleKind = 'esm' | 'commonjs';

/**
 * ESM when the file says so (`.mjs`/`.mts`, or `import`/`export` statements); CommonJS otherwise,
 * which is what Node assumes for a `.js` file without `"type": "module"` (the engine reads no
 * package.json, so it takes the choice that never breaks a CommonJS file).
 */
export function moduleKindOf(path: string, text: string): ModuleKind {
  if (/\.m[jt]s$/i.test(path)) return 'esm';
  if (/\.c[jt]s$/i.test(path)) return 'commonjs';
  return /^[ \t]*(?:import[ \t]*(?:[\w*{$]|["'])|export[ \t]+|export[ \t]*\{)/m.test(text) ? 'esm' : 'commonjs';
}

/** The quote the file's string literals mostly use; ties go to the literal's own quote. */
export function quoteStyleOf(text: string, literalQuote: string | undefined): "'" | '"' {
  const single = (text.match(/'[^'\n\\]*'/g) ?? []).length;
  const double = (text.match(/"[^"\n\\]*"/g) ?? []).length;
  if (single !== double) return single > double ? "'" : '"';
  return literalQuote === "'" ? "'" : '"';
}

interface Brace {
  /** A function or class body (or something we cannot tell from one): `await` needs it to be async. */
  functionLike: boolean;
  async: boolean;
  /** The enclosing expression's start, restored when an object literal closes. */
  expressionStart: number;
}

/**
 * Whether `await` is valid at `offset`: inside an async function, or at the top level of an ES
 * module. A small scanner over braces, skipping strings and comments: a `{` after `)` or `=>` is
 * taken for a function body (an `if` block too, which only makes the answer conservative), a
 * class body is not async, nor is an arrow with an expression body unless marked `async`.
 */
export function awaitAllowedAt(text: string, offset: number, kind: ModuleKind): boolean {
  const stack: Brace[] = [];
  /** Where the text that decides what a `{` opens starts. */
  let headerStart = 0;
  /** Where the current statement or expression inside a function starts (object braces do not end it). */
  let expressionStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? offset : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? offset : close + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < offset && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '{') {
      const header = text.slice(headerStart, i);
      const classBody = /\bclass\b[^(){}]*$/.test(header);
      const functionLike = classBody || /(?:\)|=>)\s*(?::[^;{}]*)?$/.test(header);
      stack.push({ functionLike, async: !classBody && /\basync\b/.test(header), expressionStart });
      headerStart = i + 1;
      if (functionLike) expressionStart = i + 1;
    } else if (c === '}') {
      const closed = stack.pop();
      headerStart = i + 1;
      if (closed?.functionLike) expressionStart = i + 1;
      else if (closed) expressionStart = closed.expressionStart;
    } else if (c === ';') headerStart = expressionStart = i + 1;
  }
  // `() => new Client(…)`: an arrow whose body is an expression, not yet ended by `;`.
  const arrows = [...text.slice(expressionStart, offset).matchAll(/(\basync\s*)?(?:\([^()]*\)|[\w$]+)\s*(?::[^=;{}]*)?=>\s*(?!\{)/g)];
  if (arrows.length) return !!arrows[arrows.length - 1][1];
  const functions = stack.filter((b) => b.functionLike);
  if (!functions.length) return kind === 'esm';
  return functions[functions.length - 1].async;
}

export interface JavaScriptRead {
  expression: string;
  imports: string[];
}

/** `(expr ?? (() => { throw new Error('…'); })())`: a `string` for strict TypeScript that fails loudly when unset. */
function orThrow(expression: string, message: string, q: string): string {
  return `(${expression} ?? (() => { throw new Error(${q}${message}${q}); })())`;
}

/**
 * The read of secret `name` (environment variable `env`) from `manager`, as one expression.
 * TypeScript gets `string`-typed forms: `process.env.X` and the SDKs' values are
 * `string | undefined`, which strict mode refuses wherever the literal stood (a `string`
 * declaration, a parameter); a missing secret throws at the read, naming it, instead of
 * surfacing later as `undefined`. SDK reads use `await` and are undefined where it is invalid.
 */
export function javascriptRead(
  manager: SecretsManager,
  name: string,
  env: string,
  options: { typescript: boolean; quote: "'" | '"'; awaitAllowed: boolean },
): JavaScriptRead | undefined {
  const q = options.quote;
  const ts = options.typescript;
  const str = (s: string) => `${q}${s}${q}`;
  const envRead = (variable: string) => (ts ? orThrow(`process.env.${variable}`, `${variable} is not set`, q) : `process.env.${variable}`);
  const value = (expression: string) => (ts ? orThrow(expression, `secret ${name} has no value`, q) : expression);
  if (manager === 'env') return { expression: envRead(env), imports: [] };
  if (!options.awaitAllowed) return undefined;
  switch (manager) {
    case 'aws':
      return {
        expression: value(`(await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: ${str(name)} }))).SecretString`),
        imports: [`import { SecretsManagerClient, GetSecretValueCommand } from ${str('@aws-sdk/client-secrets-manager')};`],
      };
    case 'vault':
      return {
        expression: value(
          `(await nodeVault({ endpoint: process.env.VAULT_ADDR, token: process.env.VAULT_TOKEN }).read(${str(`secret/data/${name}`)})).data.data.value`,
        ),
        imports: [`import nodeVault from ${str('node-vault')};`],
      };
    case 'azure':
      return {
        expression: value(
          `(await new SecretClient(${envRead('AZURE_KEY_VAULT_URL')}, new DefaultAzureCredential()).getSecret(${str(name)})).value`,
        ),
        imports: [
          `import { SecretClient } from ${str('@azure/keyvault-secrets')};`,
          `import { DefaultAzureCredential } from ${str('@azure/identity')};`,
        ],
      };
    case 'gcp':
      return {
        expression: value(
          `(await new SecretManagerServiceClient().accessSecretVersion({ name: \`projects/\${process.env.GOOGLE_CLOUD_PROJECT}/secrets/${name}/versions/latest\` }))[0].payload${ts ? '?.data?.toString()' : '.data.toString()'}`,
        ),
        imports: [`import { SecretManagerServiceClient } from ${str('@google-cloud/secret-manager')};`],
      };
    default:
      return undefined;
  }
}
