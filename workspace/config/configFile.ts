import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, type LoadedConfig } from '../../engine/config/workspaceConfig';
import { RuleError } from '../../engine/rules/ruleTypes';
import { readSettingsFile } from '../files/boundedFile';

/** Reads and validates a config file; a missing optional file yields the empty config. */
export function loadConfigFile(file: string, required = true): LoadedConfig {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(file)) {
    if (required) throw new RuleError([`${file}: config file not found`]);
    return { config: {}, dir };
  }
  const config = parseWorkspaceConfig(readSettingsFile(file, 'config file'), file);
  return { config, file: path.resolve(file), dir };
}

/** The config of a workspace folder: `<root>/.nhi-lens.yaml` if present. */
export function loadWorkspaceConfig(root: string): LoadedConfig {
  return loadConfigFile(path.join(root, CONFIG_FILE_NAME), false);
}
