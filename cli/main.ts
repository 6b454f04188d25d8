#!/usr/bin/env node
/** nhi-lens command line: the engine for CI and pre-commit hooks. */
import * as path from 'node:path';
import { CONFIG_FILE_NAME, RuleError, baselineOf, type Engine, type LoadedConfig, type Severity } from '../engine';
import { auditWorkspace, githubTarget } from '../app/auditWorkspace';
import { loadConfigFile } from '../workspace/config/configFile';
import { createEngine } from '../workspace/engineFactory';
import { GitHubError } from '../integrations/github/githubApi';
import { detectCommit } from '../integrations/github/repository';
import { uploadSarif } from '../integrations/github/sarifUpload';
import { htmlReportChunks } from '../report/htmlReport';
import { inventoryCsvChunks, inventoryJsonChunks, renderInventoryMarkdown } from '../report/inventoryReport';
import { auditRoot, findBaseline, findConfig, progressPrinter } from './auditSetup';
import { USAGE, UsageError, parseCli, type CliOptions, type FailOn } from './cliOptions';
import { fix } from './fixCommand';
import { installHookCommand } from './installHookCommand';
import { auditStaged } from '../app/auditChanges';
import { jsonReportChunks } from '../report/jsonReport';
import { markdownReportChunks } from '../report/markdownReport';
import { renderRulesJson, renderRulesMarkdown, renderRulesText } from '../report/rulesReport';
import { renderSarif, sarifChunks } from '../report/sarifReport';
import { textReportChunks } from '../report/textReport';
import { type Report } from '../report/reportModel';
import type { ReportChunks } from '../report/reportStream';
import { writeReportFile, writeReportStdout } from './reportOutput';
import { TOOL_VERSION } from '../engine/version';
import { namedFilesNotScanned } from './namedFiles';
import { withAuditV8Settings } from './v8Settings';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Writes through a temporary file and a rename, so a failed run never leaves half a report. */
function writeAtomically(file: string, content: string): void {
  writeReportFile(file, [content]);
}

/** What an audit run produced, before it is rendered. */
interface AuditRun {
  report: Report;
  engine: Engine;
  root: string;
  exit?: number;
}

async function runScan(options: CliOptions): Promise<AuditRun> {
  const loaded = findConfig(options);
  const root = auditRoot(options, loaded);
  const baseline = findBaseline(options, loaded);
  if (options.writeBaseline) return writeBaseline(options, loaded, root);
  if (options.staged) {
    const { report, engine } = await auditStaged({ root, config: loaded.config, baseline, maxFindings: options.maxFindings });
    for (const warning of engine.warnings) process.stderr.write(`nhi-lens: warning: ${warning}\n`);
    return { report, engine, root };
  }

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const showProgress = !options.quiet && !!process.stderr.isTTY;
  const say = (text: string) => {
    if (!options.quiet) process.stderr.write(`nhi-lens: ${text}\n`);
  };
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
  if (options.github && !token)
    say("note: GitHub secret-scanning check skipped: set GITHUB_TOKEN to a token that can read this repository's security alerts");
  try {
    const outcome = await auditWorkspace({
      root,
      targets: options.targets,
      config: loaded.config,
      baseline,
      gitignore: options.gitignore,
      jobs: options.jobs,
      maxFindings: options.maxFindings,
      cache: options.cache,
      git: options.git,
      history: options.history,
      since: options.diff,
      github:
        options.github && token
          ? {
              token,
              repository: options.githubRepo ?? process.env.GITHUB_REPOSITORY,
              baseUrl: options.githubUrl ?? process.env.GITHUB_API_URL,
            }
          : undefined,
      verify: options.verify,
      onProgress: progressPrinter(showProgress),
      signal: controller.signal,
    });
    for (const warning of outcome.engine.warnings) process.stderr.write(`nhi-lens: warning: ${warning}\n`);
    if (options.cache && !outcome.cache)
      say('note: no audit cache: no user cache folder is known (no home folder); --cache-location FILE names one');
    if (outcome.cache) {
      const { hits, misses, ignored, saved } = outcome.cache;
      if (ignored) say(`note: previous audit cache not used (${ignored})`);
      say(`cache: ${hits} files unchanged, ${misses} scanned${saved ? '' : ' (cache not saved)'}`);
    }
    for (const why of namedFilesNotScanned(options.targets, root, outcome.engine, outcome.report, loaded.file)) say(why);
    for (const text of outcome.report.notes) say(`note: ${text}`);
    if (outcome.github) say(`GitHub: ${outcome.github.alerts} open secret-scanning alerts, ${outcome.github.matched} matched here`);
    return { report: outcome.report, engine: outcome.engine, root };
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    if (showProgress) process.stderr.write('\r\x1b[2K');
  }
}

/** `--write-baseline`: every current finding goes into the baseline file; nothing is reported. */
async function writeBaseline(options: CliOptions, loaded: LoadedConfig, root: string): Promise<AuditRun> {
  const { report, run, engine } = await auditWorkspace({
    root,
    targets: options.targets,
    config: loaded.config,
    baseline: [],
    gitignore: options.gitignore,
    jobs: options.jobs,
    maxFindings: Infinity, // the baseline accepts every finding, not the listed ones
    inventory: false,
  });
  writeAtomically(options.writeBaseline!, JSON.stringify(baselineOf(run.findings), null, 2) + '\n');
  process.stderr.write(`nhi-lens: wrote ${run.findings.length} findings to ${options.writeBaseline}\n`);
  return { report, engine, root, exit: 0 };
}

