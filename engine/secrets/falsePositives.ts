/**
 * Values that look like secrets but are not: placeholders, redactions, template variables,
 * vendor documentation samples, hashes and identifiers. Every false positive costs trust.
 */

/** Documented sample credentials published by vendors (AWS docs, Stripe docs, ...). */
const VENDOR_SAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
]);

const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change[_-]me|replace[_-]?me|redacted|dummy|\bfake|[_-]fake|sample|your[_-]?(?:api[_-]?)?(?:key|token|secret|password|pass)|insert[_-]?(?:your|key|token)|lorem|foobar|xxxx|\*\*\*|\.\.\.|…|<[^>]*>|\{\{|\}\}|\$\{|\$\(|%\(|%s\b|\[\[|__[A-Z0-9_]+__/i;

const SEQUENCES = /0123456|1234567|2345678|3456789|abcdefgh|ABCDEFGH|qwerty/i;

const TEMPLATE_ONLY =
  /^(?:\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_]*@|:[a-z_]+|\{[^{}]*\}|\[[^\]]*\]|<[^>]*>)$/;

/** Words that documentation and samples use in place of a real credential. */
const STAND_IN_VALUES = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'key',
  'user',
  'username',
  'mypassword',
  'yourpassword',
  'mysecret',
  'yoursecret',
  'p@ssw0rd',
  'passw0rd',
  'letmein',
]);

/** True when the value is a placeholder, redaction or documentation sample. */
export function isPlaceholder(value: string): boolean {
  if (VENDOR_SAMPLES.has(value) || STAND_IN_VALUES.has(value.toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(value) || TEMPLATE_ONLY.test(value)) return true;
  // Long runs of one character (xxxxxx, 000000, ******) only in short values: PEM bodies and
  // certificates legitimately contain runs such as AAAAAA.
  if (value.length < 100 && /(.)\1{5}/.test(value)) return true;
  if (value.length < 100 && SEQUENCES.test(value)) return true;
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SRI_HASH = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/;
const COMMON_WORDS =
  /^(?:true|false|null|none|nil|undefined|yes|no|on|off|password|secret|token|string|required|optional|empty|default|admin|root|test|testing|pass|passwd|bearer|basic|[a-z]+_(?:key|token|secret|password))$/i;
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\/)[A-Za-z_$][\w$]*)+$/;
const FILE_OR_URL =
  /^(?:[a-z][a-z0-9+.-]*:\/\/[^:@\s]*|\.{0,2}\/[\w./-]*|[\w-]+\.(?:pem|key|json|txt|ya?ml|crt|p12|pfx|jks|env|cfg|conf))$/i;

/**
 * Extra filters for generic (name-based) detections, whose values have no format of their
 * own: identifiers, references, hashes, UUIDs and words.
 */
export function isGenericNonSecret(value: string): boolean {
  if (UUID.test(value) || SRI_HASH.test(value) || COMMON_WORDS.test(value)) return true;
  if (IDENTIFIER_PATH.test(value) || FILE_OR_URL.test(value)) return true;
  // Code expressions: calls, indexing, interpolation, environment lookups.
  if (/[()[\]{}]/.test(value) || /^(?:env|process|os|System|Environment|ENV|secrets|vars|var|local|data|module)[.:[]/.test(value))
    return true;
  // The code between two string literals, not a literal: `"Credential=" + key.id + "/"` (JS, Java,
  // C#, Python), `'Credential=' . $key . '/'` (PHP), `"a" & key & "b"` (VB). No secret has a
  // space beside one of these operators at its edge.
  if (/^\s*[+.&]\s|\s[+.&]\s*$/.test(value)) return true;
  // The same, minified: `"Credential="+this.credentials.accessKeyId+"/"` — a dotted identifier
  // path between operators (base64 has no dots, so no key looks like this).
  if (/^[+&][A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,8}[+&]$/.test(value)) return true;
  // Timestamps and dates (PasswordLastUsed: 2016-09-08T21:47:36Z).
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return true;
  // A value that spells out what it is ("term-token-…", "my-secret-key") is a sample.
  if (/secret|token|passw|apikey|api[_-]key/i.test(value)) return true;
  // Prose: three or more words joined by separators ("This-is-my-test-99!").
  if (/^[A-Za-z]+(?:[-_ ][A-Za-z]+){2,}/.test(value)) return true;
  // Plain words and identifiers (letters, underscores, hyphens only) are names, not secrets.
  if (/^[A-Za-z]+(?:[_\-. ][A-Za-z]+)*$/.test(value)) return true;
  return false;
}

/**
 * Tests, fixtures, examples and docs: generic rules skip them (their samples look like secrets),
 * provider rules do not (a real token there is still a leak).
 */
export function isTestOrDocPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return (
    /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|fixtures?|testdata|test-data|examples?|samples?|docs?|mocks?)\//i.test(p) ||
    /(?:\.(?:test|spec|examples?|fixture|mock)\.[a-z0-9]+|_test\.go|(?:^|\/)test_[^/]+\.py|Tests?\.(?:cs|java|kt))$/i.test(p)
  );
}

/** Lockfiles are full of integrity hashes; generic rules skip them (provider rules do not). */
export function isLockfile(path: string): boolean {
  return /(?:^|[\\/])(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|packages\.lock\.json|gradle\.lockfile|flake\.lock|uv\.lock)$/.test(
    path,
  );
}
