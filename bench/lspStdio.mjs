// The language server as an editor meets it: the bundled dist/server.js as a child process,
// driven over stdio with JSON-RPC (vscode-languageserver-protocol's client side). Measures cold
// start to first diagnostics, re-check after an edit per file kind (pull mode), typing to fresh
// diagnostics with 200 open files in a git workspace (push and pull), resident memory with 500
// open files and after 5,000 edits, answer time of requests during a 10,000-edit burst, and peak
// memory when a 200 MB document is opened, and the workspace audit of the npm tree, first and
// again (cached). Prints figures and `uptime`; asserts nothing.
//   node bench/lspStdio.mjs [--only coldStart,recheck,typing,memory,burst,rawBurst,wholeTextBurst,huge,audit] [--runs N] [--edits N (memory)]
//     [--kinds terraform,workflow,python,cdk-python,cdk-typescript,pulumi-typescript,pulumi-python (recheck: these file kinds only)] [--recheck-edits N (recheck: edits per file, 60)]
// NHI_BENCH_TIMES=1: the re-check and the typing also print every edit's time in order (the warm-up after opening shows there).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// NHI_BENCH_SERVER: another build of the server (e.g. of an older commit) to compare with.
const SERVER = path.resolve(process.env.NHI_BENCH_SERVER ?? path.join(repo, 'dist', 'server.js'));
const rpc = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

// ---- generated documents (seeded: every run sees the same text) -------------------------------

