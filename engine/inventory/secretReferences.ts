import type { IdentityDraft } from './identity';

/**
 * Lookups of a secret by name in the idioms the quick-fixes write (and people write by hand).
 * Every pattern is anchored on a literal and bounded, so each is linear in the text.
 */
const REFERENCES: Array<{ provider: string; keyword: string; pattern: RegExp }> = [
  { provider: 'aws', keyword: 'resolve:', pattern: /\{\{resolve:(?:secretsmanager|ssm-secure):([^:}\s]{1,256})/g },
  { provider: 'aws', keyword: 'ecretId', pattern: /[Ss]ecretId\W{1,4}["']([^"'\s]{1,256})["']/g },
  { provider: 'github', keyword: 'secrets.', pattern: /\$\{\{\s{0,5}secrets\.([A-Za-z_][\w]{0,100})\s{0,5}\}\}/g },
  { provider: 'kubernetes', keyword: 'secretKeyRef', pattern: /secretKeyRef:[^\S\n]{0,20}\n?[^\S\n]{0,40}(?:key:[^\n]{0,200}\n[^\S\n]{0,40})?name:[^\S\n]{0,20}["']?([\w.-]{1,253})/g },
  { provider: 'gcp', keyword: '/secrets/', pattern: /projects\/[^/\s"']{1,100}\/secrets\/([\w-]{1,255})/g },
  { provider: 'azure', keyword: 'ecret', pattern: /\b(?:getSecret|get_secret|GetSecretAsync|GetSecret)\(\s{0,5}["']([\w-]{1,127})["']/g },
  { provider: 'azure', keyword: 'vault.azure.net', pattern: /\.vault\.azure\.net\/secrets\/([\w-]{1,127})/g },
  { provider: 'vault', keyword: 'secret/', pattern: /["'\s](?:secret\/data\/|secret\/)([\w.-]{1,200}(?:\/[\w.-]{1,200}){0,8})/g },
  { provider: 'vault', keyword: 'read_secret_version', pattern: /read_secret_version\(\s{0,5}path\s{0,3}=\s{0,3}["']([^"'\s]{1,256})["']/g },
];

/** Names the workflow engine provides itself: not secrets someone stored. */
const BUILT_IN = new Set(['GITHUB_TOKEN']);

/** Secrets-manager references in any text file, one per name and provider per file. */
export function secretReferences(text: string): IdentityDraft[] {
  const seen = new Set<string>();
  const drafts: IdentityDraft[] = [];
  for (const { provider, keyword, pattern } of REFERENCES) {
    if (!text.includes(keyword)) continue;
    for (const m of text.matchAll(pattern)) {
      const name = m[1];
      const key = `${provider}|${name}`;
      if (BUILT_IN.has(name) || seen.has(key)) continue;
      seen.add(key);
      const start = m.index! + m[0].lastIndexOf(name);
      drafts.push({ kind: 'secret-reference', name, provider, start, end: start + name.length, credential: 'reference', links: [], permissionsDeclared: false });
    }
  }
  return drafts;
}
