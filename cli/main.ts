#!/usr/bin/env node
/** nhi-lens command line: the engine for CI and pre-commit hooks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME, Engine, RuleError, baselineOf, loadBuiltinRules, loadConfigFile, readBaseline,
  type BaselineEntry, type Finding, type LoadedConfig, type Severity,
} from '../engine';
import { runAudit, type AuditProgress } from './auditRunner';
import { annotateGitState, gitAdvice } from './git/secretHistory';
import { USAGE, UsageError, parseCli, type CliOptions, type FailOn } from './cliOptions';
import { renderJson } from './formats/jsonReport';
import { renderMarkdown } from './formats/markdownReport';
import { renderRulesJson, renderRulesMarkdown, renderRulesText } from './formats/rulesReport';
import { renderSarif } from './formats/sarifReport';
import { renderText } from './formats/textReport';
import type { Report } from './formats/reportModel';
import { TOOL_VERSION } from './version';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Writes through a temporary file and a rename, so a failed run never leaves half a report. */
function writeAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

function findConfig(options: CliOptions): LoadedConfig {
  if (options.config) return loadConfigFile(options.config, true);
  const first = options.targets[0] ?? '.';
  const folder = fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : process.cwd();
  return loadConfigFile(path.join(folder, CONFIG_FILE_NAME), false);
}

function auditRoot(options: CliOptions, loaded: LoadedConfig): string {
  if (loaded.file) return loaded.dir;
  const first = options.targets[0];
  if (first && fs.existsSync(first) && fs.statSync(first).isDirectory()) return path.resolve(first);
  return process.cwd();
}

function progressPrinter(enabled: boolean): ((p: AuditProgress) => void) | undefined {
  if (!enabled) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.filesDone < p.filesTotal) return;
    last = now;
    const percent = p.filesTotal ? Math.floor((p.filesDone / p.filesTotal) * 100) : 100;
    process.stderr.write(`\r\x1b[2Knhi-lens: ${percent}% ${p.filesDone}/${p.filesTotal} files, ${(p.bytesDone / 1048576).toFixed(1)} MB, ${p.findings} findings`);
  };
}

async function audit(options: CliOptions): Promise<number> {
  const loaded = findConfig(options);
  const root = auditRoot(options, loaded);
  const baselineFile = options.baseline ?? (loaded.config.baseline ? path.resolve(loaded.dir, loaded.config.baseline) : undefined);
  let baseline: BaselineEntry[] = [];
  if (baselineFile && !options.writeBaseline) {
    if (!fs.existsSync(baselineFile)) throw new RuleError([`${baselineFile}: baseline file not found (create it with --write-baseline ${path.relative(process.cwd(), baselineFile) || baselineFile})`]);
    baseline = readBaseline(baselineFile).entries;
  }
  const rules = loadBuiltinRules();
  const engine = new Engine({ rules, config: loaded.config }); // validates config rules and ids up front
  for (const warning of engine.warnings) process.stderr.write(`nhi-lens: warning: ${warning}\n`);

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const showProgress = !options.quiet && !!process.stderr.isTTY;
  const result = await runAudit({
    targets: options.targets, root, setup: { rules, config: loaded.config, baseline, root }, gitignore: options.gitignore, jobs: options.jobs,
    onProgress: progressPrinter(showProgress), signal: controller.signal,
  });
  process.removeListener('SIGINT', onInterrupt);
  if (showProgress) process.stderr.write('\r\x1b[2K');

  if (options.writeBaseline) {
    writeAtomically(options.writeBaseline, JSON.stringify(baselineOf(result.findings), null, 2) + '\n');
    process.stderr.write(`nhi-lens: wrote ${result.findings.length} findings to ${options.writeBaseline}\n`);
    return 0;
  }
  const shown = result.findings.filter((f) => !f.baselined);
  if (options.git && shown.some((f) => f.category === 'secret')) {
    if (annotateGitState(root, shown, engine)) applyGitAdvice(shown);
    else if (!options.quiet) process.stderr.write('nhi-lens: note: not a git repository (or git not installed): secrets were not checked against history\n');
  }
  const report: Report = {
    toolVersion: TOOL_VERSION, root, findings: shown, baselined: result.findings.length - shown.length, suppressed: result.suppressed,
    skipped: result.skipped, filesScanned: result.filesScanned, bytesScanned: result.bytesScanned, durationMs: result.durationMs,
    rules: engine.rules, cancelled: result.cancelled,
  };
  const toTerminal = !options.output && !!process.stdout.isTTY;
  const rendered = options.format === 'json' ? renderJson(report)
    : options.format === 'sarif' ? renderSarif(report)
    : options.format === 'markdown' ? renderMarkdown(report)
    : renderText(report, toTerminal && !process.env.NO_COLOR);
  if (options.output) writeAtomically(options.output, rendered); else process.stdout.write(rendered);
  if (result.cancelled) return 130;
  return failing(shown.map((f) => f.severity), options.failOn) ? 1 : 0;
}

/** A secret already committed must be rotated: it is an error whatever its rule says. */
function applyGitAdvice(findings: Finding[]): void {
  for (const f of findings) {
    const advice = gitAdvice(f.git);
    if (!advice) continue;
    f.message = `${f.message} (${advice})`;
    if (f.git?.state === 'committed') f.severity = 'error';
  }
}

function failing(severities: Severity[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return severities.some((s) => RANK[s] >= RANK[failOn]);
}

function listRules(options: CliOptions): number {
  const loaded = options.config ? loadConfigFile(options.config, true) : loadConfigFile(CONFIG_FILE_NAME, false);
  const engine = new Engine({ rules: loadBuiltinRules(), config: loaded.config });
  const rendered = options.format === 'json' ? renderRulesJson(engine.rules) : options.format === 'markdown' ? renderRulesMarkdown(engine.rules) : renderRulesText(engine.rules);
  if (options.output) writeAtomically(options.output, rendered); else process.stdout.write(rendered);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCli(argv);
    switch (options.command) {
      case 'help': process.stdout.write(USAGE); return 0;
      case 'version': process.stdout.write(`${TOOL_VERSION}\n`); return 0;
      case 'rules': return listRules(options);
      case 'audit': return await audit(options);
    }
  } catch (error) {
    if (error instanceof UsageError) { process.stderr.write(`nhi-lens: ${error.message}\n${USAGE.split('\n')[0]}\n`); return 2; }
    if (error instanceof RuleError) { process.stderr.write(`nhi-lens: ${error.problems.join('\nnhi-lens: ')}\n`); return 2; }
    const message = (error as Error).message ?? String(error);
    process.stderr.write(`nhi-lens: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