let seed = 1337;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
const pick = (a) => a[Math.floor(random() * a.length)];
const word = () => pick(['user', 'order', 'token', 'session', 'password', 'apiKey', 'config', 'client', 'secret', 'cache', 'item']);
const id = (n, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') =>
  Array.from({ length: n }, () => pick(alphabet)).join('');
/** A fake AWS access key id made at run time (never a real one; valid shape for the rules). */
const fakeKey = () => `AKIA${id(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;

function linesUpTo(count, units) {
  const lines = [];
  for (let i = 0; lines.length < count; i++) lines.push(...units[i % units.length](i).split('\n'));
  return lines.slice(0, count).join('\n') + '\n';
}

export const KINDS = {
  typescript: () => ({
    name: 'src/service.ts',
    language: 'typescript',
    text: linesUpTo(5000, [
      (i) => `export async function load${i}(${word()}: string): Promise<void> {`,
      () => `  const r = await fetch(\`https://api.acme.io/v1/${word()}s\`, { headers: { Authorization: \`Bearer \${token}\` } });`,
      () => `  const password = process.env.DB_PASSWORD ?? '';`,
      () => `  logger.debug({ ${word()}: r.status, secretName: 'prod/${word()}' }, 'loaded');`,
      () => `}`,
      () => `// ${word()} ${word()}: keep the ${word()} token out of logs`,
      (i) => `interface Payload${i} { ${word()}: string; password?: string; apiKey: string | null }`,
    ]),
  }),
  terraform: () => ({
    name: 'infra/main.tf',
    language: 'terraform',
    text: linesUpTo(5000, [
      (i) =>
        `resource "aws_iam_role" "r${i}" {\n  name = "role-${i}"\n  assume_role_policy = data.aws_iam_policy_document.assume.json\n  tags = { Owner = "team-${i % 7}" }\n}`,
      (i) =>
        `resource "aws_iam_role_policy" "p${i}" {\n  name = "policy-${i}"\n  role = aws_iam_role.r${i - 1}.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:GetObject", "s3:PutObject"]\n      Resource = "arn:aws:s3:::bucket-${i}/*"\n    }]\n  })\n}`,
      (i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "bucket-${i}"\n  tags = { Owner = "team-${i % 7}" }\n}`,
      (i) => `variable "v${i}" {\n  type    = string\n  default = "${word()}-${i}"\n}`,
    ]),
  }),
  cloudformation: () => ({
    name: 'infra/template.yaml',
    language: 'yaml',
    text:
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n` +
      linesUpTo(4998, [
        (i) =>
          `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub "\${AWS::StackName}-role-${i}"\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p${i}\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [s3:GetObject]\n                Resource: !Sub "arn:aws:s3:::bucket-${i}/*"`,
        (i) =>
          `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "bucket-${i}"\n      Tags:\n        - Key: Owner\n          Value: team-${i % 7}`,
      ]),
  }),
  kubernetes: () => ({
    name: 'deploy/app.yaml',
    language: 'yaml',
    text: linesUpTo(5000, [
      (i) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  labels: { owner: team-${i % 7} }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: app-${i} } }\n  template:\n    metadata: { labels: { app: app-${i} } }\n    spec:\n      serviceAccountName: sa-${i}\n      containers:\n        - name: app\n          image: registry.acme.io/app:${i}\n          env:\n            - name: DB_PASSWORD\n              valueFrom: { secretKeyRef: { name: db-${i}, key: password } }\n---`,
      (i) =>
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader-${i}\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n---`,
      (i) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  labels: { owner: team-${i % 7} }\n---`,
    ]),
  }),
  workflow: () => ({
    name: '.github/workflows/ci.yml',
    language: 'yaml',
    text:
      `name: ci\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n` +
      linesUpTo(4995, [
        (i) =>
          `  job${i}:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with: { node-version: 20 }\n      - run: npm ci && npm test -- --shard ${i}\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n          CI: true`,
      ]),
  }),
  minified: () => {
    const units = [
      () => `function ${id(2)}(${id(1)},${id(1)}){return ${id(1)}.${word()}||${id(1)}[${JSON.stringify(word())}]}`,
      () => `var ${id(2)}={${word()}:"${id(8)}",token:null,password:void 0,apiKey:${id(1)}.k};`,
      () => `${id(1)}.headers.Authorization="Bearer "+${id(2)};`,
      () => `if(${id(1)}.secret&&${id(1)}.length>${Math.floor(random() * 100)})throw new Error("invalid ${word()}");`,
      () => `${id(2)}("https://cdn.acme.io/${id(6)}.js",{integrity:"sha384-${id(64)}"});`,
    ];
    let text = '';
    for (let i = 0; text.length < 990_000; i++) text += units[i % units.length]();
    return { name: 'dist/app.min.js', language: 'javascript', text };
  },
};

// ---- a client over stdio ---------------------------------------------------------------------

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();
const at = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function statusKb(pid, field) {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) the process has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

class Client {
  /** `pull`: the client declares pull diagnostics and re-pulls every open document on refresh, as VS Code does. */
  static async start(root, { pull = false, env = process.env } = {}) {
    const t0 = now();
    // NHI_BENCH_SERVER_ARGS: extra node flags for the server (e.g. --cpu-prof) when looking into a figure.
    const nodeArgs = (process.env.NHI_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env });
    const c = new Client(child, root, pull, t0);
    await c.connection.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: pull
        ? {
            textDocument: { diagnostic: { dynamicRegistration: false } },
            workspace: { configuration: true, diagnostics: { refreshSupport: true } },
          }
        : { workspace: { configuration: true } },
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    });
    await c.connection.sendNotification(rpc.InitializedNotification.type, {});
    return c;
  }

  constructor(child, root, pull, t0) {
    this.child = child;
    this.root = root;
    this.pull = pull;
    this.t0 = t0;
    this.published = 0;
    this.refreshes = 0;
    this.open = new Map(); // uri → { version, resultId }
    this.waiters = [];
    this.connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    this.lastPublished = new Map(); // uri → version of its last publish
    this.connection.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
      this.published++;
      this.lastPublished.set(p.uri, p.version);
      this.waiters = this.waiters.filter((w) => !w(p));
    });
    this.configured = new Promise((resolve) => (this.onConfigured = resolve));
    this.connection.onRequest(rpc.ConfigurationRequest.type, (p) => {
      setImmediate(this.onConfigured);
      return p.items.map(() => ({ enable: true }));
    });
    this.connection.onRequest(rpc.RegistrationRequest.type, () => null);
    this.connection.onRequest(rpc.DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      for (const uri of this.open.keys()) void this.diagnose(uri);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  /**
   * Resolves once the server has read its settings and re-checked what was open then (it does
   * both after `initialized`): a burst measured before that would time the start-up's full
   * re-check too. The request after the settings' answer is handled after that re-check.
   */
  async settled() {
    await this.configured;
    await this.connection.sendRequest(rpc.CodeActionRequest.type, {
      textDocument: { uri: this.uri('not-open.txt') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
  }

  uri(name) {
    return pathToFileURL(path.join(this.root, name)).href;
  }

  /** Resolves with the first publish for `uri` (at `version`, when given) from now on; at once if `version` was the last published. */
  published$(uri, version) {
    if (version !== undefined && this.lastPublished.get(uri) === version) return Promise.resolve({ uri, version, diagnostics: [] });
    return new Promise((resolve) =>
      this.waiters.push((p) => p.uri === uri && (version === undefined || p.version === version) && (resolve(p), true)),
    );
  }

  async openDoc(uri, languageId, text) {
    this.open.set(uri, { version: 1 });
    await this.connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(uri, range, text) {
    const doc = this.open.get(uri);
    doc.version++;
    await this.connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range, text }],
    });
    return doc.version;
  }

  async diagnose(uri) {
    const doc = this.open.get(uri);
    const report = await this.connection.sendRequest(rpc.DocumentDiagnosticRequest.type, {
      textDocument: { uri },
      ...(doc?.resultId ? { previousResultId: doc.resultId } : {}),
    });
    if (doc && report.resultId) doc.resultId = report.resultId;
    return report;
  }

  rssMb() {
    return statusKb(this.pid, 'VmRSS') / 1024;
  }
  peakMb() {
    return statusKb(this.pid, 'VmHWM') / 1024;
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest(rpc.ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
      const exited = new Promise((r) => this.child.once('exit', r));
      await this.connection.sendNotification(rpc.ExitNotification.type);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/** Temporary workspaces of this run, removed at its end. */
const roots = [];
const tempRoot = (label) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `nhi-lens-lsp-bench-${label}-`));
  roots.push(root);
  return root;
};
const endOf = (text) => {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};
/** Typing positions: a few random lines (not the last, empty one), ten characters typed at each line's end. */
function typingPlan(text, edits) {
  const lines = text.split('\n');
  const plan = [];
  while (plan.length < edits) {
    const line = Math.floor(random() * (lines.length - 1));
    for (let k = 0; k < 10 && plan.length < edits; k++) plan.push({ line, character: lines[line].length + k, char: 'abcdefghij'[k] });
  }
  return plan;
}

// ---- the measurements --------------------------------------------------------------------------

async function coldStart(runs) {
  const root = tempRoot('cold');
  const text = `AWS_ACCESS_KEY_ID=${fakeKey()}\n`;
  fs.writeFileSync(path.join(root, '.env'), text);
  const times = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const c = await Client.start(root);
    const uri = c.uri('.env');
    const first = c.published$(uri, 1);
    await c.openDoc(uri, 'dotenv', text);
    const p = await first;
    times.push(ms(t0));
    cpus.push(cpuMs(c.pid));
    if (!p.diagnostics.length) console.log('  (cold start: the planted key was not reported)');
    await c.stop();
  }
  console.log(
    `cold start to first diagnostics (spawn → publish), ${runs} runs: median ${fmt(at(times, 0.5))} ms, max ${fmt(Math.max(...times))} ms; server CPU until then: median ${fmt(at(cpus, 0.5))} ms`,
  );
  return { median: at(times, 0.5), max: Math.max(...times), cpu: at(cpus, 0.5) };
}

/**
 * Kinds measured by the re-check only (the memory and typing mixes keep KINDS as they were):
 * ordinary Python, which pays a substring test for the CDK and Pulumi readers, and 5,000-line
 * AWS CDK (Python, TypeScript) and Pulumi (TypeScript, Python) programs, which are read on every edit.
 */
export const RECHECK_KINDS = {
  python: () => ({
    name: 'app/service.py',
    language: 'python',
    text: linesUpTo(5000, [
      (i) => `def load_${i}(${word()}: str) -> dict:`,
      () => `    r = requests.get(f"https://api.acme.io/v1/${word()}s", headers={"Authorization": f"Bearer {token}"})`,
      () => `    password = os.environ.get("DB_PASSWORD", "")`,
      () => `    logger.debug("loaded %s", {"${word()}": r.status_code, "secret_name": "prod/${word()}"})`,
      () => `    return r.json()`,
      () => `# ${word()} ${word()}: keep the ${word()} token out of logs`,
    ]),
  }),
  'cdk-python': () => ({
    name: 'infra/stack.py',
    language: 'python',
    text:
      `from aws_cdk import Stack, Tags, aws_iam as iam\n\n\nclass AppStack(Stack):\n    def __init__(self, scope, construct_id, **kwargs):\n        super().__init__(scope, construct_id, **kwargs)\n` +
      linesUpTo(4994, [
        (i) => `        role${i} = iam.Role(self, "Role${i}", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))`,
        (i) =>
          `        role${i - 1}.add_to_policy(iam.PolicyStatement(\n            actions=["s3:GetObject", "s3:PutObject"],\n            resources=["arn:aws:s3:::bucket-${i}/*"],\n        ))`,
        (i) => `        Tags.of(role${i - 2}).add("owner", "team-${i % 7}")`,
      ]),
  }),
  'pulumi-typescript': () => ({
    name: 'infra/index.ts',
    language: 'typescript',
    text:
      `import * as aws from "@pulumi/aws";\n\n` +
      linesUpTo(4998, [
        (i) =>
          `const role${i} = new aws.iam.Role("role-${i}", {\n    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }] }),\n    tags: { owner: "team-${i % 7}" },\n});`,
        (i) =>
          `new aws.iam.RolePolicy("policy-${i}", {\n    role: role${i - 1}.id,\n    policy: JSON.stringify({\n        Version: "2012-10-17",\n        Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::bucket-${i}/*" }],\n    }),\n});`,
      ]),
  }),
  'cdk-typescript': () => ({
    name: 'infra/stack.ts',
    language: 'typescript',
    text:
      `import * as cdk from 'aws-cdk-lib';\nimport * as iam from 'aws-cdk-lib/aws-iam';\nimport { Construct } from 'constructs';\n\nexport class AppStack extends cdk.Stack {\n  constructor(scope: Construct, id: string, props?: cdk.StackProps) {\n    super(scope, id, props);\n` +
      linesUpTo(4993, [
        (i) => `    const role${i} = new iam.Role(this, 'Role${i}', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });`,
        (i) =>
          `    role${i - 1}.addToPolicy(new iam.PolicyStatement({\n      actions: ['s3:GetObject', 's3:PutObject'],\n      resources: ['arn:aws:s3:::bucket-${i}/*'],\n    }));`,
        (i) => `    cdk.Tags.of(role${i - 2}).add('owner', 'team-${i % 7}');`,
      ]),
  }),
  'pulumi-python': () => ({
    name: 'infra/__main__.py',
    language: 'python',
    text:
      `import json\nimport pulumi_aws as aws\n\n` +
      linesUpTo(4997, [
        (i) =>
          `role${i} = aws.iam.Role("role-${i}",\n    assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]}),\n    tags={"owner": "team-${i % 7}"})`,
        (i) =>
          `aws.iam.RolePolicy("policy-${i}",\n    role=role${i - 1}.id,\n    policy=json.dumps({\n        "Version": "2012-10-17",\n        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-${i}/*"}],\n    }))`,
      ]),
  }),
};

