import type * as Aws4 from 'aws4';

/** The region an STS endpoint lives in (`sts.us-gov-west-1.amazonaws.com`), else the global one's. */
export function stsRegion(host: string): string {
  return /^sts[.-]([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(host)?.[1] ?? 'us-east-1';
}

/**
 * Headers that sign a request with AWS Signature Version 4 (aws4 computes it): the key ID goes
 * in the Authorization header's credential scope, the secret only into the HMAC and never on
 * the wire; a session token, when there is one, goes in X-Amz-Security-Token.
 */
export function sigV4Headers(
  url: URL,
  request: { method: string; headers: Record<string, string>; body?: string; service: string },
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Record<string, string> {
  // Required here, not imported: a separate bundle (dist/vendor/, see esbuild.mjs) loaded only when a key is verified.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const aws4 = require('aws4') as typeof Aws4;
  const signed = aws4.sign(
    {
      host: url.host,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      body: request.body,
      service: request.service,
      region: stsRegion(url.hostname),
      headers: { ...request.headers, Host: url.host },
    },
    credentials,
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) if (value !== undefined) headers[name] = String(value);
  return headers;
}
