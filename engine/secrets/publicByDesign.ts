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
 * The `apiKey` of a Firebase web app config (`{ apiKey, authDomain, projectId, … }`): Firebase
 * ships it to every browser and documents that it is not a secret (access is governed by
 * security rules and App Check, not by hiding it). `authDomain` next to it is what marks the
 * object as a Firebase config; a Google API key anywhere else stays a finding.
 */
export function isFirebaseWebConfigKey(text: string, start: number, value: string): boolean {
  if (!value.startsWith('AIza')) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!API_KEY_FIELD.test(text.slice(Math.max(lineStart, start - 80), start))) return false;
  return AUTH_DOMAIN_FIELD.test(text.slice(Math.max(0, start - NEIGHBOURHOOD), Math.min(text.length, start + NEIGHBOURHOOD)));
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

/**
 * Whether a value some rule matched is public by design where it sits (see the functions
 * above). Identifiers are judged only for the generic name-based rules: a provider rule that
 * reports an identifier (`twilio-api-key`) does so on purpose.
 */
export function isPublicByDesign(text: string, start: number, value: string, keyName: string | undefined, generic: boolean): boolean {
  return (
    isFirebaseWebConfigKey(text, start, value) || isSupabaseAnonKey(value) || (generic && isPublicIdentifier(text, start, value, keyName))
  );
}
