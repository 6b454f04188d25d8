/**
 * Why a file named on the command line was not scanned. A user who runs `nhi-lens audit
 * config/prod.env` and reads "0 files scanned" cannot tell a clean file from one that was never
 * read; this says which, and why: excluded by the config, too large, binary…
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine } from '../engine';
import type { Report } from '../report/reportModel';
import { toRelative } from '../workspace/files/fileWalker';

export function namedFilesNotScanned(targets: string[], root: string, engine: Engine, report: Report, configFile?: string): string[] {
  const notes: string[] = [];
  const config = configFile ? path.relative(process.cwd(), configFile) || configFile : 'the config';
  for (const target of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      continue; // the walk already said: no such file
    }
    const relative = toRelative(root, path.resolve(target));
    if (!stat.isFile()) continue; // a folder: its files speak for themselves in the report
    if (engine.isIgnoredPath(relative)) {
      notes.push(`${target}: not scanned: excluded by paths.ignore in ${config}`);
      continue;
    }
    const skipped = report.skipped.find((s) => s.path === relative && s.line === undefined);
    if (!skipped) continue;
    const why =
      skipped.reason === 'nhi-lens:ignore-file' ? 'it has a nhi-lens:ignore-file comment' : skipped.reason.replace(/ not scanned$/, '');
    notes.push(`${target}: not scanned: ${why}`);
  }
  return notes;
}
