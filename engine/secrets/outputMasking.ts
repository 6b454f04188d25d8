import { maskSecret } from './masking';

/** Pieces of a secret shorter than this say nothing useful about it and are left alone. */
const MIN_PIECE = 8;
/** Runs of characters a token can be made of: what a parser error might quote of one. */
const TOKEN_RUN = /[A-Za-z0-9_\-+/=.~:@$%]{8,}/g;
/**
 * A run that shares this many characters in a row with a secret gives that much of it away, even
 * when the run is neither part of the value nor holds it: a key name made of a secret's first
 * 20 characters and more text (`ghp_1a2b…_backup`), found by the engine fuzz.
 */
const SHARED_PIECE = 12;
/** Masked texts remembered per scan at most: what a file with very many findings can hold in memory this way. */
const MAX_REMEMBERED = 4096;

/**
 * The last step before any text leaves the engine: messages, skip reasons, notes and names are
 * passed through `apply`, which masks every secret value found in the file, whole or in part
 * (a parser error quoting the first 20 characters of a key is a leak too). One chokepoint, so
 * no analyser, parser or message template has to remember it.
 */
export class OutputMask {
  private readonly values: string[];
  /** Every run of SHARED_PIECE characters of every value. */
  private readonly pieces = new Set<string>();

  constructor(values: Iterable<string>) {
    // Longest first: a value that contains another is masked as a whole.
    this.values = [...new Set([...values].filter((v) => v.length >= MIN_PIECE))].sort((a, b) => b.length - a.length);
    for (const v of this.values) for (let i = 0; i + SHARED_PIECE <= v.length; i++) this.pieces.add(v.slice(i, i + SHARED_PIECE));
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  /**
   * Texts already masked in this scan. A file with many findings passes the same texts many times
   * (one message per rule, the same key name and resource): masking is a search for every value
   * of the file in each, and on a 1 MB minified line with ~200 findings that was a fifth of a
   * re-check.
   */
  private readonly done = new Map<string, string>();

  apply(text: string): string {
    if (!this.values.length || text.length < MIN_PIECE) return text;
    const known = this.done.get(text);
    if (known !== undefined) return known;
    const masked = this.mask(text);
    if (this.done.size < MAX_REMEMBERED) this.done.set(text, masked);
    return masked;
  }

  private mask(text: string): string {
    let out = text;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(maskSecret(value));
    // A quoted piece of a secret: any token-like run that is part of a value, holds one, or shares a long piece with one.
    return out.replace(TOKEN_RUN, (run) =>
      this.values.some((v) => v.includes(run) || run.includes(v)) || this.sharesPiece(run) ? maskSecret(run) : run,
    );
  }

  private sharesPiece(run: string): boolean {
    for (let i = 0; i + SHARED_PIECE <= run.length; i++) if (this.pieces.has(run.slice(i, i + SHARED_PIECE))) return true;
    return false;
  }
}
