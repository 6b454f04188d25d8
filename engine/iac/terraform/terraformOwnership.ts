import type { HclBlock, HclExpr, HclObject } from '../hcl/hclParser';
import { attribute, blocksOf } from '../hcl/hclSource';
import { isOwnerKey, type IacContext, type OffsetEdit, type IssueFrom } from '../iacIssue';
import { indentAt, indentUnit, lineStartOf, OWNER_PLACEHOLDER, startsLine } from '../textEdits';
import { addressOf, headerRange, providerAlias, providerBlocks, resourceProviderAlias, TerraformFile } from './terraformModule';

/**
 * Identities (they act: users, roles, managed identities, service principals) and the attribute
 * that carries their owner. Policies, keys and secrets are not identities: their owner is the
 * identity that uses them. Untaggable types (access keys, GCP service accounts) are absent on purpose.
 */
export const OWNED_RESOURCES: Record<string, { attr: 'tags' | 'labels' | 'owners'; provider: string }> = {
  aws_iam_role: { attr: 'tags', provider: 'aws' },
  aws_iam_user: { attr: 'tags', provider: 'aws' },
  azurerm_user_assigned_identity: { attr: 'tags', provider: 'azurerm' },
  azuread_service_principal: { attr: 'owners', provider: 'azuread' },
  azuread_application: { attr: 'owners', provider: 'azuread' },
};

/** `caller`: in a reusable module, the tags come from its input (`var.tags`), so the module's caller sets the owner. */
export type OwnerState = 'present' | 'absent' | 'unknown' | 'caller';

/** Whether an expression statically yields a map with an owner key. */
export function ownerState(expr: HclExpr | undefined, file: TerraformFile, keys: string[], depth = 0, inModule = false): OwnerState {
  if (!expr || depth > 8) return expr ? 'unknown' : 'absent';
  switch (expr.kind) {
    case 'object':
      return expr.items.some((i) => i.key !== undefined && isOwnerKey(i.key, keys))
        ? 'present'
        : expr.items.some((i) => i.key === undefined)
          ? 'unknown'
          : 'absent';
    case 'call': {
      if (expr.name !== 'merge') return 'unknown';
      const states = expr.args.map((a) => ownerState(a, file, keys, depth + 1, inModule));
      return states.includes('present')
        ? 'present'
        : states.includes('caller')
          ? 'caller'
          : states.includes('unknown')
            ? 'unknown'
            : 'absent';
    }
    case 'ref': {
      if (/^var\.[\w-]+$/.test(expr.text)) return inModule ? 'caller' : 'unknown';
      const m = /^local\.([\w-]+)$/.exec(expr.text);
      const local = m ? file.local(m[1]) : undefined;
      return local ? ownerState(local, file, keys, depth + 1, inModule) : 'unknown';
    }
    case 'literal':
      return expr.value === null ? 'absent' : 'unknown';
    default:
      return 'unknown';
  }
}

/** The owner state of each AWS provider's `default_tags` in one file, by alias, in the file's order. */
function providerTagStates(f: TerraformFile, keys: string[]): Array<[alias: string, state: OwnerState]> {
  return providerBlocks(f.parsed.body, 'aws').map((p) => {
    const tags = blocksOf(p.body, 'default_tags')[0];
    return [providerAlias(p), tags ? ownerState(attribute(tags.body, 'tags')?.value, f, keys) : 'absent'];
  });
}

/**
 * Sibling files' provider states by their text, per engine (its owner keys do not change): every
 * keystroke in a module's file would otherwise parse its siblings with `default_tags` again.
 */
const siblingStates = new WeakMap<IacContext, Map<string, Array<[string, OwnerState]>>>();
const SIBLINGS_KEPT = 256;

function siblingTagStates(text: string, ctx: IacContext): Array<[string, OwnerState]> {
  let kept = siblingStates.get(ctx);
  if (!kept) siblingStates.set(ctx, (kept = new Map()));
  let states = kept.get(text);
  if (!states) {
    states = providerTagStates(new TerraformFile(text), ctx.settings.ownerTags);
    if (kept.size >= SIBLINGS_KEPT) kept.clear(); // bounded; the reader keeps the same texts anyway
    kept.set(text, states);
  }
  return states;
}

