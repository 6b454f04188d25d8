/**
 * GitLab CI pipelines (`.gitlab-ci.yml` and included `*.gitlab-ci.yml` files): static cloud keys
 * handed to jobs, where GitLab's OIDC `id_tokens:` can be exchanged for short-lived cloud
 * credentials instead. The same finding as `gha-static-cloud-credentials` for GitHub Actions:
 * cloud key variables in a `variables:` block (global, `default:` or a job's), and script lines
 * that log in with a stored key (`aws configure set aws_access_key_id …`, `export
 * AWS_SECRET_ACCESS_KEY=…`, `az login --service-principal` with a password, `gcloud auth
 * activate-service-account --key-file …`), also in a hidden script fragment (`.login: &login`)
 * jobs splice in. One finding per cloud and place: a key pair is one key.
 */
import type { IssueFrom } from '../iacIssue';
import { staticLoginCloud, TEMPORARY_AWS_KEYS } from '../staticCloudLogins';
import { entry, stringValue, type MapEntry, type SourceNode } from '../sourceTree';

type PipelineIssue = IssueFrom<'gitlab-ci'>;

const PIPELINE_PATH = /(?:^|[\\/])(?:[^\\/]*\.)?gitlab-ci\.ya?ml$/i;

/** `.gitlab-ci.yml`, or a file meant for `include:` named `*.gitlab-ci.yml`. */
export const isGitlabCiPath = (path: string) => PIPELINE_PATH.test(path);

/** Top-level keys of a pipeline that are not jobs. */
const GLOBAL_KEYWORDS = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

const STATIC_VARIABLE =
  /^(?:AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|GOOGLE_CREDENTIALS|GOOGLE_APPLICATION_CREDENTIALS_JSON|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/;

const cloudOf = (name: string) => (name.startsWith('AWS_') ? 'AWS' : name.startsWith('GOOGLE_') ? 'Google Cloud' : 'Azure');

const OIDC_HINT: Record<string, string> = {
  AWS: '`id_tokens:` with `aws sts assume-role-with-web-identity`',
  Azure: '`id_tokens:` with `az login --federated-token`',
  'Google Cloud': '`id_tokens:` with Workload Identity Federation',
};

/** Variables of one `variables:` block that hold cloud keys, one finding per cloud. */
function variableIssues(variables: SourceNode | undefined, where: string): PipelineIssue[] {
  if (variables?.type !== 'map') return [];
  const byCloud = new Map<string, MapEntry[]>();
  for (const e of variables.entries.filter((x) => STATIC_VARIABLE.test(x.key)))
    byCloud.set(cloudOf(e.key), [...(byCloud.get(cloudOf(e.key)) ?? []), e]);
  return [...byCloud].map(([cloud, [e, ...others]]) => ({
    check: 'gitlab-static-cloud-credentials',
    start: e.keyStart,
    end: e.keyEnd,
    resource: where,
    subject: `${where}|variables:${e.key}`,
    message: `${where} sets the static ${cloud} credential ${[e, ...others].map((x) => x.key).join(' and ')}: use OIDC federation (${OIDC_HINT[cloud]}), nothing to leak or rotate`,
    ...(others.length
      ? { related: others.map((o) => ({ start: o.keyStart, end: o.keyEnd, message: `${o.key}: part of the same ${cloud} credential` })) }
      : {}),
  }));
}

/** Script items, nested lists (from YAML anchors) flattened. */
function scriptLines(node: SourceNode | undefined): SourceNode[] {
  if (!node) return [];
  if (node.type === 'seq') return node.items.flatMap(scriptLines);
  return node.type === 'scalar' ? [node] : [];
}

/** Script lines of one job (or of `default:`) that log in with a stored key: the first line per cloud. */
function scriptIssues(scope: SourceNode, where: string): PipelineIssue[] {
  const lines = ['before_script', 'script', 'after_script'].flatMap((key) => scriptLines(entry(scope, key)?.value));
  return loginIssues(lines, where, !!entry(scope, 'id_tokens'));
}

function loginIssues(lines: SourceNode[], where: string, idTokens: boolean): PipelineIssue[] {
  const found = new Map<string, SourceNode>();
  const texts = lines.map((line) => stringValue(line) ?? '');
  // The OIDC recipe sets the same variables from `aws sts assume-role-with-web-identity`: those keys expire.
  const temporaryAws = idTokens || texts.some((t) => TEMPORARY_AWS_KEYS.test(t));
  lines.forEach((line, i) => {
    const cloud = staticLoginCloud(texts[i], temporaryAws);
    if (cloud && !found.has(cloud)) found.set(cloud, line);
  });
  return [...found].map(([cloud, line]) => ({
    check: 'gitlab-static-cloud-credentials',
    start: line.start,
    end: line.end,
    resource: where,
    subject: `${where}|script:${cloud}`,
    message: `${where} logs in to ${cloud} with a stored static key: use OIDC federation (${OIDC_HINT[cloud]}), nothing to leak or rotate`,
  }));
}

export function analyseGitlabCi(pipeline: SourceNode): PipelineIssue[] {
  if (pipeline.type !== 'map') return [];
  const issues: PipelineIssue[] = [...variableIssues(entry(pipeline, 'variables')?.value, 'the pipeline')];
  issues.push(...scriptIssues(pipeline, 'the pipeline'));
  const defaults = entry(pipeline, 'default')?.value;
  if (defaults) issues.push(...variableIssues(entry(defaults, 'variables')?.value, 'default'), ...scriptIssues(defaults, 'default'));
  for (const job of pipeline.entries) {
    // A hidden key holding a list is a script fragment jobs splice in with an alias
    // (`.login: &login` … `script: [*login, …]`). Aliases are not expanded (yamlSource.ts), so
    // its lines are read once, where they are written.
    if (job.key.startsWith('.') && job.value.type === 'seq')
      issues.push(...loginIssues(scriptLines(job.value), `script ${job.key}`, false));
    if (GLOBAL_KEYWORDS.has(job.key) || job.value.type !== 'map') continue;
    const where = `job ${job.key}`;
    issues.push(...variableIssues(entry(job.value, 'variables')?.value, where), ...scriptIssues(job.value, where));
  }
  return issues;
}
