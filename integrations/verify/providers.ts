/**
 * The providers a credential can be verified with, as data: which rules' findings each one
 * takes, what the value must look like, the one official endpoint that says whether it works
 * and who it belongs to, and how to read the answer. Code handles only what data cannot say:
 * SigV4 signing (awsSigning.ts) and credentials made of two findings (credentials.ts).
 */

export type ProviderId =
  | 'aws'
  | 'github'
  | 'gitlab'
  | 'slack'
  | 'stripe'
  | 'openai'
  | 'anthropic'
  | 'sendgrid'
  | 'twilio'
  | 'npm'
  | 'google'
  | 'huggingface'
  | 'datadog';

/** Where the credential goes in the request. */
export type AuthPlacement =
  /** `Authorization: Bearer <secret>`. */
  | { kind: 'bearer' }
  /** A header of its own, e.g. `x-api-key: <secret>`. */
  | { kind: 'header'; name: string }
  /** `Authorization: Basic base64(<id>:<secret>)`: two-part credentials (Twilio). */
  | { kind: 'basic-pair' }
  /** AWS Signature Version 4 over the whole request, with the key ID and secret (and session token). */
  | { kind: 'sigv4'; service: string };

/**
 * One way an answer can look. All given parts must hold: the status is one of `status`, the
 * JSON body has `json.path` equal to `json.equals` or one of `json.oneOf`, the body contains
 * `bodyIncludes`.
 */
export interface AnswerShape {
  status: number[];
  json?: { path: string; equals?: unknown; oneOf?: unknown[] };
  bodyIncludes?: string;
}

/** One verification request: which findings it takes and how it asks. */
export interface CheckSpec {
  /** Rule ids whose finding holds the value sent (the secret, or AWS's key ID). */
  rules: string[];
  /** The value must look like this provider's credential, or it is not sent anywhere. */
  shape: RegExp;
  /**
   * The text before the value on its line must match (an `.npmrc` token is npmjs.org's only
   * when its line says so; a token for another registry must not go to npmjs.org).
   */
  linePrefix?: RegExp;
  /** Two-part credentials: the partner finding is paired in code (credentials.ts). */
  pair?: 'aws' | 'twilio';
  method: 'GET' | 'POST';
  /** Appended to the provider's endpoint. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  auth: AuthPlacement;
  /** Answers that mean the credential works. */
  live: AnswerShape[];
  /** Answers that mean the provider does not accept it (revoked, expired, never existed). */
  invalid: AnswerShape[];
  /**
   * Who the credential belongs to: the first template whose placeholders all resolve.
   * `{a.b.0.c}` reads the JSON body (`*` takes the first array element that has the rest),
   * `{header:name}` a response header, `{xml:Tag}` the text of an XML element.
   */
  identity?: string[];
}

export interface ProviderSpec {
  id: ProviderId;
  /** For people: `GitHub`, `AWS`. */
  name: string;
  /** The official API root. Users may point it elsewhere (GitHub Enterprise Server, GovCloud, tests). */
  endpoint: string;
  /** What the endpoint is called in the help and errors, e.g. `GitHub Enterprise Server: https://HOST/api/v3`. */
  endpointHint: string;
  checks: CheckSpec[];
}

const ok = (...status: number[]): AnswerShape => ({ status });

