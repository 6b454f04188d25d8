import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../../engine';
import { blockStarts, HclBlockReuse } from '../../../engine/iac/hcl/hclBlockReuse';
import { parseHcl } from '../../../engine/iac/hcl/hclParser';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { DEFAULT_IAC_SETTINGS } from '../../../engine/iac/iacIssue';
import { analyseIac } from '../../../engine/iac/iacScanner';
import { WorkflowJobReuse } from '../../../engine/iac/workflowJobReuse';
import { YamlDocumentReuse } from '../../../engine/iac/yamlDocumentReuse';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { loadIamData } from '../../../workspace/iamDataFile';
import { builtinRules, defaultEngine } from '../../support/engineFixture';

/** Terraform lines, plus what could make a piece read differently on its own than in the whole file. */
const LINES = [
  'resource "aws_iam_role" "app" {',
  'data "aws_iam_policy_document" "trust" {',
  'locals {',
  'module "m" {',
  '  name = "app"',
  '  tags = { Owner = "team-a" }',
  '  statement {',
  '    actions = ["s3:*", "iam:PassRole"]',
  '    resources = ["*"]',
  '  }',
  '}',
  '  policy = jsonencode({',
  '    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]',
  '  })',
  '  policy = <<EOF',
  '{"Statement": [{"Effect": "Allow", "Action": "*"}]}',
  'resource "x" "y" {',
  'EOF',
  '  assume = <<-EOT',
  '    EOT',
  '  list = [',
  '    "a",',
  '  ]',
  '  cond = var.x',
  '    ? "a"',
  '    : "b"',
  '  s = "${var.a} ${jsonencode({ a = "}" })}"',
  '  t = "${',
  '  open = "unterminated',
  '/* comment {',
  'still comment */',
  '# resource "x" "y" {',
  '// c {',
  'x = { a = 1 }',
  'variable "v" { default = "x" }',
  'resource "a" "b" { name = "c"',
  '  for_each = { for k, v in var.m : k => v }',
  '  %{ if true }',
  '  ((((',
  '))))',
  '\tname = "tab"',
  '',
];

const EDIT = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(
    fc.array(fc.constantFrom(...LINES), { maxLength: 3 }).map((ls) => ls.join('\n')),
    fc.constantFrom(
      'a',
      ' ',
      '\n',
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '"',
      '#',
      '/*',
      '*/',
      '<<EOF\n',
      '\nEOF\n',
      '${',
      '=',
      '\r\n',
      '\r',
      '\u2028',
      '\t',
    ),
    fc.string({ maxLength: 5 }),
  ),
});

const applyEdit = (text: string, e: { at: number; remove: number; insert: string }) => {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
};

