import * as assert from 'node:assert/strict';
import { awaitAllowedAt, moduleKindOf, quoteStyleOf } from '../../../engine/fixes/javascriptSecret';

/** `@` marks the offset asked about; it is removed from the text. */
function allowed(marked: string, kind: 'esm' | 'commonjs'): boolean {
  const at = marked.indexOf('@');
  return awaitAllowedAt(marked.replace('@', ''), at, kind);
}

describe('JavaScript/TypeScript file traits for secret rewrites', () => {
  it('module kind: .mjs/.mts and import/export syntax are ES modules; require and bare files are CommonJS', () => {
    assert.equal(moduleKindOf('a.mjs', 'const a = 1;'), 'esm');
    assert.equal(moduleKindOf('a.mts', ''), 'esm');
    assert.equal(moduleKindOf('a.js', "import x from 'x';\n"), 'esm');
    assert.equal(moduleKindOf('a.ts', 'export const a = 1;\n'), 'esm');
    assert.equal(moduleKindOf('a.js', "const x = require('x');\n"), 'commonjs');
    assert.equal(moduleKindOf('a.cjs', "import('x');\n"), 'commonjs');
    assert.equal(moduleKindOf('a.js', 'const a = 1; // import x from y\n'), 'commonjs');
    assert.equal(moduleKindOf('a.js', "const s = 'export default';\n"), 'commonjs');
  });

  it('quote style: the majority, else the literal own quote', () => {
    assert.equal(quoteStyleOf(`import a from 'a';\nconst b = 'b';\nconst c = "c";\n`, '"'), "'");
    assert.equal(quoteStyleOf(`const a = "a";\nconst b = "b";\nconst c = 'c';\n`, "'"), '"');
    assert.equal(quoteStyleOf(`const a = 'a';\nconst c = "c";\n`, "'"), "'");
    assert.equal(quoteStyleOf(`const a = 'a';\nconst c = "c";\n`, undefined), '"');
  });

  const cases: [string, string, 'esm' | 'commonjs', boolean][] = [
    ['ES module top level', "const a = '@';", 'esm', true],
    ['CommonJS top level', "const a = '@';", 'commonjs', false],
    ['object literal at an ES module top level', "export const c = { s: { t: '@' } };", 'esm', true],
    ['async function in CommonJS', "async function f() {\n  g('@');\n}", 'commonjs', true],
    ['plain function in an ES module', "function f() {\n  g('@');\n}", 'esm', false],
    ['async method', "class A {\n  async m(): Promise<void> {\n    g('@');\n  }\n}", 'esm', true],
    ['class field', "class A {\n  c = new C('@');\n}", 'esm', false],
    ['async arrow with a block', "const f = async (x) => {\n  g('@');\n};", 'commonjs', true],
    ['arrow with an expression body', "export const f = () => new C('@');", 'esm', false],
    ['async arrow with an expression body', "export const f = async () => new C('@');", 'commonjs', true],
    ['arrow that ended before', "const f = () => 1;\nconst a = '@';", 'esm', true],
    ['plain function nested in an async one', "async function f() {\n  [1].map(function () {\n    g('@');\n  });\n}", 'esm', false],
    ['after a closed plain function', "function f() {\n  return 1;\n}\nconst a = '@';", 'esm', true],
    ['braces in strings and comments do not count', "const s = '{'; // {\n/* { */ const a = '@';", 'esm', true],
  ];
  for (const [name, text, kind, expected] of cases)
    it(`await ${expected ? 'is' : 'is not'} valid: ${name}`, () => {
      assert.equal(allowed(text, kind), expected);
    });
});
