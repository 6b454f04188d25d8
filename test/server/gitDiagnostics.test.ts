import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LspSession } from './lspHarness';

const COMMITTED = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
const FRESH = 'xoxb-9182736450-1928374650192-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7';

describe('language server: git state in live diagnostics', () => {
  let s: LspSession;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: s.root,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-03-04T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-04T10:00:00Z' },
    });

  before(async () => {
    s = await LspSession.start({}, { 'notify.py': `SLACK_TOKEN = "${COMMITTED}"\n` });
    git('init', '-q');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    git('add', '.');
    git('commit', '-q', '-m', 'notifier');
  });
  after(() => s.stop());

  it('a committed secret becomes an error to rotate, a new one says remove before committing', async () => {
    const text = `SLACK_TOKEN = "${COMMITTED}"\nSLACK_FALLBACK = "${FRESH}"\n`;
    fs.writeFileSync(path.join(s.root, 'notify.py'), text);
    const uri = s.uri('notify.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    const head = git('rev-parse', 'HEAD').trim();
    // The first publish may come before git has answered; the server publishes again when it has.
    const published = await s.until('diagnostics with git state', () =>
      [...s.published].reverse().find((p) => p.uri === uri && p.diagnostics.some((d) => /git history/.test(d.message))),
    );
    const [committed, fresh] = published.diagnostics;
    assert.match(
      committed.message,
      new RegExp(
        `already in git history \\(commit ${head.slice(0, 12)}, 2026-03-04: \\d+ days ago by Dev, not pushed, 0 commits since\\): rotate it`,
      ),
    );
    // The same facts ride in the diagnostic's data, for a hover or the client.
    assert.deepEqual((committed.data as { git?: object }).git, {
      state: 'committed',
      commit: head,
      date: '2026-03-04T10:00:00+00:00',
      author: 'Dev',
      pushed: false,
      commitsSince: 0,
    });
    assert.equal(committed.severity, 1, 'error');
    assert.match(fresh.message, /not committed yet: remove it before committing/);
    assert.ok(!published.diagnostics.some((d) => d.message.includes(COMMITTED) || d.message.includes(FRESH)));
  });

  it('a .env file git ignores and never saw is where secrets belong: information only; one git would take says keep it out', async () => {
    fs.writeFileSync(path.join(s.root, '.gitignore'), '.env\n');
    git('add', '.gitignore');
    git('commit', '-q', '-m', 'ignore .env');
    const open = async (name: string) => {
      const text = `SLACK_BOT_TOKEN=${FRESH}\n`;
      fs.writeFileSync(path.join(s.root, name), text);
      const uri = s.uri(name);
      await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dotenv', version: 1, text },
      });
      return s.until(`${name} with git state`, () =>
        [...s.published].reverse().find((p) => p.uri === uri && p.diagnostics.some((d) => /\bgit\b/.test(d.message))),
      );
    };
    const ignored = (await open('.env')).diagnostics[0];
    assert.equal(ignored.severity, 3, 'information');
    assert.match(ignored.message, /ignored by git and never committed: this local file is where it belongs/);
    const tracked = (await open('.env.production')).diagnostics[0];
    assert.notEqual(tracked.severity, 3);
    assert.match(tracked.message, /not committed yet: keep this file out of git \(add it to \.gitignore\)/);
  });

  it('git answers for one file republish that file only, not every open document', async () => {
    // Ten open documents without secrets (no git lookup), then one with a committed secret.
    const quiet = Array.from({ length: 10 }, (_, i) => s.uri(`quiet${i}.py`));
    for (const [i, uri] of quiet.entries()) {
      await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'python', version: 1, text: `x = ${i}\n` },
      });
      await s.diagnosticsFor(uri, 1);
    }
    const before = new Map(quiet.map((u) => [u, s.published.filter((p) => p.uri === u).length]));
    const text = `SLACK_TOKEN = "${COMMITTED}"\n`;
    fs.writeFileSync(path.join(s.root, 'other.py'), text);
    git('add', 'other.py');
    git('commit', '-q', '-m', 'other');
    const uri = s.uri('other.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    await s.until('other.py with git state', () =>
      s.published.find((p) => p.uri === uri && p.diagnostics.some((d) => /git history/.test(d.message))),
    );
    for (const u of quiet) assert.equal(s.published.filter((p) => p.uri === u).length, before.get(u), `${u} was not republished`);
  });
});
