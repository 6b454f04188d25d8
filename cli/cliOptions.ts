import { parseArgs } from 'node:util';
import { SECRETS_MANAGERS, type SecretsManager } from '../engine/fixes/secretReplacement';
import type { VerifyOptions } from '../app/auditWorkspace';
import { EndpointError, parseEndpointOverrides } from '../integrations/verify/endpoints';
import { userCacheFile } from '../integrations/verify/verdictCache';

export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'html' | 'csv';
export type FailOn = 'error' | 'warning' | 'never';

/** A mistake in how the command was called: exit code 2 with a one-line message. */
export class UsageError extends Error {}

export const USAGE = `Usage: nhi-lens <command> [options]

Commands:
  audit [paths…]      Scan files and folders (default: .) for secrets and NHI issues
  inventory [paths…]  List every identity and credential the code declares or contains
  fix [paths…]        Show (or with --write, make) the safe fixes as a unified diff
  rules               List the active rules
  install-hook        Install a git pre-commit hook that runs audit --staged
  help                Show this help

Audit options:
  --format <f>        text | json | sarif | markdown | html (default: text)
                      (inventory: markdown | json | csv, default: markdown)
  --output <file>     Write the report to a file instead of stdout
  --sarif <file>      Also write SARIF 2.1.0 to this file
  --config <file>     Workspace config (default: .nhi-lens.yaml in the first folder)
  --baseline <file>   Accept the findings listed in this baseline file
  --write-baseline <file>  Write every current finding to a baseline file and exit 0
  --fail-on <level>   error | warning | never: exit 1 when a finding is at least this
                      severe (default: warning)
  --no-gitignore      Scan files that .gitignore excludes
  --no-git            Do not check whether found secrets are already in git history
  --history           Also scan every past version of every file (all reachable commits)
                      and report secrets removed from the files but still in history
  --max-findings <n>  List the n most severe findings in full and count the rest
                      (default: limits.maxFindings in the config, else 20000)
  --staged            Check what \`git commit\` would record: the staged version of each
                      changed file (not the working tree); report only findings the
                      commit adds (what the pre-commit hook runs)
  --diff <ref>        Audit only the files changed since the merge base of <ref> and
                      HEAD; report only findings the change adds (pull requests:
                      --diff origin/main; needs the base in the clone: fetch-depth: 0)
  --cache             Reuse each unchanged file's results from the last audit of this
                      folder with the same rules, config and baseline (kept in the user
                      cache folder, e.g. ~/.cache/nhi-lens/audit; findings masked, never
                      secret values)
  --cache-location <file>  Keep the audit cache in this file instead (implies --cache;
                      outside the audited folders, where a repository could plant one)

GitHub (token from GITHUB_TOKEN; repository from GITHUB_REPOSITORY or the origin remote):
  --github            Mark secrets GitHub secret scanning already alerted on, and list
                      the open alerts not found in the files
  --upload-sarif      Upload the SARIF to GitHub code scanning for the current commit
  --github-repo <o/r> Repository to use
  --github-url <url>  API URL (GitHub Enterprise Server: https://HOST/api/v3; default:
                      GITHUB_API_URL, else https://api.github.com)
  --jobs <n>          Worker threads besides the main one, which scans too (default: one
                      per core beyond the first that the load leaves free, for large
                      trees; 0 = none)
  --quiet             No progress line

Verification (opt-in: without --verify nothing is sent anywhere):
  --verify            Ask each secret's own provider (AWS STS, GitHub, GitLab, Slack,
                      Stripe, OpenAI, Anthropic, SendGrid, Twilio, npm, Google, Hugging
                      Face, Datadog) whether it works and whose it is; live ones become
                      errors and sort first
  --verify-endpoint <provider=url>  Ask this endpoint instead of the provider's official
                      one (GitHub Enterprise Server, GovCloud); repeatable; also
                      NHI_LENS_VERIFY_ENDPOINTS=provider=url,provider=url; GitHub's
                      default is --github-url or GITHUB_API_URL when set
  --verify-cache <file>  Keep verdicts here (default: the user cache folder, e.g.
                      ~/.cache/nhi-lens/verify-cache.json); it holds fingerprints, never values
  --no-verify-cache   Keep verdicts for this run only

Fix options (also --config, --baseline, --no-gitignore, --jobs, --quiet):
  --manager <m>       env | aws | vault | azure | gcp: where rewritten secrets are read
                      from (default: env)
  --owner <owner>     Owner for missing owner tags (default: the file's CODEOWNERS
                      owner; without either, those fixes are listed, not made)
  --write             Make the fixes (each file replaced atomically, only if unchanged
                      since read), then audit the fixed files again and report
  Safe fixes only: secret -> manager or environment reference, owner tag, CI login via
  OIDC. The preview masks secret values, so hunks that remove one do not apply as is.

install-hook options:
  --force             Replace a pre-commit hook that is not nhi-lens's (kept as
                      pre-commit.nhi-lens-backup)
  The hook goes where git looks (core.hooksPath, else .git/hooks); running it again
  updates it. Exit codes: 0 installed or up to date, 1 another hook is there, 2 error.

Exit codes: 0 nothing at the --fail-on level, 1 findings, 2 usage or configuration error.
A GitHub failure is reported on stderr and never loses the local report; with
--upload-sarif it makes the exit code 3 when nothing else failed.
fix: 0 nothing to fix (or, with --write, every fix made and confirmed by the re-audit),
1 fixes to make (or some not made or not confirmed), 2 usage or configuration error.
`;