describe('Terraform blocks reused across scans of a file', () => {
  it('random edits: the reused parse equals a whole-file parse of the same text, every time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 60 }),
        fc.array(EDIT, { maxLength: 15 }),
        (lines, edits) => {
          const reuse = new HclBlockReuse({ from: 0 });
          let text = lines.join('\n') + '\n';
          assert.deepEqual(reuse.parse('main.tf', text), parseHcl(text));
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(reuse.parse('main.tf', text), parseHcl(text), `after an edit at ${e.at}`);
          }
        },
      ),
      { seed: 1414, numRuns: 600 },
    );
  });

  it('typing through well-formed blocks: every prefix of a typed line, breaking and restoring braces and quotes', () => {
    const block = (i: number) =>
      `resource "aws_iam_role_policy" "p${i}" {\n  name = "p-${i}"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]\n  })\n}\n`;
    const base = Array.from({ length: 8 }, (_, i) => block(i)).join('\n');
    const typed = [' } ', '{', '"', 'x = [', ']', '<<EOF', '/*', '*/', '\nresource "q" "r" {\n', '\n}\n'];
    fc.assert(
      fc.property(fc.nat(base.length), fc.array(fc.constantFrom(...typed), { minLength: 1, maxLength: 6 }), (at, words) => {
        const reuse = new HclBlockReuse({ from: 0 });
        reuse.parse('main.tf', base);
        let text = base;
        let cursor = at;
        for (const word of words)
          for (const ch of word) {
            text = text.slice(0, cursor) + ch + text.slice(cursor);
            cursor++;
            assert.deepEqual(reuse.parse('main.tf', text), parseHcl(text));
          }
        // and back, one character at a time
        while (text.length > base.length) {
          cursor--;
          text = text.slice(0, cursor) + text.slice(cursor + 1);
          assert.deepEqual(reuse.parse('main.tf', text), parseHcl(text));
        }
        assert.equal(text, base);
      }),
      { seed: 1515, numRuns: 150 },
    );
  });

  it('cuts before block headers only, at line feeds (not after CR or U+2028)', () => {
    const text = 'a = 1\nresource "x" "y" {\n  b {\n}\nlocals {}\n\rresource "z" {\n\u2028locals {\n#c {\n';
    assert.deepEqual(blockStarts(text), [0, text.indexOf('resource "x"'), text.indexOf('locals {}')]);
  });

  it('parses only the block that changed, and moves the others to their new offsets', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const block = (i: number) => `resource "aws_iam_role" "r${i}" {\n  name = "role-${i}"\n}\n`;
    const before = [0, 1, 2, 3].map(block).join('');
    reuse.parse('main.tf', before);
    assert.equal(reuse.parsedPieces, 4);
    const after = before.replace('role-1', 'role-one');
    const file = reuse.parse('main.tf', after);
    assert.equal(reuse.parsedPieces, 5, 'one block parsed again');
    const name = file.body.blocks[3].body.attributes[0].value;
    assert.equal(after.slice(name.start, name.end), '"role-3"');
    assert.deepEqual(file, parseHcl(after));
    // An unclosed block is read with the blocks after it, as the whole file reads it.
    const broken = after.replace('"role-one"\n}', '"role-one"\n');
    assert.deepEqual(reuse.parse('main.tf', broken), parseHcl(broken));
    // Another path has its own pieces.
    const parsed = reuse.parsedPieces;
    reuse.parse('other.tf', after);
    assert.equal(reuse.parsedPieces, parsed + 4);
  });

  it('keeps the files scanned last up to a total size: an older one is parsed afresh', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const small = 'locals {\n  a = 1\n}\nlocals {\n  b = 2\n}\nlocals {\n  c = 3\n}\n';
    const big = (kb: number) => Array.from({ length: kb / 100 }, (_, i) => `locals {\n  k${i} = "${'x'.repeat(100 * 1024)}"\n}\n`).join('');
    reuse.parse('a.tf', small);
    reuse.parse('a.tf', small);
    assert.equal(reuse.parsedPieces, 3, 'kept while nothing else was scanned');
    reuse.parse('b.tf', big(1200));
    reuse.parse('c.tf', big(1000)); // 2.2 MB with b: a and b are dropped
    const before = reuse.parsedPieces;
    assert.deepEqual(reuse.parse('a.tf', small), parseHcl(small));
    assert.equal(reuse.parsedPieces, before + 3);
    reuse.parse('c.tf', big(1000));
    assert.equal(reuse.parsedPieces, before + 3, 'the last file is still kept');
  });

  it('hands out the kept trees: a block before the edit as it was, one after it moved in place to its new offset', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const text = 'locals {\n  a = [1]\n}\nlocals {\n  b = 2\n}\nlocals {\n  c = { d = [f(<<EOF\nx\nEOF\n)] }\n}\n';
    const first = reuse.parse('a.tf', text);
    const edited = text.replace('b = 2', 'b = 22');
    const second = reuse.parse('a.tf', edited);
    assert.equal(second.body.blocks[0], first.body.blocks[0], 'before the edit: the same object');
    assert.equal(second.body.blocks[2], first.body.blocks[2], 'after the edit: the same object, not a copy');
    assert.equal(second.body.blocks[2].start, edited.lastIndexOf('locals'), 'moved to where its text now starts');
    assert.deepEqual(second, parseHcl(edited));
    // Typing back: moved again, by the other sign.
    assert.deepEqual(reuse.parse('a.tf', text), parseHcl(text));
  });

  it('a block whose text occurs twice in the file gets a tree of its own at each place', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const same = 'resource "aws_iam_role" "r" {\n  name = "r"\n  tags = { Owner = "x" }\n}\n';
    const text = `locals {\n  a = 1\n}\n${same}${same}locals {\n  b = 2\n}\n${same}`;
    assert.deepEqual(reuse.parse('a.tf', text), parseHcl(text));
    for (const edited of [text.replace('a = 1', 'a = 11'), text.replace('a = 1', 'a = 1'), text.replace('b = 2', 'b = 222')]) {
      const file = reuse.parse('a.tf', edited);
      assert.deepEqual(file, parseHcl(edited));
      const blocks = file.body.blocks.filter((b) => b.type === 'resource');
      assert.equal(new Set(blocks).size, 3, 'three distinct trees');
      assert.equal(new Set(blocks.map((b) => b.body.attributes[1].value)).size, 3, 'not sharing their expressions either');
    }
  });

  it('every analyser of Terraform reads the trees it is handed and never changes them (run on frozen trees)', () => {
    const ctx = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
    const examples = builtinRules().flatMap(({ definition }) =>
      [...definition.examples.positive, ...definition.examples.negative].filter(
        (e): e is { path: string; text: string } => typeof e !== 'string' && e.path.endsWith('.tf'),
      ),
    );
    assert.ok(examples.length > 20, `${examples.length} Terraform examples`);
    const reuse = {
      yaml: new YamlDocumentReuse({ from: 0 }),
      hcl: new HclBlockReuse({ from: 0, freeze: true }),
      jobs: new WorkflowJobReuse({ from: 0 }),
    };
    for (const example of examples) {
      // Three blocks at least, so the file is read in pieces; twice, so the second scan gets kept trees.
      const text = `${example.text}\nlocals {\n  x = 1\n}\nlocals {\n  y = 2\n}\nlocals {\n  z = 3\n}\n`;
      const fresh = analyseIac(text, example.path, 'terraform', ctx, true);
      for (let scan = 0; scan < 2; scan++)
        assert.deepEqual(analyseIac(text, example.path, 'terraform', ctx, true, reuse), fresh, `${example.path}: scan ${scan}`);
    }
  });

  it('the engine in the editor (with a memo): random edits of a large module find what a fresh scan finds', () => {
    const engine = defaultEngine();
    const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });
    const unit = (i: number) =>
      [
        `resource "aws_iam_role_policy" "p${i}" {\n  role = aws_iam_role.r${i}.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:PassRole"], Resource = "*" }]\n  })\n}`,
        `data "aws_iam_policy_document" "d${i}" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}`,
        `resource "aws_iam_role_policy_attachment" "a${i}" {\n  role       = aws_iam_role.r${i}.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}`,
        `resource "aws_iam_access_key" "k${i}" {\n  user = "ci-${i}"\n}`,
        `resource "aws_iam_role" "r${i}" {\n  name = "r-${i}"\n  assume_role_policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}\nEOF\n}`,
      ][i % 5];
    let base = '';
    for (let i = 0; base.length < 40 * 1024; i++) base += `${unit(i)}\n\n`;
    fc.assert(
      fc.property(fc.array(EDIT, { minLength: 1, maxLength: 6 }), (edits) => {
        const memo = new SecretLineMemo();
        let text = base;
        engine.scan({ path: 'infra/main.tf', text }, { memo });
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.equal(view(engine.scan({ path: 'infra/main.tf', text }, { memo })), view(engine.scan({ path: 'infra/main.tf', text })));
        }
      }),
      { seed: 2828, numRuns: 25 },
    );
  });
});
