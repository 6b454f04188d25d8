/**
 * Values that have a secret's format but are public by design where they sit. Checked against
 * the file around the value, because the value alone cannot tell (a Google API key is the same
 * `AIza…` string whether it is a server key or a Firebase web app's identifier).
 */

/** How far around the value the neighbouring fields of its config object are looked for. */
const NEIGHBOURHOOD = 600;
const API_KEY_FIELD = /["']?apiKey["']?[ \t]*:[ \t]*["'`]?$/;
const AUTH_DOMAIN_FIELD = /["']?authDomain["']?[ \t]*:/;

/**
 * The name a Firebase web config's key takes as an environment variable (`.env`, CI env blocks,
 * `ARG`/`ENV`): `FIREBASE_API_KEY`, `NEXT_PUBLIC_FIREBASE_API_KEY`, `VITE_FIREBASE_WEB_API_KEY`,
 * written right before the value on its line.
 */
const FIREBASE_KEY_VARIABLE = /(?:^|[^\w])["']?([A-Za-z0-9_]{0,40}firebase_?(?:web_?)?api_?key)["']?[ \t]*[:=][ \t]*["'`]?$/i;
/**
 * Prefixes that make a build tool inline the variable into the browser bundle (Next.js, Vite,
 * Create React App, Expo, Nuxt, Gatsby, Vue CLI, SvelteKit/Astro): whatever is under them is
 * public once the site is built.
 */
const BROWSER_VARIABLE_PREFIX = /^(?:NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC|NUXT_PUBLIC|NUXT_ENV|GATSBY|VUE_APP|PUBLIC)_/i;
/** The env-var spelling of the config's `authDomain` (`NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN=…`). */
const FIREBASE_AUTH_DOMAIN_VARIABLE = /firebase_?auth_?domain["']?[ \t]*[:=]/i;

/**
 * The `apiKey` of a Firebase web app config (`{ apiKey, authDomain, projectId, … }`): Firebase
 * ships it to every browser and documents that it is not a secret (access is governed by
 * security rules and App Check, not by hiding it). `authDomain` next to it is what marks the
 * object as a Firebase config; a Google API key anywhere else stays a finding. The same config
 * as environment variables (`NEXT_PUBLIC_FIREBASE_API_KEY=…` in `.env.production`) is public too
 * when the variable is one the build inlines into the browser bundle, or when the config's
 * auth domain variable sits beside it; a `FIREBASE_API_KEY` alone (a server's) stays a finding.
 */
export function isFirebaseWebConfigKey(text: string, start: number, value: string): boolean {
  if (!value.startsWith('AIza')) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 120), start);
  const around = () => text.slice(Math.max(0, start - NEIGHBOURHOOD), Math.min(text.length, start + NEIGHBOURHOOD));
  if (API_KEY_FIELD.test(before)) return AUTH_DOMAIN_FIELD.test(around());
  const variable = FIREBASE_KEY_VARIABLE.exec(before);
  if (!variable) return false;
  return BROWSER_VARIABLE_PREFIX.test(variable[1]) || FIREBASE_AUTH_DOMAIN_VARIABLE.test(around());
}

/** The JSON payload of a JWT, or undefined when the value is not one. */
function jwtPayload(value: string): Record<string, unknown> | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Supabase `anon` key: a JWT issued by Supabase (`"iss":"supabase…"`) for the `anon` role.
 * Supabase puts it in every browser bundle and documents it as safe to expose (row-level
 * security decides what it may read). The `service_role` key of the same project bypasses
 * row-level security and stays a finding.
 */
export function isSupabaseAnonKey(value: string): boolean {
  if (!value.startsWith('eyJ')) return false;
  const payload = jwtPayload(value);
  return payload !== undefined && payload.role === 'anon' && typeof payload.iss === 'string' && payload.iss.startsWith('supabase');
}

const TWILIO_SID = /^(?:AC|AP|PN|MG|MM|SM|CA|CF|FW|IS|VA)[0-9a-f]{32}$/;
const RAZORPAY_KEY_ID = /^rzp_(?:live|test)_[A-Za-z0-9]{14}$/;
const SHOPIFY_API_KEY_NAME = /^shopify_?(?:api_?key|client_?id|app_?key)$/;
const MAILJET_PUBLIC_KEY_NAME = /^(?:mailjet_?|mj_?)?(?:api_?key(?:_?public)?|apikey_?public|public_?key)$/;
const MAILJET = /mailjet/i;

