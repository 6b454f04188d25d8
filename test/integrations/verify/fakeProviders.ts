import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../../integrations/verify/providers';

/** One request as a fake provider received it. */
export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * How the fake behaves: `normal` answers as the provider does; `hang` never answers; `error`
 * answers 503; `rate-limit-once` answers 429 with `Retry-After: 1` once, then normally;
 * `rate-limit-long` always 429 with `Retry-After: 3600`; `redirect` answers 302 to `redirectTo`.
 */
export type Mode = 'normal' | 'hang' | 'error' | 'rate-limit-once' | 'rate-limit-long' | 'redirect';

/** The base path each provider's API lives under, as in its official endpoint. */
const BASE: Record<ProviderId, string> = {
  aws: '',
  github: '',
  gitlab: '/api/v4',
  slack: '/api',
  stripe: '',
  openai: '/v1',
  anthropic: '',
  sendgrid: '',
  twilio: '',
  npm: '',
  google: '',
  huggingface: '',
  datadog: '',
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** An AWS key the fake STS knows: its secret (to check signatures with) and whose it is. */
export interface FakeAwsKey {
  secret: string;
  arn: string;
  sessionToken?: string;
}

/**
 * Checks an AWS Signature Version 4 the way STS does, written here independently of the signer
 * under test: rebuilds the canonical request from what arrived, derives the signing key from
 * the known secret, and compares signatures.
 */
export function checkSigV4(
  req: { method: string; url: string; headers: http.IncomingHttpHeaders },
  body: string,
  keys: Map<string, FakeAwsKey>,
  region: string,
): 'ok' | 'IncompleteSignature' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch' {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
  if (!auth) return 'IncompleteSignature';
  const [, keyId, date, scopeRegion, service, signedHeaders, signature] = auth;
  const key = keys.get(keyId);
  if (!key) return 'InvalidClientTokenId';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const names = signedHeaders.split(';');
  if (!amzDate.startsWith(date) || !names.includes('host') || !names.includes('x-amz-date')) return 'IncompleteSignature';
  if (
    Math.abs(Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')) - Date.now()) >
    15 * 60_000
  )
    return 'SignatureDoesNotMatch';
  if (scopeRegion !== region || service !== 'sts') return 'SignatureDoesNotMatch';
  if (key.sessionToken && (req.headers['x-amz-security-token'] !== key.sessionToken || !names.includes('x-amz-security-token')))
    return 'InvalidClientTokenId';
  const url = new URL(req.url, 'http://sts');
  const query = [...url.searchParams]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [req.method, url.pathname, query, canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const scope = `${date}/${scopeRegion}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${key.secret}`, date), scopeRegion), service), 'aws4_request');
  const expected = hmac(signingKey, stringToSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'ok' : 'SignatureDoesNotMatch';
}

/**
 * A loopback server that speaks one provider's verification endpoint as the provider documents
 * it: the same path, auth placement, success body, and error for a credential it does not know.
 */
export class FakeProvider {
  mode: Mode = 'normal';
  seen: Seen[] = [];
  /** Credentials it accepts: the secret (Twilio: `sid:token`) → the identity it answers with. */
  valid = new Map<string, string>();
  /** GitLab tokens without the read_user scope, Google keys whose project has not enabled the API, Twilio standard API keys. */
  limited = new Set<string>();
  /** AWS: keys by key ID. */
  awsKeys = new Map<string, FakeAwsKey>();
  /** AWS: the region signatures must be scoped to. */
  awsRegion = 'us-east-1';
  redirectTo = '';
  /** When set, answers are held until this many requests are waiting, then all are released. */
  gate = 0;
  private held: Array<() => void> = [];
  inFlight = 0;
  maxInFlight = 0;
  origin = '';
  private rateLimitedOnce = false;
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(readonly provider: ProviderId) {}

