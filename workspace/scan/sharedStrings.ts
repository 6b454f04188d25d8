import type { FileScan } from '../files/fileReader';

/**
 * Findings from a worker thread arrive as copies: every finding has its own rule title,
 * remediation, documentation link and path, about 0.8 KB per finding that the same finding
 * scanned on this thread shares with all the others. The pool gives them back one copy per
 * distinct value (a few hundred rules and kinds: it stays small).
 */
export class SharedStrings {
  private readonly pool = new Map<string, string>();

  private share(text: string): string {
    const known = this.pool.get(text);
    if (known !== undefined) return known;
    this.pool.set(text, text);
    return text;
  }

  /** Replaces the repeated strings of one file's scan by shared copies (in place). */
  shareScan(scan: FileScan): void {
    for (const f of scan.findings) {
      f.path = scan.path;
      f.ruleId = this.share(f.ruleId);
      f.title = this.share(f.title);
      f.category = this.share(f.category) as typeof f.category;
      f.severity = this.share(f.severity) as typeof f.severity;
      f.remediation = this.share(f.remediation);
      f.docs = this.share(f.docs);
      f.fix.fileKind = this.share(f.fix.fileKind) as typeof f.fix.fileKind;
      if (f.fix.quote) f.fix.quote = this.share(f.fix.quote);
      if (f.fix.iac) f.fix.iac.check = this.share(f.fix.iac.check) as typeof f.fix.iac.check;
    }
    for (const i of scan.identities ?? []) {
      i.path = scan.path;
      i.kind = this.share(i.kind) as typeof i.kind;
      i.provider = this.share(i.provider);
      i.credential = this.share(i.credential) as typeof i.credential;
    }
  }
}
