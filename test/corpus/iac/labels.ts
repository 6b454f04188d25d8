/**
 * A labelled IaC case is written as text with regions marked around the statement, RBAC rule,
 * binding or resource a label is about. `region(label, text)` wraps text in invisible markers;
 * `iacDocument` strips them and records each label with the offsets of its region, so labels
 * never drift from the text whatever the renderer does with indentation.
 */

/** Which measurement a label belongs to: the rule category of the checks it is about. */
export type Family = 'permission' | 'ownership' | 'credential-lifetime';

export interface IacLabel {
  kind: 'positive' | 'negative';
  /** Positive: the checks any of which counts as finding it. Negative: empty. */
  checks: string[];
  family: Family;
  /** Group for the per-category figures: aws-identity, aws-trust, k8s-rbac, gha... */
  category: string;
  /** How the case is written: tf-jsonencode, cfn-yaml, k8s-yaml... */
  form: string;
  /** What the case is, for listings: `s3:* on *`. */
  name: string;
}

export interface LabelAt extends IacLabel {
  file: string;
  start: number;
  end: number;
  line: number;
}

export interface IacDocument {
  path: string;
  text: string;
  labels: LabelAt[];
}

const OPEN = '\u0001';
const MID = '\u0002';
const CLOSE = '\u0003';
const pending: IacLabel[] = [];

/** Marks `text` as the region of `label`. Regions do not nest. */
export function region(label: IacLabel, text: string): string {
  pending.push(label);
  return `${OPEN}${pending.length - 1}${MID}${text}${CLOSE}`;
}

/** Strips the markers of `marked` and returns the document with its labels. */
export function iacDocument(path: string, marked: string): IacDocument {
  const labels: LabelAt[] = [];
  let text = '';
  let i = 0;
  let line = 1;
  let open: { label: IacLabel; start: number; line: number } | undefined;
  while (i < marked.length) {
    const c = marked[i];
    if (c === OPEN) {
      const mid = marked.indexOf(MID, i);
      open = { label: pending[Number(marked.slice(i + 1, mid))], start: text.length, line };
      i = mid + 1;
    } else if (c === CLOSE) {
      if (!open) throw new Error(`unbalanced region in ${path}`);
      labels.push({ ...open.label, file: path, start: open.start, end: text.length, line: open.line });
      open = undefined;
      i++;
    } else {
      if (c === '\n') line++;
      text += c;
      i++;
    }
  }
  if (open) throw new Error(`unclosed region in ${path}`);
  return { path, text, labels };
}

/** Forgets the labels of regions already turned into documents (one corpus build at a time). */
export function resetRegions(): void {
  pending.length = 0;
}

export const positive = (
  checks: string | string[],
  category: string,
  form: string,
  name: string,
  family: Family = 'permission',
): IacLabel => ({
  kind: 'positive',
  checks: Array.isArray(checks) ? checks : [checks],
  family,
  category,
  form,
  name,
});

export const negative = (category: string, form: string, name: string, family: Family = 'permission'): IacLabel => ({
  kind: 'negative',
  checks: [],
  family,
  category,
  form,
  name,
});
