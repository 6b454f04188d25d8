import * as assert from 'node:assert/strict';
import { defaultEngine } from '../support/engineFixture';

const TOKEN = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

describe('inline suppressions', () => {
  const engine = defaultEngine();
  const scan = (text: string, path = 'app.py') => engine.scan({ path, text });

  it('a trailing comment silences its own line, in any comment syntax', () => {
    for (const comment of [
      '# nhi-lens:ignore',
      '// nhi-lens:ignore',
      '/* nhi-lens:ignore */',
      '-- nhi-lens:ignore',
      '<!-- nhi-lens:ignore -->',
    ]) {
      const result = scan(`SLACK = "${TOKEN}"  ${comment}`);
      assert.equal(result.findings.length, 0, comment);
      assert.equal(result.suppressed, 1);
    }
  });

  it('a comment alone on its line silences the next line only', () => {
    const result = scan(`# nhi-lens:ignore -- rotated, kept for the migration test\nA = "${TOKEN}"\nB = "${TOKEN}"`);
    assert.deepEqual(
      result.findings.map((f) => f.range.start.line),
      [2],
    );
    assert.equal(result.suppressed, 1);
  });

  it('naming rules limits the suppression to them', () => {
    assert.equal(scan(`A = "${TOKEN}"  # nhi-lens:ignore slack-bot-token -- test workspace`).findings.length, 0);
    assert.equal(scan(`A = "${TOKEN}"  # nhi-lens:ignore aws-access-key-id`).findings.length, 1);
  });

  it('nhi-lens:ignore-file near the top skips the file with a reason', () => {
    const result = scan(`# nhi-lens:ignore-file -- fixtures\nA = "${TOKEN}"`);
    assert.equal(result.findings.length, 0);
    assert.deepEqual(
      result.skipped.map((s) => s.reason),
      ['nhi-lens:ignore-file'],
    );
  });

  it('nhi-lens:ignore-file with rule ids silences only those rules in the whole file', () => {
    const text = `# nhi-lens:ignore-file slack-bot-token -- sandbox workspace\nA = "${TOKEN}"\nB = "${TOKEN}"\naws_key = "AKIAZ3MPLQ7RTX4VWY2Q"\n`;
    const result = scan(text);
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['aws-access-key-id'],
    );
    assert.equal(result.suppressed, 2);
    assert.deepEqual(result.skipped, []);
  });
});
