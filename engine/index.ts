/** The nhi-lens engine: plain TypeScript, no editor imports; shared by the server, CLI and tests. */
export * from './types';
export { Engine, DEFAULT_LIMITS, DOCS_BASE, docsLink, looksBinary, type EngineOptions, type RuleInfo } from './engine';
export { Baseline, baselineOf, readBaseline, type BaselineEntry, type BaselineFile } from './config/baseline';
export { CONFIG_FILE_NAME, loadConfigFile, loadWorkspaceConfig, type LoadedConfig, type WorkspaceConfig } from './config/workspaceConfig';
export { builtinRulesDir, loadBuiltinRules, loadRulePack } from './rules/ruleLoader';
export { RuleError, type LoadedRule, type RuleDefinition } from './rules/ruleTypes';
export { TOOL_VERSION } from './version';
export { maskSecret, fingerprintOf } from './secrets/masking';
export { fileKindOf } from './text/fileKind';
export { terraformSiblingReader } from '../workspace/terraformSiblings';
export type { IacSettings, OffsetEdit } from './iac/iacIssue';
export type { CheckId } from './iac/checkRegistry';
export * from './inventory/identity';
export { buildInventory, findingOwners } from './inventory/inventory';
export { CodeOwners, CODEOWNERS_LOCATIONS, readCodeOwners } from './inventory/codeOwners';
