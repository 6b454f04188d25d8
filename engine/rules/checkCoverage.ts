/**
 * Rules name IaC checks by string (`check:` in rules/*.yaml); the registry is code. These pure
 * functions tie the two: the engine refuses any rule naming an unknown check, and the build
 * (build/compileBuiltinRules.ts) also refuses a check no built-in rule reports.
 */
import { IAC_CHECKS, type CheckSpec } from '../iac/checkRegistry';
import type { LoadedRule } from './ruleTypes';

/** Rules whose `check` is not in the registry: one problem each. */
export function unknownCheckProblems(rules: LoadedRule[], checks: Record<string, CheckSpec> = IAC_CHECKS): string[] {
  return rules
    .filter(({ definition: d }) => d.check !== undefined && !Object.hasOwn(checks, d.check))
    .map(({ definition, source }) => `${source}: rule "${definition.id}" names unknown check "${definition.check}"`);
}

/**
 * Every way the built-in rules and the registry disagree: a rule naming an unknown check; a
 * check no rule reports (it would run for nothing); a check two rules report (the engine keeps
 * one, the other never fires); a rule whose category contradicts the check's `grants` (the
 * inventory reads breadth from permission findings only).
 */
export function checkCoverageProblems(rules: LoadedRule[], checks: Record<string, CheckSpec> = IAC_CHECKS): string[] {
  const problems = unknownCheckProblems(rules, checks);
  const servedBy = new Map<string, LoadedRule>();
  for (const rule of rules) {
    const { id, check, category } = rule.definition;
    if (check === undefined || !Object.hasOwn(checks, check)) continue;
    const first = servedBy.get(check);
    if (first) problems.push(`${rule.source}: rule "${id}" names check "${check}", already reported by rule "${first.definition.id}"`);
    else servedBy.set(check, rule);
    const grants = checks[check].grants;
    if (grants && category !== 'permission')
      problems.push(
        `${rule.source}: rule "${id}" has category "${category}", but check "${check}" grants ${grants} access: use "permission"`,
      );
    if (!grants && category === 'permission')
      problems.push(`${rule.source}: rule "${id}" has category "permission", but check "${check}" has no \`grants\` in the registry`);
  }
  for (const [check, spec] of Object.entries(checks)) {
    if (!servedBy.has(check))
      problems.push(
        `check "${check}" (${spec.flags}) is implemented but no rule in rules/ reports it: add one with \`check: ${check}\` and examples`,
      );
  }
  return problems;
}
