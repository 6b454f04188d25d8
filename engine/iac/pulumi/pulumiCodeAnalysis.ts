/**
 * The checks of a Pulumi program written in TypeScript or Python, from the calls its reader found
 * (kept between scans of an open file, engine/iac/keptSites.ts): what `analysePulumi` and the
 * other providers' analyses find in the program `codeProgram` builds from them, without building
 * and analysing the whole program on every keystroke.
 *
 * Each AWS resource is analysed on its own (pulumiAnalyzer.ts `pulumiResourceFindings`), once
 * while its call's text, its name in the program (names are made unique across the file) and
 * whether provider default tags name an owner stay the same; its policy documents go through
 * keptPolicyIssues.ts with the file's actions. Resources of other providers (few, in a program
 * that has AWS ones) are put in a program of their own, moved to this scan's offsets, for the
 * GCP, Kubernetes and Azure analyses, which relate resources to each other.
 */
import { analyseAzureTemplate } from '../azure/azureTemplateAnalyzer';
import type { IacContext, IacIssue } from '../iacIssue';
import { keptPolicyIssues, type PolicyDocumentOf } from '../keptPolicyIssues';
import { movedBy } from '../keptSites';
import { analyseKubernetes } from '../kubernetes/kubernetesAnalyzer';
import type { MapEntry, MapNode, SourceNode } from '../sourceTree';
import { shiftedTree } from '../sourceTreeShift';
import { hasDefaultOwnerTag, invokedPolicyDocuments, isPulumiTrust, pulumiResourceFindings, type PulumiSource } from './pulumiAnalyzer';
import { codeProgram, typeToken, type CodeInvoke, type CodeResource } from './pulumiCodeProgram';
import { pulumiAzureTemplate, pulumiGcpIssues, pulumiKubernetesDocuments } from './pulumiOtherProviders';

/** A call as its reader found it: offsets of the scan that read it, moved by `delta` to this scan's. */
export type Moved<T> = T & { delta: number };

/** The calls of a program, in the order of the text. */
export interface ReadProgram {
  resources: Array<Moved<CodeResource>>;
  invokes: Array<Moved<CodeInvoke>>;
}

/** The program `codeProgram` builds, at this scan's offsets (for the inventory, which reads it whole). */
export function programOf(read: ReadProgram): SourceNode {
  return codeProgram(read.resources.map(moved), read.invokes.map(movedInvoke));
}

const moved = (r: Moved<CodeResource>): CodeResource =>
  r.delta ? { ...r, start: r.start + r.delta, end: r.end + r.delta, props: shiftedTree(r.props, r.delta) as MapNode } : r;
const movedInvoke = (i: Moved<CodeInvoke>): CodeInvoke =>
  i.delta ? { ...i, start: i.start + i.delta, end: i.end + i.delta, args: shiftedTree(i.args, i.delta) } : i;

/** What one AWS resource gave, kept with its properties' tree (the same object while its call's text is unchanged). */
interface Kept {
  key: string;
  type: string;
  defaultOwner: boolean;
  ctx: IacContext;
  source: string;
  issues: IacIssue[];
  documents: PolicyDocumentOf[];
  invoked: PolicyDocumentOf[];
}
const kept = new WeakMap<MapNode, Kept>();
const keptInvokes = new WeakMap<SourceNode, PolicyDocumentOf[]>();

/**
 * A policy document as keptPolicyIssues reads it, every one of one shape: it reads thousands per
 * keystroke, and objects of mixed shapes (spread copies, literals lacking a field) made that
 * read the slowest line of a Pulumi re-check.
 */
const keptDocument = (doc: SourceNode, resource: string, keep: boolean): PolicyDocumentOf => ({
  doc,
  resource,
  keep,
  delta: 0,
  actionsOnly: false,
});

/** The resource entry `codeProgram` makes of a call. */
const entryOf = (r: CodeResource, type: string, key: string): MapEntry => {
  const at = { start: r.start, end: r.end };
  const body: MapNode = {
    type: 'map',
    start: r.start,
    end: r.props.end,
    entries: [
      { key: 'type', keyStart: at.start, keyEnd: at.end, value: { type: 'scalar', value: type, ...at } },
      { key: 'properties', keyStart: at.start, keyEnd: at.end, value: r.props },
    ],
  };
  return { key, keyStart: at.start, keyEnd: at.end, value: body };
};

