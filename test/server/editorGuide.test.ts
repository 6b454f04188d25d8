import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  MarkupKind,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import {
  AuditWorkspaceRequest,
  RuleDetailsRequest,
  RuleListRequest,
  StoreSecretPlanRequest,
  StoreSecretRequest,
  type StoreSecretParams,
} from '../../protocol/nhiLensProtocol';
import { applyTextEdits, LspSession } from './lspHarness';

// Built at run time: no whole fake secret in the source.
const SLACK = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
const CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: [MarkupKind.Markdown] } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};
const VSCODE = { trusted: true, editorCommands: true };

/**
 * A stand-in for a manager's CLI on PATH: records its arguments and its standard input in files
 * next to it, and fails (echoing its input to stderr, as a careless CLI might) when FAKE_FAIL is set.
 */
function fakeCli(dir: string, program: string): { argv: () => string[]; stdin: () => string } {
  fs.mkdirSync(dir, { recursive: true });
  const script = path.join(dir, program);
  fs.writeFileSync(
    script,
    `#!${process.execPath}
const fs = require('node:fs');
const input = fs.readFileSync(0, 'utf8');
fs.writeFileSync(${JSON.stringify(`${script}.argv`)}, JSON.stringify(process.argv.slice(2)));
fs.writeFileSync(${JSON.stringify(`${script}.stdin`)}, input);
if (process.env.FAKE_FAIL) { process.stderr.write('could not store ' + input + '\\n'); process.exit(3); }
process.stdout.write('{"Name": "stored"}\\n');
`,
    { mode: 0o755 },
  );
  return {
    argv: () => JSON.parse(fs.readFileSync(`${script}.argv`, 'utf8')) as string[],
    stdin: () => fs.readFileSync(`${script}.stdin`, 'utf8'),
  };
}

async function openAndPull(s: LspSession, name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = s.uri(name);
  // The settings arrive after initialization: the server logs them once read.
  await s.until('the settings', () => s.logs.some((l) => l.startsWith('nhi-lens: settings:')));
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text },
  });
  const report = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  return { uri, diagnostics: report.items.filter((d) => d.source === 'nhi-lens' && d.data) };
}

const actionsFor = async (s: LspSession, uri: string, diagnostics: Diagnostic[]) =>
  (await s.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  })) as CodeAction[];

