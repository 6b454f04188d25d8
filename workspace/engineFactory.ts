import { Baseline, type BaselineEntry } from '../engine/config/baseline';
import type { WorkspaceConfig } from '../engine/config/workspaceConfig';
import { Engine } from '../engine/engine';
import type { LoadedRule } from '../engine/rules/ruleTypes';
import { loadIamData } from './iamDataFile';
import { builtinKeywordIndex, builtinPatternReadings, loadBuiltinRules } from './rules/ruleFiles';
import { terraformSiblingReader, type TerraformFileReader } from './terraformSiblings';

/** What an engine is built from, as plain data (audit workers receive it by structured clone). */
export interface EngineSetup {
  /** The built-in rules; read once per process when omitted. */
  rules?: LoadedRule[];
  config?: WorkspaceConfig;
  baseline?: BaselineEntry[] | Baseline;
  /** Folder that scanned paths are relative to: Terraform sibling files are read below it. */
  root?: string;
  /**
   * Sibling `.tf` files read once per folder (an audit, where files do not change under us) or
   * re-read when their mtime or size changes (an editor session).
   */
  siblingCache?: 'per-audit' | 'live';
  /**
   * A sibling reader to reuse (an editor keeps one for its whole session); overrides `siblingCache`.
   * Its `folder`, when it has one, reads the local modules that `module` blocks call.
   */
  siblingFiles?: ((path: string) => Array<{ path: string; text: string }>) & Partial<Pick<TerraformFileReader, 'folder' | 'manifests'>>;
}

/**
 * The one place an engine is built: the CLI, the server, audit workers and the use cases above
 * all call this, so every engine gets the same rules, IAM table and sibling reader.
 */
export function createEngine(setup: EngineSetup = {}): Engine {
  const baseline = setup.baseline instanceof Baseline ? setup.baseline : new Baseline(setup.baseline ?? []);
  const siblings = setup.siblingFiles ?? (setup.root ? terraformSiblingReader(setup.root, setup.siblingCache !== 'live') : undefined);
  return new Engine({
    // Read when first needed (engine.ts): a warm cached audit with a JSON report never parses them.
    rules: setup.rules ?? (() => loadBuiltinRules()),
    config: setup.config,
    baseline,
    siblingFiles: siblings,
    moduleFiles: siblings?.folder,
    siblingManifests: siblings?.manifests,
    iamData: loadIamData,
    // Half the compiled rules file, parsed only by an engine that scans (a warm cached audit does not).
    keywordIndex: builtinKeywordIndex,
    patternReadings: builtinPatternReadings,
  });
}
