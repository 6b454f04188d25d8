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