async function audit(options: CliOptions): Promise<number> {
  const { report, root, exit } = await runScan(options);
  if (exit !== undefined) return exit;
  const toTerminal = !options.output && !!process.stdout.isTTY;
  // Rendered as it is written: a report of many findings is never one string in memory.
  const chunks = (): ReportChunks =>
    options.format === 'json'
      ? jsonReportChunks(report)
      : options.format === 'sarif'
        ? sarifChunks([{ report }])
        : options.format === 'markdown'
          ? markdownReportChunks(report)
          : options.format === 'html'
            ? htmlReportChunks(report, {
                linkBase: path.relative(options.output ? path.dirname(path.resolve(options.output)) : process.cwd(), root),
              })
            : textReportChunks(report, toTerminal && !process.env.NO_COLOR);
  if (options.output) writeReportFile(options.output, chunks());
  // A clean commit stays quiet: a hook that talks on every commit gets ignored.
  else if (!(options.staged && options.format === 'text' && !report.findings.length)) await writeReportStdout(chunks());
  if (options.sarif) writeReportFile(options.sarif, sarifChunks([{ report }]));
  let uploadFailed = false;
  // The upload sends one gzipped body: only then is the SARIF log one string.
  if (options.uploadSarif) uploadFailed = !(await upload(options, root, renderSarif(report)));
  if (report.cancelled) return 130;
  if (
    failing(
      report.findings.map((f) => f.severity),
      options.failOn,
    )
  ) {
    if (options.staged)
      process.stderr.write(
        `nhi-lens: commit stopped: the staged changes add ${report.findings.length === 1 ? 'a finding' : `${report.findings.length} findings`} (above). Remove the secret (keep it in a secrets manager or the environment), mark a false positive with nhi-lens:ignore, or skip this check once with git commit --no-verify.\n`,
      );
    return 1;
  }
  return uploadFailed ? 3 : 0;
}

async function upload(options: CliOptions, root: string, sarif: string): Promise<boolean> {
  const say = (text: string) => process.stderr.write(`nhi-lens: ${text}\n`);
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
  if (!token) {
    say('SARIF upload skipped: set GITHUB_TOKEN to a token that can upload code scanning results');
    return false;
  }
  const target = githubTarget(
    { token, repository: options.githubRepo ?? process.env.GITHUB_REPOSITORY, baseUrl: options.githubUrl ?? process.env.GITHUB_API_URL },
    root,
  );
  if (typeof target === 'string') {
    say(`SARIF upload skipped: ${target}`);
    return false;
  }
  const { commitSha, ref } = detectCommit(root);
  if (!commitSha || !ref) {
    say('SARIF upload skipped: no commit or branch to attach it to (set GITHUB_SHA and GITHUB_REF, or run in a git checkout on a branch)');
    return false;
  }
  try {
    const done = await uploadSarif(target, { sarif, commitSha, ref });
    say(`uploaded SARIF to ${target.repository} code scanning (upload ${done.id}, ${ref} at ${commitSha.slice(0, 12)})`);
    return true;
  } catch (error) {
    say(error instanceof GitHubError ? error.message : `SARIF upload failed: ${(error as Error).message}`);
    return false;
  }
}

async function inventory(options: CliOptions): Promise<number> {
  // git stays on (unless --no-git): the inventory says how exposed each secret is ("committed 412 days ago, pushed").
  const { report } = await runScan({ ...options, history: false, github: false, maxFindings: options.maxFindings ?? Infinity });
  const chunks: ReportChunks =
    options.format === 'json'
      ? inventoryJsonChunks(report.inventory, TOOL_VERSION)
      : options.format === 'csv'
        ? inventoryCsvChunks(report.inventory)
        : [renderInventoryMarkdown(report.inventory)];
  if (options.output) writeReportFile(options.output, chunks);
  else await writeReportStdout(chunks);
  return report.cancelled ? 130 : 0;
}

function failing(severities: Severity[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return severities.some((s) => RANK[s] >= RANK[failOn]);
}

function listRules(options: CliOptions): number {
  const loaded = options.config ? loadConfigFile(options.config, true) : loadConfigFile(CONFIG_FILE_NAME, false);
  const engine = createEngine({ config: loaded.config });
  const rendered =
    options.format === 'json'
      ? renderRulesJson(engine.rules)
      : options.format === 'markdown'
        ? renderRulesMarkdown(engine.rules)
        : renderRulesText(engine.rules);
  if (options.output) writeAtomically(options.output, rendered);
  else process.stdout.write(rendered);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCli(argv);
    switch (options.command) {
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case 'version':
        process.stdout.write(`${TOOL_VERSION}\n`);
        return 0;
      case 'rules':
        return listRules(options);
      // Under the audit's heap settings (v8Settings.ts) until the report is written: rendering a
      // large report grew the young generation V8's own way to 32 MB, the run's peak of RSS.
      case 'audit':
        return await withAuditV8Settings(() => audit(options));
      case 'inventory':
        return await withAuditV8Settings(() => inventory(options));
      case 'fix':
        return await fix(options);
      case 'install-hook':
        return installHookCommand(options);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`nhi-lens: ${error.message}\n${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof RuleError) {
      process.stderr.write(`nhi-lens: ${error.problems.join('\nnhi-lens: ')}\n`);
      return 2;
    }
    const message = (error as Error).message ?? String(error);
    process.stderr.write(`nhi-lens: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Everything is done and written: exit now rather than let the event loop run V8's collection
    // of the heap an audit leaves (15-25 ms of CPU, a tenth of a warm `--cache` audit; bench/RESULTS.md).
    // Unless output is still queued (a pipe is asynchronous on some systems): then it drains first.
    if (!process.stdout.writableLength && !process.stderr.writableLength) process.exit(code);
  });
}
