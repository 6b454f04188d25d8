import type { AnswerShape, CheckSpec } from './providers';

/** What a provider's answer means. `unknown` says why in `detail`. */
export interface Reading {
  state: 'live' | 'invalid' | 'unknown';
  identity?: string;
  detail?: string;
  /** Rate limited: wait this long before asking this provider again (absent: it did not say). */
  retryAfterMs?: number;
  rateLimited?: boolean;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const MAX_IDENTITY = 160;

/** How long a rate-limited provider asks to be left alone: Retry-After (seconds or a date), or GitHub's reset time. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const retry = headers['retry-after']?.trim();
  if (retry) {
    if (/^\d+(?:\.\d+)?$/.test(retry)) return Math.round(Number(retry) * 1000);
    const at = Date.parse(retry);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

function isRateLimited(answer: Answer): boolean {
  return answer.status === 429 || (answer.status === 403 && answer.headers['x-ratelimit-remaining'] === '0');
}

function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** `a.b.0.c` in a JSON value; `*` takes the first element of an array that has the rest of the path. */
function atPath(value: unknown, path: string[]): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  if (head === '*') {
    if (!Array.isArray(value)) return undefined;
    for (const item of value) {
      const found = atPath(item, rest);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  return atPath((value as Record<string, unknown>)[head], rest);
}

function matches(shape: AnswerShape, answer: Answer, json: () => unknown): boolean {
  if (!shape.status.includes(answer.status)) return false;
  if (shape.bodyIncludes !== undefined && !answer.body.includes(shape.bodyIncludes)) return false;
  if (shape.json) {
    const value = atPath(json(), shape.json.path.split('.'));
    if ('equals' in shape.json && value !== shape.json.equals) return false;
    if (shape.json.oneOf && !shape.json.oneOf.includes(value)) return false;
  }
  return true;
}

/** The first identity template whose placeholders all resolve, cleaned for display. */
export function identityOf(templates: string[], answer: Answer, json: () => unknown): string | undefined {
  for (const template of templates) {
    let complete = true;
    const text = template.replace(/\{([^{}]+)\}/g, (_m, key: string) => {
      let value: unknown;
      if (key.startsWith('header:')) value = answer.headers[key.slice(7).toLowerCase()];
      else if (key.startsWith('xml:')) {
        const tag = key.slice(4);
        value = new RegExp(`<${tag}>([^<]{1,512})</${tag}>`).exec(answer.body)?.[1];
      } else value = atPath(json(), key.split('.'));
      if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
        complete = false;
        return '';
      }
      return String(value);
    });
    if (complete) return clean(text);
  }
  return undefined;
}

/** Identities come from a remote server: no control characters, one line, bounded. */
function clean(text: string): string | undefined {
  const one = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!one) return undefined;
  return one.length > MAX_IDENTITY ? `${one.slice(0, MAX_IDENTITY - 1)}…` : one;
}

/**
 * Reads a provider's answer by its check's data. A rate limit, a server error, a redirect or an
 * answer the check does not describe are `unknown`: only an answer the provider documents as
 * "works" or "does not work" gives a verdict. `secrets` are the values sent: an identity that
 * quotes one is dropped, so a verdict can never carry a value into a report.
 */
export function readAnswer(check: CheckSpec, answer: Answer, secrets: string[]): Reading {
  if (isRateLimited(answer)) {
    const wait = retryAfterMs(answer.headers);
    return {
      state: 'unknown',
      rateLimited: true,
      detail: `rate limited${wait !== undefined ? ` (retry after ${Math.ceil(wait / 1000)} s)` : ''}`,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  let parsed: { value: unknown } | undefined;
  const json = () => (parsed ??= { value: jsonOf(answer.body) }).value;
  if (check.invalid.some((shape) => matches(shape, answer, json))) return { state: 'invalid' };
  if (check.live.some((shape) => matches(shape, answer, json))) {
    const identity = check.identity ? identityOf(check.identity, answer, json) : undefined;
    const quotes = identity !== undefined && secrets.some((s) => s.length >= 8 && identity.includes(s));
    return { state: 'live', ...(identity && !quotes ? { identity } : {}) };
  }
  if (answer.status >= 300 && answer.status < 400) return { state: 'unknown', detail: `redirected (HTTP ${answer.status}, not followed)` };
  if (answer.status >= 500) return { state: 'unknown', detail: `provider error (HTTP ${answer.status})` };
  return { state: 'unknown', detail: `unexpected answer (HTTP ${answer.status})` };
}