describe('the editor guide: hovers, rule details, store-and-replace, the server log', function () {
  this.timeout(60_000);
  const sessions: LspSession[] = [];
  const start = async (...args: Parameters<typeof LspSession.start>) => {
    const s = await LspSession.start(...args);
    sessions.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.stop();
  });

  it('explains a finding in its hover: why it matters, how to fix it, a link to the offline details; never the value', async () => {
    const s = await start(CLIENT, {}, { initializationOptions: VSCODE });
    const { uri, diagnostics } = await openAndPull(s, 'app.py', `slack_token = "${SLACK}"\n`);
    assert.equal(diagnostics[0].code, 'slack-bot-token');
    const on = diagnostics[0].range.start;
    const hover = await s.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: on.line, character: on.character + 3 },
    });
    const text = (hover!.contents as MarkupContent).value;
    assert.match(text, /NHI Lens: Slack bot token/);
    assert.match(text, /\*\*Why it matters\.\*\* The bot token reads and posts/); // the rule's own `why`
    assert.match(text, /\*\*How to fix it\.\*\* /);
    assert.match(text, /\[Rule details\]\(command:nhiLens\.showRuleDetails\?/);
    const args = JSON.parse(decodeURIComponent(/command:nhiLens\.showRuleDetails\?([^)]+)\)/.exec(text)![1]));
    assert.deepEqual(args, ['slack-bot-token', uri]);
    assert.ok(!text.includes(SLACK) && !text.includes(SLACK.slice(5, 25)), 'the hover never holds the value');
    // Off the finding: no hover (the line's other hovers speak alone).
    assert.equal(
      await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: on.line, character: 0 } }),
      null,
    );
  });

  it('says in the hover where a secret stands in git: committed (rotate) or not yet', async () => {
    const other = ['xoxb', '9182736450', '1928374650192', 'Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7'].join('-');
    const s = await start({}, { 'notify.py': `SLACK_TOKEN = "${SLACK}"\n` }, { initializationOptions: VSCODE });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: s.root,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_DATE: '2026-03-04T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-04T10:00:00Z' },
      });
    git('init', '-q');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    git('add', '.');
    git('commit', '-q', '-m', 'notifier');
    const text = `SLACK_TOKEN = "${SLACK}"\nSLACK_FALLBACK = "${other}"\n`;
    fs.writeFileSync(path.join(s.root, 'notify.py'), text);
    const uri = s.uri('notify.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    const published = await s.until('diagnostics with git state', () =>
      [...s.published].reverse().find((p) => p.uri === uri && p.diagnostics.some((d) => /git history/.test(d.message))),
    );
    const hoverAt = async (d: Diagnostic) =>
      ((await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start }))!.contents as MarkupContent)
        .value;
    const head = git('rev-parse', 'HEAD').trim();
    assert.match(
      await hoverAt(published.diagnostics[0]),
      new RegExp(`\\*\\*Git\\.\\*\\* Committed \\(first in \`${head.slice(0, 8)}\`, 2026-03-04, \\d+ days? ago by `),
    );
    assert.match(await hoverAt(published.diagnostics[1]), /\*\*Git\.\*\* Not committed yet/);
  });

  it('gives clients without the VS Code commands a hover with the online docs only, and no command actions', async () => {
    const s = await start(CLIENT, {});
    const { uri, diagnostics } = await openAndPull(s, 'app.py', `password = "Vq8#mZ2!rT6wXk4p"\nslack_token = "${SLACK}"\n`);
    const slack = diagnostics.find((d) => d.code === 'slack-bot-token')!;
    const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: slack.range.end });
    const text = (hover!.contents as MarkupContent).value;
    assert.match(text, /\[Online documentation\]\(https:\/\/.*docs\/rules\.md#slack-bot-token\)/);
    assert.doesNotMatch(text, /command:/);
    const titles = (await actionsFor(s, uri, [slack])).map((a) => a.title);
    assert.ok(!titles.some((t) => /Show rule details|Store in/.test(t)), titles.join(' | '));
  });

  it('renders rule details from the bundled rules: own or category "why", remediation, editor fixes; null for an unknown id', async () => {
    const s = await start(CLIENT, {}, { initializationOptions: VSCODE });
    const aws = await s.connection.sendRequest(RuleDetailsRequest.type, { ruleId: 'aws-access-key-id' });
    assert.match(aws!.markdown, /^# AWS access key ID\n/);
    assert.match(aws!.markdown, /## Why it matters\n\nWith the key pair, anyone can call AWS/);
    assert.match(aws!.markdown, /## How to fix it\n\nRevoke the access key id in IAM/);
    assert.match(aws!.markdown, /Move this secret out of the file/);
    assert.match(aws!.markdown, /Defined in `rules\/secrets-cloud\.yaml`/);
    // A permission rule without its own `why` gets its category's.
    const gcp = await s.connection.sendRequest(RuleDetailsRequest.type, { ruleId: 'gcp-primitive-role' });
    assert.match(gcp!.markdown, /## Why it matters\n\nAn identity allowed more than its job needs/);
    assert.equal(await s.connection.sendRequest(RuleDetailsRequest.type, { ruleId: 'no-such-rule' }), null);
    const list = await s.connection.sendRequest(RuleListRequest.type, {});
    assert.ok(list.length > 300 && list.some((r) => r.id === 'slack-bot-token' && r.category === 'secret'));
  });

  it('offers "Show rule details" per rule and "Store in … and replace" only for a manager the file can read, in a trusted workspace', async () => {
    const s = await start(CLIENT, {}, { initializationOptions: VSCODE, settings: { secretsManager: 'aws' } });
    const { uri, diagnostics } = await openAndPull(s, 'app.py', `slack_token = "${SLACK}"\n`);
    const actions = await actionsFor(s, uri, diagnostics);
    const store = actions.find((a) => a.title === 'Store in AWS Secrets Manager and replace…');
    assert.ok(store, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(store.command!.arguments![0], uri);
    const details = actions.find((a) => a.title === 'Show rule details: slack-bot-token')!;
    assert.deepEqual(details.command!.arguments, ['slack-bot-token', uri]);

    // A workflow's secrets live in GitHub, not in a local .env; untrusted, nothing may run.
    const env = await start(CLIENT, {}, { initializationOptions: VSCODE, settings: { secretsManager: 'env' } });
    const e = await openAndPull(
      env,
      '.github/workflows/ci.yml',
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      SLACK_TOKEN: ${SLACK}\n    steps:\n      - run: echo\n`,
    );
    assert.ok(e.diagnostics.length);
    assert.ok(!(await actionsFor(env, e.uri, e.diagnostics)).some((a) => a.title.startsWith('Store in')));
    const untrusted = await start(
      CLIENT,
      {},
      { initializationOptions: { ...VSCODE, trusted: false }, settings: { secretsManager: 'aws' } },
    );
    const u = await openAndPull(untrusted, 'app.py', `slack_token = "${SLACK}"\n`);
    assert.ok(!(await actionsFor(untrusted, u.uri, u.diagnostics)).some((a) => a.title.startsWith('Store in')));
    const plan = await untrusted.connection.sendRequest(StoreSecretPlanRequest.type, { uri: u.uri, diagnostic: u.diagnostics[0] });
    assert.match(plan.refusal!, /only in a trusted workspace/);
  });

  it('refuses clearly, running nothing, when the manager CLI is not on PATH', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-nopath-'));
    const s = await start(
      CLIENT,
      {},
      { initializationOptions: VSCODE, settings: { secretsManager: 'gcp' }, env: { ...process.env, PATH: empty } },
    );
    const { uri, diagnostics } = await openAndPull(s, 'app.py', `slack_token = "${SLACK}"\n`);
    const params: StoreSecretParams = { uri, diagnostic: diagnostics[0] };
    const plan = await s.connection.sendRequest(StoreSecretPlanRequest.type, params);
    assert.match(plan.refusal!, /^`gcloud` is not on PATH: install the Google Cloud CLI/);
    const result = await s.connection.sendRequest(StoreSecretRequest.type, params);
    assert.equal(result.ok, false);
    assert.equal(s.applied.length, 0);
  });

  const cases = [
    {
      manager: 'aws',
      program: 'aws',
      argv: ['secretsmanager', 'create-secret', '--name', 'slack-token', '--secret-string', 'file:///dev/stdin'],
      reads: /boto3\.client\("secretsmanager"\)\.get_secret_value\(SecretId="slack-token"\)/,
    },
    { manager: 'vault', program: 'vault', argv: ['kv', 'put', 'secret/slack-token', 'value=-'], reads: /hvac|vault/i },
    { manager: 'gcp', program: 'gcloud', argv: ['secrets', 'create', 'slack-token', '--data-file=-'], reads: /secretmanager/ },
    {
      manager: 'azure',
      program: 'az',
      azureVault: 'team-vault',
      argv: [
        'keyvault',
        'secret',
        'set',
        '--vault-name',
        'team-vault',
        '--name',
        'slack-token',
        '--file',
        '/dev/stdin',
        '--encoding',
        'utf-8',
      ],
      reads: /SecretClient\(vault_url=os\.environ\["AZURE_KEY_VAULT_URL"\]/,
    },
  ];
  for (const c of cases) {
    it(`stores with ${c.program} (value on stdin, never in argv), then applies the ${c.manager} rewrite; logs never hold the value`, async () => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-fakecli-'));
      const cli = fakeCli(bin, c.program);
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
      delete env.AZURE_KEY_VAULT_URL;
      const s = await start(CLIENT, {}, { initializationOptions: VSCODE, settings: { secretsManager: c.manager }, env });
      const text = `slack_token = "${SLACK}"\n`;
      const { uri, diagnostics } = await openAndPull(s, 'app.py', text);
      const params: StoreSecretParams = { uri, diagnostic: diagnostics[0], ...(c.azureVault ? { azureVault: c.azureVault } : {}) };
      if (c.azureVault) {
        // Without AZURE_KEY_VAULT_URL the server asks which vault before anything runs.
        const unknown = await s.connection.sendRequest(StoreSecretPlanRequest.type, { uri, diagnostic: diagnostics[0] });
        assert.equal(unknown.needsAzureVault, true);
      }
      const plan = await s.connection.sendRequest(StoreSecretPlanRequest.type, params);
      assert.equal(plan.refusal, undefined, plan.refusal);
      assert.equal(plan.name, 'slack-token');
      assert.equal(plan.command, [c.program, ...c.argv].join(' '));
      const result = await s.connection.sendRequest(StoreSecretRequest.type, params);
      assert.equal(result.ok, true, result.message);
      assert.equal(cli.stdin(), SLACK);
      assert.deepEqual(cli.argv(), c.argv);
      assert.ok(!cli.argv().some((a) => a.includes(SLACK.slice(5, 20))), 'the value is never an argument');
      const edit = s.applied.at(-1)!.edit;
      const change = edit.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
      assert.deepEqual(change.textDocument, { uri, version: 1 });
      const rewritten = applyTextEdits(text, change.edits);
      assert.ok(!rewritten.includes(SLACK));
      assert.match(rewritten, c.reads);
      assert.ok(s.logs.some((l) => l.includes(`with ${c.program} (value on stdin)`)));
      assert.ok(!s.logs.some((l) => l.includes(SLACK.slice(5, 20))));
    });
  }

  it('with the env manager, stores in the workspace .env (kept out of git) and rewrites the code to read the variable', async () => {
    const s = await start(
      CLIENT,
      { '.gitignore': 'node_modules/' },
      { initializationOptions: VSCODE, settings: { secretsManager: 'env' } },
    );
    const text = `slack_token = "${SLACK}"\n`;
    const { uri, diagnostics } = await openAndPull(s, 'app.py', text);
    const actions = await actionsFor(s, uri, diagnostics);
    assert.ok(
      actions.some((a) => a.title === 'Store in .env and replace…'),
      actions.map((a) => a.title).join(' | '),
    );
    const params: StoreSecretParams = { uri, diagnostic: diagnostics[0] };
    const plan = await s.connection.sendRequest(StoreSecretPlanRequest.type, params);
    assert.equal(plan.refusal, undefined, plan.refusal);
    assert.equal(plan.name, 'SLACK_TOKEN');
    assert.equal(plan.command, 'append SLACK_TOKEN=… to .env and add .env to .gitignore');
    assert.ok(!plan.detail!.includes(SLACK.slice(5, 20)));
    const result = await s.connection.sendRequest(StoreSecretRequest.type, params);
    assert.equal(result.ok, true, result.message);
    const changes = s.applied.at(-1)!.edit.documentChanges! as Array<
      { kind: 'create'; uri: string } | { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }
    >;
    const editsOf = (target: string) =>
      changes.flatMap((c) => ('textDocument' in c && c.textDocument.uri === s.uri(target) ? c.edits : []));
    assert.match(applyTextEdits(text, editsOf('app.py')), /os\.environ\["SLACK_TOKEN"\]/);
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === s.uri('.env')));
    assert.equal(applyTextEdits('', editsOf('.env')), `SLACK_TOKEN=${SLACK}\n`);
    assert.equal(applyTextEdits('node_modules/', editsOf('.gitignore')), 'node_modules/\n.env\n');
    assert.ok(!s.logs.some((l) => l.includes(SLACK.slice(5, 20))));
  });

  it('with the env manager, refuses a .env that git tracks, or that already sets the name', async () => {
    const s = await start(CLIENT, { '.env': 'LOG_LEVEL=debug\n' }, { initializationOptions: VSCODE, settings: { secretsManager: 'env' } });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: s.root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.env');
    const { uri, diagnostics } = await openAndPull(s, 'app.py', `slack_token = "${SLACK}"\n`);
    const tracked = await s.connection.sendRequest(StoreSecretPlanRequest.type, { uri, diagnostic: diagnostics[0] });
    assert.match(tracked.refusal!, /^\.env is tracked by git: a secret written there would be in git/);
    git('rm', '-q', '--cached', '.env');
    fs.writeFileSync(path.join(s.root, '.env'), 'SLACK_TOKEN=\n');
    const taken = await s.connection.sendRequest(StoreSecretPlanRequest.type, { uri, diagnostic: diagnostics[0] });
    assert.match(taken.refusal!, /^\.env already sets SLACK_TOKEN/);
    const result = await s.connection.sendRequest(StoreSecretRequest.type, { uri, diagnostic: diagnostics[0] });
    assert.equal(result.ok, false);
    assert.equal(s.applied.length, 0);
  });

  it('reports a failing CLI with its error output masked, and leaves the file alone', async () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-fakecli-'));
    fakeCli(bin, 'aws');
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_FAIL: '1' };
    const s = await start(CLIENT, {}, { initializationOptions: VSCODE, settings: { secretsManager: 'aws' }, env });
    const { uri, diagnostics } = await openAndPull(s, 'app.py', `slack_token = "${SLACK}"\n`);
    const result = await s.connection.sendRequest(StoreSecretRequest.type, { uri, diagnostic: diagnostics[0] });
    assert.equal(result.ok, false);
    assert.match(result.message, /^Not stored in AWS Secrets Manager: `aws` failed \(exit 3\): could not store xoxb/);
    assert.ok(!result.message.includes(SLACK.slice(5, 20)), result.message);
    assert.equal(s.applied.length, 0);
  });

  it('logs its start, settings and audits to the output channel', async () => {
    const s = await start(CLIENT, { 'app.py': `slack_token = "${SLACK}"\n` }, { initializationOptions: VSCODE });
    await s.until('the start-up log', () =>
      s.logs.find((l) => /^nhi-lens \S+ on Node .*: 1 workspace folder\(s\), \d+ built-in rules/.test(l)),
    );
    await s.until('the settings log', () => s.logs.find((l) => l.includes('secrets manager env')));
    await s.connection.sendRequest(AuditWorkspaceRequest.type, {});
    const audit = s.logs.find((l) => l.startsWith('nhi-lens: audit done:'));
    assert.match(audit ?? '', /^nhi-lens: audit done: 1 files, 1 findings, 0 skipped, 0 baselined, \d+ ms$/);
    assert.ok(!s.logs.some((l) => l.includes(SLACK.slice(5, 20))));
  });
});
