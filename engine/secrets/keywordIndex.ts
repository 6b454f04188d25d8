/**
 * One pass over the text finds every rule keyword at once (Aho–Corasick automaton over
 * lower-cased ASCII), so regexes only run on the few lines that can match.
 */

const ALPHABET = 128;

/**
 * The automaton reads characters by class: one class per character that some keyword holds
 * (an upper-case letter in its lower-case letter's), and class 0 for every other character,
 * which no keyword edge takes. The built-in keywords use 56 characters, so a state's row has 64
 * entries rather than 128: half the table, and the part of it a scan visits fits the caches better.
 */
interface CharacterClasses {
  /** ASCII code → class. */
  classOf: Uint8Array;
  /** log2 of a row's length (a power of two holding every class). */
  shift: number;
}

function characterClasses(codes: ArrayLike<number>): CharacterClasses {
  const classOf = new Uint8Array(ALPHABET);
  let count = 1;
  for (let i = 0; i < codes.length; i++) if (classOf[codes[i]] === 0) classOf[codes[i]] = count++;
  for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32];
  let shift = 0;
  while (1 << shift < count) shift++;
  return { classOf, shift };
}

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
   * Transition table, one row of `1 << shift` entries (one per character class) per state, the
   * root's row first after an unused one. An entry is where the next state's row starts (its
   * offset in this table), negated when keywords end in that state (so the scan looks up outputs
   * only then), or 0 while not yet worked out. Entries hold row offsets rather than states so
   * that the scan's step from one character to the next is one load and one add: that chain of
   * dependent loads is what the scan's time goes to (a state number to multiply made the keyword
   * pass of an audit of the npm tree about a half slower). The trie's own edges are filled when
   * it is built; every other entry (a failure-link detour) the first time a text takes it, so
   * this is a lazily built DFA. Building the whole table up front (about 13,000 states) was a
   * third of the CLI's start-up, and a text only ever visits a small part of it; the rows never
   * visited stay untouched zero pages, which the process never has to hold in memory.
   */
  private readonly delta: Int32Array;
  private readonly classOf: Uint8Array;
  private readonly shift: number;
  /** Per state: the state of its longest proper suffix that is also a trie prefix. */
  private readonly fail: Int32Array;
  /** Per state: ids of keywords that end there (including through failure links), or null. */
  private readonly outputs: (number[] | null)[];
  /**
   * The trie's edges, for `toData`: per state, the state it is reached from and on which
   * character; from state 1 when loaded (the data's arrays as they are), from the root when built.
   */
  private readonly edges: { parent: ArrayLike<number>; via: ArrayLike<number>; first: 0 | 1 };
  /** keyword → id, made on first use. */
  private ids?: Map<string, number>;

  /** Builds the automaton of `keywords`, or loads the one `data` (from `toData`) holds. */
  constructor(keywords: readonly string[], data?: KeywordIndexData) {
    this.keywords = keywords;
    if (data) {
      // Every engine (each audit worker too) loads this before its first scan, in code not yet
      // compiled: the loop over the ~14,000 states is kept to plain loads and stores (rows worked
      // out inline, the failure states copied in one call, the data's arrays kept as they are).
      // Loading the built-in automaton took 16-27 ms per thread with a method call per row and
      // copies of two arrays.
      const states = data.parent.length + 1;
      const { parent, via, outputStates, outputIds } = data;
      // Every character of a keyword is on some trie edge.
      const { classOf, shift } = characterClasses(via);
      this.classOf = classOf;
      this.shift = shift;
      const delta = new Int32Array((states + 1) << shift);
      this.delta = delta;
      this.fail = new Int32Array(states);
      this.fail.set(data.fail, 1);
      const outputs = new Array<number[] | null>(states).fill(null);
      this.outputs = outputs;
      for (let i = 0; i < outputStates.length; i++) outputs[outputStates[i]] = outputIds[i];
      for (let i = 0, n = parent.length; i < n; i++) {
        const to = (i + 2) << shift; // rowOf(i + 1)
        delta[((parent[i] + 1) << shift) + classOf[via[i]]] = outputs[i + 1] !== null ? -to : to;
      }
      this.edges = { parent, via, first: 1 };
      return;
    }
    const lowered = keywords.map((raw) => {
      const lower = raw.toLowerCase();
      for (let i = 0; i < lower.length; i++) if (lower.charCodeAt(i) >= ALPHABET) throw new Error(`keyword "${raw}" is not ASCII`);
      return lower;
    });
    ({ classOf: this.classOf, shift: this.shift } = characterClasses(lowered.flatMap((k) => Array.from(k, (ch) => ch.charCodeAt(0)))));
    let capacity = 1;
    for (const k of lowered) capacity += k.length;
    // While building, entries are all positive (row offsets): the signs come once the outputs are final.
    const delta = new Int32Array((capacity + 1) << this.shift);
    this.delta = delta;
    const parent = [0];
    const via = [0];
    const out: number[][] = [[]];
    lowered.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const code = keyword.charCodeAt(i);
        const slot = this.rowOf(state) + this.classOf[code];
        if (delta[slot] === 0) {
          delta[slot] = this.rowOf(parent.length);
          parent.push(state);
          via.push(code);
          out.push([]);
        }
        state = this.stateOf(delta[slot]);
      }
      out[state].push(id);
    });
    this.edges = { parent, via, first: 0 };
    const states = parent.length;
    this.fail = new Int32Array(states);
    this.outputs = out as (number[] | null)[];

    // Failure links in breadth-first order (a state's failure state is shallower, so it is done
    // first), following failure chains over the trie's own edges: the table holds nothing else
    // until the outputs, which its signs depend on, are final.
    for (const s of breadthFirst(parent)) {
      if (s === 0 || parent[s] === 0) continue;
      const c = this.classOf[via[s]];
      let f = this.fail[parent[s]];
      while (delta[this.rowOf(f) + c] === 0 && f !== 0) f = this.fail[f];
      const edge = delta[this.rowOf(f) + c];
      f = edge === 0 ? 0 : this.stateOf(edge);
      this.fail[s] = f;
      if (out[f].length) out[s] = out[s].concat(out[f]);
    }
    for (let s = 0; s < states; s++) if (!out[s].length) this.outputs[s] = null;
    for (let s = 1; s < states; s++) if (this.outputs[s] !== null) delta[this.rowOf(parent[s]) + this.classOf[via[s]]] = -this.rowOf(s);
  }

  /** Where a state's row starts in `delta` (row 0 is unused: an entry 0 means "not worked out"). */
  private rowOf(state: number): number {
    return (state + 1) << this.shift;
  }

  /** The state whose row starts at `row` (either sign). */
  private stateOf(row: number): number {
    return (Math.abs(row) >> this.shift) - 1;
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
    const { first } = this.edges;
    const parentOf = first ? [0, ...Array.from(this.edges.parent)] : this.edges.parent;
    const viaOf = (state: number) => this.edges.via[state - first];
    const order = breadthFirst(parentOf);
    const number = new Int32Array(order.length);
    order.forEach((s, i) => (number[s] = i));
    const data: KeywordIndexData = { keywords: [...this.keywords], parent: [], via: [], fail: [], outputStates: [], outputIds: [] };
    for (let i = 1; i < order.length; i++) {
      data.parent.push(number[parentOf[order[i]]]);
      data.via.push(viaOf(order[i]));
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

  /** The row reached from the state at `row` on character class `c`, worked out (and kept) on first use. */
  private next(row: number, c: number): number {
    const slot = row + c;
    const known = this.delta[slot];
    if (known !== 0) return Math.abs(known);
    const state = this.stateOf(row);
    const to = state === 0 ? row : this.next(this.rowOf(this.fail[state]), c);
    this.delta[slot] = this.outputs[this.stateOf(to)] !== null ? -to : to;
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
    const { delta, outputs, classOf, shift } = this;
    let row = this.rowOf(0);
    let i = from;
    for (;;) {
      // The hot loop of every scan: a table lookup folds case and classes, and the entry is the
      // next row's offset. It stops only where keywords end or the table lacks the entry: kept
      // apart from what is done then, it runs about a fifth faster (V8 keeps it in registers).
      let known = 0;
      let c = 0;
      for (; i < to; i++) {
        const code = text.charCodeAt(i);
        c = 0; // non-ASCII never appears in a keyword
        if (code < ALPHABET) {
          c = classOf[code];
          if (code === 10) lineStart = i + 1;
        }
        known = delta[row + c];
        if (known <= 0) break;
        row = known;
      }
      if (i >= to) return;
      row = known < 0 ? -known : this.next(row, c);
      const ids = outputs[(row >> shift) - 1];
      if (ids !== null) for (let k = 0; k < ids.length; k++) onHit(ids[k], i, lineStart);
      i++;
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