/** Owner state of `default_tags` per AWS provider alias, from this file and its module siblings. */
export function defaultTagStates(file: TerraformFile, path: string, ctx: IacContext): Map<string, OwnerState> {
  const states = new Map<string, OwnerState>();
  const merge = (found: Array<[string, OwnerState]>) => {
    for (const [alias, state] of found) if (states.get(alias) !== 'present') states.set(alias, state);
  };
  merge(providerTagStates(file, ctx.settings.ownerTags));
  if (!states.size && ctx.siblingFiles) {
    for (const sibling of ctx.siblingFiles(path)) {
      if (sibling.path.endsWith('.tf') && sibling.text.includes('default_tags')) merge(siblingTagStates(sibling.text, ctx));
    }
  }
  return states;
}

export function terraformOwnershipIssues(file: TerraformFile, path: string, ctx: IacContext): IssueFrom<'terraform'>[] {
  const owned = file.resourcesWhere((type) => !!OWNED_RESOURCES[type]);
  if (!owned.length) return [];
  const keys = ctx.settings.ownerTags;
  // A reusable module (under modules/) that takes its tags from an input: its callers set the owner.
  const inModule = /(?:^|[\\/])modules[\\/]/.test(path);
  let defaults: Map<string, OwnerState> | undefined;
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of owned) {
    const spec = OWNED_RESOURCES[block.labels[0].value];
    const attr = attribute(block.body, spec.attr);
    const address = addressOf(block);
    const header = headerRange(block);
    if (spec.attr === 'owners') {
      if (!attr)
        issues.push({
          check: 'missing-owner-tag',
          ...header,
          resource: address,
          subject: address,
          message: `${address} has no owners: nobody is accountable for this identity`,
          fix: {
            title: 'Add owners',
            edits: [insertAttribute(file.text, block, `owners = ["${OWNER_PLACEHOLDER}"]`)],
            ownerFormat: 'azure-object-id',
          },
        });
      continue;
    }
    let state = ownerState(attr?.value, file, keys, 0, inModule);
    if (state !== 'present' && spec.provider === 'aws') {
      defaults ??= defaultTagStates(file, path, ctx);
      const fromProvider = defaults.get(resourceProviderAlias(block));
      if (fromProvider === 'present') state = 'present';
      else if (fromProvider === 'unknown' && state === 'absent') state = 'unknown';
    }
    if (state === 'present' || state === 'caller') continue;
    const label = spec.attr === 'labels' ? 'label' : 'tag';
    if (state === 'unknown') {
      issues.push({
        check: 'owner-tag-not-static',
        ...header,
        resource: address,
        subject: address,
        message: `${address}: the ${label}s come from variables or functions, so an "${keys[0]}" ${label} cannot be confirmed statically`,
      });
      continue;
    }
    issues.push({
      check: 'missing-owner-tag',
      ...header,
      resource: address,
      subject: address,
      message: `${address} has no "${keys[0]}" ${label}: nobody is accountable for this identity`,
      fix: {
        title: `Add an "${keys[0]}" ${label}`,
        edits: [ownerEdit(file.text, block, attr?.value, spec.attr, keys[0])],
        ...(spec.attr === 'labels' ? { ownerFormat: 'gcp-label' as const } : {}),
      },
    });
  }
  return issues;
}

/** Adds the owner key to the literal map (or the literal inside `merge`), or a new attribute. */
export function ownerEdit(text: string, block: HclBlock, value: HclExpr | undefined, attr: string, key: string): OffsetEdit {
  const literal: HclObject | undefined =
    value?.kind === 'object' ? value : value?.kind === 'call' ? value.args.find((a): a is HclObject => a.kind === 'object') : undefined;
  const pair = `${key} = "${OWNER_PLACEHOLDER}"`;
  if (literal) {
    const first = literal.items[0];
    if (first && startsLine(text, first.keyStart)) {
      const at = lineStartOf(text, first.keyStart);
      return { start: at, end: at, newText: `${indentAt(text, first.keyStart)}${pair}\n` };
    }
    if (first) return { start: first.keyStart, end: first.keyStart, newText: `${pair}, ` };
    return { start: literal.start + 1, end: literal.end - 1, newText: ` ${pair} ` };
  }
  return insertAttribute(
    text,
    block,
    `${attr} = {\n${indentAt(text, block.start)}${indentUnit(text).repeat(2)}${pair}\n${indentAt(text, block.start)}${indentUnit(text)}}`,
  );
}

/** Inserts `line` as the last attribute of a block, on its own line before the closing brace. */
function insertAttribute(text: string, block: HclBlock, line: string): OffsetEdit {
  const indent = indentAt(text, block.start) + indentUnit(text);
  if (startsLine(text, block.close)) {
    const at = lineStartOf(text, block.close);
    return { start: at, end: at, newText: `${indent}${line}\n` };
  }
  return { start: block.close, end: block.close, newText: `\n${indent}${line}\n${indentAt(text, block.start)}` };
}