async function recheck(edits, kinds, pause = 0) {
  const root = tempRoot('recheck');
  const c = await Client.start(root, { pull: true });
  const rows = [];
  for (const [kind, make] of Object.entries({ ...KINDS, ...RECHECK_KINDS }).filter(([k]) => !kinds || kinds.includes(k))) {
    const doc = make();
    const uri = c.uri(doc.name);
    await c.openDoc(uri, doc.language, doc.text);
    let t0 = now();
    const first = await c.diagnose(uri);
    const firstMs = ms(t0);
    // A user reads a file they open before typing into it (--pause-before-typing).
    if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
    const times = [];
    const cpu0 = cpuMs(c.pid);
    if (kind === 'minified') {
      // One line: type at a few random places in it.
      for (let i = 0; i < edits; i++) {
        const character = i % 10 === 0 ? Math.floor(random() * doc.text.length) : undefined;
        const pos = (c._minPos = character !== undefined ? character : c._minPos + 1);
        await c.change(uri, { start: { line: 0, character: pos }, end: { line: 0, character: pos } }, 'x');
        t0 = now();
        await c.diagnose(uri);
        times.push(ms(t0));
      }
    } else {
      for (const step of typingPlan(doc.text, edits)) {
        const at0 = { line: step.line, character: step.character };
        await c.change(uri, { start: at0, end: at0 }, step.char);
        t0 = now();
        await c.diagnose(uri);
        times.push(ms(t0));
      }
    }
    const cpu = (cpuMs(c.pid) - cpu0) / edits;
    // NHI_BENCH_TIMES=1: every edit's time in order (the first few after opening carry the JIT's warm-up).
    if (process.env.NHI_BENCH_TIMES) console.log(`  ${kind} per edit (ms): ${times.map(fmt).join(' ')}`);
    rows.push({
      kind,
      kb: Math.round(doc.text.length / 1024),
      first: firstMs,
      p50: at(times, 0.5),
      p95: at(times, 0.95),
      cpu,
      items: first.items?.length ?? 0,
    });
  }
  await c.stop();
  console.log(`re-check after one typed character, pull mode (didChange → diagnostic report), ${edits} edits per file:`);
  for (const r of rows)
    console.log(
      `  ${r.kind.padEnd(15)} ${String(r.kb).padStart(5)} KB  first ${fmt(r.first).padStart(5)} ms  p50 ${fmt(r.p50).padStart(5)} ms  p95 ${fmt(r.p95).padStart(5)} ms  server CPU ${fmt(r.cpu).padStart(4)} ms/edit  (${r.items} diagnostics)`,
    );
  return rows;
}

