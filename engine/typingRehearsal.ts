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
 * text (a kept value is what reading it again would give), so these scans change no result. After
 * each line the typed characters are taken back (one small edit, as a user's backspaces are),
 * leaving what is kept as after the document's last real scan. A family of file (its file kind and
 * the IaC analysis its scans run) is rehearsed once per process, counted when a rehearsal of it
 * finishes: the compiled code is the process's. Texts past `REHEARSAL_MAX_CHARS` are not rehearsed:
 * their scans no longer fit what is kept between scans, and each step would cost a whole scan.
 */

/** Lines typed into, spread over the document, and characters typed at the end of each. */
export const REHEARSAL_LINES = 5;
export const REHEARSAL_KEYS_PER_LINE = 8;
/** The largest text rehearsed (a 5,000-line stack or manifest is 100-300 K characters). */
export const REHEARSAL_MAX_CHARS = 512 * 1024;

/** Families rehearsed to the end in this process (V8's compiled code is the process's, whatever engine scans). */
const rehearsed = new Set<string>();

/** One scan per `step()`; false once the rehearsal is over. */
export interface Rehearsal {
  readonly family: string;
  step(): boolean;
}

/** Whether a rehearsal of `family` may still run in this process. */
export const mayRehearse = (family: string | undefined): family is string => family !== undefined && !rehearsed.has(family);

/**
 * A rehearsal of typing into `text` with `scan`, or undefined when one of `family` finished in
 * this process already, the family is unknown (the document was not scanned with a memo yet) or
 * the text is too large.
 */
export function typingRehearsal(text: string, family: string | undefined, scan: (text: string) => void): Rehearsal | undefined {
  if (!mayRehearse(family) || text.length > REHEARSAL_MAX_CHARS) return undefined;
  const texts = typedTexts(text, REHEARSAL_LINES, REHEARSAL_KEYS_PER_LINE);
  return {
    family,
    step() {
      const next = texts.next();
      if (next.done) {
        rehearsed.add(family);
        return false;
      }
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
 * character more each, and after each line `text` itself again (the characters taken back).
 */
export function* typedTexts(text: string, lines: number, perLine: number): Generator<string> {
  const ends: number[] = [];
  for (let i = 1; i <= lines; i++) {
    const end = wordLineEnd(text, Math.floor((text.length * i) / (lines + 1)));
    // (Two spread points may meet the same line in a short text: it is typed into once.)
    if (ends.length === 0 || end > ends[ends.length - 1]) ends.push(end);
  }
  for (const end of ends) {
    const head = text.slice(0, end);
    const tail = text.slice(end);
    for (let k = 1; k <= perLine; k++) yield head + 'x'.repeat(k) + tail;
    yield text;
  }
}

/** Forgets the families rehearsed (for tests). */
export function forgetRehearsals(): void {
  rehearsed.clear();
}
