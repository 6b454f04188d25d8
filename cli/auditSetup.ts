import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, RuleError, type BaselineEntry, type LoadedConfig } from '../engine';
import { readBaseline } from '../workspace/config/baselineFile';
import { workspacePath } from '../workspace/config/workspacePaths';
import { loadConfigFile } from '../workspace/config/configFile';
import type { AuditProgress } from '../workspace/scan/scanPool';
import type { CliOptions } from './cliOptions';

/** `--config`, else `.nhi-lens.yaml` in the first folder named (or the current one). */
export function findConfig(options: CliOptions): LoadedConfig {
  if (options.config) return loadConfigFile(options.config, true);
  const first = options.targets[0] ?? '.';
  const folder = fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : process.cwd();
  return loadConfigFile(path.join(folder, CONFIG_FILE_NAME), false);
}

/** The folder paths are relative to: the config's, else the first folder named, else the current one. */
export function auditRoot(options: CliOptions, loaded: LoadedConfig): string {
  if (loaded.file) return loaded.dir;
  const first = options.targets[0];
  if (first && fs.existsSync(first) && fs.statSync(first).isDirectory()) return path.resolve(first);
  return process.cwd();
}

/** The accepted findings: `--baseline`, else the config's `baseline`; none while writing one. */
export function findBaseline(options: CliOptions, loaded: LoadedConfig): BaselineEntry[] {
  // --baseline is the user's own choice; a config's `baseline` must stay inside its folder.
  const baselineFile =
    options.baseline ?? (loaded.config.baseline ? workspacePath(loaded.dir, loaded.dir, loaded.config.baseline, 'baseline') : undefined);
  if (!baselineFile || options.writeBaseline) return [];
  if (!fs.existsSync(baselineFile))
    throw new RuleError([
      `${baselineFile}: baseline file not found (create it with --write-baseline ${path.relative(process.cwd(), baselineFile) || baselineFile})`,
    ]);
  return readBaseline(baselineFile).entries;
}

/** A one-line progress display on stderr (terminals only). */
export function progressPrinter(enabled: boolean): ((p: AuditProgress) => void) | undefined {
  if (!enabled) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && (p.listing || p.filesDone < p.filesTotal)) return;
    last = now;
    // While the walk is still listing, the total is not known yet: no percentage.
    const percent = p.listing ? '' : `${p.filesTotal ? Math.floor((p.filesDone / p.filesTotal) * 100) : 100}% `;
    const total = p.listing ? `${p.filesTotal}+` : `${p.filesTotal}`;
    const cached = p.filesCached ? ` (${p.filesCached} cached)` : '';
    process.stderr.write(
      `\r\x1b[2Knhi-lens: ${percent}${p.filesDone}/${total} files${cached}, ${(p.bytesDone / 1048576).toFixed(1)} MB, ${p.findings} findings`,
    );
  };
}
