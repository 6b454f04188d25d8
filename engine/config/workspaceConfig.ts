import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Severity } from '../types';
import type { IacSettings } from '../iac/iacIssue';
import { parseYamlSafely, validateConfigData } from '../rules/ruleLoader';
import { RuleError, type RuleDefinition } from '../rules/ruleTypes';

/** The contents of a workspace `.nhi-lens.yaml` (see rules/config.schema.json). */
export interface WorkspaceConfig {
  rules?: RuleDefinition[];
  overrides?: Record<string, { severity?: Severity; enabled?: boolean }>;
  disable?: string[];
  paths?: { ignore?: string[] };
  baseline?: string;
  limits?: { maxFileBytes?: number; maxLineLength?: number };
  iac?: Partial<IacSettings>;
}

export const CONFIG_FILE_NAME = '.nhi-lens.yaml';

/** A config with the folder it was read from (paths in it are relative to that folder). */
export interface LoadedConfig {
  config: WorkspaceConfig;
  file?: string;
  dir: string;
}

/** Reads and validates a config file; a missing optional file yields the empty config. */
export function loadConfigFile(file: string, required = true): LoadedConfig {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(file)) {
    if (required) throw new RuleError([`${file}: config file not found`]);
    return { config: {}, dir };
  }
  const data = parseYamlSafely(fs.readFileSync(file, 'utf8'), file) ?? {};
  validateConfigData(data, file);
  return { config: data as WorkspaceConfig, file: path.resolve(file), dir };
}

/** The config of a workspace folder: `<root>/.nhi-lens.yaml` if present. */
export function loadWorkspaceConfig(root: string): LoadedConfig {
  return loadConfigFile(path.join(root, CONFIG_FILE_NAME), false);
}
