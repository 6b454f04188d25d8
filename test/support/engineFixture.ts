import { Engine, type EngineOptions, type LoadedRule } from '../../engine';
import { loadIamData } from '../../workspace/iamDataFile';
import { loadBuiltinRules } from '../../workspace/rules/ruleFiles';

let shared: Engine | undefined;

/** Built-in rules, parsed once per test run; engines are cheap to build from them. */
export function builtinRules(): LoadedRule[] {
  return loadBuiltinRules();
}

/** An engine as the product builds it (built-in rules, IAM table), with these options on top. */
export function testEngine(options: Partial<EngineOptions> = {}): Engine {
  return new Engine({ rules: builtinRules(), iamData: loadIamData, ...options });
}

/** An engine with the built-in rules and no workspace config. */
export function defaultEngine(): Engine {
  return (shared ??= testEngine());
}
