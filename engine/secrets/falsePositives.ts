/**
 * Values that look like secrets but are not: placeholders, redactions, template variables,
 * vendor documentation samples, hashes and identifiers. Every false positive costs trust.
 */
import { shannonEntropy } from './entropy';

/** Documented sample credentials published by vendors (AWS docs, Stripe docs, ...). */
const VENDOR_SAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  // Stripe's documentation keys, published in every quickstart.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  // The jwt.io sample token.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  // The example UUIDs of RFC 4122 and of most UUID documentation.
  '550e8400-e29b-41d4-a716-446655440000',
  '123e4567-e89b-12d3-a456-426614174000',
  '123e4567-e89b-12d3-a456-426655440000',
  // Azurite's (and the retired Storage Emulator's) published development-storage key for
  // devstoreaccount1: the same in every installation, documented by Microsoft.
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
]);

const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change[_-]me|replace[_-]?me|redacted|dummy|\bfake|[_-]fake|sample|not[_-]?a[_-]?real|your[_-]?(?:api[_-]?)?(?:key|token|secret|password|pass)|insert[_-]?(?:your|key|token)|lorem|foobar|xxxx|\*\*\*|\.\.\.|…|<[A-Za-z][\w .:/@-]{2,40}>|<>|\{\{|\}\}|\$\{|\$\(|%\(|%s\b|\[\[|__[A-Z0-9_]+__/i;

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
  // A short unit said over and over (AKIATESTTESTTESTTEST, ABCDABCDABCD): typed by hand, not generated.
  if (value.length < 100 && /([A-Za-z0-9]{2,5})\1{2,}/.test(value) && repeatedShare(value) >= 0.5) return true;
  return false;
}

/** The share of the value covered by its longest run of one repeated 2-5 character unit. */
function repeatedShare(value: string): number {
  let best = 0;
  for (const m of value.matchAll(/([A-Za-z0-9]{2,5})\1{2,}/g)) best = Math.max(best, m[0].length);
  return best / value.length;
}

/**
 * Letters in random case (`JNKpUPsDLoKULFonzC`): case changes about every other letter, where
 * words and identifiers (`myPasswordField`) change case once per word.
 */
function randomLetters(value: string): boolean {
  if (value.length < 12 || !/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
  let switches = 0;
  for (let i = 1; i < value.length; i++) {
    const a = value[i - 1],
      b = value[i];
    if (/[a-z]/.test(a) !== /[a-z]/.test(b) && /[A-Za-z]/.test(a) && /[A-Za-z]/.test(b)) switches++;
  }
  return switches / (value.length - 1) >= 0.4;
}

/**
 * Lower-case letters with too few vowels to be words (Gmail app passwords: `vqbtkzmhxsplrwna`):
 * English words and identifiers are about 40% vowels, random letters about 20%.
 */
function consonantRun(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '');
  if (letters.length < 16) return false;
  const vowels = letters.replace(/[^aeiouAEIOU]/g, '').length;
  return vowels / letters.length <= 0.25;
}

/**
 * Random-looking: mixed case, digits and high entropy. Such a value is not an identifier path
 * or a file name even when it has dots or slashes (`wJalr…/K7MDENG/…`, `s.hmA3…`).
 */
function looksGenerated(value: string): boolean {
  // Short strings cannot reach 4 bits per character: the bar is lower for them.
  const bar = Math.min(4, 0.85 * Math.log2(value.length));
  return /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && shannonEntropy(value) >= bar;
}

const SRI_HASH = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/;
const COMMON_WORDS =
  /^(?:true|false|null|none|nil|undefined|yes|no|on|off|password|secret|token|string|required|optional|empty|default|admin|root|test|testing|pass|passwd|bearer|basic|[a-z]+_(?:key|token|secret|password))$/i;
/** Type names in declarations: `password: String!`, `token?: string`, `Password string`. */
const TYPE_NAME =
  /^(?:string|str|String|Int|ID|Boolean|bool|number|bytes|SecretStr|SecretString|Secret<[\w<>]{1,40}>|char\[\]|Option<String>|Optional\[str\])[!?]?[,;]?$/;
/** Password hashes (bcrypt, argon2, crypt, PBKDF2, LDAP): verifiers, not the password. */
const PASSWORD_HASH =
  /^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|apr1|y|scrypt|pbkdf2[\w-]{0,10})\$|pbkdf2_sha\d{1,3}\$|\{(?:SSHA|SHA|SMD5|CRYPT|BCRYPT|PBKDF2)\})/i;
/** References to a secret kept in a secrets manager: the value is where to read it, not the secret. */
const SECRET_REFERENCE =
  /^(?:vault:|op:\/\/|projects\/[\w-]{1,100}\/secrets\/|(?:secret|kv)\/data\/|ssm:|sm:\/\/|secretsmanager:|awssm:|azkv:|gcpsm:|@Microsoft\.KeyVault\(|https:\/\/[\w-]{1,100}\.vault\.azure\.net\/secrets\/)/;
/** Public by design: publishable and client-side keys of providers whose secret keys look alike. */
// Publishable keys and analytics ids; an Ethereum address (0x + 40 hex: a contract or wallet,
// public on the chain; a private key is 0x + 64 hex and stays a finding).
const PUBLIC_VALUE = /^(?:pk_(?:live|test)_|phc_|pk\.eyJ|G-[A-Z0-9]{6,12}$|UA-\d{4,10}-\d{1,4}$|ca-pub-\d|0x[0-9a-fA-F]{40}$)/;
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\/)[A-Za-z_$][\w$]*)+$/;
const FILE_OR_URL =
  /^(?:[a-z][a-z0-9+.-]*:\/\/[^:@\s]*|\.{0,2}\/[\w./-]*|[\w-]+\.(?:pem|key|json|txt|ya?ml|crt|p12|pfx|jks|env|cfg|conf))$/i;

/**
 * Extra filters for generic (name-based) detections, whose values have no format of their
 * own: identifiers, references, hashes, type names, public keys and words.
 */
export function isGenericNonSecret(value: string): boolean {
  if (SRI_HASH.test(value) || COMMON_WORDS.test(value) || TYPE_NAME.test(value)) return true;
  if (PASSWORD_HASH.test(value) || PUBLIC_VALUE.test(value) || SECRET_REFERENCE.test(value)) return true;
  if ((IDENTIFIER_PATH.test(value) || FILE_OR_URL.test(value)) && !looksGenerated(value)) return true;
  // ARNs and YAML tags (`!Ref`, `!vault |`, `!GetAtt`) name or compute a value elsewhere.
  if (/^arn:aws[\w-]{0,10}:/.test(value) || /^![A-Za-z]+(?:::[A-Za-z]+)?$/.test(value)) return true;
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
  // A value that spells out what it is ("term-token-…", "my-secret-key") is a sample, unless
  // the word is a format's prefix before a long random part (`secret_…` Notion, `…_apikey_…` Paddle).
  const word = /secret|token|passw|apikey|api[_-]key/i.exec(value);
  if (word) {
    const rest = value.slice(0, word.index) + value.slice(word.index + word[0].length);
    if (rest.length < 20 || shannonEntropy(rest) < 4 || /\s/.test(rest)) return true;
  }
  // Prose, in any language: three or more words joined by separators ("This-is-my-test-99!",
  // "Neočekávaný token."), a sentence, or text in a non-Latin script (translated messages).
  if (/^\p{L}\p{Ll}*(?:[-_ ]\p{L}\p{Ll}*){2,}(?![\p{L}\d])/u.test(value) && !randomLetters(value)) return true;
  if (/\S\s+\S+\s+\S/.test(value) || (value.match(/[^\p{ASCII}]/gu)?.length ?? 0) >= 3) return true;
  // Plain words and identifiers (letters, underscores, hyphens only) are names, not secrets.
  if (/^[A-Za-z]+(?:[_\-. ][A-Za-z]+)*$/.test(value) && !randomLetters(value) && !consonantRun(value)) return true;
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
    /(?:\.(?:test|spec|examples?|fixture|mock)\.[a-z0-9]+|_test\.go|(?:^|\/)test_[^/]+\.py|(?:^|\/)(?:tests?|specs?)\.[a-z0-9]+|Tests?\.(?:cs|java|kt))$/i.test(
      p,
    )
  );
}

/**
 * Generic (name-based) rules stay quiet in tests, fixtures, examples and mocks, whose values are
 * made up; documentation folders (`docs/`, `doc/`) they do read, since runbooks and API notes carry
 * real credentials pasted from a terminal (the engine lowers the severity there, as for tests).
 */
export function genericRulesSkip(path: string): boolean {
  if (!isTestOrDocPath(path)) return false;
  const p = path.replace(/\\/g, '/');
  const withoutDocs = p.replace(/(?:^|\/)docs?\//gi, '/');
  return withoutDocs === p || isTestOrDocPath(withoutDocs);
}

/** Lockfiles are full of integrity hashes; generic rules skip them (provider rules do not). */
export function isLockfile(path: string): boolean {
  return /(?:^|[\\/])(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|packages\.lock\.json|gradle\.lockfile|flake\.lock|uv\.lock)$/.test(
    path,
  );
}
