import type * as Http from 'node:http';

/** One request to a provider, with a credential in it. */
export interface ProbeRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The provider's answer, or why there is none (never an exception). */
export type ProbeResult =
  { kind: 'answer'; status: number; headers: Record<string, string>; body: string } | { kind: 'failed'; reason: string };

/** Identity answers are small; a larger body is cut here (a misbehaving server cannot fill memory). */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Sends one request and reads the answer. Redirects are never followed: a credential goes to
 * the endpoint it was meant for and nowhere else (a 3xx is an answer like any other, which the
 * verifier reads as unknown). No connection is reused, no proxy is used, and the reason of a
 * failure is a code (ECONNREFUSED, timeout), never text that could quote the request.
 */
export function probe(request: ProbeRequest): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    if (request.signal?.aborted) return resolve({ kind: 'failed', reason: 'cancelled' });
    const url = new URL(request.url);
    // Loaded on the first probe (with tls and net): only --verify sends requests.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const transport = (url.protocol === 'https:' ? require('node:https') : require('node:http')) as typeof Http;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
      headers['content-length'] = String(Buffer.byteLength(request.body));
    let req: Http.ClientRequest;
    try {
      req = transport.request(url, { method: request.method, headers, agent: false });
    } catch (error) {
      return resolve({ kind: 'failed', reason: `request refused (${(error as NodeJS.ErrnoException).code ?? 'invalid'})` });
    }
    const timer = setTimeout(() => {
      finish({ kind: 'failed', reason: `timed out after ${formatSeconds(request.timeoutMs)}` });
      req.destroy();
    }, request.timeoutMs);
    const onAbort = () => {
      finish({ kind: 'failed', reason: 'cancelled' });
      req.destroy();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'failed', reason: `network error (${error.code ?? 'unknown'})` }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        finish({ kind: 'answer', status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') });
      };
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_BODY_BYTES) return;
        chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'failed', reason: `network error (${error.code ?? 'reset'})` }));
    });
    req.end(request.body);
  });
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
