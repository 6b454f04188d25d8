// Builds (or reuses) the large-tree corpus of the memory benchmark: 50,000 small files in nested
// folders, about 66,000 findings (issue 14 measured the audit's peak memory on such a tree). The
// fake secrets are assembled here at run time from a seeded generator, so every run plants the
// same ones and none is ever committed.
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from './seededRandom.mjs';

export const BIG_TREE_FILES = 50_000;
// 3: secrets from the tests' generator (test/support/seededRandom.ts) instead of an LCG of its own.
const VERSION = 3;

// Deterministic pseudo-random strings (the tests' generator, its own seed).
const SEED = 20261214;
let rng = new Rng(SEED);
const pick = (alphabet, n) => rng.chars(alphabet, n);
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

const awsKeyId = () => ['AK', 'IA', pick(UPPER32, 16)].join('');
const awsSecret = () => pick(AN + '+/', 40);
const slackToken = () => ['xo', 'xb-', pick('0123456789', 12), '-', pick('0123456789', 13), '-', pick(AN, 24)].join('');
const stripeKey = () => ['sk', '_live_', pick(AN, 24)].join('');
const shopify = () => ['shp', 'at_', pick(HEX, 32)].join('');
const dbUrl = () => `postgres://app:${pick(AN, 16)}@db.internal:5432/app`;

/** File templates by index: the mix of a monorepo (code, config, IaC, clean files). */
const TEMPLATES = [
  // .env: two secrets
  (i) => [
    `services/svc${i}/.env`,
    `# service ${i}\nAWS_ACCESS_KEY_ID=${awsKeyId()}\nAWS_SECRET_ACCESS_KEY=${awsSecret()}\nLOG_LEVEL=info\n`,
  ],
  // Python: one secret
  (i) => [
    `services/svc${i}/settings.py`,
    `import os\n\nDEBUG = False\nSLACK_TOKEN = "${slackToken()}"\nAWS_KEY_ID = "${awsKeyId()}"\nNAME = "svc${i}"\n`,
  ],
  // JavaScript: one secret
  (i) => [`web/app${i}/config.js`, `module.exports = {\n  name: 'app${i}',\n  stripeKey: '${stripeKey()}',\n};\n`],
  // Terraform: a wildcard IAM policy and an access key (IaC findings)
  (i) => [
    `infra/mod${i}/main.tf`,
    `resource "aws_iam_policy" "p${i}" {\n  name   = "p${i}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n`,
  ],
  // properties: one secret
  (i) => [`java/mod${i}/application.properties`, `server.port=8080\nspring.datasource.url=${dbUrl()}\nshopify.token=${shopify()}\n`],
  // clean files
  // every fourth one with a key left in (7 × 4 = 28)
  (i) => [
    `web/app${i}/index.js`,
    `export function hello${i}(name) {\n  return 'hello ' + name;\n}\n${i % 28 === 5 ? `const shopToken = '${shopify()}';\n` : ''}`,
  ],
  (i) => [`docs/page${i}.md`, `# Page ${i}\n\nNothing secret here, only prose about service ${i}.\n`],
];

function fileOf(i) {
  const [relative, text] = TEMPLATES[i % TEMPLATES.length](i);
  // Spread over nested folders (a few hundred entries per folder at most).
  return [path.join(`part${Math.floor(i / 2000)}`, `group${Math.floor(i / 100) % 20}`, relative), text];
}

/** Writes the tree under `dir` unless an identical one is already there. */
export function ensureBigTree(dir, files = BIG_TREE_FILES) {
  const marker = path.join(dir, '.big-tree-ready.json');
  const wanted = JSON.stringify({ files, version: VERSION, seed: SEED });
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  rng = new Rng(SEED);
  const made = new Set();
  for (let i = 0; i < files; i++) {
    const [relative, text] = fileOf(i);
    const folder = path.join(dir, path.dirname(relative));
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    fs.writeFileSync(path.join(dir, relative), text);
  }
  fs.writeFileSync(marker, wanted);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '.big-tree'));
  ensureBigTree(dir);
  console.log(dir);
}
