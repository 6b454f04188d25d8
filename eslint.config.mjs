// Lint: typescript-eslint's recommended rules, and the architecture as a rule: each top-level
// folder may import only the folders below it (see LAYERS). `npm run lint` runs it with Prettier.
import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Who may import whom, bottom to top. A folder imports itself and the folders its entry lists;
 * anything else is a layering error. protocol/ is the wire contract the client and server share:
 * it stands alone, so the client never loads engine code.
 */
const LAYERS = {
  engine: [],
  workspace: ['engine'],
  report: ['engine', 'workspace'],
  integrations: ['engine', 'workspace', 'report'],
  app: ['engine', 'workspace', 'report', 'integrations'],
  protocol: [],
  cli: ['engine', 'workspace', 'report', 'integrations', 'app'],
  server: ['engine', 'workspace', 'report', 'integrations', 'app', 'protocol'],
  client: ['protocol'],
  build: ['engine', 'workspace'],
};

/** Packages only some layers may use: the engine does no I/O, only the client talks to VS Code. */
const PACKAGES = {
  engine: [/^node:(fs|child_process|worker_threads|net|http|https)$/, /^vscode/, /^@octokit\//],
  workspace: [/^vscode/, /^@octokit\//],
  report: [/^vscode/, /^@octokit\//, /^node:child_process$/],
  integrations: [/^vscode/],
  app: [/^vscode/],
  cli: [/^vscode/],
  server: [/^vscode$/, /^vscode-languageclient/],
  protocol: [/^vscode$/, /^vscode-languageclient/, /^node:/],
  client: [/^vscode-languageserver$/, /^vscode-languageserver\//],
};

const root = path.dirname(new URL(import.meta.url).pathname);
const layerOf = (file) => {
  const top = path.relative(root, file).split(path.sep)[0];
  return top in LAYERS ? top : undefined;
};

const layering = {
  meta: { type: 'problem', schema: [], docs: { description: 'imports follow the layer order' } },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(context.filename), spec));
        if (!to) return;
        if (to !== from && !LAYERS[from].includes(to)) {
          context.report({
            node,
            message: `${from}/ may not import ${to}/ (layers: ${from} sees ${LAYERS[from].join(', ') || 'nothing else'})`,
          });
        }
        return;
      }
      const banned = (PACKAGES[from] ?? []).find((re) => re.test(spec));
      if (banned) context.report({ node, message: `${from}/ may not use the package "${spec}"` });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal')
          check(node, node.arguments[0].value);
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'bench/.corpus/',
      'bench/results/',
      'bench/.secrets-corpus/',
      // Written by bench:iac-detection; holds CDK and Pulumi programs as data.
      'bench/.iac-corpus/',
      'bench/.big-tree/',
      'bench/.npm-tree/',
      'test-artifacts/',
      'test/client/code-server/',
      'test/fixtures/',
      'examples/',
      // Held-out IaC cases are data (CDK sources that import packages the project does not use).
      'test/corpus/heldout/iac/',
      'test/corpus/heldout3/',
      'test/corpus/heldout4/',
      'test/corpus/heldout5/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { nhi: { rules: { layering } } },
    rules: {
      'nhi/layering': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The protocol declares its messages as namespaces, as vscode-eslint does: one typed constant
  // per method that both sides import.
  { files: ['protocol/**/*.ts'], rules: { '@typescript-eslint/no-namespace': 'off' } },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
