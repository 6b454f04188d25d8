// Builds (or reuses) the benchmark corpus: pinned npm packages' files plus planted secrets.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ALNUM, HEX, Rng, checksummedToken } from './seededRandom.mjs';

/** Pinned third-party code: about 180 MB in 8,000 files (JavaScript, TypeScript, JSON, docs). */
export const PACKAGES = ['typescript@5.6.3', 'aws-sdk@2.1692.0', 'three@0.170.0', 'rxjs@7.8.1', 'lodash@4.17.21', 'moment@2.30.1'];

/**
 * The tree issue 13 measured: packages as an application installs them (with their
 * dependencies), about 62 MB in 8,800 files of mostly small JavaScript, TypeScript and JSON, and
 * 200 planted key files. More like a user's tree than the corpus above, where a few huge files
 * dominate.
 */
export const NPM_TREE = {
  packages: [
    'typescript@5.6.3',
    '@aws-sdk/client-s3@3.700.0',
    'lodash@4.17.21',
    'express@4.21.1',
    'react-dom@18.3.1',
    'moment@2.30.1',
    'rxjs@7.8.1',
    '@octokit/rest@21.0.2',
  ],
  planted: 200,
};

// Deterministic pseudo-random strings, so every run plants the same secrets.
const SEED = 20261122;
let rng = new Rng(SEED);
const pick = (alphabet, n) => rng.chars(alphabet, n);
const AN = ALNUM;
const checksummed = (prefix) => checksummedToken(rng, prefix);

/** Secret kinds that both tools claim to detect, each with a realistic line around it. */
const KINDS = [
  () => [`aws_access_key_id = "AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}"`, 'aws'],
  () => [`AWS_SECRET_ACCESS_KEY=${pick(AN + '+/', 40)}`, 'aws-secret'],
  () => [`const token = "${checksummed('ghp_')}";`, 'github'],
  () => [`GITHUB_TOKEN: ${checksummed('gho_')}`, 'github'],
  () => [`//registry.npmjs.org/:_authToken=${checksummed('npm_')}`, 'npm'],
  () => [`slack_token = "xoxb-${pick('0123456789', 12)}-${pick('0123456789', 13)}-${pick(AN, 24)}"`, 'slack'],
  () => [
    `SLACK_WEBHOOK=https://hooks.slack.com/services/T${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${pick(AN, 24)}`,
    'slack-webhook',
  ],
  () => [`sendgrid: SG.${pick(AN + '_-', 22)}.${pick(AN + '_-', 43)}`, 'sendgrid'],
  () => [`OPENAI_API_KEY="sk-proj-${pick(AN, 74)}T3BlbkFJ${pick(AN, 74)}"`, 'openai'],
  () => [`ANTHROPIC_API_KEY = "sk-ant-api03-${pick(AN + '_-', 93)}AA"`, 'anthropic'],
  () => [`SHOPIFY_TOKEN=shpat_${pick(HEX, 32)}`, 'shopify'],
  () => [`DATABASE_URL=postgres://app:${pick(AN, 16)}@db.internal:5432/app`, 'db-uri'],
  () => [`const apiKey = "AIza${pick(AN + '_-', 35)}";`, 'gcp'],
  () => [
    crypto.generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey,
    'private-key',
  ],
];

export const PLANTED_DIR = 'planted';
export const PLANTED_COUNT = 280;

/** Builds the corpus of `spec` (default: the one above) in `dir` unless it is already there. */
export function ensureCorpus(dir, spec = { packages: PACKAGES, planted: PLANTED_COUNT }) {
  const marker = path.join(dir, '.corpus-ready.json');
  // Version 2: secrets from the tests' generator (test/support/seededRandom.ts) instead of an LCG of its own.
  const wanted = JSON.stringify({ packages: spec.packages, planted: spec.planted, version: 2 });
  const ready = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '';
  if (ready === wanted) return;
  // Packages already installed: only the planted secrets are made again.
  if (ready && JSON.parse(ready).packages?.join() === spec.packages.join()) {
    fs.rmSync(path.join(dir, PLANTED_DIR), { recursive: true, force: true });
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"nhi-lens-bench-corpus","version":"1.0.0","private":true}\n');
    process.stderr.write(`bench: installing corpus packages (${spec.packages.join(', ')})…\n`);
    execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', ...spec.packages], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Scanners skip node_modules by design; the corpus is plain folders of code.
    fs.renameSync(path.join(dir, 'node_modules'), path.join(dir, 'packages'));
    fs.rmSync(path.join(dir, 'package.json'));
  }
  rng = new Rng(SEED); // the same planted secrets for a corpus whichever is built first
  const planted = path.join(dir, PLANTED_DIR);
  fs.mkdirSync(planted);
  const manifest = [];
  for (let i = 0; i < spec.planted; i++) {
    const [line, kind] = KINDS[i % KINDS.length]();
    const file = `config-${String(i).padStart(3, '0')}.${['js', 'py', 'env', 'yml', 'ts', 'sh', 'json', 'properties'][i % 8]}`;
    fs.writeFileSync(path.join(planted, file), `# service configuration ${i}\n\n${line}\n\n# end\n`);
    manifest.push({ file: `${PLANTED_DIR}/${file}`, kind });
  }
  fs.writeFileSync(path.join(dir, 'planted.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(marker, wanted);
}
