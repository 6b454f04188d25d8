import * as assert from 'node:assert/strict';
import { parseHcl, type HclExpr } from '../../../engine/iac/hcl/hclParser';
import { hclToSource, inlineDocument } from '../../../engine/iac/hcl/hclSource';

const slice = (text: string, e: { start: number; end: number }) => text.slice(e.start, e.end);

describe('HCL parser', () => {
  it('reads blocks, labels and attributes with exact offsets', () => {
    const text = 'resource "aws_iam_role" "app" {\n  name = "app"\n  count = 2\n}\n';
    const { body, errors } = parseHcl(text);
    assert.deepEqual(errors, []);
    const [block] = body.blocks;
    assert.equal(block.type, 'resource');
    assert.deepEqual(
      block.labels.map((l) => l.value),
      ['aws_iam_role', 'app'],
    );
    assert.equal(slice(text, block), text.trimEnd());
    const [name, count] = block.body.attributes;
    assert.equal(slice(text, name.value), '"app"');
    assert.deepEqual([count.name, count.value.kind, (count.value as { value: unknown }).value], ['count', 'literal', 2]);
  });

  it('keeps objects, tuples, calls and references apart', () => {
    const text = 'x = merge(local.tags, { owner = "a", "cost-center" = 42 }, [1, "b"])\n';
    const value = parseHcl(text).body.attributes[0].value;
    assert.equal(value.kind, 'call');
    const args = (value as Extract<HclExpr, { kind: 'call' }>).args;
    assert.deepEqual(
      args.map((a) => a.kind),
      ['ref', 'object', 'tuple'],
    );
    assert.deepEqual(hclToSource(args[1]), {
      type: 'map',
      start: args[1].start,
      end: args[1].end,
      entries: [
        {
          key: 'owner',
          keyStart: text.indexOf('owner'),
          keyEnd: text.indexOf('owner') + 5,
          value: { type: 'scalar', value: 'a', start: text.indexOf('"a"') + 1, end: text.indexOf('"a"') + 2, quoted: true },
        },
        {
          key: 'cost-center',
          keyStart: text.indexOf('"cost'),
          keyEnd: text.indexOf('"cost') + 13,
          value: { type: 'scalar', value: 42, start: text.indexOf('42'), end: text.indexOf('42') + 2 },
        },
      ],
    });
  });

  it('marks interpolated strings as unknown and decodes escapes in plain ones', () => {
    const { body } = parseHcl('a = "arn:${var.partition}:s3"\nb = "say \\"hi\\"\\n"\nc = "$${literal}"\n');
    const [a, b, c] = body.attributes.map((x) => x.value);
    assert.equal(hclToSource(a).type, 'expr');
    assert.deepEqual([b.kind, (b as { value: string }).value], ['string', 'say "hi"\n']);
    assert.equal(hclToSource(c).type, 'scalar');
  });

  it('parses heredoc and jsonencode policies into source trees with file offsets', () => {
    const text =
      'policy = <<-EOT\n  {"Statement": [{"Action": "s3:*"}]}\n  EOT\nother = jsonencode({ Statement = [{ Action = "ec2:*" }] })\n';
    const [heredoc, encoded] = parseHcl(text).body.attributes;
    const fromHeredoc = inlineDocument(heredoc.value)!;
    const fromEncode = inlineDocument(encoded.value)!;
    type Shape = { entries: { value: { items: { entries: { value: Parameters<typeof slice>[1] }[] }[] } }[] };
    const action = (doc: typeof fromHeredoc) => (doc as unknown as Shape).entries[0].value.items[0].entries[0].value;
    assert.equal(slice(text, action(fromHeredoc)), 's3:*');
    assert.equal(slice(text, action(fromEncode)), 'ec2:*');
  });

  it('treats for expressions, conditionals and operators as opaque expressions', () => {
    const text = 'a = [for s in var.l : upper(s) if s != ""]\nb = var.x ? "y" : "z"\nc = 1 + 2 * -3\nd = {for k, v in var.m : k => v...}\n';
    const { body, errors } = parseHcl(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      body.attributes.map((a) => a.value.kind),
      ['other', 'other', 'other', 'other'],
    );
    assert.equal(slice(text, body.attributes[1].value), 'var.x ? "y" : "z"');
  });

  it('recovers from a syntax error and still reads the rest of the file', () => {
    const text = 'resource "a" "b" {\n  x = = 1\n  y = "ok"\n}\nresource "c" "d" {\n  z = 1\n}\n';
    const { body, errors } = parseHcl(text);
    assert.ok(errors.length >= 1);
    assert.equal(text.slice(errors[0].start, errors[0].end), '=');
    assert.equal(body.blocks.length, 2);
    assert.ok(body.blocks[0].body.attributes.some((a) => a.name === 'y'));
  });

  it('survives unterminated input, stray braces and binary noise without throwing', () => {
    for (const text of [
      'resource "a" "b" {',
      'x = "unterminated',
      'x = <<EOF\nnever closed',
      '}}}]]])))',
      'a = [1, 2',
      '\u0000\u0001\u0002 = {',
      'x = {a = }',
    ]) {
      const { errors } = parseHcl(text);
      assert.ok(errors.length > 0, text);
    }
  });

  it('stops at hostile nesting depth with one clear error instead of overflowing the stack', () => {
    for (const text of [
      `x = ${'['.repeat(100_000)}`,
      `x = ${'{a = '.repeat(50_000)}`,
      `x = ${'a ? b : '.repeat(50_000)}c`,
      `${'b {\n'.repeat(50_000)}`,
    ]) {
      const { errors } = parseHcl(text);
      assert.ok(
        errors.some((e) => /nesting deeper/.test(e.message)),
        errors[0]?.message,
      );
    }
    assert.deepEqual(parseHcl(`x = ${'-'.repeat(100_000)}1\n`).errors, []);
  });
});
