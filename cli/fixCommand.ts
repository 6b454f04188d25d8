import { applyFixPlan, planFixes, type FileFixResult, type FixPlan, type HeldFix } from '../app/fixWorkspace';
import type { Finding } from '../engine';
import { renderFixPatch } from '../report/fixPatch';
import { auditRoot, findBaseline, findConfig, progressPrinter } from './auditSetup';
import type { CliOptions } from './cliOptions';

const at = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;

/** `path:line:col rule: what` for one fix or finding. */
const where = (f: Finding, what?: string) => `${f.path}:${at(f)} ${f.ruleId}${what ? `: ${what}` : ''}`;

function heldLine(h: HeldFix): string {
  return `held: ${where(h.finding, h.proposal.title)}: ${h.reason}`;
}

/** Per file: what was fixed, and what still fails after the re-audit. */
function renderResults(results: FileFixResult[], plan: FixPlan): string {
  const held = new Map(plan.held.map((h) => [`${h.finding.path}\0${h.finding.ruleId}\0${h.finding.fingerprint}`, h]));
  const rows: string[] = [];
  for (const r of results) {
    rows.push(r.path);
    if (r.problem) rows.push(`  not written  ${r.problem}`);
    for (const f of r.fixed) rows.push(`  fixed        ${at(f.finding).padEnd(7)} ${f.finding.ruleId}: ${f.proposal.title}`);
    for (const f of r.notFixed)
      rows.push(`  NOT FIXED    ${at(f.finding).padEnd(7)} ${f.finding.ruleId}: the edit was written but the re-audit still reports it`);
    for (const f of r.introduced) rows.push(`  NEW          ${at(f).padEnd(7)} ${f.ruleId}: the fixed file has this new finding`);
    for (const s of r.skipped) rows.push(`  UNREADABLE   ${s.line !== undefined ? `${s.line + 1}`.padEnd(7) : ''.padEnd(7)} ${s.reason}`);
    for (const f of r.remaining) {
      const h = held.get(`${f.path}\0${f.ruleId}\0${f.fingerprint}`);
      rows.push(`  remaining    ${at(f).padEnd(7)} ${f.ruleId}${h ? `: ${h.reason}` : ' (no safe fix)'}`);
    }
  }
  return rows.length ? `${rows.join('\n')}\n` : '';
}

/** `nhi-lens fix`: previews the safe fixes as a diff, or makes them with --write and checks them. */
export async function fix(options: CliOptions): Promise<number> {
  const loaded = findConfig(options);
  const root = auditRoot(options, loaded);
  const baseline = findBaseline(options, loaded);
  const say = (text: string) => {
    if (!options.quiet) process.stderr.write(`nhi-lens: ${text}\n`);
  };
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const showProgress = !options.quiet && !!process.stderr.isTTY;
  let plan: FixPlan;
  try {
    plan = await planFixes({
      root,
      targets: options.targets,
      config: loaded.config,
      baseline,
      gitignore: options.gitignore,
      jobs: options.jobs,
      manager: options.manager,
      owner: options.owner,
      signal: controller.signal,
      onProgress: progressPrinter(showProgress),
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    if (showProgress) process.stderr.write('\r\x1b[2K');
  }
  for (const warning of plan.engine.warnings) process.stderr.write(`nhi-lens: warning: ${warning}\n`);
  for (const note of plan.notes) say(`note: ${note}`);
  if (plan.cancelled) return 130;
  for (const h of plan.held) say(heldLine(h));
  const fixes = plan.files.reduce((n, f) => n + f.fixes.length, 0);
  const others =
    (plan.held.length ? `; ${plan.held.length} held for your input` : '') +
    (plan.unfixable.length ? `; ${plan.unfixable.length} findings have no safe fix (nhi-lens audit lists them)` : '');

  if (!options.write) {
    process.stdout.write(renderFixPatch(plan.files.map((f) => ({ path: f.path, before: f.before, after: f.after, secrets: f.secrets }))));
    say(
      `${fixes} fixes in ${plan.files.length} files${fixes ? ' (secret values masked; nothing written: --write makes them)' : ''}${others}`,
    );
    return fixes || plan.held.length ? 1 : 0;
  }

  const results = await applyFixPlan(plan);
  process.stdout.write(renderResults(results, plan));
  const fixed = results.reduce((n, r) => n + r.fixed.length, 0);
  const failed = results.filter((r) => r.problem || r.notFixed.length || r.introduced.length || r.skipped.length);
  say(
    `fixed ${fixed} of ${fixes} findings in ${results.filter((r) => r.written).length} files` +
      `${failed.length ? `; ${failed.length} files need a look (above)` : ''}${others}`,
  );
  if (results.some((r) => r.fixed.some((f) => f.proposal.kind === 'secret-to-manager')))
    say(
      `the rewritten secrets are now read from ${options.manager === 'env' ? 'the environment' : options.manager}: store them there, and rotate them (they were in the file, maybe in git history)`,
    );
  return failed.length || plan.held.length ? 1 : 0;
}