/**
 * Identifiers that providers publish or send to browsers, which name-based rules take for
 * secrets because of the name they sit under: an identifier alone calls nothing. Their secret
 * halves (Shopify's API secret, Mailjet's secret key, Razorpay's key secret) stay findings.
 * The id of a key pair is the exception, as README says: an AWS key id (`AKIA…`) and a Twilio
 * API key SID (`SK…`) are still reported, because they name the credential to revoke and
 * verification pairs them with their secret.
 * - Twilio SIDs other than API key SIDs (`AC…` account, `AP…`, `PN…`, `MG…`: two letters + 32
 *   hex): names of resources, not halves of a key.
 * - Razorpay key ids (`rzp_live_…`, `rzp_test_…`): given to the browser checkout.
 * - Shopify's API key (the app's client id, 32 hex, sent in every OAuth URL).
 * - Mailjet's API key (the public half of the key pair, 32 hex), under Mailjet's name.
 */

export function isPublicIdentifier(text: string, start: number, value: string, keyName: string | undefined): boolean {
  if (TWILIO_SID.test(value) || RAZORPAY_KEY_ID.test(value)) return true;
  if (keyName === undefined || !/^[0-9a-f]{32}$/.test(value)) return false;
  const name = snake(keyName);
  if (SHOPIFY_API_KEY_NAME.test(name)) return true;
  if (!MAILJET_PUBLIC_KEY_NAME.test(name)) return false;
  // `MJ_APIKEY_PUBLIC` is the name Mailjet's own docs and SDKs read the key from.
  return (
    MAILJET.test(name) ||
    name.startsWith('mj_') ||
    MAILJET.test(text.slice(Math.max(0, start - NEIGHBOURHOOD), Math.min(text.length, start + NEIGHBOURHOOD)))
  );
}

/** `SHOPIFY_API_KEY`, `shopifyApiKey`, `mailjet.api-key` → snake_case, lower case. */
function snake(name: string): string {
  return name
    .slice(name.lastIndexOf('.') + 1 || 0)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

/** Algolia (and Typesense) name a key that can only search so. */
const SEARCH_ONLY_KEY_NAME = /(?:^|_)search_?only(?:_|$)/;
/** The plain `apiKey` of a search block (DocSearch, InstantSearch options). */
const PLAIN_KEY_NAME = /^(?:api_?key|search_?(?:api_?)?key)$/;
/**
 * Config files of static documentation sites, rendered into pages that every visitor loads:
 * Hugo (`hugo.toml`, `config.toml`, `config/<environment>/*`, `params.*`), Docusaurus, VitePress,
 * VuePress and Astro (Starlight's DocSearch plugin).
 */
const STATIC_SITE_CONFIG =
  /(?:^|\/)(?:hugo\.(?:toml|ya?ml|json)|config\.toml|config\/[\w-]{1,40}\/[\w.-]{1,60}\.(?:toml|ya?ml|json)|params\.(?:toml|ya?ml|json)|docusaurus\.config\.[cm]?[jt]s|\.vitepress\/config\.[cm]?[jt]s|\.vuepress\/config\.[cm]?[jt]s|astro\.config\.[cm]?[jt]s)$/;
const ALGOLIA = /algolia/i;
const INDEX_NAME_FIELD = /index_?name["']?[ \t]*[:=]/i;

/**
 * An Algolia search-only API key (32 hex, the same shape as the admin key): the browser sends it
 * with every search, and Algolia documents it as safe to expose. Known by its name
 * (`searchOnlyApiKey`, `ALGOLIA_SEARCH_ONLY_API_KEY`) with Algolia named around it, or as the
 * `apiKey` of the Algolia search block (beside its `indexName`) in a static documentation site's
 * config, which DocSearch renders into every page. An `apiKey` in any other file (an indexing
 * job's config, where it must be a write key) stays a finding, as does anything named admin or write.
 */
export function isAlgoliaSearchKey(text: string, start: number, value: string, keyName: string | undefined, path: string): boolean {
  if (keyName === undefined || !/^[0-9a-f]{32}$/.test(value)) return false;
  const name = snake(keyName);
  if (/admin|write/.test(name)) return false;
  const around = text.slice(Math.max(0, start - NEIGHBOURHOOD), Math.min(text.length, start + NEIGHBOURHOOD));
  if (!ALGOLIA.test(around)) return false;
  if (SEARCH_ONLY_KEY_NAME.test(name)) return true;
  return PLAIN_KEY_NAME.test(name) && STATIC_SITE_CONFIG.test(path.replace(/\\/g, '/')) && INDEX_NAME_FIELD.test(around);
}

/**
 * Whether a value some rule matched is public by design where it sits (see the functions
 * above). Identifiers and search-only keys are judged only for the generic name-based rules: a
 * provider rule that reports an identifier (`twilio-api-key`) does so on purpose.
 */
export function isPublicByDesign(
  text: string,
  start: number,
  value: string,
  keyName: string | undefined,
  generic: boolean,
  path = '',
): boolean {
  return (
    isFirebaseWebConfigKey(text, start, value) ||
    isSupabaseAnonKey(value) ||
    (generic && (isPublicIdentifier(text, start, value, keyName) || isAlgoliaSearchKey(text, start, value, keyName, path)))
  );
}
