/**
 * Helm chart templates (`templates/*.yaml`) read as Kubernetes manifests without rendering them
 * through a binary: every `{{ … }}` action is blanked at the same length, so the YAML parses and
 * every offset still points into the file as written; values an action produced are unknown.
 */
import type { SourceNode } from '../sourceTree';
import { parseYamlSource, type YamlParseResult } from '../yamlSource';

/** A `.yaml` file directly under a `templates` folder (the chart's own or a subchart's). */
export function isHelmTemplatePath(path: string): boolean {
  return /(?:^|[\\/])templates[\\/](?:[^\\/]+[\\/])*[^\\/]+\.ya?ml$/i.test(path);
}

/** A `{{ … }}` action; `startsLine` when only blanks precede it on its line (it may write whole keys). */
export interface TemplateAction {
  start: number;
  end: number;
  startsLine: boolean;
}

export interface HelmParse extends YamlParseResult {
  /** The actions, in order, as offsets into the file. */
  actions: TemplateAction[];
}

/** The `{{ … }}` spans of a template; an unclosed action runs to the end of the text. */
export function templateActions(text: string): TemplateAction[] {
  const actions: TemplateAction[] = [];
  let at = text.indexOf('{{');
  while (at >= 0) {
    const close = text.indexOf('}}', at + 2);
    const end = close < 0 ? text.length : close + 2;
    actions.push({ start: at, end, startsLine: text.slice(text.lastIndexOf('\n', at - 1) + 1, at).trim() === '' });
    at = text.indexOf('{{', end);
  }
  return actions;
}

/**
 * Parses a Helm template: an action alone on its line (`{{- if … }}`, `{{ include … | nindent 4 }}`)
 * becomes blank space; an action inside a line (`name: {{ .Release.Name }}-sa`) becomes a run of
 * letters, so the scalar around it still parses, and that scalar is then an unknown value.
 */
export function parseHelmTemplate(text: string): HelmParse {
  const actions = templateActions(text);
  if (!actions.length) return { ...parseYamlSource(text), actions };
  const out: string[] = [];
  let last = 0;
  for (const a of actions) {
    out.push(text.slice(last, a.start));
    // Alone: nothing but blanks and other actions on its lines (`{{- if x }}{{ include … }}{{- end }}`).
    const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
    const lineEnd = text.indexOf('\n', a.end);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const alone = line.length < 4096 && line.replace(/\{\{[\s\S]*?(?:\}\}|$)/g, '').trim() === '';
    const span = text.slice(a.start, a.end);
    // Newlines inside an action are kept, so line numbers do not move.
    out.push(alone ? span.replace(/[^\n]/g, ' ') : span.replace(/[^\n]/g, 'x').replace(/x*\n[x\n]*/g, (m) => m.replace(/x/g, ' ')));
    last = a.end;
  }
  out.push(text.slice(last));
  const parsed = parseYamlSource(out.join(''));
  return { documents: parsed.documents.map((d) => unknownWhereTemplated(d, actions, text)), error: parsed.error, actions };
}

/** Replaces every scalar that overlaps an action by an unknown value holding the template text. */
function unknownWhereTemplated(node: SourceNode, actions: TemplateAction[], text: string): SourceNode {
  // Actions are sorted and disjoint: the last one starting before `end` is the only candidate.
  const overlaps = (start: number, end: number) => {
    const stop = Math.max(end, start + 1);
    let lo = 0;
    let hi = actions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (actions[mid].start < stop) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && actions[lo - 1].end > start;
  };
  switch (node.type) {
    case 'map':
      return {
        ...node,
        entries: node.entries
          .filter((e) => !overlaps(e.keyStart, e.keyEnd))
          .map((e) => ({ ...e, value: unknownWhereTemplated(e.value, actions, text) })),
      };
    case 'seq':
      return { ...node, items: node.items.map((i) => unknownWhereTemplated(i, actions, text)) };
    case 'scalar':
      return overlaps(node.start, node.end)
        ? { type: 'expr', text: text.slice(node.start, node.end), start: node.start, end: node.end }
        : node;
    default:
      return node;
  }
}

/**
 * Whether one of `actions` sits inside the span of a block map (a document's `metadata`, for
 * labels or annotations from `include` or `.Values`): then an owner label may well be rendered,
 * and cannot be denied.
 */
export function hasTemplatedPart(node: SourceNode | undefined, actions: TemplateAction[], text: string): boolean {
  if (!node) return false;
  // The span of a block map ends at its last value; an action on the following lines of the
  // same indentation still belongs to it, so the span is extended to the next less-indented line.
  const lineStart = text.lastIndexOf('\n', node.start - 1) + 1;
  const indent = node.start - lineStart;
  let end = node.end;
  const rest = /\n( *)\S/g;
  rest.lastIndex = end;
  for (let m = rest.exec(text); m; m = rest.exec(text)) {
    if (m[1].length < indent) break;
    end = m.index + m[0].length;
  }
  return actions.some((a) => a.start >= lineStart && a.start < end);
}
