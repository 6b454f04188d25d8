import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Baseline,
  CONFIG_FILE_NAME,
  Engine,
  type BaselineEntry,
  RuleError,
  loadWorkspaceConfig,
  readBaseline,
  terraformSiblingReader,
  type WorkspaceConfig,
} from '../engine';

export const DEFAULT_BASELINE_FILE = '.nhi-lens-baseline.json';

/**
 * The engine for one workspace folder, rebuilt when `.nhi-lens.yaml` or the baseline changes.
 * A broken config never leaves the editor without diagnostics: the built-in rules keep running
 * and the problem is reported once.
 */
export class WorkspaceState {
  engine: Engine = new Engine();
  config: WorkspaceConfig = {};
  baseline = new Baseline();
  /** Bumped on every reload: part of every diagnostic result id. */
  generation = 0;
  problems: string[] = [];

  /** One reader for the server's life: it re-reads sibling .tf files only when they change. */
  private readonly siblingFiles?: ReturnType<typeof terraformSiblingReader>;

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

  get baselineFile(): string | undefined {
    if (!this.root) return undefined;
    return path.resolve(this.root, this.config.baseline ?? DEFAULT_BASELINE_FILE);
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
    if (file && fs.existsSync(file)) {
      try {
        this.baseline = readBaseline(file);
      } catch (error) {
        this.problems.push(describe(error));
      }
    }
    this.rebuildEngine();
  }

  /** Accepts one finding into the in-memory baseline (the file edit is saved by the editor). */
  acceptIntoBaseline(entry: BaselineEntry): void {
    this.baseline = new Baseline([...this.baseline.entries, entry]);
    this.rebuildEngine();
  }

  private rebuildEngine(): void {
    this.generation++;
    try {
      this.engine = new Engine({ config: this.config, baseline: this.baseline, siblingFiles: this.siblingFiles });
      this.problems.push(...this.engine.warnings.map((w) => `${CONFIG_FILE_NAME}: ${w}`));
    } catch (error) {
      this.problems.push(describe(error));
      this.engine = new Engine({ baseline: this.baseline, siblingFiles: this.siblingFiles });
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
