import { LinearGlobs, type PathGlobs } from '../rules/linearGlobs';

/** Where GitHub looks for CODEOWNERS, in its order. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** A parsed CODEOWNERS file: the last matching pattern wins, as on GitHub. */
export class CodeOwners {
  private readonly rules: Array<{ matcher: PathGlobs; owners: string[] }> = [];

  constructor(text: string) {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/(^|\s)#.*/, '').trim();
      if (!line) continue;
      const [pattern, ...owners] = line.split(/\s+/);
      try {
        // The repository's file: its globs are matched in linear time (engine/rules/linearGlobs.ts).
        this.rules.push({ matcher: new LinearGlobs([pattern]), owners });
      } catch {
        // GitHub ignores a line it cannot parse; so do we.
      }
    }
  }

  /** Owners of a repository-relative path (`/` separators); empty when none match. */
  ownersOf(relativePath: string): string[] {
    const p = relativePath.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    if (!p || p.startsWith('..')) return [];
    for (let i = this.rules.length - 1; i >= 0; i--) if (this.rules[i].matcher.ignores(p)) return this.rules[i].owners;
    return [];
  }
}
