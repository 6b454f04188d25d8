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

/** Only YAML naming one of these modules is read: a substring test before parsing. */
export function mayBeAnsibleIam(text: string): boolean {
  return /\b(?:amazon\.aws|community\.aws)\.iam_|\b(?:kubernetes\.core|community\.kubernetes)\.k8s\b|^\s*-?\s*(?:iam_policy|iam_managed_policy|iam_role|iam_access_key|k8s):/m.test(
    text,
  );
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
