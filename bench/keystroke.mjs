// The editor's re-check cost: one createEngine().scan of a 5,000-line TypeScript file and of a
// minified line of about 1 MB, through the bundled engine. Both are generated from a seed, with
// the words secret rules look for (token, password, key, secret, Bearer, ://) spread through them.
// Prints the median and p90 of warm scans, and the median CPU time; asserts nothing.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// NHI_ENGINE_JS: another build of the engine (an older commit's dist/engine.js), for before/after figures.
const { createEngine } = createRequire(import.meta.url)(process.env.NHI_ENGINE_JS ?? path.join(repo, 'dist', 'engine.js'));

let seed = 424242;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
const pick = (a) => a[Math.floor(random() * a.length)];
const word = () =>
  pick(['user', 'order', 'token', 'session', 'password', 'apiKey', 'config', 'client', 'secret', 'request', 'cache', 'item']);
const id = (n) => Array.from({ length: n }, () => pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')).join('');

const TS_UNITS = [
  (i) => `export async function load${i}(${word()}: string, opts?: { ${word()}Ttl: number }): Promise<void> {`,
  () =>
    `  const ${word()}${id(3)} = await fetch(\`https://api.acme.io/v1/${word()}s/\${${word()}}\`, { headers: { Authorization: \`Bearer \${token}\` } });`,
  () => `  if (!${word()}.${word()}) throw new Error('missing ${word()} for request');`,
  () => `  const password = process.env.DB_PASSWORD ?? '';`,
  () => `  logger.debug({ ${word()}: ${word()}.id, secretName: 'prod/${word()}' }, 'loaded');`,
  () => `  return ${word()}s.filter((x) => x.${word()} !== undefined).map((x) => ({ ...x, key: x.id }));`,
  () => `}`,
  () => `// ${word()} ${word()} ${word()}: keep the ${word()} token out of logs`,
  (i) => `interface Payload${i} { ${word()}: string; password?: string; apiKey: string | null }`,
  () => `const url = 'postgres://app@db.internal:5432/app'; // no credentials here`,
];
const tsLines = [];
for (let i = 0; tsLines.length < 5000; i++) tsLines.push(TS_UNITS[i % TS_UNITS.length](i));
const typescript = tsLines.join('\n') + '\n';

const MIN_UNITS = [
  () => `function ${id(2)}(${id(1)},${id(1)}){return ${id(1)}.${word()}||${id(1)}[${JSON.stringify(word())}]}`,
  () => `var ${id(2)}={${word()}:"${id(8)}",token:null,password:void 0,apiKey:${id(1)}.k};`,
  () => `${id(1)}.headers.Authorization="Bearer "+${id(2)};`,
  () => `if(${id(1)}.secret&&${id(1)}.length>${Math.floor(random() * 100)})throw new Error("invalid ${word()}");`,
  () => `${id(2)}("https://cdn.acme.io/${id(6)}.js",{integrity:"sha384-${id(64)}"});`,
];
let minified = '';
// Just under the engine's default line limit (1,000,000 characters), so the line is scanned, not skipped.
for (let i = 0; minified.length < 990_000; i++) minified += MIN_UNITS[i % MIN_UNITS.length]();

/** Wall time, and CPU time of this process (steadier than wall time on a shared machine). */
function time(engine, doc, runs) {
  for (let i = 0; i < 5; i++) engine.scan(doc); // warm-up: the editor's engine is hot
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    engine.scan(doc);
    const used = process.cpuUsage(c);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    cpu.push((used.user + used.system) / 1e3);
  }
  const at = (a, q) => a.sort((x, y) => x - y)[Math.floor(a.length * q)];
  return { median: at(wall, 0.5), p90: at(wall, 0.9), cpu: at(cpu, 0.5) };
}

export function runKeystrokeBench(runs = 21) {
  const engine = createEngine();
  const rows = [
    ['5,000-line TypeScript file', { path: 'src/service.ts', text: typescript }],
    ['minified line (990,000 chars)', { path: 'dist/app.min.js', text: minified }],
  ].map(([label, doc]) => ({
    label,
    kb: Math.round(doc.text.length / 1024),
    ...time(engine, doc, runs),
    findings: engine.scan(doc).findings.length,
  }));
  for (const r of rows)
    console.log(
      `${r.label.padEnd(30)} ${String(r.kb).padStart(5)} KB  median ${r.median.toFixed(1)} ms  p90 ${r.p90.toFixed(1)} ms  median CPU ${r.cpu.toFixed(1)} ms  findings ${r.findings}`,
    );
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runKeystrokeBench();
