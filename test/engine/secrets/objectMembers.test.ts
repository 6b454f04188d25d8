import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

// Name-based rules judge a dotted name by the member assigned, not by the object it belongs to:
// `token.content` is a lexer token's text, `Token.Comment` a Pygments token type.
describe('name-based rules on dotted names', () => {
  const engine = defaultEngine();
  const secretIds = (path: string, text: string) =>
    engine
      .scan({ path, text })
      .findings.filter((f) => f.category === 'secret')
      .map((f) => `${f.ruleId} ${f.fix.keyName}`);
  // Built at run time, not a real credential.
  const value = ['Zr8Kq2', 'Lx7Vm4', 'Tn9Wb3Yc'].join('');

  it('a member that is not secret-sounding is not a secret, whatever the object is called', () => {
    assert.deepEqual(
      secretIds('styles/lilypond.py', `STYLES = {\n    Token.Comment: "${value}",\n    Token.Name.Builtin.Clef: "${value}",\n}\n`),
      [],
    );
    assert.deepEqual(secretIds('lib/inline.js', `token.content = "${value}";\ntoken.level = "${value}";\n`), []);
  });

  it('a secret-sounding member, or one that holds the object value, is still reported', () => {
    assert.deepEqual(secretIds('app/config.js', `config.api_token = "${value}";\n`), ['generic-secret-assignment config.api_token']);
    assert.deepEqual(secretIds('app/config.js', `token.value = "${value}";\n`), ['generic-secret-assignment token.value']);
    assert.deepEqual(secretIds('app/config.js', `this.pass = "${value}";\n`), ['generic-password-assignment this.pass']);
    assert.deepEqual(secretIds('app/config.py', `API_TOKEN = "${value}"\n`), ['generic-secret-assignment API_TOKEN']);
  });
});
