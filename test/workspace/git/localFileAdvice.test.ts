import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { applyGitAdvice } from '../../../workspace/git/secretHistory';
import { defaultEngine } from '../../support/engineFixture';

/** Severity and advice from git state for files that hold secrets by design (.env, key files). */

const TOKEN = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');

function finding(path: string, text: string, git: Finding['git']): Finding {
  const f = defaultEngine()
    .scan({ path, text })
    .findings.find((x) => x.category === 'secret');
  assert.ok(f, path);
  f.git = git;
  applyGitAdvice([f]);
  return f;
}

describe('git advice for local secret files', () => {
  it('an ignored, never committed .env is information: where local secrets belong', () => {
    const f = finding('.env', `SLACK_BOT_TOKEN=${TOKEN}\n`, { state: 'uncommitted', ignored: true });
    assert.equal(f.severity, 'info');
    assert.match(f.message, /ignored by git and never committed: this local file is where it belongs; keep it out of git/);
  });

  it('a .env git would take says keep it out of git, and keeps its severity', () => {
    const f = finding('.env', `SLACK_BOT_TOKEN=${TOKEN}\n`, { state: 'uncommitted' });
    assert.notEqual(f.severity, 'info');
    assert.match(f.message, /not committed yet: keep this file out of git \(add it to \.gitignore\)/);
  });

  it('a committed .env says rotate and stop tracking, as an error', () => {
    const f = finding('config/.env', `SLACK_BOT_TOKEN=${TOKEN}\n`, {
      state: 'committed',
      commit: 'a1b2c3d4e5f6a7b8',
      date: '2026-03-04T10:00:00Z',
    });
    assert.equal(f.severity, 'error');
    assert.match(f.message, /rotate it, deleting is not enough; stop tracking the file \(git rm --cached\)/);
  });

  it('an ignored code file is not a local secret file: it keeps its severity and the usual advice', () => {
    const f = finding('settings.py', `SLACK_BOT_TOKEN = "${TOKEN}"\n`, { state: 'uncommitted', ignored: true });
    assert.notEqual(f.severity, 'info');
    assert.match(f.message, /not committed yet: remove it before committing/);
  });
});
