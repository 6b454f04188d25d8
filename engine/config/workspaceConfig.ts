import type { Severity } from '../types';
import type { IacSettings } from '../iac/iacIssue';
import { parseYamlSafely, validateConfigData } from '../rules/ruleLoader';
import type { RuleDefinition } from '../rules/ruleTypes';

/** The contents of a workspace `.nhi-lens.yaml` (see rules/config.schema.json). */
export interface WorkspaceConfig {
  rules?: RuleDefinition[];
  overrides?: Record<string, { severity?: Severity; enabled?: boolean }>;
  disable?: string[];
  /** `lowerSeverity`: secret findings in these paths are one level lower (defaults: engine DEFAULT_LOWER_SEVERITY_PATHS). */
  paths?: { ignore?: string[]; lowerSeverity?: string[] };
  baseline?: string;
  /** `maxFindings` is the audit's (app/auditWorkspace): the engine reads the other two. */
  limits?: { maxFileBytes?: number; maxLineLength?: number; maxFindings?: number };
  iac?: Partial<IacSettings>;
}

export const CONFIG_FILE_NAME = '.nhi-lens.yaml';

/** A config with the folder it was read from (paths in it are relative to that folder). */
export interface LoadedConfig {
  config: WorkspaceConfig;
  file?: string;
  dir: string;
}

/** Parses and validates the text of a `.nhi-lens.yaml`; `source` names it in errors. */
export function parseWorkspaceConfig(text: string, source: string): WorkspaceConfig {
  const data = parseYamlSafely(text, source) ?? {};
  validateConfigData(data, source);
  return data as WorkspaceConfig;
}
