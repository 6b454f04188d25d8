/**
 * One pass over the text finds every rule keyword at once (Aho–Corasick automaton over
 * lower-cased ASCII), so regexes only run on the few lines that can match.
 */

const ALPHABET = 128;
/** log2(ALPHABET): a state's row starts at state << ROW_SHIFT. */
const ROW_SHIFT = 7;
/** ASCII code → its lower-case code. */
const LOWER = Uint8Array.from({ length: ALPHABET }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

export interface KeywordHit {
  keyword: number;
  offset: number;
  lineStart: number;
}

/**
 * A built automaton as plain JSON data (the build writes the built-in rules' one next to the
 * bundles). States are numbered breadth-first, so a state's parent and failure state come
 * before it; state 0, the root, is implied. Loading this is a few thousand array writes, where
 * building the trie and its failure links from 1,500 keywords was the largest single part of
 * the CLI's start-up (about 18 ms).
 */
export interface KeywordIndexData {
  keywords: string[];
  /** Per state from 1: the state it is reached from, */
  parent: number[];
  /** on this lower-case ASCII character code, */
  via: number[];
  /** and the state of its longest proper suffix that is a trie prefix. */
  fail: number[];
  /** States where keywords end (through failure links too), and those keywords' ids. */
  outputStates: number[];
  outputIds: number[][];
}

export class KeywordIndex {
  /**
   * Transition table, one row of ALPHABET entries per state: the next state + 1, negated when
   * keywords end in that state (so the scan looks up outputs only then), or 0 while not yet
   * worked out. The trie's own edges are filled when it is built; every other entry
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
  /** Per state from 1, the trie edge into it: for `toData`. */
  private readonly parent: ArrayLike<number>;
  private readonly via: ArrayLike<number>;
  /** keyword → id, made on first use. */
  private ids?: Map<string, number>;

  /** Builds the automaton of `keywords`, or loads the one `data` (from `toData`) holds. */
  constructor(keywords: readonly string[], data?: KeywordIndexData) {
    this.keywords = keywords;
    if (data) {
      const states = data.parent.length + 1;
      this.delta = new Int32Array(states * ALPHABET);
      this.fail = new Int32Array(states);
      this.outputs = new Array<number[] | null>(states).fill(null);
      const { parent, via, fail } = data;
      for (let i = 0; i < data.outputStates.length; i++) this.outputs[data.outputStates[i]] = data.outputIds[i];
      for (let i = 0; i < parent.length; i++) {
        this.delta[parent[i] * ALPHABET + via[i]] = this.outputs[i + 1] !== null ? -(i + 2) : i + 2;
        this.fail[i + 1] = fail[i];
      }
      this.parent = [0, ...parent];
      this.via = [0, ...via];
      return;
    }
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
    this.parent = parent;
    this.via = via;
    const states = parent.length;
    this.fail = new Int32Array(states);
    this.outputs = out as (number[] | null)[];

    // Failure links in breadth-first order (a state's failure state is shallower, so it is done
    // first), following failure chains over the trie's own edges: the table holds nothing else
    // until the outputs, which its signs depend on, are final.
    for (const s of breadthFirst(parent)) {
      if (s === 0 || parent[s] === 0) continue;
      let f = this.fail[parent[s]];
      while (delta[f * ALPHABET + via[s]] === 0 && f !== 0) f = this.fail[f];
      f = Math.max(0, delta[f * ALPHABET + via[s]] - 1);
      this.fail[s] = f;
      if (out[f].length) out[s] = out[s].concat(out[f]);
    }
    for (let s = 0; s < states; s++) if (!out[s].length) this.outputs[s] = null;
    for (let s = 1; s < states; s++) if (this.outputs[s] !== null) delta[parent[s] * ALPHABET + via[s]] = -(s + 1);
  }

  readonly keywords: readonly string[];
  private crosses?: boolean;

  /** True when a keyword holds a line feed: only then can a hit span lines, or a line's hits depend on the line before. */
  get crossesLines(): boolean {
    return (this.crosses ??= this.keywords.some((k) => k.includes('\n')));
  }

  /** The length of the longest keyword. */
  get longest(): number {
    return (this.longestLength ??= this.keywords.reduce((max, k) => Math.max(max, k.length), 0));
  }
  private longestLength?: number;

  /** The id of a keyword, or undefined when this index does not look for it. */
  idOf(keyword: string): number | undefined {
    this.ids ??= new Map(this.keywords.map((k, id) => [k, id]));
    return this.ids.get(keyword);
  }

  /** The automaton as data, states renumbered breadth-first (what the constructor loads). */
  toData(): KeywordIndexData {
    const order = breadthFirst(this.parent);
    const number = new Int32Array(order.length);
    order.forEach((s, i) => (number[s] = i));
    const data: KeywordIndexData = { keywords: [...this.keywords], parent: [], via: [], fail: [], outputStates: [], outputIds: [] };
    for (let i = 1; i < order.length; i++) {
      data.parent.push(number[this.parent[order[i]]]);
      data.via.push(this.via[order[i]]);
      data.fail.push(number[this.fail[order[i]]]);
    }
    order.forEach((s, i) => {
      const ids = this.outputs[s];
      if (ids) {
        data.outputStates.push(i);
        data.outputIds.push([...ids]);
      }
    });
    return data;
  }

  /** The transition from `state` on `code`, worked out (and kept) on first use. */
  private next(state: number, code: number): number {
    const slot = state * ALPHABET + code;
    const known = this.delta[slot];
    if (known !== 0) return Math.abs(known) - 1;
    const to = state === 0 ? 0 : this.next(this.fail[state], code);
    this.delta[slot] = this.outputs[to] !== null ? -(to + 1) : to + 1;
    return to;
  }

  /**
   * Calls `onHit` for every keyword occurrence, in text order (by the offset of its last
   * character); from `from` to `to`, `from` being on a line that starts at `lineStart`. A scan
   * from `from` > 0 finds the keywords that start there or later, all of those of the text when
   * `from` starts a line and no keyword `crossesLines`.
   */
  scan(
    text: string,
    onHit: (keyword: number, offset: number, lineStart: number) => void,
    from = 0,
    to = text.length,
    lineStart = from,
  ): void {
    const { delta, outputs } = this;
    let state = 0;
    // The hot loop of every scan: a table lookup folds case, and a shift finds the row
    // (about a third faster over the npm tree's 47 MB than compares and a multiply).
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      let c = 0; // non-ASCII never appears in a keyword
      if (code < ALPHABET) {
        c = LOWER[code];
        if (code === 10) lineStart = i + 1;
      }
      const known = delta[(state << ROW_SHIFT) + c];
      if (known > 0) {
        state = known - 1; // the common case: a state where no keyword ends
        continue;
      }
      state = known < 0 ? -known - 1 : this.next(state, c);
      const ids = outputs[state];
      if (ids !== null) for (let k = 0; k < ids.length; k++) onHit(ids[k], i, lineStart);
    }
  }
}

/** The states of a trie given by their parents (each parent before its children), shallowest first. */
function breadthFirst(parent: ArrayLike<number>): number[] {
  const depth = new Int32Array(parent.length);
  const levels: number[][] = [[0]];
  for (let s = 1; s < parent.length; s++) {
    depth[s] = depth[parent[s]] + 1;
    (levels[depth[s]] ??= []).push(s);
  }
  return levels.flat();
}