/** A git repository of `count` small files, some holding committed (fake) keys. */
function gitWorkspace(count) {
  const root = tempRoot('git');
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = i % 4 === 0 ? `config/service${i}.env` : `src/module${i}.ts`;
    const text =
      i % 4 === 0
        ? `AWS_ACCESS_KEY_ID=${fakeKey()}\n` +
          linesUpTo(100, [(k) => `SETTING_${k}=${word()}-${k}`, () => `DB_PASSWORD_FILE=/run/secrets/db`])
        : linesUpTo(120, [(k) => `export const value${k} = ${k}; // ${word()} ${word()}`, () => `const password = process.env.PASSWORD;`]);
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
    names.push({ name, text, language: name.endsWith('.ts') ? 'typescript' : 'dotenv' });
  }
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.email=b@example.com', '-c', 'user.name=bench', 'add', '.');
  git('-c', 'user.email=b@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', 'files');
  return { root, names };
}

async function typing(edits) {
  const { root, names } = gitWorkspace(200);
  const out = {};
  for (const mode of ['push', 'pull']) {
    const c = await Client.start(root, { pull: mode === 'pull' });
    // Open all 200 files and start typing at once: git history reads of the open files finish while the user types.
    const opened = [];
    for (const f of names) {
      const uri = c.uri(f.name);
      if (mode === 'push') opened.push(c.published$(uri, 1));
      await c.openDoc(uri, f.language, f.text);
    }
    if (mode === 'pull') await Promise.all(names.map((f) => c.diagnose(c.uri(f.name))));
    else await Promise.all(opened);
    const target = names[0]; // an .env file with a committed key
    const uri = c.uri(target.name);
    const times = [];
    let text = target.text;
    for (let i = 0; i < edits; i++) {
      const pos = endOf(text.slice(0, text.indexOf('\n'))); // end of the first line
      const t0 = now();
      if (mode === 'push') {
        const version = c.open.get(uri).version + 1;
        const fresh = c.published$(uri, version);
        await c.change(uri, { start: pos, end: pos }, 'x');
        await fresh;
      } else {
        await c.change(uri, { start: pos, end: pos }, 'x');
        await c.diagnose(uri);
      }
      times.push(ms(t0));
      text = text.replace('\n', 'x\n');
    }
    out[mode] = { p50: at(times, 0.5), p95: at(times, 0.95), refreshes: c.refreshes, published: c.published };
    // NHI_BENCH_TIMES=1: every edit's time in order, and how many refreshes had come by then.
    if (process.env.NHI_BENCH_TIMES) console.log(`  ${mode} per edit (ms): ${times.map(fmt).join(' ')}`);
    await c.stop();
  }
  console.log(`typing to fresh diagnostics, 200 open files in a git workspace, ${edits} edits (push includes the server's debounce):`);
  console.log(`  push: p50 ${fmt(out.push.p50)} ms  p95 ${fmt(out.push.p95)} ms  (${out.push.published} publishes)`);
  console.log(`  pull: p50 ${fmt(out.pull.p50)} ms  p95 ${fmt(out.pull.p95)} ms  (${out.pull.refreshes} refresh requests from the server)`);
  return out;
}

