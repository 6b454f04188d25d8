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
  /**
   * Transition table, one row of ALPHABET entries per state: the next state + 1, or 0 while
   * not yet worked out. The trie's own edges are filled when it is built; every other entry
   * (a failure-link detour) the first time a text takes it, so this is a lazily built DFA.
   * Building the whole table up front (about 11,500 states × 128) was a third of the CLI's
   * start-up, and a text only ever visits a small part of it; the rows never visited stay
   * untouched zero pages, which the process never has to hold in memory.
   */
  private readonly delta: Int32Array;
  /** Per state: the state of its longest proper suffix that is also a trie prefix. */
  private readonly fail: Int32Array;
  /** Per state: ids of keywords that end there (including through failure links), or null. */
  private readonly outputs: (number[] | null)[];

  constructor(readonly keywords: readonly string[]) {
    let capacity = 1;
    for (const k of keywords) capacity += k.length;
    const delta = new Int32Array(capacity * ALPHABET);
    const parent = [0];
    const via = [0];
    const depth = [0];
    const out: number[][] = [[]];
    keywords.forEach((raw, id) => {
      let state = 0;
      for (const ch of raw.toLowerCase()) {
        const code = ch.charCodeAt(0);
        if (code >= ALPHABET) throw new Error(`keyword "${raw}" is not ASCII`);
        const slot = state * ALPHABET + code;
        if (delta[slot] === 0) {
          delta[slot] = parent.length + 1;
          parent.push(state);
          via.push(code);
          depth.push(depth[state] + 1);
          out.push([]);
        }
        state = delta[slot] - 1;
      }
      out[state].push(id);
    });
    this.delta = delta;
    const states = parent.length;
    this.fail = new Int32Array(states);
    this.outputs = out as (number[] | null)[];

    // Failure links in breadth-first order (a state's failure state is shallower, so it is done first).
    const byDepth: number[][] = [];
    for (let s = 1; s < states; s++) (byDepth[depth[s]] ??= []).push(s);
    for (const level of byDepth) {
      for (const s of level ?? []) {
        const p = parent[s];
        const f = p === 0 ? 0 : this.next(this.fail[p], via[s]);
        this.fail[s] = f;
        if (out[f].length) out[s] = out[s].concat(out[f]);
      }
    }
    for (let s = 0; s < states; s++) if (!out[s].length) this.outputs[s] = null;
  }

  /** The transition from `state` on `code`, worked out (and kept) on first use. */
  private next(state: number, code: number): number {
    const slot = state * ALPHABET + code;
    const known = this.delta[slot];
    if (known !== 0) return known - 1;
    const to = state === 0 ? 0 : this.next(this.fail[state], code);
    this.delta[slot] = to + 1;
    return to;
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
      const known = delta[state * ALPHABET + c];
      state = known !== 0 ? known - 1 : this.next(state, c);
      const ids = outputs[state];
      if (ids !== null) for (let k = 0; k < ids.length; k++) onHit(ids[k], i, lineStart);
    }
  }
}
