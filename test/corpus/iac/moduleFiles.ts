/**
 * The corpus's local Terraform modules, served by folder the way the workspace reader serves a
 * module a `module` block calls. Only module folders are served, not siblings: every other corpus
 * file is a case of its own, and the files of one folder are not one Terraform module.
 */
import type { IacDocument } from './labels';

export function corpusModuleFiles(documents: IacDocument[]): (folder: string) => Array<{ path: string; text: string }> {
  const byFolder = new Map<string, Array<{ path: string; text: string }>>();
  for (const d of documents) {
    if (!d.path.endsWith('.tf')) continue;
    const folder = d.path.slice(0, Math.max(0, d.path.lastIndexOf('/')));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), { path: d.path, text: d.text }]);
  }
  return (folder) => byFolder.get(folder) ?? [];
}
