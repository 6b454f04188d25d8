/**
 * Helm templates through the Kubernetes analysis. What a template leaves to values cannot be
 * judged without rendering, so two findings are dropped where the template decides them: a
 * missing owner label when labels or annotations are templated (`include "chart.labels"`,
 * `toYaml .Values.serviceAccount.annotations`), and a mounted default token when the pod's
 * ServiceAccount name is templated.
 */
import type { IacContext, IssueFrom } from '../iacIssue';
import { analyseKubernetes } from '../kubernetes/kubernetesAnalyzer';
import { entry, get, stringValue, type SourceNode } from '../sourceTree';
import { hasTemplatedPart, parseHelmTemplate, type TemplateAction } from './helmTemplate';

export interface HelmAnalysis {
  issues: IssueFrom<'kubernetes'>[];
  documents: SourceNode[];
  parseError?: { message: string; start: number; end: number };
}

export function analyseHelmTemplate(text: string, ctx: IacContext): HelmAnalysis {
  const parsed = parseHelmTemplate(text);
  const documents = parsed.documents.filter((d) => stringValue(get(d, 'kind'))).map((d) => namesAsWritten(d, 0));
  const issues = analyseKubernetes(documents, text, ctx).filter((issue) => {
    const doc = documents.find((d) => d.start <= issue.start && issue.start <= d.end);
    if (!doc) return true;
    if (issue.check === 'missing-owner-tag') return !ownerTemplated(doc, parsed.actions, text);
    if (issue.check === 'k8s-automount-service-account-token' && ctx.settings.automountServiceAccountToken !== 'all')
      return !accountTemplated(doc);
    return true;
  });
  return { issues, documents, parseError: parsed.error };
}

/**
 * Labels or annotations that a template action writes (or may write, inside `{{ with }}`): an
 * action alone on its line in metadata (`{{- include "chart.labels" . | nindent 4 }}`), or one
 * inside the labels or annotations. An action inside a value (`name: {{ .Release.Name }}`) adds no keys.
 */
function ownerTemplated(doc: SourceNode, actions: TemplateAction[], text: string): boolean {
  const metadata = get(doc, 'metadata');
  if (!metadata) return false;
  if (labelsUnknown(metadata)) return true;
  const blockActions = actions.filter((a) => a.startsLine);
  // Within the labels, an action in a label's value (`app.kubernetes.io/instance: {{ .Release.Name }}`) writes no key.
  const inValue = (a: TemplateAction) =>
    /^[ \t]*(?:-[ \t]+)?[^\s#{][^\n]*?:(?:[ \t]|$)/.test(text.slice(text.lastIndexOf('\n', a.start - 1) + 1, a.start));
  const inLabels = ['labels', 'annotations'].flatMap((k) => {
    const e = entry(metadata, k);
    return e ? actions.filter((a) => a.start >= e.keyStart && a.start < e.value.end && !(a.start >= e.value.start && inValue(a))) : [];
  });
  return hasTemplatedPart(metadata, blockActions, text) || inLabels.length > 0;
}

/**
 * `name: {{ .Release.Name }}-reader` becomes the name as written, so findings and fingerprints
 * tell two templated objects apart; only `name` and `namespace` values are read this way.
 */
function namesAsWritten(node: SourceNode, depth: number): SourceNode {
  if (depth > 12) return node;
  if (node.type === 'seq') return { ...node, items: node.items.map((i) => namesAsWritten(i, depth + 1)) };
  if (node.type !== 'map') return node;
  return {
    ...node,
    entries: node.entries.map((e) => ({
      ...e,
      value:
        (e.key === 'name' || e.key === 'namespace') && e.value.type === 'expr'
          ? { type: 'scalar' as const, value: e.value.text, start: e.value.start, end: e.value.end }
          : namesAsWritten(e.value, depth + 1),
    })),
  };
}

const labelsUnknown = (metadata: SourceNode) => ['labels', 'annotations'].some((k) => get(metadata, k)?.type === 'expr');

/** A pod spec whose serviceAccountName (or serviceAccount) is written by the template. */
function accountTemplated(node: SourceNode, depth = 0): boolean {
  if (depth > 12 || node.type !== 'map') return false;
  return node.entries.some(
    (e) =>
      ((e.key === 'serviceAccountName' || e.key === 'serviceAccount') && e.value.type === 'expr') || accountTemplated(e.value, depth + 1),
  );
}
