// Bundles each entry point into one CommonJS file in dist/ so start-up reads one file.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, minify: process.argv.includes('--minify'), logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: { cli: 'cli/main.ts', auditWorker: 'cli/auditWorker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);