async function memory(files, edits) {
  const root = tempRoot('memory');
  const c = await Client.start(root);
  const docs = [];
  const kinds = Object.entries(KINDS).filter(([k]) => k !== 'minified');
  for (let i = 0; i < files; i++) {
    const [kind, make] = kinds[i % kinds.length];
    // Each file: 200 lines cut from its kind's generated text (about 5-10 KB).
    const full = make();
    const text = full.text.split('\n').slice(0, 200).join('\n') + `\n# ${kind} ${i}\n`;
    const name = full.name.replace(/(\.[a-z]+)$/, `${i}$1`);
    docs.push({ uri: c.uri(name), language: full.language, text });
  }
  const opened = docs.map((d) => c.published$(d.uri, 1));
  for (const d of docs) await c.openDoc(d.uri, d.language, d.text);
  await Promise.all(opened);
  const afterOpen = c.rssMb();
  const samples = [];
  for (let i = 0; i < edits; i++) {
    const d = docs[i % docs.length];
    const version = c.open.get(d.uri).version + 1;
    const fresh = i % 50 === 49 ? c.published$(d.uri, version) : undefined;
    await c.change(d.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x');
    if (fresh) await fresh; // let the server keep up, as a typist would
    if ((i + 1) % 1000 === 0) samples.push(c.rssMb());
  }
  const last = docs[(edits - 1) % docs.length];
  await c.published$(last.uri, c.open.get(last.uri).version);
  const afterEdits = c.rssMb();
  await c.stop();
  console.log(
    `memory: RSS with ${files} open files ${fmt(afterOpen)} MB; during ${edits} edits ${samples.map(fmt).join(' → ')} MB; after ${fmt(afterEdits)} MB`,
  );
  return { afterOpen, samples, afterEdits };
}

async function burst(edits) {
  const root = tempRoot('burst');
  const c = await Client.start(root);
  await c.settled();
  const doc = KINDS.typescript();
  const uri = c.uri(doc.name);
  const first = c.published$(uri, 1);
  await c.openDoc(uri, doc.language, doc.text);
  await first;
  const before = c.published;
  const cpu0 = cpuMs(c.pid);
  const answers = [];
  const pending = [];
  const line = 2;
  let character = doc.text.split('\n')[line].length;
  // The client writes the edits as fast as it can, yielding to its event loop every 50 edits so
  // that it can read answers (a single-threaded client that never yields would time itself).
  for (let i = 0; i < edits; i++) {
    void c.change(uri, { start: { line, character }, end: { line, character } }, 'y');
    character++;
    if (i % 500 === 250) {
      const t0 = now();
      pending.push(
        c.connection
          .sendRequest(rpc.CodeActionRequest.type, {
            textDocument: { uri },
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            context: { diagnostics: [] },
          })
          .then(() => answers.push(ms(t0))),
      );
    }
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(pending);
  await c.published$(uri, c.open.get(uri).version);
  const publishes = c.published - before;
  const cpu = cpuMs(c.pid) - cpu0;
  await c.stop();
  console.log(
    `burst of ${edits} edits (push mode): code action answered in p50 ${fmt(at(answers, 0.5))} ms, max ${fmt(Math.max(...answers))} ms; ${publishes} publishes; server CPU for the whole burst ${fmt(cpu)} ms`,
  );
  return { p50: at(answers, 0.5), max: Math.max(...answers), publishes, cpu };
}

/**
 * An LSP client with nothing of its own between the bench and the pipe: each message is encoded and
 * written at once, and each answer is timed when its bytes arrive. vscode-jsonrpc's writer (the
 * `Client` above, and VS Code's) writes one message per event-loop turn and waits for each write
 * to finish, so during a 10,000-edit burst a request first waits in the client's own queue: the
 * `burst` figure times that queue as much as the server (run it with NHI_BENCH_SERVER pointing
 * at bench/lspNullServer.mjs, a server that does nothing, to see the client's share).
 */
class RawClient {
  static async start(root, server = SERVER) {
    const nodeArgs = (process.env.NHI_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const c = new RawClient(child);
    await c.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: { workspace: { configuration: true } },
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    });
    c.notify('initialized', {});
    return c;
  }

  constructor(child) {
    this.child = child;
    this.nextId = 1;
    this.answers = new Map(); // id → resolve(time of arrival)
    this.published = [];
    this.waiters = [];
    this.configured = new Promise((resolve) => (this.onConfigured = resolve));
    let pending = Buffer.alloc(0);
    child.stdout.on('data', (chunk) => {
      const arrived = now();
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: *(\d+)/i.exec(pending.toString('ascii', 0, end))[1]);
        if (pending.length < end + 4 + length) break;
        const message = JSON.parse(pending.toString('utf8', end + 4, end + 4 + length));
        pending = pending.subarray(end + 4 + length);
        this.received(message, arrived);
      }
    });
  }

  received(message, arrived) {
    if (message.method && message.id !== undefined) {
      // The server's own requests: settings (enabled) and registrations.
      const result = message.method === 'workspace/configuration' ? message.params.items.map(() => ({ enable: true })) : null;
      this.write({ jsonrpc: '2.0', id: message.id, result });
      if (message.method === 'workspace/configuration') this.onConfigured();
    } else if (message.id !== undefined) {
      this.answers.get(message.id)?.({ arrived, result: message.result, error: message.error });
      this.answers.delete(message.id);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.published.push(message.params);
      this.waiters = this.waiters.filter((w) => !w(message.params));
    }
  }

  static frame(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
  }

  write(message) {
    this.child.stdin.write(RawClient.frame(message));
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with { arrived, result } when the answer arrives. */
  request(method, params) {
    const id = this.nextId++;
    const answered = new Promise((resolve) => this.answers.set(id, resolve));
    this.write({ jsonrpc: '2.0', id, method, params });
    return answered;
  }

  /** As Client.settled: the settings answered, then a request after it answered. */
  async settled() {
    await this.configured;
    await this.request('textDocument/codeAction', {
      textDocument: { uri: 'file:///not-open.txt' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
  }

  published$(uri, version) {
    if (this.published.some((p) => p.uri === uri && p.version === version)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push((p) => p.uri === uri && p.version === version && (resolve(p), true)));
  }

  async stop() {
    await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
    const exited = new Promise((r) => this.child.once('exit', r));
    this.notify('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    this.child.kill();
  }
}

/**
 * The 10,000-edit burst written straight to the pipe (RawClient): the code action is timed from
 * the write of its bytes to the arrival of its answer, so the figure is the server's: reading and
 * applying every edit written before the request, then answering.
 */
async function rawBurst(edits) {
  const root = tempRoot('raw-burst');
  const c = await RawClient.start(root);
  await c.settled();
  const doc = KINDS.typescript();
  const uri = pathToFileURL(path.join(root, doc.name)).href;
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: doc.language, version: 1, text: doc.text } });
  await c.published$(uri, 1);
  const cpu0 = cpuMs(c.child.pid);
  const answers = [];
  const pending = [];
  const line = 2;
  let character = doc.text.split('\n')[line].length;
  let version = 1;
  const t0 = now();
  for (let i = 0; i < edits; i++) {
    version++;
    c.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'y' }],
    });
    character++;
    if (i % 500 === 250) {
      const sent = now();
      pending.push(
        c
          .request('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            context: { diagnostics: [] },
          })
          .then(({ arrived }) => answers.push(Number(arrived - sent) / 1e6)),
      );
    }
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(pending);
  const wall = ms(t0);
  await c.published$(uri, version);
  const cpu = cpuMs(c.child.pid) - cpu0;
  await c.stop();
  console.log(
    `burst of ${edits} edits written straight to the pipe (push mode): code action answered in p50 ${fmt(at(answers, 0.5))} ms, max ${fmt(Math.max(...answers))} ms; burst written and answered in ${fmt(wall)} ms; server CPU for the whole burst ${fmt(cpu)} ms`,
  );
  return { p50: at(answers, 0.5), max: Math.max(...answers), cpu, wall };
}

