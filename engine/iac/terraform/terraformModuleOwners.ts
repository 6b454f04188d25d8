/**
 * Owner tags that a reusable module leaves to its caller. A module whose identities take their
 * tags from an input (`tags = var.tags`, `merge(var.tags, …)`) is not reported itself (see
 * terraformOwnership.ts); the `module` block that calls it is, when it passes no owner tag in
 * that input and the input's default has none. Only local modules (`source = "./…"` or
 * `"../…"`) are read, through `IacContext.moduleFiles`; registry and git sources are not.
 */
import type { HclBlock, HclExpr } from '../hcl/hclParser';
import { attribute, blocksOf } from '../hcl/hclSource';
import type { IacContext, IssueFrom } from '../iacIssue';
import { defaultTagStates, OWNED_RESOURCES, ownerEdit, ownerState, type OwnerState } from './terraformOwnership';
import { addressOf, headerRange, TerraformFile } from './terraformModule';

/** An identity of a module whose owner tag comes from the caller, through these inputs. */
interface CallerTagged {
  /** `aws_iam_role.this`, or `module.inner.aws_iam_role.this` in a module the module calls. */
  identity: string;
  provider: string;
  inputs: string[];
}

/** What one module file says about caller-owned identities, parsed once per text. */
interface FileSummary {
  tagged: CallerTagged[];
  /** Owner state of each input's default (`variable "tags" { default = … }`). */
  defaults: Map<string, OwnerState>;
  /** Local modules this file calls, with what it passes them. */
  calls: Array<{ name: string; source: string; block: HclBlock; file: TerraformFile }>;
}

const MAX_DEPTH = 3;
const SUMMARIES_KEPT = 256;
const summaries = new WeakMap<IacContext, Map<string, FileSummary>>();

/** `./x` and `../x` are local module sources; registry addresses and URLs are not. */
function localSource(block: HclBlock): string | undefined {
  const source = attribute(block.body, 'source')?.value;
  return source?.kind === 'string' && !source.templated && /^\.\.?[\\/]/.test(source.value) ? source.value : undefined;
}

/** The folder a local source names from the folder of `path`; undefined when it climbs above the root. */
export function moduleFolder(path: string, source: string): string | undefined {
  const absolute = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
  const parts = path.split(/[\\/]/).slice(0, -1);
  const out: string[] = [];
  for (const part of [...parts, ...source.split(/[\\/]/)]) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length || (out.length === 1 && /^[A-Za-z]:$/.test(out[0]))) return undefined;
      out.pop();
    } else out.push(part);
  }
  const folder = out.join('/');
  return absolute && !/^[A-Za-z]:$/.test(out[0] ?? '') ? `/${folder}` : folder;
}

/** The input names an owner-less tag expression reads: `var.tags`, through `merge` and locals. */
function inputsOf(expr: HclExpr | undefined, file: TerraformFile, depth = 0): string[] {
  if (!expr || depth > 8) return [];
  if (expr.kind === 'ref') {
    const input = /^var\.([\w-]+)$/.exec(expr.text);
    if (input) return [input[1]];
    const local = /^local\.([\w-]+)$/.exec(expr.text);
    return local ? inputsOf(file.local(local[1]), file, depth + 1) : [];
  }
  return expr.kind === 'call' && expr.name === 'merge' ? expr.args.flatMap((a) => inputsOf(a, file, depth + 1)) : [];
}

function summarise(text: string, ctx: IacContext): FileSummary {
  let kept = summaries.get(ctx);
  if (!kept) summaries.set(ctx, (kept = new Map()));
  const hit = kept.get(text);
  if (hit) return hit;
  const keys = ctx.settings.ownerTags;
  const file = new TerraformFile(text);
  const tagged: CallerTagged[] = [];
  for (const block of file.resources) {
    const spec = OWNED_RESOURCES[block.labels[0].value];
    if (!spec || spec.attr === 'owners') continue;
    const tags = attribute(block.body, spec.attr)?.value;
    if (ownerState(tags, file, keys, 0, true) === 'caller')
      tagged.push({ identity: addressOf(block), provider: spec.provider, inputs: [...new Set(inputsOf(tags, file))] });
  }
  const defaults = new Map<string, OwnerState>();
  for (const variable of blocksOf(file.parsed.body, 'variable')) {
    const name = variable.labels[0]?.value;
    if (name) defaults.set(name, ownerState(attribute(variable.body, 'default')?.value, file, keys));
  }
  const calls = blocksOf(file.parsed.body, 'module').flatMap((block) => {
    const source = localSource(block);
    return source && block.labels[0] ? [{ name: block.labels[0].value, source, block, file }] : [];
  });
  const summary = { tagged, defaults, calls };
  if (kept.size >= SUMMARIES_KEPT) kept.clear(); // bounded; the reader keeps the same texts anyway
  kept.set(text, summary);
  return summary;
}

/** What a call passes for an input: its own value, else the input's default. */
function passed(call: HclBlock, file: TerraformFile, input: string, defaults: Map<string, OwnerState>, inModule: boolean, keys: string[]) {
  const attr = attribute(call.body, input);
  return attr ? ownerState(attr.value, file, keys, 0, inModule) : (defaults.get(input) ?? 'absent');
}

