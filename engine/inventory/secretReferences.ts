import type { IdentityDraft } from './identity';
import type { TextTests } from '../text/keptSearches';

/**
 * Lookups of a secret by name in the idioms the quick-fixes write (and people write by hand).
 * Every pattern starts with a literal (so the regex engine skips ahead with a fast search) and
 * is bounded; `before` checks the character before the match where the idiom needs it.
 * `trigger`: a pass trigger (text/passTriggers.ts) that every match holds, lower-cased, with the
 * character `before` asks for (`secretId`, `getSecret`): a file without it has no such reference.
 */
const REFERENCES: Array<{ provider: string; keyword: string; trigger: string; pattern: RegExp; before?: RegExp }> = [
  { provider: 'aws', keyword: '{{resolve:', trigger: '{{', pattern: /\{\{resolve:(?:secretsmanager|ssm-secure):([^:}\s]{1,256})/g },
  { provider: 'aws', keyword: 'ecretId', trigger: 'secretid', pattern: /ecretId\W{1,4}["']([^"'\s]{1,256})["']/g, before: /[Ss]/ },
  { provider: 'github', keyword: '${{', trigger: '{{', pattern: /\$\{\{\s{0,5}secrets\.([A-Za-z_][\w]{0,100})\s{0,5}\}\}/g },
  {
    provider: 'kubernetes',
    keyword: 'secretKeyRef',
    trigger: 'secretkeyref',
    pattern: /secretKeyRef:[^\S\n]{0,20}\n?[^\S\n]{0,40}(?:key:[^\n]{0,200}\n[^\S\n]{0,40})?name:[^\S\n]{0,20}["']?([\w.-]{1,253})/g,
  },
  { provider: 'gcp', keyword: '/secrets/', trigger: '/secrets/', pattern: /projects\/[^/\s"']{1,100}\/secrets\/([\w-]{1,255})/g },
  {
    provider: 'azure',
    keyword: 'etSecret',
    trigger: 'getsecret',
    pattern: /etSecret(?:Async)?\(\s{0,5}["']([\w-]{1,127})["']/g,
    before: /[gG]/,
  },
  { provider: 'azure', keyword: 'get_secret(', trigger: 'get_secret(', pattern: /\bget_secret\(\s{0,5}["']([\w-]{1,127})["']/g },
  { provider: 'azure', keyword: 'azure.net/secrets/', trigger: '/secrets/', pattern: /\.vault\.azure\.net\/secrets\/([\w-]{1,127})/g },
  {
    provider: 'vault',
    keyword: 'secret/',
    trigger: 'secret/',
    pattern: /secret\/(?:data\/)?([\w.-]{1,200}(?:\/[\w.-]{1,200}){0,8})/g,
    before: /["'\s]/,
  },
  {
    provider: 'vault',
    keyword: 'read_secret_version',
    trigger: 'read_secret_version',
    pattern: /read_secret_version\(\s{0,5}path\s{0,3}=\s{0,3}["']([^"'\s]{1,256})["']/g,
  },
];

/** The keywords holding "ecret", with where it starts in them and their trigger. */
const ECRET_KEYWORDS = REFERENCES.filter(({ keyword }) => keyword.includes('ecret')).map(({ keyword, trigger }) => ({
  keyword,
  trigger,
  offset: keyword.indexOf('ecret'),
}));

/**
 * The keywords present in the text, found in two passes whatever the number of patterns: every
 * keyword holds "ecret" or "{{", so only the places where those occur are looked at. Most files
 * have neither, and the big ones (bundles) are read twice instead of once per pattern.
 * `mayHold`: whether the text may hold a trigger; the keywords of the others are not looked for.
 */
function keywordsIn(text: string, mayHold: (trigger: string) => boolean): Set<string> {
  const found = new Set<string>();
  const ecret = ECRET_KEYWORDS.filter(({ trigger }) => mayHold(trigger));
  // "ecret" cannot overlap itself, so this visits every occurrence, and each occurrence of a
  // keyword holding it is checked where it must start. Once all of them are found, stop (AWS
  // SDK sources say "Secret" thousands of times). The search is for "cret" preceded by an "e":
  // indexOf skips ahead to the pattern's first character, and "c" is far rarer than "e" (this
  // pass took 25 ms of the npm tree's audit, 15 ms this way).
  for (let c = ecret.length ? text.indexOf('cret', 1) : -1; c >= 0 && found.size < ecret.length; c = text.indexOf('cret', c + 4)) {
    if (text.charCodeAt(c - 1) !== 101) continue; // "e"
    const i = c - 1;
    for (const { keyword, offset } of ecret)
      if (i >= offset && !found.has(keyword) && text.startsWith(keyword, i - offset)) found.add(keyword);
  }
  if (mayHold('{{') && text.includes('{{'))
    for (const { keyword } of REFERENCES) if (keyword.includes('{{') && text.includes(keyword)) found.add(keyword);
  return found;
}

/** Names the workflow engine provides itself: not secrets someone stored. */
const BUILT_IN = new Set(['GITHUB_TOKEN']);

const TRIGGERS = [...new Set(REFERENCES.map(({ trigger }) => trigger))];

/** What most files hold (never written to). */
const NO_DRAFTS: IdentityDraft[] = [];

/** Whether the text may hold some trigger: asked of every file, with no closure made for it. */
function anyTriggerHeld(tests: Pick<TextTests, 'mayHold'>): boolean {
  for (let i = 0; i < TRIGGERS.length; i++) if (tests.mayHold(TRIGGERS[i])) return true;
  return false;
}

/** Secrets-manager references in any text file, one per name and provider per file. `tests` may know which triggers the text lacks. */
export function secretReferences(text: string, tests?: Pick<TextTests, 'mayHold'>): IdentityDraft[] {
  if (tests && !anyTriggerHeld(tests)) return NO_DRAFTS;
  const mayHold = tests ? (trigger: string) => tests.mayHold(trigger) : () => true;
  const keywords = keywordsIn(text, mayHold);
  if (!keywords.size) return [];
  const seen = new Set<string>();
  const drafts: IdentityDraft[] = [];
  for (const { provider, keyword, pattern, before } of REFERENCES) {
    if (!keywords.has(keyword)) continue;
    for (const m of text.matchAll(pattern)) {
      if (before && !before.test(text.charAt(m.index! - 1))) continue;
      const name = m[1];
      const key = `${provider}|${name}`;
      if (BUILT_IN.has(name) || seen.has(key)) continue;
      seen.add(key);
      const start = m.index! + m[0].lastIndexOf(name);
      drafts.push({
        kind: 'secret-reference',
        name,
        provider,
        start,
        end: start + name.length,
        credential: 'reference',
        links: [],
        permissionsDeclared: false,
      });
    }
  }
  return drafts;
}
