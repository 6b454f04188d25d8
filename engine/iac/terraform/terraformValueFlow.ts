/**
 * The literal values an attribute can take when it is written as a reference within the same
 * file: `local.x` (a `locals` entry), or `each.value` / `each.key` of a resource whose `for_each`
 * is a literal map or set (directly, through `local.x`, or wrapped in `toset(…)`/`tomap(…)`).
 * Only literal strings come back; anything that needs evaluation (variables, `for` expressions,
 * conditionals) yields nothing, so a finding is only ever raised on a value written in the file.
 */
import type { HclBlock, HclExpr, HclString } from '../hcl/hclParser';
import { attribute } from '../hcl/hclSource';
import type { TerraformFile } from './terraformModule';

/** Wrappers that do not change which values a collection holds. */
const TRANSPARENT_CALLS = new Set(['toset', 'tomap', 'tolist', 'distinct', 'compact']);

/** Follows `local.x` (and transparent calls) to the expression written in `locals`, bounded against cycles. */
function followLocals(file: TerraformFile, expr: HclExpr, depth = 0): HclExpr {
  if (depth > 8) return expr;
  if (expr.kind === 'ref') {
    const m = /^local\.([A-Za-z_][\w-]*)$/.exec(expr.text);
    const value = m && file.local(m[1]);
    return value ? followLocals(file, value, depth + 1) : expr;
  }
  if (expr.kind === 'call' && TRANSPARENT_CALLS.has(expr.name) && expr.args.length === 1)
    return followLocals(file, expr.args[0], depth + 1);
  return expr;
}

/** Untemplated strings an expression holds: itself, a tuple's items, an object's values. */
function literalStrings(file: TerraformFile, expr: HclExpr, depth = 0): HclString[] {
  const e = followLocals(file, expr);
  if (depth > 8) return [];
  if (e.kind === 'string') return e.templated ? [] : [e];
  if (e.kind === 'tuple') return e.items.flatMap((i) => literalStrings(file, i, depth + 1));
  if (e.kind === 'object') return e.items.flatMap((i) => literalStrings(file, i.value, depth + 1));
  return [];
}

/**
 * The literal strings `expr`, an attribute of `block`, may stand for: the expression's own
 * literals, those of the `locals` entry it names, or the members of the block's `for_each`
 * collection when it is `each.value` (a set's members are also its keys, so `each.key` of a set too).
 */
export function possibleStrings(file: TerraformFile, block: HclBlock, expr: HclExpr): HclString[] {
  if (expr.kind === 'ref' && (expr.text === 'each.value' || expr.text === 'each.key')) {
    const forEach = attribute(block.body, 'for_each')?.value;
    if (!forEach) return [];
    const collection = followLocals(file, forEach);
    if (expr.text === 'each.key' && collection.kind === 'object') return [];
    return literalStrings(file, collection);
  }
  return literalStrings(file, expr);
}
