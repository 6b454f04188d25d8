import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Verification } from '../../engine';
import { userCacheFolder } from '../../workspace/files/userCacheFolder';

/** How long a verdict is trusted: a live key may be revoked any minute; a dead key stays dead. */
export const DEFAULT_LIVE_TTL_MS = 60 * 60 * 1000;
export const DEFAULT_INVALID_TTL_MS = 24 * 60 * 60 * 1000;

/** Past this the file is not read (it is rewritten from scratch). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

interface Entry {
  verdict: Verification;
  /** The endpoint that answered: a verdict from a test server or another GitHub is not reused. */
  endpoint: string;
  expiresAt: number;
}

export interface VerdictCacheOptions {
  /** Keep verdicts in this file too (the CLI); absent: in memory only (an editor session). */
  file?: string;
  liveTtlMs?: number;
  invalidTtlMs?: number;
  now?: () => number;
}

/**
 * Verdicts by credential key: the provider and the findings' fingerprints (hashes that reveal
 * nothing), never the value. Live and invalid verdicts are kept until their TTL; unknown ones
 * (timeouts, rate limits) are not kept, so the next run asks again. The file holds keys,
 * verdicts, identities and times: no value, and it is written owner-only (0600).
 */
export class VerdictCache {
  private entries = new Map<string, Entry>();
  private loaded = false;
  private dirty = false;
  private readonly now: () => number;

  constructor(private readonly options: VerdictCacheOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  get file(): string | undefined {
    return this.options.file;
  }

  get(key: string, endpoint: string): Verification | undefined {
    this.load();
    const entry = this.entries.get(key);
    if (!entry || entry.endpoint !== endpoint) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      this.dirty = true;
      return undefined;
    }
    return { ...entry.verdict };
  }

  set(key: string, endpoint: string, verdict: Verification): void {
    if (verdict.state === 'unknown') return;
    this.load();
    const ttl =
      verdict.state === 'live' ? (this.options.liveTtlMs ?? DEFAULT_LIVE_TTL_MS) : (this.options.invalidTtlMs ?? DEFAULT_INVALID_TTL_MS);
    this.entries.set(key, { verdict: { ...verdict }, endpoint, expiresAt: this.now() + ttl });
    this.dirty = true;
  }

  /** Writes the file if anything changed; returns why it could not, or undefined. */
  save(): string | undefined {
    const file = this.options.file;
    if (!file || !this.dirty) return undefined;
    const now = this.now();
    const live = [...this.entries].filter(([, e]) => e.expiresAt > now).slice(-MAX_ENTRIES);
    const data = {
      version: 1,
      about: 'nhi-lens verification verdicts, keyed by provider and finding fingerprint; holds no credential value',
      entries: Object.fromEntries(live.map(([key, e]) => [key, { ...e.verdict, endpoint: e.endpoint, expiresAt: e.expiresAt }])),
    };
    const temp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(temp, JSON.stringify(data, null, 1) + '\n', { mode: 0o600 });
      fs.renameSync(temp, file);
      this.dirty = false;
      return undefined;
    } catch (error) {
      fs.rmSync(temp, { force: true });
      return `verification cache not saved to ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    }
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const file = this.options.file;
    if (!file) return;
    let raw: unknown;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return;
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return; // absent or unreadable: start empty, the next save replaces it
    }
    const entries = (raw as { version?: unknown; entries?: unknown })?.version === 1 ? (raw as { entries?: unknown }).entries : undefined;
    if (!entries || typeof entries !== 'object') return;
    const now = this.now();
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      const e = value as Partial<Verification> & { endpoint?: unknown; expiresAt?: unknown };
      if (
        (e.state !== 'live' && e.state !== 'invalid') ||
        typeof e.endpoint !== 'string' ||
        typeof e.expiresAt !== 'number' ||
        e.expiresAt <= now ||
        typeof e.checkedAt !== 'string' ||
        typeof e.provider !== 'string' ||
        (e.identity !== undefined && typeof e.identity !== 'string')
      )
        continue;
      this.entries.set(key, {
        verdict: {
          state: e.state,
          provider: e.provider,
          checkedAt: e.checkedAt,
          ...(e.identity !== undefined ? { identity: e.identity } : {}),
        },
        endpoint: e.endpoint,
        expiresAt: e.expiresAt,
      });
    }
  }
}

/**
 * The CLI's cache file of verdicts, in the user's cache folder (workspace/files/userCacheFolder.ts);
 * undefined when there is none (no home folder known, or only a relative one).
 */
export function userCacheFile(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
  home: () => string = os.homedir,
): string | undefined {
  const folder = userCacheFolder(env, platform, home);
  return folder === undefined ? undefined : path.join(folder, 'verify-cache.json');
}
