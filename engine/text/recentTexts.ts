/**
 * What the scans of open files keep for the next scan of the same file (kept parses, call
 * sites, search answers), per path, for the most recently scanned files only: the entries'
 * texts together stay within a budget of characters, the least recently scanned going first,
 * so memory is bounded and old versions of a file are dropped.
 */
export class RecentTexts<F extends { readonly text: string }> {
  /** Path → what its last scan kept; most recently scanned path last. */
  private readonly files = new Map<string, F>();
  private keptChars = 0;

  /** `budget`: characters of text kept, all files together. */
  constructor(private readonly budget: number) {}

  /** Makes `next` what `path`'s latest scan keeps; gives back what its previous scan kept (undefined: none, or dropped). */
  replace(path: string, next: F): F | undefined {
    const last = this.files.get(path);
    this.files.delete(path);
    this.keptChars -= last?.text.length ?? 0;
    this.files.set(path, next);
    this.keptChars += next.text.length;
    for (const [oldest, kept] of this.files) {
      if (this.keptChars <= this.budget) break;
      this.files.delete(oldest);
      this.keptChars -= kept.text.length;
    }
    return last;
  }
}
