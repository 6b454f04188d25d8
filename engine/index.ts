/**
 * The nhi-lens engine: text in, findings and fixes out. Plain TypeScript with no editor and no
 * file system: whatever it needs from disk (rules, IAM data, sibling files) its caller hands it.
 */
export * from './types';
export { Engine, DEFAULT_LIMITS, DOCS_BASE, docsLink, looksBinary, type EngineOptions, type RuleInfo } from './engine';
export { Baseline, baselineOf, parseBaseline, type BaselineEntry, type BaselineFile } from './config/baseline';
export { CONFIG_FILE_NAME, parseWorkspaceConfig, type LoadedConfig, type WorkspaceConfig } from './config/workspaceConfig';
export { parseRulePack, type CompiledRulesFile } from './rules/ruleLoader';
export { RuleError, type LoadedRule, type RuleDefinition } from './rules/ruleTypes';
export { TOOL_VERSION } from './version';
export { maskSecret, fingerprintOf } from './secrets/masking';
export { fileKindOf } from './text/fileKind';
export { compareExposure, daysAgo, exposureNote, inventoryGitNote } from './secrets/gitExposure';
export type { IacSettings, OffsetEdit, OwnerFormat } from './iac/iacIssue';
export type { CheckId } from './iac/checkRegistry';
export * from './inventory/identity';
export { buildInventory, findingOwners } from './inventory/inventory';
export { CodeOwners, CODEOWNERS_LOCATIONS } from './inventory/codeOwners';
export { IamActions, type CompactIamData, type IamDataLoader } from './iac/aws/iamActions';
