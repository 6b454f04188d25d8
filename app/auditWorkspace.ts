import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BaselineEntry, Engine, Finding, WorkspaceConfig } from '../engine';
import { GITHUB_API_URL, type GitHubTarget } from '../integrations/github/githubApi';
import { detectRepository } from '../integrations/github/repository';
import { addGitHubAlerts } from '../integrations/github/secretScanning';
import { addFindings, addInventory, omittedNote, orderByExposure, reportOf, type Report } from '../report/reportModel';
import { createEngine } from '../workspace/engineFactory';
import { changesSince, fingerprintsInBlobs } from '../workspace/git/changedFiles';
import { mayBeInGitRepository } from '../workspace/git/gitPresence';
import { scanHistory } from '../workspace/git/historyScan';
import { annotateGitState } from '../workspace/git/secretExposure';
import { applyGitAdvice } from '../workspace/git/secretHistory';
import {
  AuditCache,
  auditCacheKey,
  auditedFolderHolding,
  defaultAuditCacheFile,
  pruneCacheFolder,
  textDigest,
} from '../workspace/scan/auditCache';
import { builtinRulesBytes } from '../workspace/rules/ruleFiles';
import { DEFAULT_MAX_FINDINGS } from '../workspace/scan/retainedFindings';
import type { StampStarter } from '../workspace/scan/stampPrefetch';
import { runAudit, type AuditProgress, type AuditResult } from '../workspace/scan/scanPool';
import { addVerification, type VerifyOptions } from './verifyFindings';
import { TOOL_VERSION } from '../engine/version';

export type { VerifyOptions };

/** GitHub access for the alerts check: a token and, optionally, where (else detected from the checkout). */
export interface GitHubAccess {
  token: string;
  repository?: string;
  /** REST API root; empty or absent: github.com. */
  baseUrl?: string;
}

