import type { OffsetEdit, IssueFrom } from '../iacIssue';
import { staticLoginCloud, TEMPORARY_AWS_KEYS } from '../staticCloudLogins';
import { entry, get, itemsOf, stringValue, type MapEntry, type SourceNode } from '../sourceTree';
import { indentAt, indentUnit, lineEndOf, lineStartOf } from '../textEdits';

type WorkflowIssue = IssueFrom<'github-actions'>;

/** Static cloud credentials passed to login actions, and the OIDC inputs that replace them. */
const STATIC_LOGIN: Array<{ action: RegExp; inputs: string[]; cloud: string; oidc: Record<string, string> }> = [
  {
    action: /^aws-actions\/configure-aws-credentials@/i,
    inputs: ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'],
    cloud: 'AWS',
    oidc: { 'role-to-assume': 'arn:aws:iam::<account-id>:role/<role-name>' },
  },
  {
    action: /^google-github-actions\/auth@/i,
    inputs: ['credentials_json'],
    cloud: 'Google Cloud',
    oidc: {
      workload_identity_provider: 'projects/<project-number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>',
      service_account: '<name>@<project>.iam.gserviceaccount.com',
    },
  },
  {
    action: /^azure\/login@/i,
    inputs: ['creds'],
    cloud: 'Azure',
    oidc: {
      'client-id': '${{ vars.AZURE_CLIENT_ID }}',
      'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
      'subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}',
    },
  },
];
const STATIC_ENV =
  /^(?:AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|GOOGLE_CREDENTIALS|GOOGLE_APPLICATION_CREDENTIALS_JSON|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/;
const PR_HEAD = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs\/pull\//;

function triggers(on: SourceNode | undefined): string[] {
  if (!on) return [];
  if (on.type === 'scalar') return [String(on.value)];
  if (on.type === 'seq') return on.items.flatMap((i) => (i.type === 'scalar' ? [String(i.value)] : []));
  if (on.type === 'map') return on.entries.map((e) => e.key);
  return [];
}

/** Analyses a GitHub Actions workflow file. */
export function analyseWorkflow(workflow: SourceNode, text: string): WorkflowIssue[] {
  if (workflow.type !== 'map') return [];
  const issues: WorkflowIssue[] = [];
  const jobs = get(workflow, 'jobs');
  const jobEntries = jobs?.type === 'map' ? jobs.entries : [];
  const onEntry = entry(workflow, 'on');

  const top = entry(workflow, 'permissions');
  // A reusable workflow only called by others (on: workflow_call) runs with its caller's token: the caller sets permissions.
  const onlyCalled = triggers(onEntry?.value).every((t) => t === 'workflow_call');
  if (top) issues.push(...permissionIssues(top, 'workflow'));
  else if (onEntry && !onlyCalled && jobEntries.length && !jobEntries.every((j) => entry(j.value, 'permissions'))) {
    issues.push({
      check: 'gha-missing-permissions',
      start: onEntry.keyStart,
      end: onEntry.keyEnd,
      resource: 'workflow',
      subject: 'workflow|permissions',
      message:
        'No top-level permissions: the GITHUB_TOKEN gets the repository default, which may be read-write. Declare `permissions: contents: read` and widen per job',
      fix: {
        title: 'Add read-only top-level permissions',
        edits: [
          {
            start: lineStartOf(text, onEntry.keyStart),
            end: lineStartOf(text, onEntry.keyStart),
            newText: 'permissions:\n  contents: read\n',
          },
        ],
      },
    });
  }

  const prTarget = triggers(onEntry?.value).includes('pull_request_target');
  for (const job of jobEntries) {
    const name = `job ${job.key}`;
    const perms = entry(job.value, 'permissions');
    if (perms) issues.push(...permissionIssues(perms, name));
    const secrets = get(job.value, 'secrets');
    if (secrets?.type === 'scalar' && secrets.value === 'inherit') {
      issues.push({
        check: 'gha-secrets-inherit',
        start: secrets.start,
        end: secrets.end,
        resource: name,
        subject: `${job.key}|secrets`,
        message: `${name} passes every repository and organization secret to a reusable workflow: pass only the secrets it uses`,
      });
    }
    issues.push(...envIssues(get(job.value, 'env'), name, job.key));
    // A job that exchanges an OIDC token for AWS keys (assume-role) exports temporary ones.
    const temporaryAws = itemsOf(get(job.value, 'steps')).some((st) => TEMPORARY_AWS_KEYS.test(stringValue(get(st, 'run')) ?? ''));
    for (const [i, step] of itemsOf(get(job.value, 'steps')).entries()) {
      const uses = stringValue(get(step, 'uses')) ?? '';
      const withNode = get(step, 'with');
      issues.push(...envIssues(get(step, 'env'), `${name} step ${i + 1}`, `${job.key}#${i}`));
      if (prTarget && /^actions\/checkout@/i.test(uses)) {
        const ref = get(withNode, 'ref');
        if (ref && PR_HEAD.test(ref.type === 'scalar' ? String(ref.value) : ref.type === 'expr' ? ref.text : '')) {
          issues.push({
            check: 'gha-pull-request-target-checkout',
            start: ref.start,
            end: ref.end,
            resource: name,
            subject: `${job.key}#${i}|checkout`,
            message: `${name} checks out the pull request's code in a pull_request_target workflow, which runs with secrets and a write token: untrusted code can steal them`,
          });
        }
      }
      const run = runLoginIssue(get(step, 'run'), text, name, `${job.key}#${i}`, temporaryAws);
      if (run) issues.push(run);
      const login = STATIC_LOGIN.find((l) => l.action.test(uses));
      if (login && withNode?.type === 'map') {
        const statics = withNode.entries.filter((e) => login.inputs.includes(e.key));
        if (statics.length) issues.push(staticLoginIssue(statics, login, name, `${job.key}#${i}`, text, { workflow, job }));
      }
    }
  }
  issues.push(...envIssues(get(workflow, 'env'), 'workflow', 'workflow'));
  issues.push(...compositeActionIssues(workflow, text));
  return issues;
}

/**
 * A composite action (`action.yml` with `runs: using: composite`): its steps run inside the
 * caller's job, so the same step checks apply: static cloud keys in `env:` and `run:` lines that
 * log in with a stored key. Permissions belong to the calling workflow, not to the action.
 */
function compositeActionIssues(action: SourceNode, text: string): WorkflowIssue[] {
  const runs = get(action, 'runs');
  if (stringValue(get(runs, 'using')) !== 'composite') return [];
  const steps = itemsOf(get(runs, 'steps'));
  const temporaryAws = steps.some((st) => TEMPORARY_AWS_KEYS.test(stringValue(get(st, 'run')) ?? ''));
  const issues: WorkflowIssue[] = [];
  for (const [i, step] of steps.entries()) {
    const where = `composite action step ${i + 1}`;
    issues.push(...envIssues(get(step, 'env'), where, `runs#${i}`));
    const run = runLoginIssue(get(step, 'run'), text, where, `runs#${i}`, temporaryAws);
    if (run) issues.push(run);
  }
  return issues;
}

/**
 * A `run:` step that logs in with a stored cloud key (`az login --service-principal --password`,
 * `aws configure set aws_secret_access_key`, `gcloud auth activate-service-account --key-file`):
 * the first such line, one finding per step.
 */
function runLoginIssue(
  run: SourceNode | undefined,
  text: string,
  where: string,
  subject: string,
  temporaryAws: boolean,
): WorkflowIssue | undefined {
  if (run?.type !== 'scalar' || typeof run.value !== 'string') return undefined;
  const written = text.slice(run.start, run.end);
  // Logical lines: a line ending in `\` continues on the next (`--federated-token` may be there).
  const lines: Array<{ text: string; start: number; end: number }> = [];
  let offset = 0;
  let pending: { text: string; start: number; end: number } | undefined;
  for (const line of written.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const part = { text: line, start: run.start + offset + lead, end: run.start + offset + line.trimEnd().length };
    pending = pending ? { text: `${pending.text} ${line}`, start: pending.start, end: part.end } : part;
    if (!line.trimEnd().endsWith('\\')) {
      lines.push(pending);
      pending = undefined;
    }
    offset += line.length + 1;
  }
  if (pending) lines.push(pending);
  for (const line of lines) {
    const cloud = staticLoginCloud(line.text, temporaryAws);
    if (cloud)
      return {
        check: 'gha-static-cloud-credentials',
        start: line.start,
        end: line.end,
        resource: where,
        subject: `${subject}|run:${cloud}`,
        message: `${where} logs in to ${cloud} with a stored static key in a run step: use OIDC federation (\`permissions: id-token: write\` and the cloud's login action), nothing to leak or rotate`,
      };
  }
  return undefined;
}

function permissionIssues(perms: MapEntry, where: string): WorkflowIssue[] {
  const v = perms.value;
  if (v.type === 'scalar' && v.value === 'write-all') {
    return [
      {
        check: 'gha-permissions-write-all',
        start: v.start,
        end: v.end,
        resource: where,
        subject: `${where}|write-all`,
        message: `${where} gives the GITHUB_TOKEN write access to everything: grant only the scopes it needs`,
        narrower: ['contents: read'],
      },
    ];
  }
  return [];
}

/** The cloud a static credential variable belongs to: one key pair is one credential. */
const cloudOf = (name: string) => (name.startsWith('AWS_') ? 'AWS' : name.startsWith('GOOGLE_') ? 'Google Cloud' : 'Azure');

/**
 * One finding per cloud credential of an env block (AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY
 * is one key pair): at its first variable, the others as related locations.
 */
function envIssues(env: SourceNode | undefined, where: string, subject: string): WorkflowIssue[] {
  if (env?.type !== 'map') return [];
  const byCloud = new Map<string, MapEntry[]>();
  for (const e of env.entries.filter((x) => STATIC_ENV.test(x.key)))
    byCloud.set(cloudOf(e.key), [...(byCloud.get(cloudOf(e.key)) ?? []), e]);
  return [...byCloud.values()].map(([e, ...others]) => ({
    check: 'gha-static-cloud-credentials',
    start: e.keyStart,
    end: e.keyEnd,
    resource: where,
    subject: `${subject}|env:${e.key}`,
    message: `${where} passes the static cloud credential ${[e, ...others].map((x) => x.key).join(' and ')} to the job: use OIDC federation (short-lived tokens, nothing to leak or rotate)`,
    ...(others.length
      ? {
          related: others.map((o) => ({
            start: o.keyStart,
            end: o.keyEnd,
            message: `${o.key}: part of the same ${cloudOf(o.key)} credential`,
          })),
        }
      : {}),
  }));
}

/** Replaces the static inputs with the OIDC ones (first line replaced, the others removed). */
function staticLoginIssue(
  statics: MapEntry[],
  login: (typeof STATIC_LOGIN)[number],
  where: string,
  subject: string,
  text: string,
  scope: { workflow: SourceNode; job: MapEntry },
): WorkflowIssue {
  const first = statics[0];
  const indent = indentAt(text, first.keyStart);
  const edits: OffsetEdit[] = statics.map((e, i) => {
    const start = lineStartOf(text, e.keyStart);
    const end = Math.min(text.length, lineEndOf(text, e.value.end) + 1);
    return {
      start,
      end,
      newText:
        i === 0
          ? Object.entries(login.oidc)
              .map(([k, v]) => `${indent}${k}: ${v}\n`)
              .join('')
          : '',
    };
  });
  return {
    check: 'gha-static-cloud-credentials',
    start: first.keyStart,
    end: first.keyEnd,
    resource: where,
    subject: `${subject}|${first.key}`,
    message: `${where} logs in to ${login.cloud} with a static key (${statics.map((s) => s.key).join(', ')}): use OIDC federation, which needs \`permissions: id-token: write\` and no stored secret`,
    fix: {
      title: `Switch to ${login.cloud} OIDC federation`,
      edits: [...idTokenPermission(text, scope.workflow, scope.job), ...edits].sort((a, b) => a.start - b.start),
    },
  };
}

/**
 * The `id-token: write` permission OIDC needs, where it takes effect without dropping any
 * other: into the job's own `permissions` map; else into the workflow's map (a job-level block
 * would replace it for this job); else a new job block with `contents: read` beside it (the
 * default token could read the repository; an explicit block grants only what it lists).
 * Nothing when the token already has it (`write-all`, `id-token: write`), or under `read-all`,
 * which no map can express without listing every scope.
 */
function idTokenPermission(text: string, workflow: SourceNode, job: MapEntry): OffsetEdit[] {
  const jobPerms = entry(job.value, 'permissions');
  if (jobPerms) return addToPermissions(text, jobPerms.value);
  const workflowPerms = entry(workflow, 'permissions');
  if (workflowPerms?.value.type === 'map') return addToPermissions(text, workflowPerms.value);
  if (workflowPerms || job.value.type !== 'map' || !job.value.entries.length) return [];
  const firstKey = job.value.entries[0].keyStart;
  const indent = indentAt(text, firstKey);
  const step = indentUnit(text);
  const at = lineStartOf(text, firstKey);
  return [{ start: at, end: at, newText: `${indent}permissions:\n${indent}${step}contents: read\n${indent}${step}id-token: write\n` }];
}

function addToPermissions(text: string, perms: SourceNode): OffsetEdit[] {
  if (perms.type !== 'map') return [];
  const current = entry(perms, 'id-token');
  if (current) {
    const value = current.value;
    return stringValue(value) === 'write' ? [] : [{ start: value.start, end: value.end, newText: 'write' }];
  }
  if (text[perms.start] === '{' || !perms.entries.length) {
    const pairs = perms.entries.map((e) => `${e.key}: ${text.slice(e.value.start, e.value.end)}`);
    return [{ start: perms.start, end: perms.end, newText: `{ ${[...pairs, 'id-token: write'].join(', ')} }` }];
  }
  const first = perms.entries[0].keyStart;
  const at = lineStartOf(text, first);
  return [{ start: at, end: at, newText: `${indentAt(text, first)}id-token: write\n` }];
}
