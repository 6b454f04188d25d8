/**
 * Ansible playbooks and task files that manage AWS IAM or Kubernetes RBAC: the tasks of the
 * `amazon.aws`/`community.aws` IAM modules (policies, roles, users, groups, access keys) become resources of the Pulumi YAML program shape (see
 * pulumi/pulumiCodeProgram.ts), so their policies go through the same AWS analysis, and the
 * inline `definition:` of `kubernetes.core.k8s` tasks goes to the Kubernetes checks as a manifest.
 * Values Ansible fills in (`{{ lookup('file', …) }}`, `{{ var }}`) are not policies or manifests
 * and are never reported.
 */
import { codeProgram, asToJson, type CodeResource } from '../pulumi/pulumiCodeProgram';
import { get, itemsOf, stringValue, type MapEntry, type MapNode, type SourceNode } from '../sourceTree';

/**
 * Only YAML naming one of these modules is read: a test of the text before parsing, asked of
 * every YAML file on every keystroke. It says what this regex says:
 * `\b(?:amazon\.aws|community\.aws)\.iam_|\b(?:kubernetes\.core|community\.kubernetes)\.k8s\b|^\s*-?\s*(?:iam_policy|iam_managed_policy|iam_role|iam_access_key|k8s):` (multiline),
 * whose every match holds `iam_` or `k8s`: it looks around each of those (Kubernetes manifests
 * hold `k8s` in every RBAC `apiVersion`), not at every line start of the file.
 */
export function mayBeAnsibleIam(text: string): boolean {
  for (let at = text.indexOf('iam_'); at >= 0; at = text.indexOf('iam_', at + 1)) {
    if (after(text, at - 11, 'amazon.aws.') || after(text, at - 14, 'community.aws.')) return true;
    if (
      (text.startsWith('iam_policy:', at) ||
        text.startsWith('iam_managed_policy:', at) ||
        text.startsWith('iam_role:', at) ||
        text.startsWith('iam_access_key:', at)) &&
      listItemKey(text, at)
    )
      return true;
  }
  for (let at = text.indexOf('k8s'); at >= 0; at = text.indexOf('k8s', at + 1)) {
    if ((after(text, at - 16, 'kubernetes.core.') || after(text, at - 21, 'community.kubernetes.')) && !isWordChar(text.charCodeAt(at + 3)))
      return true;
    if (text.startsWith('k8s:', at) && listItemKey(text, at)) return true;
  }
  return false;
}

/** `word` at `at`, at the start of a word (`\b` before its first, a word character). */
function after(text: string, at: number, word: string): boolean {
  return at >= 0 && text.startsWith(word, at) && (at === 0 || !isWordChar(text.charCodeAt(at - 1)));
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Line terminators, where `^` of a multiline regex matches after. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * Whether `^\s*-?\s*` (multiline) can end at `at`: blanks and at most one `-` back to a line
 * start. Such a run crossing a line end also has a match from the last line start before `at`.
 */
function listItemKey(text: string, at: number): boolean {
  let i = at;
  const blanksBack = () => {
    while (i > 0 && /\s/.test(text[i - 1]) && !LINE_END.test(text[i - 1])) i--;
    return i === 0 || LINE_END.test(text[i - 1]);
  };
  if (blanksBack()) return true;
  if (text[i - 1] !== '-') return false;
  i--;
  return blanksBack();
}

/** The module of a task, without its collection: `amazon.aws.iam_policy` → `iam_policy`. */
const MODULES =
  /^(?:(?:amazon\.aws|community\.aws)\.)?(iam_policy|iam_managed_policy|iam_role|iam_user|iam_group|iam_access_key)$|^(?:(?:kubernetes\.core|community\.kubernetes)\.)?(k8s)$/;
/** Keys under which a play or a block holds more tasks. */
const TASK_LISTS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'];

export interface AnsibleReading {
  /** The IAM tasks as a Pulumi-shaped program. */
  program: SourceNode;
  /** Inline Kubernetes manifests (`definition:` maps). */
  manifests: SourceNode[];
}

export function readAnsibleTasks(documents: SourceNode[]): AnsibleReading | undefined {
  const resources: CodeResource[] = [];
  const manifests: SourceNode[] = [];
  const visit = (node: SourceNode | undefined, depth: number) => {
    if (!node || depth > 16) return;
    for (const task of node.type === 'seq' ? node.items : []) {
      if (task.type !== 'map') continue;
      for (const e of task.entries) {
        const m = MODULES.exec(e.key);
        if (m?.[2]) {
          // `definition:` may also be a list of manifests; a templated string is unknown.
          for (const d of itemsOf(get(e.value, 'definition'))) if (d.type === 'map') manifests.push(d);
        } else if (m?.[1]) resources.push(...iamResources(m[1], e, task));
      }
      for (const key of TASK_LISTS) visit(get(task, key), depth + 1);
    }
  };
  for (const doc of documents) visit(doc, 0);
  if (!resources.length && !manifests.length) return undefined;
  return { program: codeProgram(resources, []), manifests };
}

/** What one IAM task creates, as Pulumi resources: the policy document, and an attachment per managed policy. */
function iamResources(module: string, task: MapEntry, taskMap: MapNode): CodeResource[] {
  const params = task.value;
  const name = stringValue(get(taskMap, 'name')) ?? stringValue(get(params, 'name')) ?? stringValue(get(params, 'policy_name')) ?? module;
  const at = { start: task.keyStart, end: task.keyEnd };
  const resource = (type: string, props: MapEntry[]): CodeResource => ({
    path: ['aws', 'iam', type],
    name,
    ...at,
    props: { type: 'map', entries: props, start: params.start, end: params.end },
  });
  const entryOf = (key: string, value: SourceNode): MapEntry => ({ key, keyStart: value.start, keyEnd: value.end, value });
  const out: CodeResource[] = [];
  // A policy is a JSON string (often a `|` block) or a YAML mapping; anything else (a lookup) is unknown.
  const policy = (node: SourceNode | undefined) =>
    node?.type === 'map' ? asToJson(node) : stringValue(node)?.includes('Statement') ? node : undefined;
  if (module === 'iam_policy') {
    const doc = policy(get(params, 'policy_json') ?? get(params, 'policy_document'));
    if (doc) out.push(resource('RolePolicy', [entryOf('policy', doc)]));
  }
  if (module === 'iam_managed_policy') {
    const doc = policy(get(params, 'policy'));
    if (doc) out.push(resource('Policy', [entryOf('policy', doc)]));
  }
  if (module === 'iam_role') {
    const trust = policy(get(params, 'assume_role_policy_document'));
    if (trust) out.push(resource('RolePolicy', [entryOf('policy', trust)]));
  }
  // A key the task creates (the default `state: present`) is a long-lived credential; removing one is not.
  if (module === 'iam_access_key' && stringValue(get(params, 'state')) !== 'absent') out.push(resource('AccessKey', []));
  for (const arn of [...itemsOf(get(params, 'managed_policies')), ...itemsOf(get(params, 'managed_policy'))])
    out.push(resource('PolicyAttachment', [entryOf('policyArn', arn)]));
  return out;
}
