import * as assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '../../../dist');

/** Every JavaScript file `npm run build` writes in dist/ (the bundles, dist/vendor/). */
function bundles(): string[] {
  const found: string[] = [];
  for (const dir of [DIST, path.join(DIST, 'vendor')])
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.js')) found.push(path.join(dir, name));
  return found;
}

describe('bundle text (esbuild.mjs)', () => {
  it('every bundle is ASCII-only: Node and the code cache read it without a UTF-8 decode', () => {
    const files = bundles();
    assert.ok(files.some((f) => f.endsWith('cliMain.js')) && files.some((f) => f.endsWith('server.js')), files.join(', '));
    for (const file of files) assert.ok(isAscii(fs.readFileSync(file)), `${path.relative(DIST, file)} holds a byte over 0x7f`);
  });

  it("no bundle copies a Node builtin's exports into a namespace object at load", () => {
    for (const file of bundles()) {
      const text = fs.readFileSync(file, 'latin1');
      assert.ok(!/__toESM\(require\("node:/.test(text), `${path.relative(DIST, file)} wraps a builtin in __toESM`);
    }
  });

  it('a regular expression literal written with a non-ASCII character still matches it, escaped', () => {
    // engine/secrets/falsePositives.ts matches the ellipsis character in a regex literal (written as an escape: see below).
    const declaration = 'var PLACEHOLDER_WORDS = ';
    const line = fs
      .readFileSync(path.join(DIST, 'cliMain.js'), 'latin1')
      .split('\n')
      .find((l) => l.startsWith(declaration));
    assert.ok(line, 'the placeholder words regex is in the bundle');
    const regex = new Function(`return ${line.slice(declaration.length).replace(/;$/, '')}`)() as RegExp;
    assert.ok(regex.source.includes('\\u2026'), regex.source);
    assert.ok(regex.test('abc\u2026'));
    assert.ok(!regex.test('abc'));
  });

  it('only comments are escaped; a non-ASCII character a regex or String.raw would read differently stops the build', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own CommonJS helper, not part of the TypeScript project
    const { asciiOnly } = require(path.resolve(__dirname, '../../../build/asciiBundle.cjs')) as {
      asciiOnly: (text: string, file: string) => string;
    };
    const comments = '/**\n * caf\u00e9 \u2026\n */\nvar a = 1; // \u2192 b\n';
    assert.equal(asciiOnly(comments, 'x.js'), '/**\n * caf\\u00e9 \\u2026\n */\nvar a = 1; // \\u2192 b\n');
    assert.throws(() => asciiOnly('var r = /\\\u00e9/;\n', 'x.js'), /x\.js:1: \\u00e9 outside a comment/);
    assert.throws(() => asciiOnly('var a = 1;\nvar s = String.raw`\u00e9`;\n', 'x.js'), /x\.js:2: /);
    // U+2028 ends a line comment: escaped, the code after it would become part of the comment.
    assert.throws(() => asciiOnly('// note\u2028var a = 1;\n', 'x.js'), /\\u2028 outside a comment/);
  });
});
