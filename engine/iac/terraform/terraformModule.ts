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
    if (types.length !== 1) return this.resources.filter((b) => types.includes(b.labels[0].value));
    // Indexed once per file: a dozen checks each look up a type among hundreds of resources.
    if (!this.byType) {
      this.byType = new Map();
      for (const b of this.resources) {
        const ofType = this.byType.get(b.labels[0].value);
        if (ofType) ofType.push(b);
        else this.byType.set(b.labels[0].value, [b]);
      }
    }
    return [...(this.byType.get(types[0]) ?? [])];
  }
  private byType?: Map<string, HclBlock[]>;
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
