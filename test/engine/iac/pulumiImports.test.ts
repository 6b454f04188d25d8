import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IMPORT_PATTERNS, importMatches } from '../../../engine/iac/pulumi/pulumiTypeScript';

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
