/**
 * A small, tolerant reader of Bicep: enough of the grammar to find `resource` declarations and
 * their object bodies (`properties`, `scope`, `tags` …), `var`/`param` values and `targetScope`.
 * Expressions (calls, references, ternaries, interpolated strings) become unknown values holding
 * their text. It never throws: what it cannot read it skips to the end of the line, every step
 * advances, and nesting deeper than MAX_DEPTH is skipped whole.
 */
import type { MapEntry, SourceNode } from '../sourceTree';
import type { AzureResource, AzureTemplate, DeploymentScope } from './azureResources';

const MAX_DEPTH = 64;
const IDENT = /[A-Za-z_][\w]*/y;

export function parseBicep(text: string): AzureTemplate {
  return new BicepReader(text).read();
}

class BicepReader {
  private pos = 0;
  private readonly resources: AzureResource[] = [];
  private readonly values = new Map<string, SourceNode>();
  private scope: DeploymentScope = 'resourceGroup';

  constructor(private readonly text: string) {}

  read(): AzureTemplate {
    try {
      while (this.pos < this.text.length) {
        const before = this.pos;
        this.statement();
        if (this.pos <= before) this.pos = before + 1;
      }
    } catch {
      /* never reached by design; a reader bug must not cost the file its findings so far */
    }
    return { scope: this.scope, resources: this.resources, values: this.values, language: 'bicep' };
  }

  private statement(): void {
    this.skipSpace(true);
    if (this.pos >= this.text.length) return;
    if (this.text[this.pos] === '@') {
      this.skipDecorator();
      return;
    }
    const word = this.word();
    if (word === 'targetScope') {
      this.skipSpace(false);
      if (this.text[this.pos] === '=') this.pos++;
      const value = this.value(0);
      const scope = value.type === 'scalar' ? String(value.value) : '';
      if (scope === 'subscription' || scope === 'managementGroup' || scope === 'tenant' || scope === 'resourceGroup') this.scope = scope;
    } else if (word === 'var' || word === 'param') {
      this.skipSpace(false);
      const name = this.word();
      // `param name type = default`: the type (and any `?`) runs up to `=` or the end of the line.
      while (this.pos < this.text.length && this.text[this.pos] !== '=' && this.text[this.pos] !== '\n') this.pos++;
      if (this.text[this.pos] === '=') {
        this.pos++;
        const value = this.value(0);
        if (name) this.values.set(name, value);
      }
    } else if (word === 'resource') {
      this.resource(undefined, 0);
    } else {
      this.skipLine(); // module, output, type, func, import, metadata, or anything unreadable
    }
  }

  /** `resource sym 'Type@version' [existing] = [if (…)] {…} | [for …: {…}]`, after the keyword. */
  private resource(parentType: string | undefined, depth: number): void {
    this.skipSpace(false);
    const symStart = this.pos;
    const symbol = this.word();
    const symEnd = this.pos;
    this.skipSpace(false);
    if (this.text[this.pos] !== "'") {
      this.skipLine();
      return;
    }
    const typeNode = this.string();
    const written = typeNode.type === 'scalar' ? String(typeNode.value).split('@')[0] : '';
    this.skipSpace(false);
    const existing = this.word() === 'existing';
    this.skipSpace(false);
    if (this.text[this.pos] !== '=') {
      this.skipLine();
      return;
    }
    this.pos++;
    this.skipSpace(false);
    if (this.text.startsWith('if', this.pos) && /\W/.test(this.text[this.pos + 2] ?? ' ')) {
      this.pos += 2;
      this.skipSpace(false);
      if (this.text[this.pos] === '(') this.skipBalanced();
    }
    const type = parentType && !written.includes('/') ? `${parentType}/${written}` : written;
    this.enclosing.push(type);
    const body = this.value(depth);
    this.enclosing.pop();
    // An `existing` role definition is how Bicep names a built-in role: `owner.id` resolves through it.
    if (existing && symbol) this.values.set(symbol, body);
    if (!written || existing) return;
    this.resources.push({
      type,
      name: symbol || type,
      start: symbol ? symStart : typeNode.start,
      end: symbol ? symEnd : typeNode.end,
      body,
    });
  }

  /** The types of the resources whose bodies are being read, innermost last. */
  private readonly enclosing: string[] = [];

