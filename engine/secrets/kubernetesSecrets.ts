/**
 * Kubernetes Secret manifests keep their values base64-encoded under `data:` (and `.dockerconfigjson`
 * holds a whole registry config): base64 hides the credential from every pattern. This finds those
 * values in YAML and JSON manifests and decodes them, so the secret rules can look inside.
 */

/** A decoded `data:` value: its key, where its base64 sits in the file, and the text it holds. */
export interface EncodedSecretValue {
  key: string;
  start: number;
  end: number;
  decoded: string;
}

/** `kind: Secret` on a line of its own, tried (sticky) where a line starts with `kind:`. */
const YAML_KIND_SECRET_AT = /kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/my;
const JSON_KIND_SECRET = /"kind"\s*:\s*"Secret"/;

/**
 * Whether a line of the text is `kind: Secret` (what `/^kind:…$/m` finds). The files that get
 * here hold "secret" and "kind:" somewhere, and some are megabytes of code (TypeScript's own
 * sources say `kind:` all over): a multiline regex tries every position for a line start, where
 * a search for "kind:" skips to the few places that can match.
 */
export function hasYamlKindSecret(text: string): boolean {
  for (let i = text.indexOf('kind:'); i >= 0; i = text.indexOf('kind:', i + 5)) {
    // `^` in multiline mode: the start, or after any line terminator.
    const before = i === 0 ? '\n' : text[i - 1];
    if (before !== '\n' && before !== '\r' && before !== '\u2028' && before !== '\u2029') continue;
    YAML_KIND_SECRET_AT.lastIndex = i;
    if (YAML_KIND_SECRET_AT.test(text)) return true;
  }
  return false;
}
const BASE64 = /^[A-Za-z0-9+/]{4,}={0,2}$/;
const MAX_VALUE = 64 * 1024;

/** Control characters other than tab, newline and carriage return mark binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return true;
  }
  return false;
}

/** The text a base64 value holds, when it is printable text (binary data is not scanned). */
function decodeText(value: string): string | undefined {
  if (value.length % 4 !== 0 || value.length > MAX_VALUE || !BASE64.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD; control characters other than whitespace mean binary.
  return /[\uFFFD]/.test(decoded) || hasControlCharacters(decoded) ? undefined : decoded;
}

/** [start, end) of each YAML document of the text (separated by `---` lines). */
function yamlDocuments(text: string): Array<[number, number]> {
  const docs: Array<[number, number]> = [];
  let start = 0;
  const sep = /^---[ \t]*$/gm;
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    docs.push([start, m.index]);
    start = m.index + m[0].length;
  }
  docs.push([start, text.length]);
  return docs;
}

const DATA_ENTRY = /^([ \t]+)["']?([\w.-]{1,253})["']?:[ \t]*["']?([A-Za-z0-9+/=]{4,})["']?[ \t]*(?:#.*)?$/;

/** `data:` entries of every YAML document whose kind is Secret. */
function yamlSecretData(text: string): EncodedSecretValue[] {
  const found: EncodedSecretValue[] = [];
  for (const [docStart, docEnd] of yamlDocuments(text)) {
    const doc = text.slice(docStart, docEnd);
    if (!hasYamlKindSecret(doc)) continue;
    const data = /^data:[ \t]*$/m.exec(doc);
    if (!data) continue;
    // The entries are the indented lines under `data:`, up to the next top-level key.
    for (let pos = data.index + data[0].length + 1; pos < doc.length;) {
      const nl = doc.indexOf('\n', pos);
      const lineEnd = nl < 0 ? doc.length : nl;
      const line = doc.slice(pos, lineEnd).replace(/\r$/, '');
      if (line.trim() !== '' && !/^[ \t]/.test(line)) break;
      const m = DATA_ENTRY.exec(line);
      const decoded = m ? decodeText(m[3]) : undefined;
      if (m && decoded !== undefined) {
        const at = docStart + pos + line.indexOf(m[3], m[1].length + m[2].length);
        found.push({ key: m[2], start: at, end: at + m[3].length, decoded });
      }
      pos = lineEnd + 1;
    }
  }
  return found;
}

/** `"data": { … }` entries of a JSON manifest whose kind is Secret. */
function jsonSecretData(text: string): EncodedSecretValue[] {
  const found: EncodedSecretValue[] = [];
  const data = /"data"\s*:\s*\{/.exec(text);
  if (!data) return found;
  const close = text.indexOf('}', data.index);
  if (close < 0) return found;
  const entry = /"([\w.-]{1,253})"\s*:\s*"([A-Za-z0-9+/=]{4,})"/g;
  const block = text.slice(data.index + data[0].length, close);
  for (let m = entry.exec(block); m; m = entry.exec(block)) {
    const decoded = decodeText(m[2]);
    const at = data.index + data[0].length + m.index + m[0].lastIndexOf(m[2]);
    if (decoded !== undefined) found.push({ key: m[1], start: at, end: at + m[2].length, decoded });
  }
  return found;
}

/** Decoded `data` values of the Kubernetes Secrets in a file; empty for anything else. */
export function kubernetesSecretData(text: string): EncodedSecretValue[] {
  if (!text.includes('Secret')) return [];
  if (hasYamlKindSecret(text)) return yamlSecretData(text);
  // The regex starts with `"kind"`: a plain search rules out most files first.
  if (text.includes('"kind"') && JSON_KIND_SECRET.test(text)) return jsonSecretData(text);
  return [];
}