/** Every finding of the program (as `pulumiProgramIssues` of otherLanguages.ts gives for `programOf(read)`). */
export function pulumiCodeIssues(read: ReadProgram, text: string, ctx: IacContext, source: PulumiSource): IacIssue[] {
  // Names as codeProgram makes them unique: typed resources in order, then invokes.
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  };
  const typed: Array<{ r: Moved<CodeResource>; type: string; key: string }> = [];
  // The readers share one path array among the calls that write the same module path.
  const types = new Map<string[], string | undefined>();
  for (const r of read.resources) {
    let type = types.get(r.path);
    if (type === undefined && !types.has(r.path)) types.set(r.path, (type = typeToken(r.path)));
    if (type) typed.push({ r, type, key: unique(r.name) });
  }
  const invokeKeys = read.invokes.map((i) => unique(i.name));
  // The other providers' resources, at this scan's offsets, in a program of their own.
  const others = typed.filter((t) => !t.type.startsWith('aws:'));
  const rest = others.length
    ? codeProgram(
        others.map((t) => ({ ...moved(t.r), name: t.key })),
        read.invokes.map((i, n) => ({ ...movedInvoke(i), name: invokeKeys[n] })),
      )
    : undefined;
  // Only `pulumi:providers:aws` resources carry default tags: they are among the others.
  const defaultOwner = !!rest && hasDefaultOwnerTag(rest, ctx.settings.ownerTags);
  const sourceKey = `${source.ownerEdits}${source.reportComputedTags}${source.checkOwners}`;
  // A program read from code has no `aws:iam:getPolicy` lookups (codeProgram makes none).
  const noLookups = new Map<string, string>();

  const issues: IacIssue[] = [];
  // The kept documents themselves, each with how far it moved (no copy per document per scan).
  const documents: PolicyDocumentOf[] = [];
  const deltas: number[] = [];
  const invoked: PolicyDocumentOf[] = [];
  const invokedDeltas: number[] = [];
  for (const { r, type, key } of typed) {
    const aws = type.startsWith('aws:');
    let k = aws ? kept.get(r.props) : undefined;
    if (!k || k.key !== key || k.type !== type || k.defaultOwner !== defaultOwner || k.ctx !== ctx || k.source !== sourceKey) {
      // Read where the call was read (AWS resources, kept) or at this scan's offsets (the others).
      // The text is read only for what code has not: unquoted policy strings, YAML owner fixes.
      const entry = aws ? entryOf(r, type, key) : entryOf(moved(r), type, key);
      const found = pulumiResourceFindings(entry, text, ctx, source, defaultOwner, noLookups);
      k = {
        key,
        type,
        defaultOwner,
        ctx,
        source: sourceKey,
        issues: found.issues,
        documents: found.documents.map((d) => keptDocument(d.doc, d.resource, aws)),
        invoked: invokedPolicyDocuments(entry).map((d) => keptDocument(d.doc, d.resource, aws)),
      };
      if (aws) kept.set(r.props, k);
    }
    const by = aws ? r.delta : 0;
    // Indexed loops: this runs for every call of the program on every keystroke, most of the
    // time over empty lists, and a `for…of` makes an iterator each time until the JIT has
    // optimised it (the first edits after opening a file).
    for (let j = 0; j < k.issues.length; j++) issues.push(movedBy(k.issues[j], by));
    for (let j = 0; j < k.documents.length; j++) {
      documents.push(k.documents[j]);
      deltas.push(by);
    }
    for (let j = 0; j < k.invoked.length; j++) {
      invoked.push(k.invoked[j]);
      invokedDeltas.push(by);
    }
  }
  // Policy documents: the resources', then those of invokes (variables, then inside resources).
  read.invokes.forEach((inv, n) => {
    let docs = keptInvokes.get(inv.args);
    if (!docs) {
      const at = { start: inv.start, end: inv.end };
      const invoke: MapNode = {
        type: 'map',
        ...at,
        entries: [
          { key: 'function', keyStart: at.start, keyEnd: at.end, value: { type: 'scalar', value: 'aws:iam:getPolicyDocument', ...at } },
          { key: 'arguments', keyStart: at.start, keyEnd: at.end, value: inv.args },
        ],
      };
      const value: MapNode = { type: 'map', ...at, entries: [{ key: 'fn::invoke', keyStart: at.start, keyEnd: at.end, value: invoke }] };
      docs = invokedPolicyDocuments({ key: '', keyStart: at.start, keyEnd: at.end, value }).map((d) => ({ ...d, keep: true }));
      keptInvokes.set(inv.args, docs);
    }
    for (const d of docs) {
      documents.push(keptDocument(d.doc, invokeKeys[n], true));
      deltas.push(inv.delta);
    }
  });
  for (let i = 0; i < invoked.length; i++) {
    documents.push(invoked[i]);
    deltas.push(invokedDeltas[i]);
  }
  issues.push(...keptPolicyIssues(documents, ctx, isPulumiTrust, deltas));
  if (rest) {
    issues.push(...pulumiGcpIssues(rest));
    issues.push(...analyseKubernetes(pulumiKubernetesDocuments(rest), text, ctx));
    issues.push(...analyseAzureTemplate(pulumiAzureTemplate(rest), text, ctx));
  }
  return issues;
}