  /** The endpoint to configure for this provider. */
  get url(): string {
    return `${this.origin}${BASE[this.provider]}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  reset(): void {
    this.mode = 'normal';
    this.seen = [];
    this.inFlight = 0;
    this.maxInFlight = 0;
    this.rateLimitedOnce = false;
    this.gate = 0;
    this.held = [];
  }

  /** Every request as one text, Basic credentials decoded: to search for values that must not be there. */
  received(): string {
    return this.seen
      .map((s) => {
        const basic = /^Basic (.+)$/.exec(String(s.headers.authorization ?? ''))?.[1];
        return [s.method, s.url, JSON.stringify(s.headers), s.body, basic ? Buffer.from(basic, 'base64').toString('utf8') : ''].join('\n');
      })
      .join('\n');
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        const xml = typeof data === 'string';
        res.writeHead(status, { 'content-type': xml ? 'text/xml' : 'application/json', ...headers });
        res.end(xml ? data : JSON.stringify(data));
      };
      switch (this.mode) {
        case 'hang':
          return;
        case 'error':
          return send(503, { message: 'Service Unavailable' });
        case 'rate-limit-long':
          return send(429, { message: 'Too Many Requests' }, { 'retry-after': '3600' });
        case 'rate-limit-once':
          if (!this.rateLimitedOnce) {
            this.rateLimitedOnce = true;
            return send(429, { message: 'Too Many Requests' }, { 'retry-after': '1' });
          }
          break;
        case 'redirect':
          return send(302, {}, { location: this.redirectTo });
      }
      if (!this.gate) return this.answer(req, body, send);
      this.held.push(() => this.answer(req, body, send));
      if (this.held.length >= this.gate) for (const release of this.held.splice(0)) release();
    });
  }

  private answer(req: http.IncomingMessage, body: string, send: (status: number, data: unknown, headers?: Record<string, string>) => void) {
    const url = new URL(req.url!, 'http://fake');
    const route = `${req.method} ${url.pathname.slice(BASE[this.provider].length)}`;
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const notFound = () => send(404, { message: 'Not Found' });
    switch (this.provider) {
      case 'aws': {
        if (route !== 'POST /' || body !== 'Action=GetCallerIdentity&Version=2011-06-15') return send(400, '<ErrorResponse/>');
        const outcome = checkSigV4({ method: req.method!, url: req.url!, headers: req.headers }, body, this.awsKeys, this.awsRegion);
        if (outcome !== 'ok')
          return send(
            403,
            `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${outcome}</Code><Message>rejected</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
          );
        const keyId = /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization))![1];
        const arn = this.awsKeys.get(keyId)!.arn;
        return send(
          200,
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAFAKE</UserId><Account>${arn.split(':')[4]}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      }
      case 'github':
        if (route !== 'GET /user') return notFound();
        return bearer && this.valid.has(bearer)
          ? send(200, { login: this.valid.get(bearer), id: 1, type: 'User' }, { 'x-ratelimit-remaining': '4999' })
          : send(401, { message: 'Bad credentials' });
      case 'gitlab': {
        if (route !== 'GET /user') return notFound();
        const token = String(req.headers['private-token'] ?? '');
        if (this.limited.has(token)) return send(403, { error: 'insufficient_scope' });
        return this.valid.has(token) ? send(200, { id: 7, username: this.valid.get(token) }) : send(401, { message: '401 Unauthorized' });
      }
      case 'slack': {
        if (route !== 'POST /auth.test') return notFound();
        const who = bearer ? this.valid.get(bearer) : undefined;
        return who
          ? send(200, { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: who, team_id: 'T1', user_id: 'U1' })
          : send(200, { ok: false, error: 'invalid_auth' });
      }
      case 'stripe':
        if (route !== 'GET /v1/account') return notFound();
        return bearer && this.valid.has(bearer)
          ? send(200, { id: 'acct_1Fake', object: 'account', settings: { dashboard: { display_name: this.valid.get(bearer) } } })
          : send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      case 'openai':
        if (route !== 'GET /models') return notFound();
        return bearer && this.valid.has(bearer)
          ? send(200, { object: 'list', data: [] }, { 'openai-organization': this.valid.get(bearer)! })
          : send(401, { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } });
      case 'anthropic': {
        const key = String(req.headers['x-api-key'] ?? '');
        if (req.headers['anthropic-version'] !== '2023-06-01')
          return send(400, { type: 'error', error: { type: 'invalid_request_error' } });
        if (!this.valid.has(key))
          return send(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
        if (route === 'GET /v1/models') return send(200, { data: [] }, { 'anthropic-organization-id': this.valid.get(key)! });
        if (route === 'GET /v1/organizations/me') return send(200, { id: 'org-uuid', type: 'organization', name: this.valid.get(key) });
        return notFound();
      }
      case 'sendgrid':
        if (route !== 'GET /v3/user/username') return notFound();
        return bearer && this.valid.has(bearer)
          ? send(200, { username: this.valid.get(bearer), user_id: 1 })
          : send(401, { errors: [{ field: null, message: 'authorization required' }] });
      case 'twilio': {
        if (route !== 'GET /2010-04-01/Accounts.json') return notFound();
        const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
        const pair = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
        if (this.limited.has(pair)) return send(403, { code: 20403, message: 'Forbidden', status: 403 });
        return this.valid.has(pair)
          ? send(200, { accounts: [{ sid: pair.split(':')[0], friendly_name: this.valid.get(pair), status: 'active' }] })
          : send(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      case 'npm':
        if (route !== 'GET /-/whoami') return notFound();
        return bearer && this.valid.has(bearer) ? send(200, { username: this.valid.get(bearer) }) : send(401, { error: 'Unauthorized' });
      case 'google': {
        if (route !== 'GET /v1beta/models') return notFound();
        const key = String(req.headers['x-goog-api-key'] ?? '');
        if (this.limited.has(key))
          return send(403, {
            error: {
              code: 403,
              status: 'PERMISSION_DENIED',
              message: 'Generative Language API has not been used in project 123456 before or it is disabled.',
              details: [
                { '@type': 'type.googleapis.com/google.rpc.Help', links: [] },
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: 'SERVICE_DISABLED',
                  metadata: { consumer: this.valid.get(key) },
                },
              ],
            },
          });
        return this.valid.has(key)
          ? send(200, { models: [] })
          : send(400, {
              error: {
                code: 400,
                status: 'INVALID_ARGUMENT',
                message: 'API key not valid. Please pass a valid API key.',
                details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
              },
            });
      }
      case 'huggingface':
        if (route !== 'GET /api/whoami-v2') return notFound();
        return bearer && this.valid.has(bearer)
          ? send(200, {
              type: 'user',
              name: this.valid.get(bearer),
              auth: { type: 'access_token', accessToken: { displayName: 'ci', role: 'read' } },
            })
          : send(401, { error: 'Invalid credentials in Authorization header' });
      case 'datadog':
        if (route !== 'GET /api/v1/validate') return notFound();
        return this.valid.has(String(req.headers['dd-api-key'] ?? '')) ? send(200, { valid: true }) : send(403, { errors: ['Forbidden'] });
    }
  }
}

/** One fake per provider, each on its own port: a request to the wrong one would show up in its `seen`. */
export async function startFakeProviders(): Promise<Map<ProviderId, FakeProvider>> {
  const ids: ProviderId[] = Object.keys(BASE) as ProviderId[];
  const fakes = await Promise.all(ids.map((id) => new FakeProvider(id).start()));
  return new Map(fakes.map((f) => [f.provider, f]));
}
