/**
 * Secrets a file already references, so a rewrite reuses them instead of inventing a new name:
 * the Kubernetes Secrets a manifest reads (`secretKeyRef`/`secretRef` names, `kind: Secret`
 * objects) and the repository secrets a workflow reads (`${{ secrets.X }}`).
 */

/** Secrets other files of the workspace reference: the caller reads them (the engine reads no files). */
export interface RelatedSecrets {
  /** Kubernetes Secret names the manifests next to the file read or define, most used first. */
  kubernetesSecrets?: string[];
  /** `${{ secrets.X }}` names the repository's other workflows read. */
  workflowSecrets?: string[];
}

/** Kubernetes Secret names in `text`, most-referenced first (ties: first seen). */
export function kubernetesSecretNames(text: string): string[] {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  // `secretKeyRef:` / `secretRef:` followed (within its mapping) by `name: x`.
  for (const m of text.matchAll(
    /\b(?:secretKeyRef|secretRef):[ \t]*\r?\n(?:[ \t]+(?!name:)[\w-]+:.*\r?\n){0,3}[ \t]+name:[ \t]*["']?([a-z0-9][a-z0-9.-]{0,252})["']?/g,
  ))
    add(m[1]);
  for (const m of text.matchAll(/\b(?:secretKeyRef|secretRef):[ \t]*\{[^}\n]*\bname:[ \t]*["']?([a-z0-9][a-z0-9.-]{0,252})/g)) add(m[1]);
  // A Secret object defined in the same file: its `metadata.name`.
  for (const doc of text.split(/^---[ \t]*\r?$/m)) {
    if (!/^kind:[ \t]*Secret[ \t]*\r?$/m.test(doc)) continue;
    const lines = doc.split('\n');
    const meta = lines.findIndex((l) => /^metadata:[ \t]*\r?$/.test(l));
    for (let i = meta + 1; meta >= 0 && i < lines.length && /^[ \t]/.test(lines[i]); i++) {
      const name = /^[ \t]{1,4}name:[ \t]*["']?([a-z0-9][a-z0-9.-]{0,252})/.exec(lines[i])?.[1];
      if (name) {
        add(name);
        break;
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

/** `${{ secrets.X }}` names a workflow reads, first seen first; GITHUB_TOKEN is not a stored secret. */
export function workflowSecretNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{\{[ \t]*secrets\.([A-Za-z_][\w]*)[ \t]*\}\}/g)) if (m[1] !== 'GITHUB_TOKEN') names.add(m[1]);
  return [...names];
}

/**
 * The existing secret that is the same one as `wanted` by name: equal, or one name's words all
 * in the other (`SLACK_TOKEN` and `SLACK_BOT_TOKEN`). Undefined when none or several fit.
 */
export function sameSecret(wanted: string, existing: string[]): string | undefined {
  const words = (n: string) =>
    new Set(
      n
        .toUpperCase()
        .split(/[^A-Z0-9]+/)
        .filter(Boolean),
    );
  const w = words(wanted);
  if (existing.includes(wanted)) return wanted;
  const fits = existing.filter((e) => {
    const x = words(e);
    const [small, big] = x.size <= w.size ? [x, w] : [w, x];
    return small.size >= 2 && [...small].every((word) => big.has(word));
  });
  return fits.length === 1 ? fits[0] : undefined;
}
