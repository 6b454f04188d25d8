/**
 * A rehearsal of typing into a large open document, for the language server's idle time after the
 * file is opened and before the user types.
 *
 * The first keystrokes after a 5,000-line Terraform, Kubernetes, workflow, CDK or Pulumi file is
 * opened cost two to three times what later ones do: the re-check's code runs unoptimised until V8
 * has seen it run, and V8's optimising compiler then competes with it for the two cores. With both
 * cores busy (a build beside the editor) that was the whole of the re-check's 95th percentile over
 * the first 60 keystrokes (bench/RESULTS.md, "typing rehearsal"). Typing a few characters into the
 * document's own text, and scanning each, runs that same code on that same kind of file while the
 * user is still reading it.
 *
 * Each step is one scan of the document with a typed character more, through the document's own
 * memo and the engine's kept parses: what is kept between scans is always checked against the
 * text (a kept value is what reading it again would give), so these scans change no result. The
 * last step scans the document's text again, leaving what is kept as after its last real scan.
 * A rehearsal is one per family of file (its file kind and the IaC analysis its scans run) per
 * process: the compiled code is the process's.
 */

/** Lines typed into, spread over the document, and characters typed at the end of each. */
export const REHEARSAL_LINES = 5;
export const REHEARSAL_KEYS_PER_LINE = 8;

/** Families rehearsed in this process (V8's compiled code is the process's, whatever engine scans). */
const rehearsed = new Set<string>();

/** One scan per `step()`; false once the rehearsal is over. */
export interface Rehearsal {
  readonly family: string;
  step(): boolean;
}

/**
 * A rehearsal of typing into `text` with `scan`, or undefined when one of `family` ran in this
 * process already (or the family is unknown: the document was not scanned with a memo yet).
 */
export function typingRehearsal(text: string, family: string | undefined, scan: (text: string) => void): Rehearsal | undefined {
  if (family === undefined || rehearsed.has(family)) return undefined;
  rehearsed.add(family);
  const texts = typedTexts(text, REHEARSAL_LINES, REHEARSAL_KEYS_PER_LINE);
  return {
    family,
    step() {
      const next = texts.next();
      if (next.done) return false;
      scan(next.value);
      return true;
    },
  };
}

/** How many lines on from a spread point a line ending in a word is looked for. */
const LINES_LOOKED_AT = 50;

/**
 * Where a line at or after `from` ends in a letter, digit or underscore (typing there goes on
 * with a word, as most typing does, rather than breaking the syntax after a bracket); else the
 * end of the line at `from`.
 */
function wordLineEnd(text: string, from: number): number {
  let first = -1;
  let at = from;
  for (let i = 0; i < LINES_LOOKED_AT && at <= text.length; i++) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline > 0 && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    if (first < 0) first = end;
    if (end > 0 && /\w/.test(text[end - 1])) return end;
    if (newline < 0) break;
    at = newline + 1;
  }
  return first;
}

/**
 * The texts of typing `perLine` characters at the end of `lines` lines spread over `text`, one
 * character more each, and last `text` itself. The lines are typed into from the last one up,
 * so the offsets found in `text` hold for the lines still to come.
 */
export function* typedTexts(text: string, lines: number, perLine: number): Generator<string> {
  const ends: number[] = [];
  for (let i = lines; i >= 1; i--) {
    const end = wordLineEnd(text, Math.floor((text.length * i) / (lines + 1)));
    // (Two spread points may meet the same line in a short text: it is typed into once.)
    if (ends.length === 0 || end < ends[ends.length - 1]) ends.push(end);
  }
  let current = text;
  for (const end of ends) {
    for (let k = 0; k < perLine; k++) {
      current = current.slice(0, end + k) + 'x' + current.slice(end + k);
      yield current;
    }
  }
  yield text;
}

/** Forgets the families rehearsed (for tests). */
export function forgetRehearsals(): void {
  rehearsed.clear();
}