export const PROVIDERS: readonly ProviderSpec[] = [
  {
    id: 'aws',
    name: 'AWS',
    endpoint: 'https://sts.amazonaws.com',
    endpointHint: 'STS endpoint, e.g. https://sts.us-gov-west-1.amazonaws.com for GovCloud',
    checks: [
      {
        // STS GetCallerIdentity needs no permission: any working key can call it.
        rules: ['aws-access-key-id'],
        shape: /^(?:AKIA|ASIA)[A-Z2-7]{16}$/,
        pair: 'aws',
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
        auth: { kind: 'sigv4', service: 'sts' },
        live: [ok(200)],
        invalid: [
          { status: [400, 403], bodyIncludes: '<Code>InvalidClientTokenId</Code>' },
          { status: [400, 403], bodyIncludes: '<Code>SignatureDoesNotMatch</Code>' },
          { status: [400, 403], bodyIncludes: '<Code>ExpiredToken</Code>' },
        ],
        identity: ['{xml:Arn}'],
      },
    ],
  },
  {
    id: 'github',
    name: 'GitHub',
    endpoint: 'https://api.github.com',
    endpointHint: 'REST API root; GitHub Enterprise Server: https://HOST/api/v3',
    checks: [
      {
        rules: ['github-pat-classic', 'github-oauth-token', 'github-user-to-server-token', 'github-fine-grained-pat'],
        shape: /^(?:gh[opu]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})$/,
        method: 'GET',
        path: '/user',
        headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
        auth: { kind: 'bearer' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['@{login}'],
      },
    ],
  },
  {
    id: 'gitlab',
    name: 'GitLab',
    endpoint: 'https://gitlab.com/api/v4',
    endpointHint: 'API root; self-managed: https://HOST/api/v4',
    checks: [
      {
        rules: ['gitlab-pat'],
        shape: /^glpat-[A-Za-z0-9_-]{20,27}(?:\.[0-9a-z]{2}\.[a-z0-9]{9})?$/,
        method: 'GET',
        path: '/user',
        auth: { kind: 'header', name: 'private-token' },
        // A token without the read_user scope authenticates but may not read the user.
        live: [ok(200), { status: [403], json: { path: 'error', equals: 'insufficient_scope' } }],
        invalid: [ok(401)],
        identity: ['@{username}'],
      },
    ],
  },
  {
    id: 'slack',
    name: 'Slack',
    endpoint: 'https://slack.com/api',
    endpointHint: 'Web API root',
    checks: [
      {
        rules: ['slack-bot-token', 'slack-user-token', 'slack-legacy-token'],
        // Not refresh tokens (xoxr-): auth.test would call a good one invalid.
        shape: /^xox[abps]-[A-Za-z0-9-]{10,250}$/,
        method: 'POST',
        path: '/auth.test',
        auth: { kind: 'bearer' },
        // Slack answers 200 either way; the body says which.
        live: [{ status: [200], json: { path: 'ok', equals: true } }],
        invalid: [
          {
            status: [200],
            json: { path: 'error', oneOf: ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired'] },
          },
        ],
        identity: ['@{user} in {team}', '{team}'],
      },
    ],
  },
  {
    id: 'stripe',
    name: 'Stripe',
    endpoint: 'https://api.stripe.com',
    endpointHint: 'API root',
    checks: [
      {
        rules: ['stripe-secret-key', 'stripe-test-secret-key', 'stripe-restricted-key'],
        shape: /^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}$/,
        method: 'GET',
        path: '/v1/account',
        auth: { kind: 'bearer' },
        // A restricted key without account read permission is still a working key.
        live: [ok(200), ok(403)],
        invalid: [ok(401)],
        identity: ['{settings.dashboard.display_name} ({id})', '{id}'],
      },
    ],
  },
  {
    id: 'openai',
    name: 'OpenAI',
    endpoint: 'https://api.openai.com/v1',
    endpointHint: 'API root',
    checks: [
      {
        rules: ['openai-api-key', 'openai-legacy-api-key'],
        shape: /^sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,150}T3BlbkFJ[A-Za-z0-9_-]{20,150}$|^sk-[A-Za-z0-9]{48}$/,
        method: 'GET',
        path: '/models',
        auth: { kind: 'bearer' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['{header:openai-organization}'],
      },
    ],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    endpoint: 'https://api.anthropic.com',
    endpointHint: 'API root',
    checks: [
      {
        rules: ['anthropic-api-key'],
        shape: /^sk-ant-api03-[A-Za-z0-9_-]{93}AA$/,
        method: 'GET',
        path: '/v1/models',
        headers: { 'anthropic-version': '2023-06-01' },
        auth: { kind: 'header', name: 'x-api-key' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['{header:anthropic-organization-id}'],
      },
      {
        rules: ['anthropic-admin-key'],
        shape: /^sk-ant-admin01-[A-Za-z0-9_-]{93}AA$/,
        method: 'GET',
        path: '/v1/organizations/me',
        headers: { 'anthropic-version': '2023-06-01' },
        auth: { kind: 'header', name: 'x-api-key' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['{name} ({id})', '{id}'],
      },
    ],
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    endpoint: 'https://api.sendgrid.com',
    endpointHint: 'API root (EU subusers: https://api.eu.sendgrid.com)',
    checks: [
      {
        rules: ['sendgrid-api-key'],
        shape: /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/,
        method: 'GET',
        path: '/v3/user/username',
        auth: { kind: 'bearer' },
        // A restricted key without the username scope is still a working key.
        live: [ok(200), ok(403)],
        invalid: [ok(401)],
        identity: ['@{username}'],
      },
    ],
  },
  {
    id: 'twilio',
    name: 'Twilio',
    endpoint: 'https://api.twilio.com',
    endpointHint: 'API root',
    checks: [
      {
        // The auth token (or API key secret) is sent with the SID found beside it.
        rules: ['twilio-auth-token'],
        shape: /^[a-f0-9]{32}$/,
        pair: 'twilio',
        method: 'GET',
        path: '/2010-04-01/Accounts.json?PageSize=1',
        auth: { kind: 'basic-pair' },
        // Standard API keys authenticate but may not list accounts (403); bad credentials are 401.
        live: [ok(200), ok(403)],
        invalid: [ok(401)],
        identity: ['{accounts.0.friendly_name} ({accounts.0.sid})', '{accounts.0.sid}'],
      },
    ],
  },
  {
    id: 'npm',
    name: 'npm',
    endpoint: 'https://registry.npmjs.org',
    endpointHint: 'registry root',
    checks: [
      {
        rules: ['npm-access-token'],
        shape: /^npm_[A-Za-z0-9]{36}$/,
        method: 'GET',
        path: '/-/whoami',
        auth: { kind: 'bearer' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['@{username}'],
      },
      {
        rules: ['npmrc-auth-token'],
        shape: /^[A-Za-z0-9_.+/=-]{20,200}$/,
        linePrefix: /\/\/registry\.npmjs\.org\/:_authToken\s*=\s*["']?$/i,
        method: 'GET',
        path: '/-/whoami',
        auth: { kind: 'bearer' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['@{username}'],
      },
    ],
  },
  {
    id: 'google',
    name: 'Google',
    endpoint: 'https://generativelanguage.googleapis.com',
    endpointHint: 'any Google API root that accepts API keys',
    checks: [
      {
        rules: ['gcp-api-key', 'google-ai-studio-key'],
        shape: /^AIza[A-Za-z0-9_-]{35}$/,
        method: 'GET',
        path: '/v1beta/models?pageSize=1',
        auth: { kind: 'header', name: 'x-goog-api-key' },
        // 403: the key is valid but this API is not enabled for its project, or the key is
        // restricted to other APIs: it works elsewhere. An unknown key is a 400 API_KEY_INVALID.
        live: [ok(200), ok(403)],
        invalid: [{ status: [400], bodyIncludes: 'API_KEY_INVALID' }],
        identity: ['{error.details.*.metadata.consumer}'],
      },
    ],
  },
  {
    id: 'huggingface',
    name: 'Hugging Face',
    endpoint: 'https://huggingface.co',
    endpointHint: 'Hub root',
    checks: [
      {
        rules: ['huggingface-access-token', 'huggingface-org-token'],
        shape: /^(?:hf_|api_org_)[A-Za-z]{34}$/,
        method: 'GET',
        path: '/api/whoami-v2',
        auth: { kind: 'bearer' },
        live: [ok(200)],
        invalid: [ok(401)],
        identity: ['@{name} (token "{auth.accessToken.displayName}")', '@{name}'],
      },
    ],
  },
  {
    id: 'datadog',
    name: 'Datadog',
    endpoint: 'https://api.datadoghq.com',
    endpointHint: 'API root of your site, e.g. https://api.datadoghq.eu',
    checks: [
      {
        rules: ['datadog-api-key'],
        shape: /^[a-f0-9]{32}$/,
        method: 'GET',
        path: '/api/v1/validate',
        auth: { kind: 'header', name: 'dd-api-key' },
        live: [{ status: [200], json: { path: 'valid', equals: true } }],
        invalid: [ok(403), ok(401)],
      },
    ],
  },
];

/** Rules that a second part of a credential comes from: not verified alone, paired in credentials.ts. */
export const PARTNER_RULES = ['aws-secret-access-key', 'aws-session-token', 'twilio-api-key'] as const;

const byRule = new Map<string, { provider: ProviderSpec; check: CheckSpec }>();
for (const provider of PROVIDERS)
  for (const check of provider.checks) for (const rule of check.rules) byRule.set(rule, { provider, check });

/** The provider and check that verify findings of this rule, if any. */
export function checkForRule(ruleId: string): { provider: ProviderSpec; check: CheckSpec } | undefined {
  return byRule.get(ruleId);
}

/** Findings of these rules take part in verification (alone or as the partner of another). */
export function isVerificationRule(ruleId: string): boolean {
  return byRule.has(ruleId) || (PARTNER_RULES as readonly string[]).includes(ruleId);
}

export function providerById(id: string): ProviderSpec | undefined {
  return PROVIDERS.find((p) => p.id === id);
}