/**
 * A client that sends the whole text on every change (no ranges): `changes` whole-text changes
 * of the 300 KB TypeScript file written straight to the pipe, then a code action, timed from the
 * write of the first change to its answer (the answer needs every change before it read).
 */
async function wholeTextBurst(changes) {
  const root = tempRoot('whole-burst');
  const c = await RawClient.start(root);
  await c.settled();
  const doc = KINDS.typescript();
  const uri = pathToFileURL(path.join(root, doc.name)).href;
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: doc.language, version: 1, text: doc.text } });
  await c.published$(uri, 1);
  // Encoded first, so that the figure is the server's, not the bench's JSON.stringify.
  const frames = [];
  let text = doc.text;
  for (let version = 2; version <= changes + 1; version++) {
    text = `// edit ${version}\n${text}`;
    frames.push(
      RawClient.frame({
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version }, contentChanges: [{ text }] },
      }),
    );
  }
  const cpu0 = cpuMs(c.child.pid);
  const t0 = now();
  for (const frame of frames) c.child.stdin.write(frame);
  await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });
  const answered = ms(t0);
  const cpu = cpuMs(c.child.pid) - cpu0;
  await c.published$(uri, changes + 1);
  await c.stop();
  console.log(
    `${changes} whole-text changes of a ${Math.round(doc.text.length / 1024)} KB file written straight to the pipe (encoded beforehand), then a code action: answered ${fmt(answered)} ms after the first write; server CPU until then ${fmt(cpu)} ms`,
  );
  return { answered, cpu };
}