/** One workspace audit, as the CLI and the language server both ask for it. */
export interface AuditRequest {
  /** Folder that finding paths are relative to (config and baseline live here). */
  root: string;
  /** Files and folders to scan; default: the root. */
  targets?: string[];
  config: WorkspaceConfig;
  baseline: BaselineEntry[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Worker threads (see runAudit). */
  jobs?: number;
  /**
   * Reuse per-file results of the last audit of this folder with the same rules, config and
   * baseline, and keep this audit's for the next: `true` keeps them in the user's cache folder,
   * a string names the cache file.
   */
  cache?: boolean | string;
  /**
   * With a cache: a thread that looks up the cached files' stamps from the end of the list while
   * the walk goes from its start (a long-running process keeps one: the language server).
   */
  stampThread?: StampStarter;
  /** Build the NHI inventory (default true). */
  inventory?: boolean;
  /**
   * Findings listed in full, the most severe first; the rest are counted in the summary, with a
   * note. Default: the config's `limits.maxFindings`, else DEFAULT_MAX_FINDINGS. Infinity lists all.
   */
  maxFindings?: number;
  /**
   * Mark secrets as committed or not (runs git: trusted workspaces only). `true` notes on the
   * report when git is not available; `when-available` (the editor) stays quiet.
   */
  git?: boolean | 'when-available';
  /** Also scan every past version of every file for secrets removed since (implies git). */
  history?: boolean;
  /**
   * `--diff <ref>`: audit only the files changed since the merge base of this ref and HEAD, and
   * report only the findings the change introduces (a pull request sees its own problems).
   */
  since?: string;
  /** Merge GitHub's open secret-scanning alerts. */
  github?: GitHubAccess;
  /**
   * Ask each secret's own provider whether it works (opt-in: absent, nothing leaves the
   * machine). Only for a user who asked for it, never in an untrusted workspace.
   */
  verify?: VerifyOptions;
  signal?: AbortSignal;
  onProgress?: (progress: AuditProgress) => void;
  /** Findings of each file as it is scanned (not in the baseline). */
  onFindings?: (findings: Finding[]) => void;
  /** A slower stage after the scan starts (git, GitHub): for a progress line. */
  onStage?: (message: string) => void;
}

/** What an audit produced: the report every format renders, the scan's raw result and the engine used. */
export interface AuditOutcome {
  report: Report;
  run: AuditResult;
  engine: Engine;
  /** How many open GitHub alerts there were and how many matched a finding (when GitHub was asked and answered). */
  github?: { alerts: number; matched: number };
  /** With a cache: where it is, how many files it answered for, how many folders it listed (not read), whether the walk was taken from it (`AuditCache.replay`), why an existing one was not used. */
  cache?: { file: string; hits: number; misses: number; ignored?: string; saved: boolean; foldersListed: number; replayed: boolean };
}

/**
 * Walks and scans the workspace, then adds what the scan alone cannot know: git state and
 * history, GitHub's alerts, whether secrets are live (opt-in), the inventory and owners. Each
 * of those degrades to a note on the report when it cannot run; the local findings always stand.
 */
export async function auditWorkspace(request: AuditRequest): Promise<AuditOutcome> {
  const { root, config, baseline } = request;
  // Also validates the config's rules and ids before any worker starts.
  const engine = createEngine({ config, baseline, root, siblingCache: 'per-audit' });
  const since = request.since ? await changedSince(root, request.since, engine) : undefined;
  const inventory = request.inventory !== false;
  const cache = request.cache ? openCache(request.cache, engine, request, inventory) : undefined;
  const run = await runAudit({
    engine,
    cache,
    targets: since ? since.targets : request.targets?.length ? request.targets : [root],
    root,
    setup: { config, baseline, root, inventory },
    gitignore: request.gitignore !== false,
    jobs: request.jobs,
    maxFindings: request.maxFindings ?? config.limits?.maxFindings ?? DEFAULT_MAX_FINDINGS,
    secretFingerprints: !!request.history,
    signal: request.signal,
    onProgress: request.onProgress,
    onFindings: request.onFindings
      ? (findings) => {
          const shown = findings.filter((f) => !f.baselined);
          if (shown.length) request.onFindings!(shown);
        }
      : undefined,
  })
    .catch((error: unknown) => {
      cache?.discard();
      throw error;
    })
    .finally(() => cache?.walkDone());
  // Findings the base already had (in any changed file: a moved secret is not new) are not the change's.
  if (since) run.findings = run.findings.filter((f) => !since.before.has(f.fingerprint));
  let cacheUse: AuditOutcome['cache'];
  if (cache) {
    // A cancelled audit saw only part of the tree: the previous cache stays as it was.
    const saved = !run.cancelled && cache.save();
    if (run.cancelled) cache.discard();
    if (saved && request.cache === true) pruneCacheFolder(path.dirname(cache.file));
    cacheUse = {
      file: cache.file,
      hits: cache.hits,
      misses: cache.misses,
      foldersListed: cache.foldersListed,
      replayed: cache.replayed,
      ...(cache.ignored ? { ignored: cache.ignored } : {}),
      saved,
    };
  }
  const report = reportOf(run, root, () => engine.rules);
  if (since) report.notes.push(since.note);
  if (!run.cancelled && (request.git || request.history)) {
    await addGitState(report, engine, run, request);
    orderByExposure(report);
  }
  let github: AuditOutcome['github'];
  if (!run.cancelled && request.github) {
    request.onStage?.('fetching GitHub secret-scanning alerts…');
    const target = githubTarget(request.github, root);
    if (typeof target === 'string') report.notes.push(target);
    else github = await addGitHubAlerts(report, target);
  }
  if (!run.cancelled && request.verify) {
    request.onStage?.('verifying credentials with their providers…');
    await addVerification(report, engine.maxFileBytes, request.verify, request.signal);
  }
  addInventory(report, run.identities);
  const omitted = omittedNote(report);
  if (omitted) report.notes.unshift(omitted);
  return { report, run, engine, ...(github ? { github } : {}), ...(cacheUse ? { cache: cacheUse } : {}) };
}

/**
 * The audit cache for this request: keyed by everything the per-file results depend on (this
 * build of the tool, the active rules, the config, the baseline, whether identities are listed).
 * Undefined for `true` when there is no user cache folder.
 */
function openCache(where: true | string, engine: Engine, request: AuditRequest, inventory: boolean): AuditCache | undefined {
  if (where !== true) {
    const holder = auditedFolderHolding(where, [request.root, ...(request.targets ?? [])]);
    if (holder !== undefined)
      throw new Error(
        `the audit cache file ${where} is inside the audited folder ${holder}, where a repository could plant one that hides ` +
          'findings: keep it outside the folders you audit (in CI, e.g. under $RUNNER_TEMP), or use --cache (the user cache folder)',
      );
  }
  // The active rules are the built-in ones as the config changes them (the config is in the key):
  // the compiled rules file stands for the built-in ones when there is one.
  const compiled = builtinRulesBytes();
  const key = auditCacheKey({
    toolVersion: `${TOOL_VERSION} ${buildStamp()}`,
    rules: compiled === undefined ? engine.rules : { compiledRules: rulesDigest(compiled) },
    config: request.config,
    baseline: request.baseline,
    inventory,
  });
  // No user cache folder (no home folder known): no cache, and the outcome says so by having none.
  const file = where === true ? defaultAuditCacheFile(request.root, key) : path.resolve(where);
  if (file === undefined) return undefined;
  return AuditCache.open(file, key, request.root, request.stampThread);
}

/** The last compiled rules file digested, and its digest: the same bytes (the process reads them once) are not hashed again. */
let lastRules: { bytes: Uint8Array; digest: string } | undefined;

/** The compiled rules' digest: 2-3 ms of every warm audit in the language server when hashed each time. */
function rulesDigest(bytes: Uint8Array): string {
  if (lastRules?.bytes !== bytes) lastRules = { bytes, digest: textDigest(bytes) };
  return lastRules.digest;
}

/** Size and mtime of the running code: a rebuilt tool (same version number, other code) does not trust an older cache. */
function buildStamp(): string {
  try {
    const stat = fs.statSync(__filename);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

async function addGitState(report: Report, engine: Engine, run: AuditResult, request: AuditRequest): Promise<void> {
  const shown = report.findings;
  const needsGit = request.history || shown.some((f) => f.category === 'secret');
  if (!needsGit) return;
  request.onStage?.('checking secrets against git history…');
  // Outside any repository (no `.git` above the folder) git is not started only to say so.
  if (!mayBeInGitRepository(report.root) || !(await annotateGitState(report.root, shown, engine))) {
    if (request.git !== 'when-available' || request.history) {
      report.notes.push('not a git repository (or git not installed): secrets were not checked against history');
    }
    return;
  }
  applyGitAdvice(shown);
  if (!request.history) return;
  request.onStage?.('scanning every past version of every file…');
  const history = await scanHistory(report.root, engine, run.secretFingerprints ?? new Set(), engine.maxFileBytes);
  if (!history) {
    report.notes.push('git history could not be read: --history found nothing');
    return;
  }
  applyGitAdvice(history.findings);
  const shownFromHistory = history.findings.filter((f) => !f.baselined);
  addFindings(report, shownFromHistory);
  report.baselined += history.findings.length - shownFromHistory.length;
  if (history.blobsSkipped) {
    report.notes.push(
      `${history.blobsSkipped} past file versions larger than ${Math.round(engine.maxFileBytes / 1024)} KiB were not scanned`,
    );
  }
}

/**
 * The files changed since the merge base of `ref` and HEAD (absolute paths, for the walk), and
 * the fingerprints of everything their base versions held. Throws with the reason when git
 * cannot tell (unknown ref, shallow clone).
 */
async function changedSince(root: string, ref: string, engine: Engine): Promise<{ targets: string[]; before: Set<string>; note: string }> {
  const changes = await changesSince(root, ref);
  if (typeof changes === 'string') throw new Error(changes);
  const before = await fingerprintsInBlobs(
    root,
    engine,
    changes.files.flatMap((c) => (c.before ? [{ path: c.path, sha: c.before }] : [])),
  );
  const targets = changes.files.filter((c) => c.status !== 'D').map((c) => path.resolve(root, c.path));
  return {
    targets,
    before,
    note: `--diff ${ref}: ${targets.length} files changed since ${changes.mergeBase.slice(0, 12)} (the merge base); only findings they introduce are reported`,
  };
}

/** Where to talk to GitHub, or the sentence saying what is missing. */
export function githubTarget(access: GitHubAccess, root: string): GitHubTarget | string {
  const repository = access.repository || detectRepository(root, {});
  if (!repository)
    return 'GitHub: no repository found (pass --github-repo owner/name or set nhiLens.github.repository, or add an origin remote)';
  return { token: access.token, repository, baseUrl: access.baseUrl || GITHUB_API_URL };
}
