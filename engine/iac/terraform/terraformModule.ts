import { parseHcl, type HclBlock, type HclBody, type HclExpr, type HclFile } from '../hcl/hclParser';
import { attribute, blocksOf } from '../hcl/hclSource';

/** A parsed Terraform file with the lookups the analysers share. */
export class TerraformFile {
  readonly resources: HclBlock[];
  readonly dataSources: HclBlock[];
  private readonly locals = new Map<string, HclExpr>();

  constructor(
    readonly text: string,
    readonly parsed: HclFile = parseHcl(text),
  ) {
    const body = parsed.body;
    this.resources = blocksOf(body, 'resource').filter((b) => b.labels.length >= 2);
    this.dataSources = blocksOf(body, 'data').filter((b) => b.labels.length >= 2);
    for (const block of blocksOf(body, 'locals')) for (const a of block.body.attributes) this.locals.set(a.name, a.value);
  }

  local(name: string): HclExpr | undefined {
    return this.locals.get(name);
  }

  /** The resources of these types, in the order of `resources`. */
  resourcesOf(...types: string[]): HclBlock[] {
    if (types.length === 1) return [...(this.indexByType().get(types[0])?.blocks ?? [])];
    return this.resourcesWhere((type) => types.includes(type));
  }

  /**
   * The resources whose type `matches`, in the order of `resources`. `matches` is asked once per
   * type of the file, not once per resource: a dozen checks each pick their few types out of
   * hundreds of resources on every re-check of an open module, and a pass over all of them per
   * check was most of the analysis while the JIT was still cold (the first edits after opening).
   */
  resourcesWhere(matches: (type: string) => boolean): HclBlock[] {
    const lists: Array<{ blocks: HclBlock[]; at: number[] }> = [];
    for (const [type, list] of this.indexByType()) if (matches(type)) lists.push(list);
    if (lists.length <= 1) return lists.length ? [...lists[0].blocks] : [];
    // Several types: back into the file's order by each resource's place in `resources`.
    const at = lists.flatMap((l) => l.at).sort((a, b) => a - b);
    return at.map((i) => this.resources[i]);
  }

  /** Type → its resources and their places in `resources`, built once per file. */
  private indexByType(): Map<string, { blocks: HclBlock[]; at: number[] }> {
    if (!this.byType) {
      this.byType = new Map();
      this.resources.forEach((b, i) => {
        const ofType = this.byType!.get(b.labels[0].value);
        if (ofType) {
          ofType.blocks.push(b);
          ofType.at.push(i);
        } else this.byType!.set(b.labels[0].value, { blocks: [b], at: [i] });
      });
    }
    return this.byType;
  }
  private byType?: Map<string, { blocks: HclBlock[]; at: number[] }>;
}

/** `aws_iam_role.deploy` or `data.aws_iam_policy_document.x`. */
export function addressOf(block: HclBlock): string {
  const [type, name] = block.labels;
  return block.type === 'data' ? `data.${type.value}.${name.value}` : `${type.value}.${name.value}`;
}

/** From the block keyword to the end of its last label: `resource "aws_iam_access_key" "ci"`. */
export function headerRange(block: HclBlock): { start: number; end: number } {
  const last = block.labels[block.labels.length - 1];
  return { start: block.start, end: last ? last.end : block.open };
}

export function providerBlocks(body: HclBody, provider: string): HclBlock[] {
  return blocksOf(body, 'provider').filter((b) => b.labels[0]?.value === provider);
}

export function providerAlias(block: HclBlock): string {
  const alias = attribute(block.body, 'alias')?.value;
  return alias?.kind === 'string' ? alias.value : '';
}

/** The provider alias a resource uses: `provider = aws.west` → `west`. */
export function resourceProviderAlias(block: HclBlock): string {
  const p = attribute(block.body, 'provider')?.value;
  if (p?.kind !== 'ref') return '';
  const dot = p.text.indexOf('.');
  return dot > 0 ? p.text.slice(dot + 1) : '';
}
