// Bundles each entry point into one CommonJS file in dist/ so start-up reads one file.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build as esbuild } from 'esbuild';
import { asciiOnly } from './build/asciiBundle.cjs';

// esbuild reads `import * as fs from 'node:fs'` as `__toESM(require("node:fs"))`: a new object
// with a getter per export (fs has ~100) in each of the ~50 modules that import a builtin, built
// when the bundle loads (~5 ms of a CLI start), and every `fs.x` call then goes through a getter.
// Node's builtins are plain CommonJS objects that hold every name the namespace would, so the
// module object itself is used. The namespace's extra `default` is never read (`import * as`).
const BUILTIN_NAMESPACE = /__toESM\((require\("node:[a-z0-9_/]+"\))\)/g;

// Bundles are written ASCII-only (build/asciiBundle.cjs says why and how).
/** esbuild's build, with the bundles' JavaScript rewritten as above before it is written. */
async function build(options) {
  const result = await esbuild({ ...options, write: false });
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    if (!file.path.endsWith('.js')) fs.writeFileSync(file.path, file.contents);
    else fs.writeFileSync(file.path, asciiOnly(file.text.replace(BUILTIN_NAMESPACE, '$1'), file.path));
  }
  return result;
}

// re2js, the linear-time regex engine a workspace's own rules run on (engine/rules/linearRegex.ts),
// is a file of its own beside the bundles, required only when a config has rules: the other
// starts (every scan worker too) do not parse its 300 KB.
const re2jsApart = {
  name: 're2js-apart',
  setup(b) {
    b.onResolve({ filter: /^re2js$/ }, () => ({ path: './re2js.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  plugins: [re2jsApart],
};

// Libraries only some runs need (YAML and schema validation for a config or custom rules,
// GitHub, live verification, fix patches) each get a bundle of their own in dist/vendor/,
// required where they are first used. Node parses the whole of a bundle before running any of
// it, and these were half of the CLI's 1.36 MB: an audit without them starts ~30 ms sooner.
// A static import of one of them would load it at start-up again, so the code that uses them
// requires them in the function that needs them (test/build/lazyLibraries.test.ts checks).
const LAZY_LIBRARIES = { yaml: 'yaml', ajv: 'ajv', '@octokit/rest': 'octokit', aws4: 'aws4', diff: 'diff' };
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(b) {
    const names = Object.keys(LAZY_LIBRARIES).map((n) => n.replace(/[/.]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
      path: `./vendor/${LAZY_LIBRARIES[args.path]}.js`,
      external: true,
    }));
  },
};
const withLazy = { ...common, plugins: [lazyLibraries] };

await Promise.all([
  build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(LAZY_LIBRARIES).map(([pkg, name]) => [`vendor/${name}`, pkg])),
    outdir: 'dist',
  }),
  // dist/cli.js (the command) is a few lines that run the CLI's bundle, dist/cliMain.js, through a
  // V8 code cache (cli/codeCache.ts): a start then does not compile the 1.1 MB again.
  build({ ...withLazy, entryPoints: { cliMain: 'cli/main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { cli: 'cli/launch.ts' }, outdir: 'dist' }),
  // The scan worker belongs to the workspace layer: the CLI's audit and the server's both start it.
  build({ ...withLazy, entryPoints: { scanWorker: 'workspace/scan/scanWorker.ts' }, outdir: 'dist' }),
  // dist/server.js likewise runs the server's bundle, dist/serverMain.js, through a code cache.
  build({ ...withLazy, entryPoints: { serverMain: 'server/server.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'server/launch.ts' }, outdir: 'dist' }),
  // The engine as a library (benchmarks, other tools): same code the CLI and server bundle.
  build({ ...withLazy, entryPoints: { engine: 'build/engineLibrary.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { extension: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, plugins: [], sourcemap: false, entryPoints: { re2js: 'node_modules/re2js/build/index.cjs' }, outdir: 'dist' }),
  build({
    ...common,
    plugins: [],
    sourcemap: false,
    entryPoints: { 'compile-rules': 'build/compileBuiltinRules.ts', 'compile-iam': 'build/buildIamData.ts' },
    outdir: 'dist/.build',
  }),
]);
// Validate rules/*.yaml and ship them as JSON: the bundles load it instead of parsing YAML.
execFileSync(process.execPath, ['dist/.build/compile-rules.js', 'dist/builtin-rules.json'], { stdio: 'inherit' });
// AWS IAM actions and access levels, compact, loaded only when an IaC policy is analysed.
execFileSync(process.execPath, ['dist/.build/compile-iam.js', 'dist/iam-actions.json'], { stdio: 'inherit' });
