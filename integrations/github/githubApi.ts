import type * as OctokitRest from '@octokit/rest';
import type { Octokit } from '@octokit/rest';
import { TOOL_VERSION } from '../../engine/version';

export const GITHUB_API_URL = 'https://api.github.com';

export interface GitHubTarget {
  /** `owner/name`. */
  repository: string;
  /** REST API root: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  baseUrl: string;
  token: string;
}

/** A GitHub call that failed, with a message that says what to do; the local audit is unaffected. */
export class GitHubError extends Error {}

/** How long one GitHub call may take, the answer's body included. */
export const GITHUB_TIMEOUT_MS = 30_000;

/** Statuses whose response has no body (a Response with one cannot be built). */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * fetch with a deadline on the whole exchange. Octokit has no timeout of its own, and Node's
 * fetch can leave a request unsettled for good when the server drops the connection just after
 * accepting it: with nothing else pending, the CLI then exited 0 with no report at all. The
 * timer keeps the process alive until the call settles or fails with "no answer within …".
 */
export function fetchWithTimeout(timeoutMs = GITHUB_TIMEOUT_MS): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    try {
      const response = await fetch(input, { ...init, signal });
      // Read the body under the same deadline, then hand octokit a complete response.
      const body = NULL_BODY_STATUS.has(response.status) ? null : await response.arrayBuffer();
      const complete = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      Object.defineProperty(complete, 'url', { value: response.url });
      return complete;
    } finally {
      clearTimeout(timer);
    }
  };
}

export function githubClient(target: GitHubTarget): Octokit {
  // Required here, not imported: a separate bundle (dist/vendor/, see esbuild.mjs) loaded only when GitHub is asked.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Octokit } = require('@octokit/rest') as typeof OctokitRest;
  return new Octokit({
    auth: target.token,
    baseUrl: target.baseUrl.replace(/\/+$/, ''),
    userAgent: `nhi-lens/${TOOL_VERSION}`,
    request: { fetch: fetchWithTimeout() },
    // Octokit logs warnings (deprecations) to the console; the CLI reports what matters itself.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

interface RequestFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** Turns an octokit failure into one sentence: what happened, why it likely did, what to do. */
export function explainGitHubError(error: unknown, action: string, target: GitHubTarget): GitHubError {
  const e = error as RequestFailure;
  const headers = e.response?.headers ?? {};
  const host = target.baseUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const apiMessage =
    typeof (e.response?.data as { message?: unknown })?.message === 'string'
      ? (e.response!.data as { message: string }).message
      : undefined;
  const resetAt = Number(headers['x-ratelimit-reset']);
  const rateLimited =
    e.status === 429 ||
    (e.status === 403 &&
      (String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(apiMessage ?? '')));
  if (rateLimited) {
    const when =
      Number.isFinite(resetAt) && resetAt > 0
        ? ` until ${new Date(resetAt * 1000).toISOString().slice(11, 16)} UTC`
        : headers['retry-after']
          ? ` for ${headers['retry-after']} s`
          : '';
    return new GitHubError(`${action}: GitHub rate limit reached${when}; try again later`);
  }
  switch (e.status) {
    case 401:
      return new GitHubError(`${action}: ${host} rejected the token (401); check GITHUB_TOKEN or sign in again`);
    case 403:
      return new GitHubError(
        `${action}: the token may not do this on ${target.repository} (403${apiMessage ? `: ${apiMessage}` : ''}); it needs the security_events scope (classic) or "Secret scanning alerts"/"Code scanning alerts" permission (fine-grained)`,
      );
    case 404:
      return new GitHubError(
        `${action}: not found on ${host} (404): check the repository name ${target.repository}, that the token can see it, and that the feature is enabled for it (GitHub Advanced Security on private repositories and GitHub Enterprise Server)`,
      );
    case 422:
      return new GitHubError(`${action}: GitHub refused the request (422${apiMessage ? `: ${apiMessage}` : ''})`);
  }
  // Octokit reports a request that got no answer (refused, DNS, timeout) as a 500 without response.
  if (e.status === undefined || !e.response) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e.message ?? String(error)).split('\n')[0];
    return new GitHubError(
      `${action}: cannot reach ${target.baseUrl} (${why}); check the network or the API URL (GitHub Enterprise Server: https://HOST/api/v3)`,
    );
  }
  return new GitHubError(`${action}: GitHub answered ${e.status}${apiMessage ? ` (${apiMessage})` : ''}`);
}
