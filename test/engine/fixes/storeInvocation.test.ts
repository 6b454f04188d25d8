import * as assert from 'node:assert/strict';
import { dotenvLine, dotenvSets, readsDotenv, storeInvocation } from '../../../engine/fixes/storeInvocation';

describe('storing a secret with a manager CLI (engine/fixes/storeInvocation)', () => {
  it('names the value nowhere in the arguments: it goes on standard input', () => {
    for (const manager of ['aws', 'vault', 'gcp', 'azure'] as const) {
      const invocation = storeInvocation(manager, 'slack-bot-token', 'team-vault')!;
      assert.ok(
        invocation.args.some((a) => a === '-' || a.endsWith('=-') || a.includes('/dev/stdin')),
        `${manager} reads standard input: ${invocation.args.join(' ')}`,
      );
      assert.ok(invocation.args.some((a) => a.includes('slack-bot-token')));
    }
    assert.equal(storeInvocation('env', 'x'), undefined);
    assert.equal(storeInvocation('azure', 'x'), undefined, 'Azure needs the vault name');
  });

  it('writes .env lines dotenv reads back as the same value', () => {
    assert.equal(dotenvLine('A', 'abc-123_./:@+='), 'A=abc-123_./:@+=');
    assert.equal(dotenvLine('A', 'p#ss $HOME'), "A='p#ss $HOME'");
    assert.equal(dotenvLine('A', `it's "x"\nz`), 'A="it\'s \\"x\\"\\nz"');
  });

  it('sees a name .env already sets, with or without export', () => {
    assert.ok(dotenvSets('X=1\nSLACK_TOKEN=\n', 'SLACK_TOKEN'));
    assert.ok(dotenvSets('export SLACK_TOKEN = a', 'SLACK_TOKEN'));
    assert.ok(!dotenvSets('SLACK_TOKEN_OLD=1\n# SLACK_TOKEN=2', 'SLACK_TOKEN'));
  });

  it('compares the name as text: a name with pattern characters neither matches others nor backtracks', () => {
    assert.ok(!dotenvSets('AXB=1\n', 'A.B'));
    assert.ok(dotenvSets('A.B=1\n', 'A.B'));
    assert.ok(!dotenvSets(`${'a'.repeat(40)}!=1\n`, '(a+)+$'));
  });

  it('stores in .env only for code that reads its environment from it, not CI or cluster files', () => {
    assert.ok(readsDotenv('app.py', 'x = 1\n'));
    assert.ok(readsDotenv('src/index.ts', 'const x = 1;\n'));
    assert.ok(!readsDotenv('.github/workflows/ci.yml', 'on: push\njobs: {}\n'));
    assert.ok(!readsDotenv('main.tf', 'resource "x" "y" {}\n'));
  });
});
