import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIdiomOf } from '../engine/fixes/fileIdiom';
import { iamActionsIn, servicesManaged, type RelatedIam } from '../engine/fixes/narrowChoices';
import { kubernetesSecretNames, workflowSecretNames, type RelatedSecrets } from '../engine/fixes/referencedSecrets';
import type { FileKind } from '../engine/types';
import { readScannedText } from './files/scannedText';
import { terraformSiblingReader } from './terraformSiblings';

/**
 * What the files near a finding's file reference, for quick-fixes that reuse it (the engine
 * reads no files): secret names here, and the IAM actions of a Terraform module below.
 *
 * The secrets other files reference, so a quick-fix reuses them: for a Kubernetes manifest the
 * Secrets the manifests in its folder read or define, for a workflow the `${{ secrets.X }}` of
 * the repository's other workflows. Bounded: at most 50 files of 256 KB each, links not
 * followed; re-read only when a file's size or mtime changed (an editor session).
 */

const MAX_FILES = 50;
const MAX_BYTES = 256 * 1024;

export function relatedSecretsReader(root: string | undefined): (file: string, kind: FileKind, text: string) => RelatedSecrets {
  const known = new Map<string, { mtimeMs: number; size: number; names: string[] }>();
  /** Names found by `read` in the YAML files of `dir` other than `self`. */
  const namesIn = (dir: string, self: string, read: (text: string) => string[]): string[] => {
    const counts = new Map<string, number>();
    let names: string[];
    try {
      names = fs
        .readdirSync(dir)
        .filter((n) => /\.ya?ml$/i.test(n))
        .slice(0, MAX_FILES);
    } catch {
      return [];
    }
    for (const name of names) {
      const p = path.join(dir, name);
      if (p === self) continue;
      try {
        const stat = fs.lstatSync(p);
        if (!stat.isFile() || stat.size > MAX_BYTES) continue;
        const key = `${read === workflowSecretNames ? 'w' : 'k'}:${p}`;
        let hit = known.get(key);
        if (!hit || hit.mtimeMs !== stat.mtimeMs || hit.size !== stat.size) {
          hit = { mtimeMs: stat.mtimeMs, size: stat.size, names: read(readScannedText(p, MAX_BYTES) ?? '') };
          if (known.size >= 1000) known.clear();
          known.set(key, hit);
        }
        for (const n of hit.names) counts.set(n, (counts.get(n) ?? 0) + 1);
      } catch {
        /* gone or unreadable meanwhile */
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([n]) => n);
  };
  return (file, kind, text) => {
    if (!root) return {};
    const absolute = path.resolve(root, file);
    switch (fileIdiomOf(file, kind, text)) {
      case 'kubernetes':
        return { kubernetesSecrets: namesIn(path.dirname(absolute), absolute, kubernetesSecretNames) };
      case 'github-actions':
        return { workflowSecrets: namesIn(path.join(root, '.github', 'workflows'), absolute, workflowSecretNames) };
      default:
        return {};
    }
  };
}

/**
 * What the other `.tf` files of a Terraform file's folder (its module) grant and manage, for
 * narrowing a wildcard from what the module does. Empty for other files.
 */
export function relatedIamReader(root: string | undefined): (file: string) => RelatedIam {
  const siblings = root ? terraformSiblingReader(root, false) : undefined;
  return (file) => {
    if (!siblings || !/\.tf$/i.test(file)) return { actions: [], services: [] };
    const texts = siblings(file).map((f) => f.text);
    return {
      actions: [...new Set(texts.flatMap(iamActionsIn))],
      services: [...new Set(texts.flatMap(servicesManaged))],
    };
  };
}
