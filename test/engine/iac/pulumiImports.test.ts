import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IMPORT_PATTERNS, importMatches } from '../../../engine/iac/pulumi/pulumiTypeScript';
import { STATEMENT_PATTERNS, statementMatches } from '../../../engine/iac/pulumi/pulumiPython';

/** Pieces of import statements and of what stands around them. */
const PIECES = [
  'import',
  'import ',
  'reimport ',
  '* as ',
  'aws',
  ' from ',
  '"@pulumi/aws"',
  "'@pulumi/gcp'",
  '{ Role, Policy as P }',
  '{',
  '}',
  'const ',
  'let ',
  'var ',
  'x',
  ' = ',
  'require',
  '(',
  ')',
  '"',
  ';\n',
  '\n',
  ' ',
  '// ',
  '$',
  // Whole statements, so that the random texts hold matches of every alternative.
  'import * as aws from "@pulumi/aws";\n',
  'import { Role } from "@pulumi/aws/iam";\n',
  'const x = require("@pulumi/aws");\n',
  "let { Role: R } = require('@pulumi/aws/iam');\n",
];

describe('Pulumi TypeScript import matches', () => {
  it('are what matchAll finds, with require in the file or not', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        for (const pattern of IMPORT_PATTERNS) {
          const expected = [...text.matchAll(pattern)].map((m) => [m.index, ...m]);
          const found = [...importMatches(text, pattern, text.includes('require'))].map((m) => [m.index, ...m]);
          assert.deepEqual(found, expected, JSON.stringify(text));
        }
      }),
      { seed: 2024, numRuns: 3000 },
    );
  });

  it('finds star and named imports where import is found', () => {
    const text = 'import * as aws from "@pulumi/aws";\nimport { Role as R } from "@pulumi/aws/iam";\nconst reimport = 1;\n';
    const [star, named] = IMPORT_PATTERNS.map((p) => [...importMatches(text, p, false)].map((m) => m[0]));
    assert.deepEqual(star, ['import * as aws from "@pulumi/aws"']);
    assert.deepEqual(named, ['import { Role as R } from "@pulumi/aws/iam"']);
  });
});

/** Pieces of Python import statements and of what stands around them (line terminators of every kind: `^` with the `m` flag starts a line after each). */
const PY_PIECES = [
  'import',
  'import ',
  'from ',
  'from',
  ' import ',
  'pulumi_aws',
  'pulumi_gcp.iam',
  ' as ',
  'aws',
  '(',
  ')',
  'Role, Policy as P',
  ',\n',
  '#',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  ' ',
  '\t',
  'x',
  '.',
  'import pulumi_aws as aws\n',
  'from pulumi_aws import (\n    iam,\n    s3 as bucket,\n)\n',
  '    from pulumi_gcp import serviceaccount\n',
];

describe('Pulumi Python import statements found from their keyword', () => {
  it('gives exactly matchAll’s matches, in order, on random texts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PY_PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        for (const [pattern, keyword] of STATEMENT_PATTERNS) {
          const expected = [...text.matchAll(pattern)].map((m) => [m.index, ...m]);
          const found = [...statementMatches(text, pattern, keyword)].map((m) => [m.index, ...m]);
          assert.deepEqual(found, expected, JSON.stringify(text));
        }
      }),
      { seed: 2026, numRuns: 3000 },
    );
  });

  it('finds indented statements and not a keyword inside a line', () => {
    const text = 'import pulumi_aws as aws\n  from pulumi_gcp import iam\nx = 1  # import json\nreimport = 2\n';
    const [plain, from] = STATEMENT_PATTERNS.map(([p, k]) => [...statementMatches(text, p, k)].map((m) => m[0]));
    assert.deepEqual(plain, ['import pulumi_aws as aws']);
    assert.deepEqual(from, ['  from pulumi_gcp import iam']);
  });
});
