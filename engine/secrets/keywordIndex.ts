/**
 * One pass over the text finds every rule keyword at once (Aho–Corasick automaton over
 * lower-cased ASCII), so regexes only run on the few lines that can match.
 */

const ALPHABET = 128;

export interface KeywordHit {
  keyword: number;
  offset: number;
  lineStart: number;
}

export class KeywordIndex {
  private readonly delta: Int32Array;
  /** Per state: ids of keywords that end there (including through failure links), or null. */
  private readonly outputs: (number[] | null)[];

  constructor(readonly keywords: readonly string[]) {
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((raw, id) => {
      let state = 0;
      for (const ch of raw.toLowerCase()) {
        const code = ch.charCodeAt(0);
        if (code >= ALPHABET) throw new Error(`keyword "${raw}" is not ASCII`);
        let next = goto[state].get(code);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[state].set(code, next);
        }
        state = next;
      }
      out[state].push(id);
    });

    // Breadth-first: resolve failure links into a full transition table (a DFA).
    const states = goto.length;
    const delta = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = goto[0].get(c);
      if (next !== undefined) {
        delta[c] = next;
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      if (out[fail[s]].length) out[s] = out[s].concat(out[fail[s]]);
      for (let c = 0; c < ALPHABET; c++) {
        const next = goto[s].get(c);
        if (next !== undefined) {
          fail[next] = delta[fail[s] * ALPHABET + c];
          delta[s * ALPHABET + c] = next;
          queue.push(next);
        } else {
          delta[s * ALPHABET + c] = delta[fail[s] * ALPHABET + c];
        }
      }
    }
    this.delta = delta;
    this.outputs = out.map((ids) => (ids.length ? ids : null));
  }

  /** Calls `onHit` for every keyword occurrence, in text order. */
  scan(text: string, onHit: (keyword: number, offset: number, lineStart: number) => void): void {
    const { delta, outputs } = this;
    let state = 0;
    let lineStart = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c === 10) lineStart = i + 1;
      if (c >= ALPHABET)
        c = 0; // non-ASCII never appears in a keyword
      else if (c >= 65 && c <= 90) c += 32;
      state = delta[state * ALPHABET + c];
      const ids = outputs[state];
      if (ids !== null) for (let k = 0; k < ids.length; k++) onHit(ids[k], i, lineStart);
    }
  }
}