async function huge(mb) {
  const root = tempRoot('huge');
  const c = await Client.start(root);
  const idle = c.peakMb();
  const line = `const filler = "${'a'.repeat(80)}";\n`;
  const text = line.repeat(Math.ceil((mb * 1048576) / line.length));
  const uri = c.uri('generated/huge.js');
  const t0 = now();
  const published = c.published$(uri, 1);
  await c.openDoc(uri, 'javascript', text);
  const p = await published;
  const took = ms(t0);
  const peak = c.peakMb();
  // The server still answers, and an edit to the huge document is handled.
  const t1 = now();
  const next = c.published$(uri, 2);
  await c.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '// ');
  await next;
  const editMs = ms(t1);
  await c.stop();
  console.log(
    `${mb} MB document: opened to diagnostics in ${fmt(took)} ms (${p.diagnostics.map((d) => d.message).join('; ') || 'no diagnostics'}); server peak RSS ${fmt(peak)} MB (${fmt(idle)} MB before); an edit to it ${fmt(editMs)} ms`,
  );
  return { took, peak, idle, editMs };
}

/**
 * The workspace audit as the editor's command runs it (`nhiLens/auditWorkspace`), on a hard-linked
 * copy of the npm tree (bench/audit.mjs builds it) outside any git repository: the first audit
 * with an empty user cache folder, then audits of the unchanged tree, which the audit cache
 * answers (issue 13: a second audit takes < 10 % of the first). The server process is already
 * running, so no audit pays node's start or the bundle's load.
 */
