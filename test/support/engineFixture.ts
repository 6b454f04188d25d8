import { Engine, loadBuiltinRules, type LoadedRule } from '../../engine';

let builtin: LoadedRule[] | undefined;
let shared: Engine | undefined;

/** Built-in rules are parsed once per test run; engines are cheap to build from them. */
export function builtinRules(): LoadedRule[] {
  return (builtin ??= loadBuiltinRules());
}

/** An engine with the built-in rules and no workspace config. */
export function defaultEngine(): Engine {
  return (shared ??= new Engine({ rules: builtinRules() }));
}