  private value(depth: number): SourceNode {
    this.skipSpace(false);
    const start = this.pos;
    const c = this.text[start];
    if (depth > MAX_DEPTH) return this.expression(start);
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === "'") {
      const str = this.string();
      // A literal followed by more expression (`'a' == b ? …`) is an expression.
      const save = this.pos;
      this.skipSpace(false);
      if (this.atValueEnd()) {
        this.pos = save;
        return str;
      }
      return this.expression(start);
    }
    return this.expression(start);
  }

  private atValueEnd(): boolean {
    const c = this.text[this.pos];
    return c === undefined || c === '\n' || c === '\r' || c === ',' || c === '}' || c === ']' || this.text.startsWith('//', this.pos);
  }

  private object(depth: number): SourceNode {
    const start = this.pos;
    this.pos++; // {
    const entries: MapEntry[] = [];
    while (this.pos < this.text.length) {
      this.skipSpace(true, true);
      const c = this.text[this.pos];
      if (c === undefined) break;
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === ']' || c === ')') break; // unbalanced: leave it to the enclosing reader
      if (c === '@') {
        this.skipDecorator();
        continue;
      }
      const before = this.pos;
      let key: string | undefined;
      let keyStart = this.pos;
      let keyEnd = this.pos;
      if (c === "'") {
        const k = this.string();
        if (k.type === 'scalar') {
          key = String(k.value);
          keyStart = k.start;
          keyEnd = k.end;
        }
      } else {
        key = this.word();
        keyEnd = this.pos;
      }
      if (key === 'resource' && this.text[this.pos] !== ':') {
        // A child resource inside its parent's body: its type is relative to the parent's.
        this.resource(this.enclosing[this.enclosing.length - 1], depth);
        continue;
      }
      this.skipSpace(false);
      if (!key || this.text[this.pos] !== ':') {
        this.skipLine();
        if (this.pos <= before) this.pos = before + 1;
        continue;
      }
      this.pos++;
      const value = this.value(depth);
      entries.push({ key, keyStart, keyEnd, value });
      if (this.pos <= before) this.pos = before + 1;
    }
    return { type: 'map', entries, start, end: this.pos };
  }

  private array(depth: number): SourceNode {
    const start = this.pos;
    this.pos++; // [
    this.skipSpace(true, true);
    if (this.text.startsWith('for', this.pos) && /\s/.test(this.text[this.pos + 3] ?? '')) {
      // `[for x in list: body]` repeats one body: the body is what gets deployed.
      while (this.pos < this.text.length && this.text[this.pos] !== ':' && this.text[this.pos] !== '\n') {
        if (this.text[this.pos] === '(' || this.text[this.pos] === '[') this.skipBalanced();
        else this.pos++;
      }
      if (this.text[this.pos] === ':') this.pos++;
      this.skipSpace(false);
      if (this.text.startsWith('if', this.pos)) {
        this.pos += 2;
        this.skipSpace(false);
        if (this.text[this.pos] === '(') this.skipBalanced();
      }
      const body = this.value(depth);
      this.skipSpace(true, true);
      if (this.text[this.pos] === ']') this.pos++;
      return body;
    }
    const items: SourceNode[] = [];
    while (this.pos < this.text.length) {
      this.skipSpace(true, true);
      const c = this.text[this.pos];
      if (c === undefined) break;
      if (c === ']') {
        this.pos++;
        break;
      }
      if (c === '}' || c === ')') break;
      const before = this.pos;
      items.push(this.value(depth));
      if (this.pos <= before) this.pos = before + 1;
    }
    return { type: 'seq', items, start, end: this.pos };
  }

  /** A `'…'` or `'''…'''` string; with `${…}` inside it is an unknown value. */
  private string(): SourceNode {
    const start = this.pos;
    if (this.text.startsWith("'''", start)) {
      const close = this.text.indexOf("'''", start + 3);
      const end = close < 0 ? this.text.length : close;
      this.pos = close < 0 ? end : end + 3;
      return { type: 'scalar', value: this.text.slice(start + 3, end), start: start + 3, end, quoted: true };
    }
    let i = start + 1;
    let value = '';
    let interpolated = false;
    while (i < this.text.length && this.text[i] !== "'" && this.text[i] !== '\n') {
      if (this.text[i] === '\\' && i + 1 < this.text.length) {
        const n = this.text[i + 1];
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        i += 2;
        continue;
      }
      if (this.text.startsWith('${', i)) {
        interpolated = true;
        const close = this.text.indexOf('}', i);
        const stop = close < 0 ? this.text.length : close + 1;
        value += this.text.slice(i, stop);
        i = stop;
        continue;
      }
      value += this.text[i++];
    }
    const end = i;
    this.pos = this.text[i] === "'" ? i + 1 : i;
    if (interpolated) return { type: 'expr', text: this.text.slice(start, this.pos), start: start + 1, end };
    return { type: 'scalar', value, start: start + 1, end, quoted: true };
  }

  /** Any other value: up to the end of the line, a comma or an unbalanced closer, brackets balanced. */
  private expression(start: number): SourceNode {
    this.pos = start;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "'") {
        this.string();
        continue;
      }
      if (this.text.startsWith('//', this.pos)) {
        if (depth === 0) break;
        this.skipLine();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === '\n' || c === ',') && depth === 0) break;
      this.pos++;
    }
    let end = this.pos;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    const raw = this.text.slice(start, end);
    if (raw === 'true' || raw === 'false') return { type: 'scalar', value: raw === 'true', start, end };
    if (raw === 'null') return { type: 'scalar', value: null, start, end };
    if (/^-?\d+$/.test(raw)) return { type: 'scalar', value: Number(raw), start, end };
    return { type: 'expr', text: raw, start, end };
  }

  private word(): string {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.text);
    if (!m) return '';
    this.pos += m[0].length;
    return m[0];
  }

  /** Skips blanks and comments; newlines too when `lines`, commas too when `commas`. */
  private skipSpace(lines: boolean, commas = false): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (lines && c === '\n') || (commas && c === ',')) this.pos++;
      else if (this.text.startsWith('//', this.pos)) {
        const nl = this.text.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.text.length : nl;
      } else if (this.text.startsWith('/*', this.pos)) {
        const close = this.text.indexOf('*/', this.pos + 2);
        this.pos = close < 0 ? this.text.length : close + 2;
      } else break;
    }
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl + 1;
  }

  /** `@name(args)`, whose arguments may span lines. */
  private skipDecorator(): void {
    this.pos++;
    this.word();
    while (this.text[this.pos] === '.') {
      this.pos++;
      this.word();
    }
    if (this.text[this.pos] === '(') this.skipBalanced();
  }

  /** From an opening bracket to its match (strings respected), or the end of the text. */
  private skipBalanced(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "'") {
        this.string();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth <= 0) {
          this.pos++;
          return;
        }
      }
      this.pos++;
    }
  }
}
