import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, type LoadedConfig } from '../../engine/config/workspaceConfig';
import { RuleError } from '../../engine/rules/ruleTypes';
import { readSettingsFile } from '../files/boundedFile';
import { isInsideFolder } from './workspacePaths';

/**
 * Reads and validates a config file; a missing optional file yields the empty config. An
 * optional one is the config a repository brings: if it is a link to a file outside its
 * folder it is refused, not read (that file's lines would show up in errors).
 */
export function loadConfigFile(file: string, required = true): LoadedConfig {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(file)) {
    if (required) throw new RuleError([`${file}: config file not found`]);
    return { config: {}, dir };
  }
  if (!required && !isInsideFolder(dir, file)) throw new RuleError([`${file}: links outside the workspace: not read`]);
  const config = parseWorkspaceConfig(readSettingsFile(file, 'config file'), file);
  return { config, file: path.resolve(file), dir };
}

/** The config of a workspace folder: `<root>/.nhi-lens.yaml` if present. */
export function loadWorkspaceConfig(root: string): LoadedConfig {
  return loadConfigFile(path.join(root, CONFIG_FILE_NAME), false);
}
