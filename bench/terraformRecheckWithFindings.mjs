// The editor's re-check of a Terraform file full of findings, in-process: a 117 KB module of IAM
// policies, attachments and access keys (about a thousand findings; bench/iacRecheck.mjs's file
// has none), opened in an engine with a memo, then typed into ten characters at a time at the ends
// of random lines. Prints the CPU time of this process per scan (first 60 edits, then p50 / p95 of
// the next 300) and whether the last scan's findings equal a fresh engine's. Asserts nothing.
//   node bench/terraformRecheckWithFindings.mjs
// NHI_BENCH_ENGINE: another build's dist/engine.js (it must export SecretLineMemo).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = path.resolve(process.env.NHI_BENCH_ENGINE ?? path.join(repo, 'dist', 'engine.js'));
const { createEngine, SecretLineMemo } = createRequire(import.meta.url)(ENGINE);

const unit = (i) =>
  [
    `resource "aws_iam_role_policy" "p${i}" {\n  role = aws_iam_role.r${i}.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:PassRole"], Resource = "*" }]\n  })\n}`,
    `data "aws_iam_policy_document" "d${i}" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}`,
    `resource "aws_iam_role_policy_attachment" "a${i}" {\n  role       = aws_iam_role.r${i}.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}`,
    `resource "aws_iam_access_key" "k${i}" {\n  user = "ci-${i}"\n}`,
    `resource "aws_iam_role" "r${i}" {\n  name = "r-${i}"\n  assume_role_policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}\nEOF\n}`,
  ][i % 5];

let seed = 99;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
const cpuMs = (f) => {
  const c = process.cpuUsage();
  const result = f();
  const u = process.cpuUsage(c);
  return [(u.user + u.system) / 1e3, result];
};
const digest = (findings) => createHash('sha1').update(JSON.stringify(findings)).digest('hex').slice(0, 12);

console.log(`Terraform re-check with findings, in-process (${ENGINE}); load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
let text = '';
for (let i = 0; text.length < 117 * 1024; i++) text += `${unit(i)}\n\n`;
const engine = createEngine();
const memo = new SecretLineMemo();
const [open, opened] = cpuMs(() => engine.scan({ path: 'main.tf', text }, { memo }));
const times = [];
let cursor = 0;
let last;
for (let e = 0; e < 360; e++) {
  if (e % 10 === 0) {
    const nl = text.indexOf('\n', Math.floor(random() * text.length));
    cursor = nl < 0 ? text.length : nl;
  }
  text = text.slice(0, cursor) + 'abcdefghij'[e % 10] + text.slice(cursor);
  cursor++;
  const [ms, result] = cpuMs(() => engine.scan({ path: 'main.tf', text }, { memo }));
  times.push(ms);
  last = result;
}
const first = times.slice(0, 60).reduce((a, b) => a + b) / 60;
const rest = times.slice(60).sort((a, b) => a - b);
const fresh = createEngine().scan({ path: 'main.tf', text });
console.log(
  `  open ${open.toFixed(1)} ms (${opened.findings.length} findings)  first 60 edits ${first.toFixed(2)} ms/scan  next 300: p50 ${rest[150].toFixed(2)} ms  p95 ${rest[285].toFixed(2)} ms`,
);
console.log(
  `  last scan's findings ${digest(last.findings)}, a fresh engine's ${digest(fresh.findings)}: ${digest(last.findings) === digest(fresh.findings) ? 'equal' : 'DIFFERENT'}`,
);
console.log(`load after: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
