import * as fs from 'node:fs';
import * as path from 'node:path';
import { Baseline, CONFIG_FILE_NAME, type BaselineEntry, type Engine, RuleError, type WorkspaceConfig } from '../engine';
import { readBaseline } from '../workspace/config/baselineFile';
import { loadWorkspaceConfig } from '../workspace/config/configFile';
import { workspacePath } from '../workspace/config/workspacePaths';
import { createEngine } from '../workspace/engineFactory';
import { terraformSiblingReader } from '../workspace/terraformSiblings';

export const DEFAULT_BASELINE_FILE = '.nhi-lens-baseline.json';

/**
 * The engine for one workspace folder, rebuilt when `.nhi-lens.yaml` or the baseline changes.
 * A broken config never leaves the editor without diagnostics: the built-in rules keep running
 * and the problem is reported once.
 */
export class WorkspaceState {
  config: WorkspaceConfig = {};
  baseline = new Baseline();
  /** Bumped on every reload: part of every diagnostic result id. */
  generation = 0;
  problems: string[] = [];

  /** One reader for the server's life: it re-reads sibling .tf files only when they change. */
  private readonly siblingFiles?: ReturnType<typeof terraformSiblingReader>;
  private current?: Engine;

  /** In an untrusted workspace the workspace's own rules (regexes it chose) are not run. */
  constructor(
    readonly root: string | undefined,
    readonly trusted = true,
  ) {
    this.siblingFiles = root ? terraformSiblingReader(root, false) : undefined;
  }

  get configFile(): string | undefined {
    return this.root && path.join(this.root, CONFIG_FILE_NAME);
  }

  /** The baseline file; undefined (no baseline, no "Accept into the baseline") when the config points outside the workspace. */
  get baselineFile(): string | undefined {
    if (!this.root) return undefined;
    try {
      return workspacePath(this.root, this.root, this.config.baseline ?? DEFAULT_BASELINE_FILE, 'baseline');
    } catch {
      return undefined;
    }
  }

  reload(): void {
    this.problems = [];
    try {
      this.config = this.root ? loadWorkspaceConfig(this.root).config : {};
      if (!this.trusted && this.config.rules?.length) {
        this.problems.push(`${CONFIG_FILE_NAME}: ${this.config.rules.length} custom rule(s) not run until you trust this workspace`);
        this.config = { ...this.config, rules: [] };
      }
    } catch (error) {
      this.config = {};
      this.problems.push(describe(error));
    }
    this.baseline = new Baseline();
    const file = this.baselineFile;
    if (this.root && !file)
      this.problems.push(`${CONFIG_FILE_NAME}: baseline "${this.config.baseline}" is outside the workspace: not used`);
    if (file && fs.existsSync(file)) {
      try {
        this.baseline = readBaseline(file);
      } catch (error) {
        this.problems.push(describe(error));
      }
    }
    this.rebuildEngine();
  }

  /** The baseline as just written to its file (the editor saves the edit): the engine follows at once. */
  acceptIntoBaseline(entries: BaselineEntry[]): void {
    this.baseline = new Baseline(entries);
    this.rebuildEngine();
  }

  /** The engine for the current config and baseline; built on first use, once per reload. */
  get engine(): Engine {
    return (this.current ??= this.buildEngine());
  }

  private rebuildEngine(): void {
    this.generation++;
    this.current = this.buildEngine();
  }

  private buildEngine(): Engine {
    const setup = { baseline: this.baseline, root: this.root, siblingFiles: this.siblingFiles };
    try {
      const engine = createEngine({ ...setup, config: this.config });
      this.problems.push(...engine.warnings.map((w) => `${CONFIG_FILE_NAME}: ${w}`));
      return engine;
    } catch (error) {
      this.problems.push(describe(error));
      return createEngine(setup);
    }
  }

  /** Workspace-relative path with forward slashes (what config globs and the baseline use). */
  relativePath(file: string): string {
    return this.root ? path.relative(this.root, file).split(path.sep).join('/') : file;
  }
}

function describe(error: unknown): string {
  return error instanceof RuleError ? error.problems.join('; ') : (error as Error).message;
}