export interface CliOptions {
  command: 'audit' | 'inventory' | 'fix' | 'rules' | 'install-hook' | 'help' | 'version';
  targets: string[];
  format: Format;
  output?: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  failOn: FailOn;
  gitignore: boolean;
  /** Check each secret against git history (already committed: rotate it). */
  git: boolean;
  jobs?: number;
  /** Findings listed in full (the rest counted); undefined: the config's, else the default. */
  maxFindings?: number;
  /** `--cache` (true: the default location) or `--cache-location <file>`. */
  cache?: true | string;
  quiet: boolean;
  /** Scan every blob of the reachable history too. */
  history: boolean;
  /** Also write SARIF here. */
  sarif?: string;
  github: boolean;
  uploadSarif: boolean;
  githubRepo?: string;
  githubUrl?: string;
  /** fix: where rewritten secrets are read from. */
  manager: SecretsManager;
  /** fix: the owner for owner tags. */
  owner?: string;
  /** fix: make the fixes instead of printing them. */
  write: boolean;
  /** `audit --verify`: how to verify (absent: nothing is sent to any provider). */
  verify?: VerifyOptions;
  /** `audit --staged`: the index's changes only (pre-commit). */
  staged: boolean;
  /** `audit --diff <ref>`: only what changed since the merge base of this ref. */
  diff?: string;
  /** `install-hook --force`: replace another pre-commit hook. */
  force: boolean;
}

/** Options that only shape an audit report: `fix` prints a diff and refuses them. */
const REPORT_ONLY = [
  'format',
  'output',
  'sarif',
  'write-baseline',
  'fail-on',
  'no-git',
  'history',
  'github',
  'upload-sarif',
  'github-repo',
  'github-url',
];
const FIX_ONLY = ['manager', 'owner', 'write'];
const AUDIT_ONLY = ['verify', 'verify-endpoint', 'verify-cache', 'no-verify-cache', 'staged', 'diff'];
/** `--staged` scans blobs from the index, one pass, no history: these do not apply. */
const NOT_STAGED = ['diff', 'cache', 'cache-location', 'history', 'write-baseline', 'github', 'upload-sarif', 'verify', 'jobs'];
const SCAN_ONLY = ['cache', 'cache-location'];

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/**
 * An owner goes into Terraform strings and YAML values: a team handle, a name or an e-mail
 * address, without quotes, braces or other syntax of those files.
 */
function ownerOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const owner = value.trim();
  if (!/^[\w@./+:-](?:[\w@./+: -]{0,198}[\w@./+:-])?$/.test(owner))
    throw new UsageError(`--owner must be a team, name or e-mail address (letters, digits, spaces and @ . / _ + : -; got "${value}")`);
  return owner;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'fail-on': { type: 'string' },
        'no-gitignore': { type: 'boolean' },
        'no-git': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        'max-findings': { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        history: { type: 'boolean' },
        sarif: { type: 'string' },
        github: { type: 'boolean' },
        'upload-sarif': { type: 'boolean' },
        'github-repo': { type: 'string' },
        'github-url': { type: 'string' },
        manager: { type: 'string' },
        owner: { type: 'string' },
        write: { type: 'boolean' },
        verify: { type: 'boolean' },
        'verify-endpoint': { type: 'string', multiple: true },
        'verify-cache': { type: 'string' },
        'no-verify-cache': { type: 'boolean' },
        staged: { type: 'boolean' },
        diff: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const command = values.help ? 'help' : values.version ? 'version' : (first ?? 'help');
  if (!['audit', 'inventory', 'fix', 'rules', 'install-hook', 'help', 'version'].includes(command))
    throw new UsageError(`unknown command "${command}" (try: nhi-lens audit .)`);
  if (command === 'rules' && rest.length) throw new UsageError('rules takes no paths');
  if (command === 'install-hook' && rest.length > 1) throw new UsageError('install-hook takes at most one folder (the repository)');
  if (values.force && command !== 'install-hook') throw new UsageError('--force: only install-hook takes this');
  const given = (names: string[]) => names.filter((n) => (values as Record<string, unknown>)[n] !== undefined).map((n) => `--${n}`);
  if (command === 'fix' && given(REPORT_ONLY).length)
    throw new UsageError(`${given(REPORT_ONLY).join(', ')}: not an option of fix (it prints a diff; see nhi-lens help)`);
  if (command !== 'fix' && given(FIX_ONLY).length) throw new UsageError(`${given(FIX_ONLY).join(', ')}: only fix takes this`);
  if (command !== 'audit' && given(AUDIT_ONLY).length) throw new UsageError(`${given(AUDIT_ONLY).join(', ')}: only audit takes this`);
  if (values.staged && given(NOT_STAGED).length) throw new UsageError(`${given(NOT_STAGED).join(', ')}: not with --staged`);
  if (values.diff !== undefined && (!values.diff || values.diff.startsWith('-')))
    throw new UsageError(`--diff needs a git ref, e.g. --diff origin/main (got "${values.diff}")`);
  if (command !== 'audit' && command !== 'inventory' && given(SCAN_ONLY).length)
    throw new UsageError(`${given(SCAN_ONLY).join(', ')}: only audit and inventory take this`);
  if (values['cache-location'] !== undefined && !values['cache-location'].trim())
    throw new UsageError('--cache-location needs a file name');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 0 || jobs > 64)
      throw new UsageError(`--jobs must be a whole number from 0 to 64 (got "${values.jobs}")`);
  }
  let maxFindings: number | undefined;
  if (values['max-findings'] !== undefined) {
    maxFindings = Number(values['max-findings']);
    if (!Number.isInteger(maxFindings) || maxFindings < 1 || maxFindings > 1_000_000)
      throw new UsageError(`--max-findings must be a whole number from 1 to 1000000 (got "${values['max-findings']}")`);
  }
  const format =
    command === 'inventory'
      ? oneOf(values.format, ['markdown', 'json', 'csv'] as const, '--format', 'markdown')
      : oneOf(values.format, ['text', 'json', 'sarif', 'markdown', 'html'] as const, '--format', 'text');
  if (command === 'rules' && (format === 'sarif' || format === 'html'))
    throw new UsageError('rules can be listed as text, json or markdown');
  if (values['github-repo'] !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(values['github-repo']))
    throw new UsageError(`--github-repo must be owner/name (got "${values['github-repo']}")`);
  if (values['github-url'] !== undefined && !/^https?:\/\/[^\s]+$/.test(values['github-url']))
    throw new UsageError(`--github-url must be an http(s) URL (got "${values['github-url']}")`);
  const verify = command === 'audit' ? verifyOptions(values, values['github-url'] ?? env.GITHUB_API_URL, env) : undefined;
  return {
    command: command as CliOptions['command'],
    targets:
      command === 'audit' || command === 'inventory' || command === 'fix' || command === 'install-hook' ? (rest.length ? rest : ['.']) : [],
    format,
    output: values.output,
    config: values.config,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    failOn: oneOf(values['fail-on'], ['error', 'warning', 'never'] as const, '--fail-on', 'warning'),
    gitignore: !values['no-gitignore'],
    git: !values['no-git'],
    jobs,
    maxFindings,
    ...(values['cache-location'] !== undefined ? { cache: values['cache-location'] } : values.cache ? { cache: true as const } : {}),
    quiet: !!values.quiet,
    history: !!values.history,
    sarif: values.sarif,
    github: !!values.github,
    uploadSarif: !!values['upload-sarif'],
    githubRepo: values['github-repo'],
    githubUrl: values['github-url'],
    manager: oneOf(values.manager, SECRETS_MANAGERS, '--manager', 'env'),
    owner: ownerOption(values.owner),
    write: !!values.write,
    ...(verify ? { verify } : {}),
    staged: !!values.staged,
    ...(values.diff !== undefined ? { diff: values.diff } : {}),
    force: !!values.force,
  };
}

/**
 * `--verify` and its options; endpoints from NHI_LENS_VERIFY_ENDPOINTS and the flags (the user's,
 * never the repository's). GitHub tokens go to the GitHub the audit talks to (`--github-url`,
 * `GITHUB_API_URL`: a GitHub Enterprise Server's tokens are not sent to github.com) unless a
 * verify endpoint names another.
 */
function verifyOptions(
  values: { verify?: boolean; 'verify-endpoint'?: string[]; 'verify-cache'?: string; 'no-verify-cache'?: boolean },
  githubApiUrl: string | undefined,
  env: NodeJS.ProcessEnv,
): VerifyOptions | undefined {
  if (!values.verify) {
    const stray = values['verify-endpoint']?.length ? '--verify-endpoint' : values['verify-cache'] !== undefined ? '--verify-cache' : '';
    if (stray) throw new UsageError(`${stray} needs --verify`);
    return undefined;
  }
  if (values['verify-cache'] !== undefined && values['no-verify-cache'])
    throw new UsageError('--verify-cache and --no-verify-cache cannot be used together');
  try {
    // The flags win over the environment, provider by provider.
    const endpoints = parseEndpointOverrides([
      ...(githubApiUrl ? [`github=${githubApiUrl}`] : []),
      ...(env.NHI_LENS_VERIFY_ENDPOINTS ? [env.NHI_LENS_VERIFY_ENDPOINTS] : []),
      ...(values['verify-endpoint'] ?? []),
    ]);
    // No user cache folder (no home folder known): verdicts are kept for this run only.
    const cacheFile = values['no-verify-cache'] ? undefined : (values['verify-cache'] ?? userCacheFile(env));
    return { endpoints, ...(cacheFile ? { cacheFile } : {}) };
  } catch (error) {
    if (error instanceof EndpointError) throw new UsageError(error.message);
    throw error;
  }
}
