/**
 * Labels and annotations a kustomization beside a manifest adds to it: `commonLabels`,
 * `commonAnnotations` and `labels[].pairs` apply to every resource the kustomization lists, so a
 * ServiceAccount whose owner label comes from there has an owner. Only a kustomization in the
 * manifest's own folder that names the file in `resources` is read (what `ctx.siblingFiles`
 * hands over); one in a parent folder or an overlay is not.
 */
import type { IacContext } from '../iacIssue';
import { get, itemsOf, stringValue } from '../sourceTree';
import { parseYamlSource } from '../yamlSource';

const KUSTOMIZATION = /(?:^|[\\/])(?:kustomization\.ya?ml|Kustomization)$/;
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The label and annotation keys kustomizations of the manifest's folder add to it. */
export function kustomizeLabelKeys(path: string | undefined, ctx: IacContext): string[] {
  if (!path || !ctx.siblingFiles) return [];
  const file = baseName(path);
  const keys: string[] = [];
  for (const sibling of ctx.siblingFiles(path)) {
    if (!KUSTOMIZATION.test(sibling.path)) continue;
    const doc = parseYamlSource(sibling.text).documents[0];
    const listed = itemsOf(get(doc, 'resources')).some((r) => {
      const entry = stringValue(r);
      return entry !== undefined && baseName(entry.replace(/^\.\//, '')) === file && !/[\\/]/.test(entry.replace(/^\.\//, ''));
    });
    if (!listed) continue;
    for (const map of [get(doc, 'commonLabels'), get(doc, 'commonAnnotations'), ...itemsOf(get(doc, 'labels')).map((l) => get(l, 'pairs'))])
      if (map?.type === 'map') keys.push(...map.entries.map((e) => e.key));
  }
  return keys;
}