async function serverAudit(runs) {
  const corpus = path.resolve(process.env.NHI_BENCH_NPM_TREE ?? path.join(repo, 'bench', '.npm-tree'));
  if (!fs.existsSync(path.join(corpus, 'planted.json'))) {
    console.log(`workspace audit: no npm tree at ${corpus} (node bench/audit.mjs builds it): skipped`);
    return undefined;
  }
  const root = path.join(tempRoot('audit'), 'tree');
  execFileSync('cp', ['-al', corpus, root]);
  // New links change every file's ctime: the audit cache trusts a stamp only once it is over 2 s
  // older than the audit that saw it (a file written in the same instant may change again unseen),
  // and a user's tree is older than that.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const c = await Client.start(root, { env: { ...process.env, XDG_CACHE_HOME: tempRoot('audit-cache') } });
  await c.settled();
  const times = [];
  const cpus = [];
  let summary;
  for (let i = 0; i < runs; i++) {
    const cpu0 = cpuMs(c.pid);
    const t0 = now();
    ({ summary } = await c.connection.sendRequest('nhiLens/auditWorkspace', {}));
    times.push(ms(t0));
    cpus.push(cpuMs(c.pid) - cpu0);
  }
  const peak = c.peakMb();
  await c.stop();
  const [warm, warmCpu] = [at(times.slice(1), 0.5), at(cpus.slice(1), 0.5)];
  console.log(
    `workspace audit over LSP (${summary.files} files, ${(summary.bytes / 1048576).toFixed(1)} MB, ${summary.findings} findings): ` +
      `first ${fmt(times[0])} ms (server CPU ${fmt(cpus[0])} ms); unchanged tree, median of ${runs - 1}: ${fmt(warm)} ms (CPU ${fmt(warmCpu)} ms), ` +
      `${((warm / times[0]) * 100).toFixed(1)} % of the first (CPU ${((warmCpu / cpus[0]) * 100).toFixed(1)} %); server peak RSS ${fmt(peak)} MB`,
  );
  return { first: times[0], firstCpu: cpus[0], warm, warmCpu, peak };
}

export async function runLspBench(options = {}) {
  const only = new Set((options.only ?? 'coldStart,recheck,typing,memory,burst,rawBurst,wholeTextBurst,huge,audit').split(','));
  const runs = options.runs ?? 7;
  console.log(`language server over stdio (${SERVER}); load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  const results = {};
  if (only.has('coldStart')) results.coldStart = await coldStart(runs);
  if (only.has('recheck')) results.recheck = await recheck(options.recheckEdits ?? 60, options.kinds?.split(','), options.pause ?? 0);
  if (only.has('typing')) results.typing = await typing(40);
  if (only.has('memory')) results.memory = await memory(500, options.edits ?? 5000);
  if (only.has('burst')) results.burst = await burst(10_000);
  if (only.has('rawBurst')) results.rawBurst = await rawBurst(10_000);
  if (only.has('wholeTextBurst')) results.wholeTextBurst = await wholeTextBurst(200);
  if (only.has('huge')) results.huge = await huge(200);
  if (only.has('audit')) results.audit = await serverAudit(Math.max(runs, 3));
  console.log(`load after: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      edits: { type: 'string' },
      kinds: { type: 'string' },
      'recheck-edits': { type: 'string' },
      'pause-before-typing': { type: 'string' },
    },
  });
  await runLspBench({
    only: values.only,
    kinds: values.kinds,
    recheckEdits: values['recheck-edits'] ? Number(values['recheck-edits']) : undefined,
    pause: values['pause-before-typing'] ? Number(values['pause-before-typing']) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
    edits: values.edits ? Number(values.edits) : undefined,
  });
}
