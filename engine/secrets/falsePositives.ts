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
  // The Azure Cosmos DB Emulator's account key: the same in every installation, documented by Microsoft.
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
  // The TOTP key of the Key URI Format documentation (Google Authenticator's wiki), copied into
  // every two-factor guide.
  'JBSWY3DPEHPK3PXP',
]);

const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change[_-]me|replace[_-]?me|redacted|dummy|\bfake|[_-]fake|sample|not[_-]?a[_-]?real|your[_-]?(?:api[_-]?)?(?:key|token|secret|password|pass)|insert[_-]?(?:your|key|token)|lorem|foobar|xxxx|\*\*\*|\.\.\.|\u2026|<[A-Za-z][\w .:/@-]{2,40}>|<>|\{\{|\}\}|\$\{|\$\(|%\(|%s\b|\[\[|__[A-Z0-9_-]+__/i;

const SEQUENCES = /0123456|1234567|2345678|3456789|abcdefgh|ABCDEFGH|qwerty/i;

const TEMPLATE_ONLY =
  /^(?:\$(?:[Ee]nv:)?[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_]*@|:[a-z_]+|\{[^{}]*\}|\[[^\]]*\]|<[^>]*>)$/;

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
  'none',
  'anonymous',
]);

/**
 * Stand-ins written in leetspeak (`pa$$word`, `s3cr3t`, `p4ssw0rd`): the same word with symbols
 * and digits for letters is still the word, typed by hand into an example.
 */
function leetStandIn(value: string): boolean {
  if (!/[$@013457!]/.test(value) || value.length > 16) return false;
  const plain = value
    .toLowerCase()
    .replace(/[$5]/g, 's')
    .replace(/[@4]/g, 'a')
    .replace(/0/g, 'o')
    .replace(/[1!]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/7/g, 't');
  return STAND_IN_VALUES.has(plain) || STAND_IN_VALUES.has(plain.replace(/i/g, 'l'));
}

/** True when the value is a placeholder, redaction or documentation sample. */
export function isPlaceholder(value: string): boolean {
  if (VENDOR_SAMPLES.has(value) || STAND_IN_VALUES.has(value.toLowerCase()) || leetStandIn(value)) return true;
  // The same words with punctuation around them: `-anonymous@` (the anonymous FTP password), `password!`.
  if (STAND_IN_VALUES.has(value.replace(/^[^A-Za-z0-9]{1,3}|[^A-Za-z0-9]{1,3}$/g, '').toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(value) || TEMPLATE_ONLY.test(value)) return true;
  // Long runs of one character (xxxxxx, 000000, ******) only in short values: PEM bodies and
  // certificates legitimately contain runs such as AAAAAA.
  if (value.length < 100 && /(.)\1{5}/.test(value)) return true;
  if (value.length < 100 && SEQUENCES.test(value)) return true;
  if (ascendingRuns(value)) return true;
  // A snake_case name that ends in what it stands for (`oplog_reader_password`, `db_secret`).
  if (/^[a-z]+(?:[_-][a-z]+)*[_-](?:password|passwd|secret|token)$/.test(value)) return true;
  // A short unit said over and over (AKIATESTTESTTESTTEST, ABCDABCDABCD): typed by hand, not generated.
  if (value.length < 100 && /([A-Za-z0-9]{2,5})\1{2,}/.test(value) && repeatedShare(value) >= 0.5) return true;
  return false;
}

/**
 * Letter and digit runs counted up, typed by hand in place of a token: `abc123`, `abc123def456`,
 * `123456abcdefg`. Every run ascends by one and is at least 3 long, with letters and digits both
 * present (a run of digits alone, `123456`, is a weak password people do use, and stays).
 */
function ascendingRuns(value: string): boolean {
  if (value.length < 6 || value.length > 40 || !/^[a-z0-9]+$/i.test(value) || !/\d/.test(value) || !/[a-z]/i.test(value)) return false;
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) === value.charCodeAt(i - 1) + 1) run++;
    else {
      if (run < 3) return false;
      run = 1;
    }
  }
  return true;
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
/** Type names in declarations: `password: String!`, `token?: string`, `Password string`, `Password *uint16` (Go). */
const TYPE_NAME =
  /^(?:string|str|String|Int|ID|Boolean|bool|number|bytes|SecretStr|SecretString|Secret<[\w<>]{1,40}>|char\[\]|Option<String>|Optional\[str\]|\*{0,2}(?:u?int(?:8|16|32|64)?|uintptr|byte|rune|string|\[\]byte|\[\]u?int(?:8|16)))[!?]?[,;]?$/;
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
// Member access includes TypeScript's `obj!.x` and optional chaining `obj?.x` (source maps carry TS).
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\/|\?\.|!\.)[A-Za-z_$][\w$]*)+$/;
// A path in the home folder (`~/.aws/credentials`, `~/.gcloud/keyfile.json`) is where a secret is kept.
const FILE_OR_URL =
  /^(?:[a-z][a-z0-9+.-]*:\/\/[^:@\s]*|(?:~|\.{0,2})\/[\w./-]*|[\w-]+\.(?:pem|key|json|txt|ya?ml|crt|p12|pfx|jks|env|cfg|conf))$/i;

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
  // Code quoted inside a string (source maps, generated JSON): `this.pass = false\n  this.x…`
  // is cut at the escaped line break; what comes before it is judged alone.
  if (/\\[nrt]/.test(value)) {
    const parts = value.split(/(?:\\[nrt])+/).map((p) => p.trim());
    if (parts.some(Boolean) && parts.every((p) => !p || isGenericNonSecret(p))) return true;
  }
  // Code, cut where an operator the parser stops at begins: `$self->{pass}`, `Resolver->get(…)`
  // (Perl, C++ member access), `x86_cpu_index_1_edx + 16` (arithmetic on a name), Vim's scoped
  // variables (`a:dict.istemp`, `g:netrw_pass`).
  if (/^[$@%]?[A-Za-z_][\w]*(?:::[A-Za-z_]\w*)*-$/.test(value)) return true;
  if (/^[A-Za-z_$][\w$.]*\s[-+*/|&]\s[\w$.]+$/.test(value)) return true;
  if (/^[abglstvw]:[A-Za-z_][\w.#]*$/.test(value)) return true;
  // A snake_case name (`x86_cpu_index_1_edx`, `my_app_token_v2`): most of its parts are words.
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}$/.test(value)) {
    const parts = value.split('_');
    if (parts.filter((p) => /\d/.test(p)).length * 2 <= parts.length && parts.every((p) => p.length <= 12)) return true;
  }
  // A regular expression (`\<end\>\%([^({]*[)}]\)\@!`, `^\s*\d+`): escapes that no key or password holds.
  if ((value.match(/\\[|()<>%{}sdwbSDWB]/g)?.length ?? 0) >= 2) return true;
  // Base64 of text that says what it is: `bm90IG15IHJlYWwgcGFzc3dvcmQ=` is "not my real password".
  if (value.length >= 16 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    const decoded = Buffer.from(value, 'base64').toString('latin1');
    if (/^[\x20-\x7e]+$/.test(decoded) && (isPlaceholder(decoded) || /\S\s+\S+\s+\S/.test(decoded))) return true;
  }
  // The code between two string literals of an object literal: `"Unexpected token =",Name:"…"`.
  // The same between two arguments of a call: `r"…Password: $", errors=` (Python keyword argument).
  if (/^[,;]\s*[A-Za-z_$][\w$]*\s*[:=]$/.test(value)) return true;
  // Code cut at a quoted member name: `$password = $Params."$($name)_password"` (PowerShell, PHP).
  if (/^\$[A-Za-z_]\w*\.$/.test(value) && !looksGenerated(value.slice(1, -1))) return true;
  // A Jinja or Liquid filter chain: `{% set passwd = item.pass_key|string+" "+item.password %}`.
  if (/^[A-Za-z_][\w.]*(?:\|[a-z_]\w*)+[+~]?$/.test(value)) return true;
  // An option's choice quoted as inline code in prose: ``update_password: always`` (RST), `on_create` (Markdown).
  if (/^[^`\s]+`{1,2}$/.test(value) && isGenericNonSecret(value.replace(/`+$/, ''))) return true;
  // An API path of words (`org/users/current-user/s3-access-keys`): where a resource lives.
  if (
    /^[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*){2,}$/.test(value) &&
    value.split(/[/-]/).every((w) => /^(?:[a-z]*[aeiouy][a-z]*|[a-z]{1,3}\d)$/.test(w))
  )
    return true;
  // An npm-scoped identifier (`@aws-cdk/aws-rds:preventRenderingDeprecatedCredentials`, a CDK
  // feature flag): a package name and a setting, named by people.
  if (/^@[a-z0-9][a-z0-9-]{0,40}\/[a-z0-9][a-z0-9.-]{0,60}(?:[:/][A-Za-z][\w.-]{0,120})?$/.test(value) && !looksGenerated(value))
    return true;
  // An AWS SigV4 credential scope (`AKIA…/20121226/us-east-1/sqs/aws4_request`): a key ID, a date
  // and a scope; the secret key is never in it (an AWS key ID has its own rule).
  if (/\/\d{8}\/[a-z0-9-]{1,30}\/[a-z0-9-]{1,30}\/aws4_request$/.test(value)) return true;
  // A path under a variable (`$dir/private/cakey.pem`, `${HOME}/.ssh/id_rsa`, `%APPDATA%\\x`): where
  // the secret is kept (OpenSSL configs, shell profiles), not the secret.
  if (/^(?:\$\{?[A-Za-z_]\w{0,40}\}?|%[A-Za-z_]\w{0,40}%)[/\\][^\s]*$/.test(value)) return true;
  // Version strings (`0.0.0-development`, `v2.1.3+build.7`).
  if (/^v?\d{1,6}\.\d{1,6}\.\d{1,6}(?:[-+][\w.-]{1,40})?$/.test(value)) return true;
  // Text written with escapes (`P\u0101lau`, `\uB97C`: Java resource bundles, JSON) reads as the text it is.
  const text = value.includes('\\u')
    ? value.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : value;
  // Prose, in any language: three or more words joined by separators ("This-is-my-test-99!",
  // "Neočekávaný token."), a sentence, or text in a non-Latin script (translated messages).
  if (/^\p{L}\p{Ll}*(?:[-_ ]\p{L}\p{Ll}*){2,}(?![\p{L}\d])/u.test(text) && !randomLetters(text)) return true;
  if (/\S\s+\S+\s+\S/.test(text) || (text.match(/[^\p{ASCII}]/gu)?.length ?? 0) >= 3) return true;
  // Plain words and identifiers (letters in any script, underscores, hyphens, spaces; a closing
  // full stop or comma, as in translated messages: "specified.", "Beklenmeyen belirteç.") are names
  // or text, not secrets.
  if (/^_*\p{L}+(?:[_\-. ]\p{L}+)*[.,;:!?]?$/u.test(text) && !randomLetters(text) && !consonantRun(text)) return true;
  if (wordsName(value)) return true;
  // An option name in a list of them (`password= scmVersion=`): a word, then `=` with nothing after.
  if (/^[A-Za-z][A-Za-z.-]{2,40}=$/.test(value) && isGenericNonSecret(value.slice(0, -1))) return true;
  return false;
}

/**
 * A name made of words, as code names constants, commands, lexer states and storage keys:
 * `FlowPasswordRequiredResultV2`, `_provideDocumentSemanticTokensLegend`, `?NoLineTerminatorHere`,
 * `chat.setupContextMigrated.v1`. Each part splits into words that have a vowel (or short
 * acronyms); digits only as a version (`V2`, `.v1`). Generated values have digits inside their
 * parts and letter pairs without vowels (`Qm`, `Fz`), and switch case far more often.
 */
function wordsName(value: string): boolean {
  if (value.length < 8 || value.length > 120) return false;
  // Short words switch case as often as random letters do (`GetAccessKeyInfo`, an AWS operation
  // name): such a value is a name only when every word of it has three letters or more, which
  // random case almost never splits into.
  const switchesLikeRandom = randomLetters(value.replace(/[^A-Za-z]/g, ''));
  const parts = value
    .replace(/^[_?#]{1,3}/, '')
    .replace(/_{1,3}$/, '')
    .split(/[._:/-]/);
  let words = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i > 0 && /^[vV]?\d{1,3}$/.test(part)) continue; // `.v1`, `-2`
    const letters = part.replace(/V\d{1,3}$/, '');
    if (!letters) return false;
    // Acronyms with a digit (`S3`, `EC2`) are words too: `manageOwnS3Credentials`.
    const tokens = letters.match(/[A-Z]{1,3}\d(?![a-z\d])|[A-Z]{2,5}(?![a-z])|[A-Z]?[a-z]+/g);
    if (!tokens || tokens.join('') !== letters) return false;
    for (const t of tokens) if (/[a-z]/.test(t) && (t.length < (switchesLikeRandom ? 3 : 2) || !/[aeiouy]/i.test(t))) return false;
    // Two acronyms in a row (`RTYUI` then `O1`) is how random capitals split, not how names read.
    if (tokens.some((t, k) => k > 0 && !/[a-z]/.test(t) && !/[a-z]/.test(tokens[k - 1]))) return false;
    words += tokens.length;
  }
  return words >= 3;
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
