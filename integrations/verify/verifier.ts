import type { Verification } from '../../engine';
import { TOOL_VERSION } from '../../engine/version';
import { readAnswer } from './answers';
import { sigV4Headers } from './awsSigning';
import type { Credential } from './credentials';
import { endpointFor, type EndpointOverrides } from './endpoints';
import { formatSeconds, probe, type ProbeRequest } from './httpProbe';
import type { ProviderId } from './providers';
import { VerdictCache } from './verdictCache';

/** How to verify: everything has a safe default; nothing here comes from the repository. */
export interface VerifyOptions {
  /** The user's endpoints per provider (CLI flag, environment, machine setting): never the repository's. */
  endpoints?: EndpointOverrides;
  /** One request's limit (default 5 s). */
  timeoutMs?: number;
  /** The whole stage's limit (default 60 s): what is left then is `unknown`, and not sent. */
  budgetMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** The longest Retry-After waited out before asking a rate-limiting provider again (default 10 s). */
  maxRetryWaitMs?: number;
  /** Verdicts kept across audits (an editor session keeps one); default: a new one per audit. */
  cache?: VerdictCache;
  /** With no `cache`: keep verdicts in this file (the CLI's `--verify-cache`). */
  cacheFile?: string;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_BUDGET_MS = 60_000;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;

/** What one verification stage did. */
export interface VerifyRun {
  /** Verdict per credential key. */
  verdicts: Map<string, Verification>;
  /** Requests sent (retries included). */
  sent: number;
  /** Verdicts taken from the cache. */
  cached: number;
  /** Why some verdicts are missing or the cache was not saved, for the report's notes. */
  notes: string[];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The request that asks `credential`'s provider about it: only ever its own provider's endpoint. */
export function requestFor(credential: Credential, endpoint: string, timeoutMs: number, signal?: AbortSignal): ProbeRequest {
  const { check } = credential;
  const url = new URL(`${endpoint}${check.path}`);
  let headers: Record<string, string> = {
    'user-agent': `nhi-lens/${TOOL_VERSION} (credential verification)`,
    accept: 'application/json',
    ...check.headers,
  };
  switch (check.auth.kind) {
    case 'bearer':
      headers.authorization = `Bearer ${credential.secret}`;
      break;
    case 'header':
      headers[check.auth.name] = credential.secret;
      break;
    case 'basic-pair':
      headers.authorization = `Basic ${Buffer.from(`${credential.id ?? ''}:${credential.secret}`).toString('base64')}`;
      break;
    case 'sigv4':
      headers = sigV4Headers(
        url,
        { method: check.method, headers, body: check.body, service: check.auth.service },
        { accessKeyId: credential.id ?? '', secretAccessKey: credential.secret, sessionToken: credential.sessionToken },
      );
      break;
  }
  return { url: url.href, method: check.method, headers, body: check.body, timeoutMs, signal };
}

/** The value the provider's shape check applies to: AWS's key ID, else the secret. */
function primaryValue(credential: Credential): string {
  return credential.check.pair === 'aws' ? (credential.id ?? '') : credential.secret;
}

/**
 * Asks each credential's own provider whether it works, at most `concurrency` at a time, each
 * request bounded by `timeoutMs` and all of them by `budgetMs`. A provider that rate-limits is
 * left alone for as long as it asks (one retry when that is short; otherwise its remaining
 * credentials are `unknown` without being sent). The same credential found twice is asked once.
 * Never throws: every failure is an `unknown` verdict with its reason.
 */
export async function verifyCredentials(credentials: Credential[], options: VerifyOptions = {}, signal?: AbortSignal): Promise<VerifyRun> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + (options.budgetMs ?? DEFAULT_BUDGET_MS);
  const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const cache = options.cache ?? new VerdictCache({ file: options.cacheFile });
  const run: VerifyRun = { verdicts: new Map(), sent: 0, cached: 0, notes: [] };
  const blockedUntil = new Map<ProviderId, number>();
  const rateLimited = new Set<string>();
  let budgetSpent = 0;

  const unique = new Map<string, Credential>();
  for (const c of credentials) if (!unique.has(c.key) && c.check.shape.test(primaryValue(c))) unique.set(c.key, c);

  const verifyOne = async (credential: Credential): Promise<Verification> => {
    const provider = credential.provider;
    const verdict = (state: Verification['state'], extra: Partial<Verification> = {}): Verification => ({
      state,
      provider: provider.name,
      checkedAt: new Date().toISOString(),
      ...extra,
    });
    let endpoint: string;
    try {
      endpoint = endpointFor(provider.id, options.endpoints);
    } catch (error) {
      return verdict('unknown', { detail: (error as Error).message });
    }
    const cached = cache.get(credential.key, endpoint);
    if (cached) {
      run.cached++;
      return cached;
    }
    for (let attempt = 0; ; attempt++) {
      const wait = (blockedUntil.get(provider.id) ?? 0) - Date.now();
      if (wait > 0) {
        if (wait > maxRetryWaitMs || Date.now() + wait >= deadline) {
          rateLimited.add(provider.name);
          return verdict('unknown', { detail: `rate limited (retry after ${Math.ceil(wait / 1000)} s)` });
        }
        await sleep(wait, signal);
      }
      if (signal?.aborted) return verdict('unknown', { detail: 'cancelled' });
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        budgetSpent++;
        return verdict('unknown', { detail: 'time budget spent' });
      }
      const limit = Math.min(timeoutMs, remaining);
      run.sent++;
      const result = await probe(requestFor(credential, endpoint, limit, signal));
      if (result.kind === 'failed') return verdict('unknown', { detail: result.reason });
      const reading = readAnswer(credential.check, result, [
        credential.secret,
        ...(credential.sessionToken ? [credential.sessionToken] : []),
      ]);
      if (reading.rateLimited) {
        const pause = reading.retryAfterMs ?? 60_000;
        blockedUntil.set(provider.id, Math.max(blockedUntil.get(provider.id) ?? 0, Date.now() + pause));
        if (attempt === 0 && pause <= maxRetryWaitMs) continue;
        rateLimited.add(provider.name);
        return verdict('unknown', { detail: reading.detail });
      }
      const answered = verdict(reading.state, {
        ...(reading.identity ? { identity: reading.identity } : {}),
        ...(reading.detail ? { detail: reading.detail } : {}),
      });
      cache.set(credential.key, endpoint, answered);
      return answered;
    }
  };

  const queue = [...unique.values()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) run.verdicts.set(next.key, await verifyOne(next));
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, queue.length));
  await Promise.all(Array.from({ length: concurrency }, worker));

  if (rateLimited.size)
    run.notes.push(`verification: rate limited by ${[...rateLimited].sort().join(', ')}: some credentials are unknown; try again later`);
  if (budgetSpent)
    run.notes.push(
      `verification: ${budgetSpent} credentials not checked: the ${formatSeconds(options.budgetMs ?? DEFAULT_BUDGET_MS)} time budget was spent`,
    );
  const unsaved = cache.save();
  if (unsaved) run.notes.push(unsaved);
  return run;
}
