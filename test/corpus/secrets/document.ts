/**
 * A corpus file is written as a tagged template: `code\`TOKEN = "${secret(v, meta)}"\``. Each
 * marked value becomes a label with its exact offsets, so labels never drift from the text.
 */

/** What a positive label says about the secret it marks. */
export interface SecretMeta {
  /** Provider or kind of credential ("Stripe", "PostgreSQL URI", "RSA private key"). */
  provider: string;
  /** Group for the per-category figures: cloud, ai, source-ci, keys, uri, generic... */
  group: string;
}

export interface Mark {
  kind: 'secret' | 'negative';
  value: string;
  /** secret: provider and group; negative: what makes it look dangerous (`uuid`, `placeholder`...). */
  provider: string;
  group: string;
}

/** A piece of text with its marked values; offsets are relative to the piece. */
export interface Piece {
  text: string;
  marks: Array<Mark & { start: number; end: number }>;
}

export const secret = (value: string, meta: SecretMeta): Mark => ({ kind: 'secret', value, ...meta });
export const negative = (value: string, kind: string, group = kind): Mark => ({ kind: 'negative', value, provider: kind, group });

export function isMark(v: unknown): v is Mark {
  return typeof v === 'object' && v !== null && 'kind' in v && 'value' in v;
}

/** Tagged template: interpolated marks are recorded with their offsets; pieces are spliced in. */
export function code(strings: TemplateStringsArray, ...values: Array<string | number | Mark | Piece>): Piece {
  let text = strings[0];
  const marks: Piece['marks'] = [];
  values.forEach((v, i) => {
    if (isMark(v)) {
      marks.push({ ...v, start: text.length, end: text.length + v.value.length });
      text += v.value;
    } else if (typeof v === 'object') {
      for (const m of v.marks) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
      text += v.text;
    } else text += String(v);
    text += strings[i + 1];
  });
  return { text, marks };
}

/** Joins pieces with newlines, keeping their marks. */
export function lines(...pieces: Array<Piece | string>): Piece {
  const out: Piece = { text: '', marks: [] };
  pieces.forEach((p, i) => {
    const piece = typeof p === 'string' ? { text: p, marks: [] } : p;
    if (i > 0) out.text += '\n';
    for (const m of piece.marks) out.marks.push({ ...m, start: m.start + out.text.length, end: m.end + out.text.length });
    out.text += piece.text;
  });
  return out;
}

/** One labelled file of the corpus. */
export interface CorpusDocument {
  path: string;
  /** Where the file's syntax comes from (python, dotenv, shell-history, kubernetes-secret...). */
  context: string;
  text: string;
  marks: Piece['marks'];
}
