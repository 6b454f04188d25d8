import { parseArgs } from 'node:util';

export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'html' | 'csv';
export type FailOn = 'error' | 'warning' | 'never';

/** A mistake in how the command was called: exit code 2 with a one-line message. */
export class UsageError extends Error {}

export const USAGE = `Usage: nhi-lens <command> [options]

Commands:
  audit [paths…]      Scan files and folders (default: .) for secrets and NHI issues
  inventory [paths…]  List every identity and credential the code declares or contains
  rules               List the active rules
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

GitHub (token from GITHUB_TOKEN; repository from GITHUB_REPOSITORY or the origin remote):
  --github            Mark secrets GitHub secret scanning already alerted on, and list
                      the open alerts not found in the files
  --upload-sarif      Upload the SARIF to GitHub code scanning for the current commit
  --github-repo <o/r> Repository to use
  --github-url <url>  API URL (GitHub Enterprise Server: https://HOST/api/v3; default:
                      GITHUB_API_URL, else https://api.github.com)
  --jobs <n>          Worker threads (default: one per core for large trees; 0 = none)
  --quiet             No progress line

Exit codes: 0 nothing at the --fail-on level, 1 findings, 2 usage or configuration error.
A GitHub failure is reported on stderr and never loses the local report; with
--upload-sarif it makes the exit code 3 when nothing else failed.
`;

export interface CliOptions {
  command: 'audit' | 'inventory' | 'rules' | 'help' | 'version';
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
  quiet: boolean;
  /** Scan every blob of the reachable history too. */
  history: boolean;
  /** Also write SARIF here. */
  sarif?: string;
  github: boolean;
  uploadSarif: boolean;
  githubRepo?: string;
  githubUrl?: string;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function parseCli(argv: string[]): CliOptions {
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
        quiet: { type: 'boolean', short: 'q' },
        history: { type: 'boolean' },
        sarif: { type: 'string' },
        github: { type: 'boolean' },
        'upload-sarif': { type: 'boolean' },
        'github-repo': { type: 'string' },
        'github-url': { type: 'string' },
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
  if (!['audit', 'inventory', 'rules', 'help', 'version'].includes(command))
    throw new UsageError(`unknown command "${command}" (try: nhi-lens audit .)`);
  if (command === 'rules' && rest.length) throw new UsageError('rules takes no paths');
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
  return {
    command: command as CliOptions['command'],
    targets: command === 'audit' || command === 'inventory' ? (rest.length ? rest : ['.']) : [],
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
    quiet: !!values.quiet,
    history: !!values.history,
    sarif: values.sarif,
    github: !!values.github,
    uploadSarif: !!values['upload-sarif'],
    githubRepo: values['github-repo'],
    githubUrl: values['github-url'],
  };
}