/**
 * The identities of the module in `folder` (and of local modules it calls, up to a depth) whose
 * owner tag its caller must pass, with the inputs that carry it, and the inputs' defaults.
 */
function callerTagged(folder: string, ctx: IacContext, depth: number): { tagged: CallerTagged[]; defaults: Map<string, OwnerState> } {
  const tagged: CallerTagged[] = [];
  const defaults = new Map<string, OwnerState>();
  const files = ctx.moduleFiles!(folder).filter((f) => f.path.endsWith('.tf'));
  for (const f of files) {
    const summary = summarise(f.text, ctx);
    tagged.push(...summary.tagged);
    for (const [k, v] of summary.defaults) defaults.set(k, v);
    if (depth >= MAX_DEPTH) continue;
    // A module calling another passes the owner through when it hands its own input on (`tags = var.tags`).
    for (const call of summary.calls) {
      const inner = moduleFolder(folder ? `${folder}/main.tf` : 'main.tf', call.source);
      if (inner === undefined || inner === folder) continue;
      const nested = callerTagged(inner, ctx, depth + 1);
      for (const t of nested.tagged) {
        const through = t.inputs.filter(
          (input) => passed(call.block, call.file, input, nested.defaults, true, ctx.settings.ownerTags) === 'caller',
        );
        const inputs = through.flatMap((input) => inputsOf(attribute(call.block.body, input)?.value, call.file));
        if (inputs.length) tagged.push({ ...t, identity: `module.${call.name}.${t.identity}`, inputs: [...new Set(inputs)] });
      }
    }
  }
  return { tagged, defaults };
}

/** Worst first: an owner missing outright, then one that cannot be confirmed. */
const RANK: Record<OwnerState, number> = { absent: 0, unknown: 1, caller: 2, present: 3 };

export function moduleCallerOwnerIssues(file: TerraformFile, path: string, ctx: IacContext): IssueFrom<'terraform'>[] {
  if (!ctx.moduleFiles) return [];
  const calls = blocksOf(file.parsed.body, 'module').filter((b) => b.labels[0] && localSource(b));
  if (!calls.length) return [];
  const keys = ctx.settings.ownerTags;
  const inModule = /(?:^|[\\/])modules[\\/]/.test(path);
  const ownFolder = moduleFolder(path, '.');
  const issues: IssueFrom<'terraform'>[] = [];
  // Read once per scan: a file often calls one module many times, and every call shares the provider.
  const modules = new Map<string, ReturnType<typeof callerTagged>>();
  let providerStates: Map<string, OwnerState> | undefined;
  for (const call of calls) {
    const folder = moduleFolder(path, localSource(call)!);
    if (folder === undefined || folder === ownFolder) continue;
    let module = modules.get(folder);
    if (!module) modules.set(folder, (module = callerTagged(folder, ctx, 1)));
    const { tagged, defaults } = module;
    if (!tagged.length) continue;
    // The caller's AWS provider (or the one it hands the module) applies its default_tags inside the module.
    const providers = attribute(call.body, 'providers')?.value;
    const awsProvider = providers?.kind === 'object' ? providers.items.find((i) => i.key === 'aws')?.value : undefined;
    const alias =
      awsProvider?.kind === 'ref' && awsProvider.text.includes('.') ? awsProvider.text.slice(awsProvider.text.indexOf('.') + 1) : '';
    let worst: { state: OwnerState; identity: CallerTagged; input: string } | undefined;
    for (const identity of tagged) {
      const states = identity.inputs.map((input) => ({ input, state: passed(call, file, input, defaults, inModule, keys) }));
      const best = states.reduce((a, b) => (RANK[b.state] > RANK[a.state] ? b : a));
      let state = best.state;
      if (state !== 'present' && identity.provider === 'aws') {
        providerStates ??= defaultTagStates(file, path, ctx);
        const fromProvider = providerStates.get(alias);
        if (fromProvider === 'present') state = 'present';
        else if (fromProvider === 'unknown' && state === 'absent') state = 'unknown';
      }
      if ((state === 'absent' || state === 'unknown') && (!worst || RANK[state] < RANK[worst.state]))
        worst = { state, identity, input: states.find((s) => s.state === best.state)?.input ?? identity.inputs[0] };
    }
    if (!worst) continue;
    const address = `module.${call.labels[0].value}`;
    const others = tagged.length > 1 ? ` (and ${tagged.length - 1} more identit${tagged.length > 2 ? 'ies' : 'y'})` : '';
    const why = `${address} creates ${worst.identity.identity}${others}, which takes its tags from the input "${worst.input}"`;
    if (worst.state === 'unknown') {
      issues.push({
        check: 'owner-tag-not-static',
        ...headerRange(call),
        resource: address,
        subject: `${address}|${worst.input}`,
        message: `${why}, and this call's value comes from variables or functions: an "${keys[0]}" tag cannot be confirmed statically`,
      });
      continue;
    }
    const value = attribute(call.body, worst.input)?.value;
    issues.push({
      check: 'missing-owner-tag',
      ...headerRange(call),
      resource: address,
      subject: `${address}|${worst.input}`,
      message: `${why}, and this call passes no "${keys[0]}" tag: nobody is accountable for that identity`,
      fix: { title: `Pass an "${keys[0]}" tag`, edits: [ownerEdit(file.text, call, value, worst.input, keys[0])] },
    });
  }
  return issues;
}
