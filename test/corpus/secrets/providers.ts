/**
 * Credential formats of 170+ providers as the providers publish them (prefixes, lengths,
 * alphabets, checksums), and the names code gives them. Written from the providers'
 * documentation and public token-format write-ups, not from this project's rules, so the
 * corpus can disagree with the rules.
 */
import { ALNUM, BASE64URL, HEX, type Rng, b64, b64url, checksummedToken } from '../../support/seededRandom';

export interface Provider {
  id: string;
  /** Display name in the figures. */
  name: string;
  /** ai, cloud, database, messaging, observability, payments, saas, source-ci, keys */
  group: string;
  /** Words of the variable names code uses for it: ['stripe', 'secret', 'key'] → STRIPE_SECRET_KEY, stripeSecretKey. */
  words: string[];
  make: (rng: Rng) => string;
}

type Maker = string | ((rng: Rng) => string);

const P = (id: string, name: string, group: string, words: string, make: Maker): Provider => ({
  id,
  name,
  group,
  words: words.split(' '),
  make: typeof make === 'string' ? (rng) => rng.format(make) : make,
});

/** A JWT with a JSON header and payload and a random signature. */
export function jwt(rng: Rng, payload: Record<string, unknown>, alg = 'HS256'): string {
  return `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${rng.chars(BASE64URL, alg === 'HS256' ? 43 : 86)}`;
}

/** A Discord bot token: base64 of the bot's snowflake id, a timestamp part, an HMAC part. */
function discordBotToken(rng: Rng): string {
  const id = `${1 + rng.int(9)}${rng.format('{d:17}')}`;
  return `${b64(id).replace(/=+$/, '')}.${rng.chars(BASE64URL, 6)}.${rng.chars(BASE64URL, rng.int(2) ? 27 : 38)}`;
}

const iat = 1_700_000_000;

export const PROVIDERS: Provider[] = [
  // AI
  P(
    'openai-project',
    'OpenAI (project key)',
    'ai',
    'openai api key',
    (r) => `sk-proj-${r.chars(ALNUM + '_-', 74)}T3BlbkFJ${r.chars(ALNUM + '_-', 74)}`,
  ),
  P('openai-legacy', 'OpenAI (user key)', 'ai', 'openai api key', (r) => `sk-${r.chars(ALNUM, 20)}T3BlbkFJ${r.chars(ALNUM, 20)}`),
  P(
    'openai-svcacct',
    'OpenAI (service account)',
    'ai',
    'openai api key',
    (r) => `sk-svcacct-${r.chars(ALNUM + '_-', 74)}T3BlbkFJ${r.chars(ALNUM + '_-', 74)}`,
  ),
  P('anthropic', 'Anthropic', 'ai', 'anthropic api key', (r) => `sk-ant-api03-${r.chars(ALNUM + '_-', 93)}AA`),
  P('anthropic-admin', 'Anthropic (admin)', 'ai', 'anthropic admin key', (r) => `sk-ant-admin01-${r.chars(ALNUM + '_-', 93)}AA`),
  P('huggingface', 'Hugging Face', 'ai', 'hf token', 'hf_{A:1}{an:33}'),
  P('groq', 'Groq', 'ai', 'groq api key', 'gsk_{an:52}'),
  P('replicate', 'Replicate', 'ai', 'replicate api token', 'r8_{an:37}'),
  P('perplexity', 'Perplexity', 'ai', 'perplexity api key', 'pplx-{an:48}'),
  P('xai', 'xAI', 'ai', 'xai api key', 'xai-{an:80}'),
  P('openrouter', 'OpenRouter', 'ai', 'openrouter api key', 'sk-or-v1-{hex:64}'),
  P('langsmith', 'LangSmith', 'ai', 'langsmith api key', 'lsv2_pt_{hex:32}_{hex:10}'),
  P('langfuse', 'Langfuse', 'ai', 'langfuse secret key', 'sk-lf-{uuid}'),
  P('pinecone', 'Pinecone', 'ai', 'pinecone api key', 'pcsk_{an:6}_{an:63}'),
  P('nvidia', 'NVIDIA NIM', 'ai', 'nvidia api key', 'nvapi-{an-:64}'),
  P('cohere', 'Cohere', 'ai', 'cohere api key', '{an:40}'),
  P('mistral', 'Mistral', 'ai', 'mistral api key', '{an:32}'),
  P('deepseek', 'DeepSeek', 'ai', 'deepseek api key', 'sk-{hex:32}'),
  P('together', 'Together AI', 'ai', 'together api key', '{hex:64}'),
  P('fireworks', 'Fireworks AI', 'ai', 'fireworks api key', 'fw_{an:24}'),
  P('elevenlabs', 'ElevenLabs', 'ai', 'elevenlabs api key', 'sk_{hex:48}'),
  P('assemblyai', 'AssemblyAI', 'ai', 'assemblyai api key', '{hex:32}'),
  P('deepgram', 'Deepgram', 'ai', 'deepgram api key', '{hex:40}'),
  P('wandb', 'Weights & Biases', 'ai', 'wandb api key', '{hex:40}'),
  P('cerebras', 'Cerebras', 'ai', 'cerebras api key', 'csk-{lan:48}'),
  P('gemini', 'Google Gemini', 'ai', 'gemini api key', 'AIza{b64u:35}'),
  P('stability', 'Stability AI', 'ai', 'stability api key', 'sk-{an:48}'),
  P('azure-openai', 'Azure OpenAI', 'ai', 'azure openai api key', '{hex:32}'),
  P('voyage', 'Voyage AI', 'ai', 'voyage api key', 'pa-{an-:43}'),

  // Cloud and infrastructure
  P('aws-access-key-id', 'AWS access key ID', 'cloud', 'aws access key id', 'AKIA{b32:16}'),
  P('aws-secret', 'AWS secret access key', 'cloud', 'aws secret access key', '{b64:40}'),
  P('aws-session', 'AWS session token', 'cloud', 'aws session token', (r) => `IQoJb3JpZ2luX2Vj${r.chars(ALNUM + '+/', 300)}`),
  P('gcp-api-key', 'Google API key', 'cloud', 'google api key', 'AIza{b64u:35}'),
  P('gcp-oauth-secret', 'Google OAuth client secret', 'cloud', 'google client secret', 'GOCSPX-{b64u:28}'),
  P('google-access-token', 'Google OAuth access token', 'cloud', 'google access token', 'ya29.a0{b64u:150}'),
  P('google-refresh-token', 'Google OAuth refresh token', 'cloud', 'google refresh token', '1//0{b64u:99}'),
  P('gcp-hmac', 'Google Cloud Storage HMAC secret', 'cloud', 'gcs hmac secret', '{b64:40}'),
  P('firebase-fcm', 'Firebase Cloud Messaging server key', 'cloud', 'fcm server key', 'AAAA{b64u:7}:APA91b{b64u:134}'),
  P('azure-storage-key', 'Azure storage account key', 'cloud', 'azure storage account key', '{b64:86}=='),
  P(
    'azure-ad-secret',
    'Microsoft Entra client secret',
    'cloud',
    'azure client secret',
    (r) => `${r.chars(ALNUM, 3)}${r.int(10)}Q~${r.chars(ALNUM + '_.~-', 34)}`,
  ),
  P('azure-devops', 'Azure DevOps PAT', 'cloud', 'azure devops pat', '{lb32:52}'),
  P(
    'azure-devops-v2',
    'Azure DevOps PAT (2024 format)',
    'cloud',
    'azure devops token',
    (r) => `${r.chars(ALNUM, 52)}AZDO${r.chars(ALNUM, 28)}`,
  ),
  P('azure-cosmos', 'Azure Cosmos DB key', 'cloud', 'cosmos db key', '{b64:86}=='),
  P('azure-maps', 'Azure Maps key', 'cloud', 'azure maps subscription key', '{b64u:43}'),
  P('alibaba-id', 'Alibaba Cloud AccessKey ID', 'cloud', 'alibaba cloud access key id', 'LTAI{an:20}'),
  P('alibaba-secret', 'Alibaba Cloud AccessKey secret', 'cloud', 'alibaba cloud access key secret', '{an:30}'),
  P('tencent', 'Tencent Cloud SecretId', 'cloud', 'tencentcloud secret id', 'AKID{an:32}'),
  P('tencent-key', 'Tencent Cloud SecretKey', 'cloud', 'tencentcloud secret key', '{an:32}'),
  P('ibm-cloud', 'IBM Cloud API key', 'cloud', 'ibmcloud api key', '{b64u:44}'),
  P('digitalocean', 'DigitalOcean PAT', 'cloud', 'digitalocean token', 'dop_v1_{hex:64}'),
  P('digitalocean-oauth', 'DigitalOcean OAuth token', 'cloud', 'do oauth token', 'doo_v1_{hex:64}'),
  P('digitalocean-spaces', 'DigitalOcean Spaces secret', 'cloud', 'spaces secret key', '{b64:43}'),
  P('linode', 'Linode (Akamai) token', 'cloud', 'linode token', '{hex:64}'),
  P('heroku', 'Heroku API key', 'cloud', 'heroku api key', '{uuid}'),
  P('heroku-v2', 'Heroku API key (HRKU)', 'cloud', 'heroku api key', 'HRKU-AA{b64u:58}'),
  P('cloudflare-token', 'Cloudflare API token', 'cloud', 'cloudflare api token', '{b64u:40}'),
  P('cloudflare-global', 'Cloudflare global API key', 'cloud', 'cloudflare api key', '{hex:37}'),
  P('cloudflare-ca', 'Cloudflare Origin CA key', 'cloud', 'cloudflare origin ca key', 'v1.0-{hex:24}-{hex:146}'),
  P('fastly', 'Fastly API token', 'cloud', 'fastly api token', '{b64u:32}'),
  P('vercel', 'Vercel token', 'cloud', 'vercel token', '{an:24}'),
  P('netlify', 'Netlify PAT', 'cloud', 'netlify auth token', 'nfp_{an:36}'),
  P('flyio', 'Fly.io token', 'cloud', 'fly api token', (r) => `FlyV1 fm2_${r.chars(ALNUM + '+/', 300)}`),
  P('scaleway', 'Scaleway secret key', 'cloud', 'scw secret key', '{uuid}'),
  P('terraform-cloud', 'Terraform Cloud token', 'cloud', 'tfe token', '{an:14}.atlasv1.{an:67}'),
  P('vault', 'HashiCorp Vault token', 'cloud', 'vault token', 'hvs.{b64u:91}'),
  P('vault-legacy', 'HashiCorp Vault token (legacy)', 'cloud', 'vault token', 's.{an:24}'),
  P('doppler', 'Doppler service token', 'cloud', 'doppler token', 'dp.st.prd.{an:40}'),
  P('pulumi', 'Pulumi access token', 'cloud', 'pulumi access token', 'pul-{hex:40}'),
  P(
    'onepassword',
    '1Password service account token',
    'cloud',
    'op service account token',
    (r) =>
      `ops_${b64(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: r.chars(BASE64URL, 22) }, email: `${r.chars('abcdefghijklmnop', 12)}@1passwordserviceaccounts.com`, srpX: r.chars(HEX, 64), muk: { alg: 'A256GCM', ext: true, k: r.chars(BASE64URL, 43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${r.format('{AN:6}-{AN:6}-{AN:5}-{AN:5}-{AN:5}-{AN:5}')}`, throttleSecret: { seed: r.chars(HEX, 64), uuid: r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 26) }, deviceUuid: r.chars('abcdefghijklmnopqrstuvwxyz234567', 26) }))}`,
  ),
  P('age', 'age secret key', 'cloud', 'age secret key', (r) => `AGE-SECRET-KEY-1${r.chars('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`),
  P('vultr', 'Vultr API key', 'cloud', 'vultr api key', '{AN:36}'),
  P('hetzner', 'Hetzner Cloud token', 'cloud', 'hcloud token', '{an:64}'),
  P('exoscale', 'Exoscale API key', 'cloud', 'exoscale api key', 'EXO{hex:24}'),
  P('backblaze', 'Backblaze B2 application key', 'cloud', 'b2 application key', 'K00{b64:28}'),
  P('yandex', 'Yandex Cloud API key', 'cloud', 'yc api key', 'AQVN{b64u:35}'),
  P('tailscale', 'Tailscale auth key', 'cloud', 'ts authkey', 'tskey-auth-{an:11}CNTRL-{an:33}'),
  P('akamai', 'Akamai EdgeGrid client secret', 'cloud', 'akamai client secret', '{b64:43}='),
  P('consul', 'Consul ACL token', 'cloud', 'consul http token', '{uuid}'),
  P('oci-auth-token', 'Oracle Cloud auth token', 'cloud', 'oci auth token', '{an:20}'),
  P('openstack', 'OpenStack application credential secret', 'cloud', 'os application credential secret', '{b64u:86}'),

  // Databases and data platforms (URIs are in the special cases)
  P('planetscale', 'PlanetScale service token', 'database', 'planetscale service token', 'pscale_tkn_{b64u:43}'),
  P('planetscale-pw', 'PlanetScale password', 'database', 'planetscale password', 'pscale_pw_{b64u:43}'),
  P('supabase', 'Supabase access token', 'database', 'supabase access token', 'sbp_{hex:40}'),
  P('supabase-secret', 'Supabase secret key', 'database', 'supabase secret key', 'sb_secret_{b64u:31}'),
  P('supabase-service-role', 'Supabase service role JWT', 'database', 'supabase service role key', (r) =>
    jwt(r, { iss: 'supabase', ref: r.chars('abcdefghijklmnopqrst', 20), role: 'service_role', iat, exp: iat + 315_360_000 }),
  ),
  P('neon', 'Neon API key', 'database', 'neon api key', 'napi_{lan:64}'),
  P('databricks', 'Databricks token', 'database', 'databricks token', 'dapi{hex:32}'),
  P('mongodb-atlas', 'MongoDB Atlas private API key', 'database', 'atlas private key', '{uuid}'),
  P('snowflake', 'Snowflake password', 'database', 'snowflake password', (r) => r.password()),
  P('influxdb', 'InfluxDB token', 'database', 'influxdb token', '{b64u:86}=='),
  P(
    'upstash',
    'Upstash Redis REST token',
    'database',
    'upstash redis rest token',
    (r) => `A${r.chars(ALNUM, 3)}ASQgN${r.chars(ALNUM + '_-', 60)}=`,
  ),
  P('turso', 'Turso auth token', 'database', 'turso auth token', (r) => jwt(r, { a: 'rw', iat, id: r.uuid() }, 'EdDSA')),
  P('firebase-db-secret', 'Firebase database secret', 'database', 'firebase database secret', '{an:40}'),

  // Messaging, email, social
  P('slack-bot', 'Slack bot token', 'messaging', 'slack bot token', 'xoxb-{d:12}-{d:13}-{an:24}'),
  P('slack-user', 'Slack user token', 'messaging', 'slack user token', 'xoxp-{d:12}-{d:12}-{d:13}-{hex:32}'),
  P('slack-app', 'Slack app-level token', 'messaging', 'slack app token', 'xapp-1-A{AN:10}-{d:13}-{hex:64}'),
  P('slack-config', 'Slack configuration token', 'messaging', 'slack config token', 'xoxe.xoxp-1-{an:146}'),
  P(
    'slack-webhook',
    'Slack incoming webhook',
    'messaging',
    'slack webhook url',
    'https://hooks.slack.com/services/T{AN:10}/B{AN:10}/{an:24}',
  ),
  P('discord-webhook', 'Discord webhook', 'messaging', 'discord webhook url', 'https://discord.com/api/webhooks/{d:18}/{b64u:68}'),
  P('discord-bot', 'Discord bot token', 'messaging', 'discord bot token', discordBotToken),
  P(
    'teams-webhook',
    'Microsoft Teams webhook',
    'messaging',
    'teams webhook url',
    (r) => `https://acme.webhook.office.com/webhookb2/${r.uuid()}@${r.uuid()}/IncomingWebhook/${r.chars(HEX, 32)}/${r.uuid()}`,
  ),
  P('telegram', 'Telegram bot token', 'messaging', 'telegram bot token', '{d:10}:AA{b64u:33}'),
  P(
    'google-chat',
    'Google Chat webhook',
    'messaging',
    'google chat webhook',
    'https://chat.googleapis.com/v1/spaces/AAAA{b64u:7}/messages?key=AIza{b64u:35}&token={b64u:43}%3D',
  ),
  P('dingtalk', 'DingTalk robot webhook', 'messaging', 'dingtalk webhook', 'https://oapi.dingtalk.com/robot/send?access_token={hex:64}'),
  P('feishu', 'Feishu/Lark bot webhook', 'messaging', 'feishu webhook', 'https://open.feishu.cn/open-apis/bot/v2/hook/{uuid}'),
  P('wecom', 'WeCom bot webhook', 'messaging', 'wecom webhook', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={uuid}'),
  P('zapier', 'Zapier webhook', 'messaging', 'zapier webhook url', 'https://hooks.zapier.com/hooks/catch/{d:7}/{lan:6}/'),
  P('ifttt', 'IFTTT Maker key', 'messaging', 'ifttt webhook', 'https://maker.ifttt.com/trigger/deploy_done/with/key/{b64u:22}'),
  P(
    'twitter-bearer',
    'X/Twitter bearer token',
    'messaging',
    'twitter bearer token',
    'AAAAAAAAAAAAAAAAAAAAA{an:9}AAAAAAA{an:6}%2B{an:12}%3D{an:50}',
  ),
  P('twitter-secret', 'X/Twitter consumer secret', 'messaging', 'twitter consumer secret', '{an:50}'),
  P('facebook-token', 'Facebook access token', 'messaging', 'facebook access token', 'EAAG{an:180}'),
  P('facebook-secret', 'Facebook app secret', 'messaging', 'facebook app secret', '{hex:32}'),
  P('linkedin', 'LinkedIn client secret', 'messaging', 'linkedin client secret', 'WPL_AP1.{an:16}.{b64:8}=='),
  P('twitch', 'Twitch client secret', 'messaging', 'twitch client secret', '{lan:30}'),
  P('sendgrid', 'SendGrid', 'messaging', 'sendgrid api key', 'SG.{b64u:22}.{b64u:43}'),
  P('mailgun', 'Mailgun API key', 'messaging', 'mailgun api key', 'key-{hex:32}'),
  P('mailgun-v2', 'Mailgun API key (2023 format)', 'messaging', 'mailgun api key', '{hex:32}-{hex:8}-{hex:8}'),
  P('mailchimp', 'Mailchimp API key', 'messaging', 'mailchimp api key', (r) => `${r.chars(HEX, 32)}-us${1 + r.int(21)}`),
  P('mandrill', 'Mandrill API key', 'messaging', 'mandrill api key', 'md-{b64u:22}'),
  P('twilio-key', 'Twilio API key secret', 'messaging', 'twilio api secret', '{an:32}'),
  P('twilio-sid', 'Twilio API key SID', 'messaging', 'twilio api key', 'SK{hex:32}'),
  P('twilio-auth', 'Twilio auth token', 'messaging', 'twilio auth token', '{hex:32}'),
  P('brevo', 'Brevo (Sendinblue) API key', 'messaging', 'brevo api key', 'xkeysib-{hex:64}-{an:16}'),
  P('postmark', 'Postmark server token', 'messaging', 'postmark server token', '{uuid}'),
  P('mailjet', 'Mailjet secret key', 'messaging', 'mailjet secret key', '{hex:32}'),
  P('messagebird', 'MessageBird access key', 'messaging', 'messagebird access key', '{an:25}'),
  P('vonage', 'Vonage API secret', 'messaging', 'vonage api secret', '{an:16}'),
  P('plivo', 'Plivo auth token', 'messaging', 'plivo auth token', '{an:40}'),
  P('sparkpost', 'SparkPost API key', 'messaging', 'sparkpost api key', '{hex:40}'),
  P('resend', 'Resend API key', 'messaging', 'resend api key', 're_{an:8}_{an:24}'),
  P('pusher', 'Pusher app secret', 'messaging', 'pusher app secret', '{hex:20}'),
  P('ably', 'Ably API key', 'messaging', 'ably api key', '{an:6}.{an:6}:{b64u:43}'),
  P('intercom', 'Intercom access token', 'messaging', 'intercom access token', (r) => `${b64(`tok:${r.uuid()}:1:0`)}`),
  P('zendesk', 'Zendesk API token', 'messaging', 'zendesk api token', '{an:40}'),
  P('hubspot', 'HubSpot private app token', 'messaging', 'hubspot access token', 'pat-na1-{uuid}'),
  P('klaviyo', 'Klaviyo private key', 'messaging', 'klaviyo private key', 'pk_{hex:34}'),
  P('line', 'LINE channel access token', 'messaging', 'line channel access token', '{b64:171}='),
  P('mattermost', 'Mattermost access token', 'messaging', 'mattermost token', '{lan:26}'),
  P('onesignal', 'OneSignal REST API key', 'messaging', 'onesignal rest api key', 'os_v2_app_{lb32:113}'),

  // Observability and monitoring
  P('datadog-api', 'Datadog API key', 'observability', 'dd api key', '{hex:32}'),
  P('datadog-app', 'Datadog application key', 'observability', 'dd app key', '{hex:40}'),
  P('newrelic-user', 'New Relic user key', 'observability', 'new relic api key', 'NRAK-{AN:27}'),
  P('newrelic-license', 'New Relic license key', 'observability', 'new relic license key', '{hex:36}NRAL'),
  P('newrelic-insert', 'New Relic insights insert key', 'observability', 'new relic insert key', 'NRII-{b64u:32}'),
  P(
    'sentry-org',
    'Sentry org token',
    'observability',
    'sentry auth token',
    (r) =>
      `sntrys_${b64(JSON.stringify({ iat: iat + r.int(1e7), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })).replace(/=+$/, '')}_${r.chars(ALNUM, 43)}`,
  ),
  P('sentry-user', 'Sentry user token', 'observability', 'sentry auth token', 'sntryu_{hex:64}'),
  P(
    'grafana-cloud',
    'Grafana Cloud token',
    'observability',
    'grafana cloud token',
    (r) => `glc_${b64(JSON.stringify({ o: String(r.int(1e6)), n: 'stack-ci', k: r.chars(ALNUM, 24), m: { r: 'prod-us-east-0' } }))}`,
  ),
  P('grafana-sa', 'Grafana service account token', 'observability', 'grafana service account token', (r) => {
    const random = r.chars(ALNUM, 32);
    return `glsa_${random}_${crc32hex(random)}`;
  }),
  P('dynatrace', 'Dynatrace API token', 'observability', 'dt api token', 'dt0c01.{AN:24}.{AN:64}'),
  P('splunk', 'Splunk HEC token', 'observability', 'splunk hec token', '{uuid}'),
  P('pagerduty', 'PagerDuty API key', 'observability', 'pagerduty api key', 'u+{b64u:18}'),
  P('pagerduty-routing', 'PagerDuty routing key', 'observability', 'pagerduty routing key', '{hex:32}'),
  P('opsgenie', 'Opsgenie API key', 'observability', 'opsgenie api key', '{uuid}'),
  P('honeycomb', 'Honeycomb API key', 'observability', 'honeycomb api key', 'hcaik_01{lan:56}'),
  P('rollbar', 'Rollbar access token', 'observability', 'rollbar access token', '{hex:32}'),
  P('bugsnag', 'Bugsnag API key', 'observability', 'bugsnag api key', '{hex:32}'),
  P('algolia', 'Algolia admin API key', 'observability', 'algolia admin key', '{hex:32}'),
  P('posthog', 'PostHog personal API key', 'observability', 'posthog personal api key', 'phx_{an:43}'),
  P('elastic', 'Elastic API key', 'observability', 'elastic api key', (r) =>
    b64(`${r.chars(ALNUM + '_-', 20)}:${r.chars(ALNUM + '_-', 22)}`),
  ),
  P('launchdarkly', 'LaunchDarkly API token', 'observability', 'launchdarkly access token', 'api-{uuid}'),
  P('launchdarkly-sdk', 'LaunchDarkly SDK key', 'observability', 'launchdarkly sdk key', 'sdk-{uuid}'),
  P('logzio', 'Logz.io shipping token', 'observability', 'logzio token', '{an:32}'),
  P('lightstep', 'Lightstep access token', 'observability', 'lightstep access token', '{b64:84}'),

  // Payments and commerce
  P('stripe-live', 'Stripe secret key', 'payments', 'stripe secret key', 'sk_live_51{an:97}'),
  P('stripe-live-old', 'Stripe secret key (24)', 'payments', 'stripe secret key', 'sk_live_{an:24}'),
  P('stripe-test', 'Stripe test secret key', 'payments', 'stripe secret key', 'sk_test_51{an:97}'),
  P('stripe-restricted', 'Stripe restricted key', 'payments', 'stripe restricted key', 'rk_live_51{an:97}'),
  P('stripe-webhook', 'Stripe webhook secret', 'payments', 'stripe webhook secret', 'whsec_{an:32}'),
  P('square', 'Square access token', 'payments', 'square access token', 'EAAA{b64u:60}'),
  P('square-legacy', 'Square access token (sq0atp)', 'payments', 'square access token', 'sq0atp-{b64u:22}'),
  P('square-secret', 'Square OAuth secret', 'payments', 'square application secret', 'sq0csp-{b64u:43}'),
  P('braintree', 'Braintree access token', 'payments', 'braintree access token', 'access_token$production${lan:16}${hex:32}'),
  P('paypal', 'PayPal client secret', 'payments', 'paypal client secret', 'E{b64u:79}'),
  P('shopify', 'Shopify admin token', 'payments', 'shopify access token', 'shpat_{hex:32}'),
  P('shopify-custom', 'Shopify custom app token', 'payments', 'shopify access token', 'shpca_{hex:32}'),
  P('shopify-secret', 'Shopify shared secret', 'payments', 'shopify api secret', 'shpss_{hex:32}'),
  P('plaid', 'Plaid access token', 'payments', 'plaid access token', 'access-production-{uuid}'),
  P('plaid-secret', 'Plaid secret', 'payments', 'plaid secret', '{hex:30}'),
  P('razorpay', 'Razorpay key secret', 'payments', 'razorpay key secret', '{an:24}'),
  P('flutterwave', 'Flutterwave secret key', 'payments', 'flutterwave secret key', 'FLWSECK-{hex:32}-X'),
  P('gocardless', 'GoCardless access token', 'payments', 'gocardless access token', 'live_{b64u:40}'),
  P('adyen', 'Adyen API key', 'payments', 'adyen api key', 'AQE{b64:50}=-{b64:44}=-{b64:16}'),
  P('shippo', 'Shippo API token', 'payments', 'shippo api token', 'shippo_live_{hex:40}'),
  P('easypost', 'EasyPost API key', 'payments', 'easypost api key', 'EZAK{an:54}'),
  P('duffel', 'Duffel API token', 'payments', 'duffel access token', 'duffel_live_{b64u:43}'),
  P('binance', 'Binance API secret', 'payments', 'binance api secret', '{an:64}'),
  P('coinbase', 'Coinbase API secret', 'payments', 'coinbase api secret', '{an:32}'),
  P('mollie', 'Mollie API key', 'payments', 'mollie api key', 'live_{an:30}'),
  P('paddle', 'Paddle API key', 'payments', 'paddle api key', 'pdl_live_apikey_01{lan:24}_{an:22}_{an:3}'),
  P('paystack', 'Paystack secret key', 'payments', 'paystack secret key', 'sk_live_{hex:40}'),

  // SaaS and APIs
  P('airtable', 'Airtable PAT', 'saas', 'airtable api key', 'pat{an:14}.{hex:64}'),
  P('notion', 'Notion integration token', 'saas', 'notion token', 'ntn_{d:11}{an:35}'),
  P('notion-legacy', 'Notion integration token (secret_)', 'saas', 'notion api key', 'secret_{an:43}'),
  P('linear', 'Linear API key', 'saas', 'linear api key', 'lin_api_{an:40}'),
  P('figma', 'Figma PAT', 'saas', 'figma token', 'figd_{b64u:40}'),
  P('contentful', 'Contentful PAT', 'saas', 'contentful management token', 'CFPAT-{b64u:43}'),
  P('dropbox', 'Dropbox access token', 'saas', 'dropbox access token', 'sl.{b64u:135}'),
  P('okta', 'Okta API token', 'saas', 'okta api token', '00{b64u:40}'),
  P('auth0', 'Auth0 client secret', 'saas', 'auth0 client secret', '{b64u:64}'),
  P(
    'mapbox',
    'Mapbox secret token',
    'saas',
    'mapbox access token',
    (r) => `sk.${b64url(JSON.stringify({ u: 'acme', a: r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 25) }))}.${r.chars(BASE64URL, 22)}`,
  ),
  P('frameio', 'Frame.io token', 'saas', 'frameio token', 'fio-u-{b64u:64}'),
  P('typeform', 'Typeform PAT', 'saas', 'typeform token', 'tfp_{b64u:44}_{b64u:14}'),
  P('salesforce', 'Salesforce access token', 'saas', 'sf access token', '00D{an:12}!{an:96}'),
  P('trello', 'Trello token', 'saas', 'trello token', '{hex:64}'),
  P('infura', 'Infura API secret', 'saas', 'infura api secret', '{hex:32}'),
  P('alchemy', 'Alchemy API key', 'saas', 'alchemy api key', '{b64u:32}'),
  P('rapidapi', 'RapidAPI key', 'saas', 'rapidapi key', '{an:50}'),
  P('lob', 'Lob API key', 'saas', 'lob api key', 'live_{hex:35}'),
  P('asana', 'Asana PAT', 'saas', 'asana access token', '2/{d:16}/{d:16}:{hex:32}'),
  P('mixpanel', 'Mixpanel service account secret', 'saas', 'mixpanel api secret', '{an:32}'),
  P('segment', 'Segment write key', 'saas', 'segment write key', '{an:32}'),
  P('zoom', 'Zoom client secret', 'saas', 'zoom client secret', '{an:32}'),
  P('freshdesk', 'Freshdesk API key', 'saas', 'freshdesk api key', '{an:20}'),
  P('box', 'Box client secret', 'saas', 'box client secret', '{an:32}'),
  P('etherscan', 'Etherscan API key', 'saas', 'etherscan api key', '{AN:34}'),
  P(
    'atlassian',
    'Atlassian API token',
    'saas',
    'jira api token',
    (r) => `ATATT3xFfGF0${r.chars(ALNUM + '_-', 170)}=${r.chars(HEX.toUpperCase(), 8)}`,
  ),
  P('clickup', 'ClickUp API token', 'saas', 'clickup api token', 'pk_{d:8}_{AN:32}'),
  P('monday', 'monday.com API token', 'saas', 'monday api token', (r) =>
    jwt(r, { tid: r.int(1e9), aai: 11, uid: r.int(1e8), iad: '2024-03-01T10:00:00.000Z', per: 'me:write', actid: r.int(1e7), rgn: 'use1' }),
  ),
  P('calendly', 'Calendly PAT', 'saas', 'calendly api key', (r) =>
    jwt(r, { iss: 'https://auth.calendly.com', iat, jti: r.uuid(), user_uuid: r.uuid() }, 'HS256'),
  ),
  P('openweather', 'OpenWeather API key', 'saas', 'openweather api key', '{hex:32}'),
  P('github-app-secret', 'GitHub App webhook secret', 'saas', 'github webhook secret', '{hex:40}'),
  P('recaptcha-secret', 'reCAPTCHA secret key', 'saas', 'recaptcha secret key', '6L{b64u:38}'),
  P('firebase-admin', 'Firebase admin token', 'saas', 'firebase token', '1//0{b64u:99}'),
  P('dockerhub', 'Docker Hub PAT', 'source-ci', 'docker hub token', 'dckr_pat_{b64u:27}'),
  P('dockerhub-org', 'Docker Hub org token', 'source-ci', 'docker hub token', 'dckr_oat_{b64u:32}'),

  // Source control, registries, CI
  P('github-pat', 'GitHub PAT', 'source-ci', 'github token', (r) => checksummedToken(r, 'ghp_')),
  P('github-oauth', 'GitHub OAuth token', 'source-ci', 'gh oauth token', (r) => checksummedToken(r, 'gho_')),
  P('github-u2s', 'GitHub user-to-server token', 'source-ci', 'github app user token', (r) => checksummedToken(r, 'ghu_')),
  P('github-s2s', 'GitHub installation token', 'source-ci', 'github installation token', (r) => checksummedToken(r, 'ghs_')),
  P('github-refresh', 'GitHub refresh token', 'source-ci', 'github refresh token', (r) => `ghr_${r.chars(ALNUM, 76)}`),
  P('github-fine-grained', 'GitHub fine-grained PAT', 'source-ci', 'github pat', 'github_pat_11{AN:20}_{an:59}'),
  P('github-client-secret', 'GitHub OAuth client secret', 'source-ci', 'github client secret', '{hex:40}'),
  P('gitlab-pat', 'GitLab PAT', 'source-ci', 'gitlab token', 'glpat-{b64u:20}'),
  P('gitlab-trigger', 'GitLab pipeline trigger token', 'source-ci', 'gitlab trigger token', 'glptt-{hex:40}'),
  P('gitlab-runner', 'GitLab runner registration token', 'source-ci', 'gitlab runner registration token', 'GR1348941{b64u:20}'),
  P('gitlab-runner-auth', 'GitLab runner auth token', 'source-ci', 'ci runner token', 'glrt-{b64u:20}'),
  P('gitlab-deploy', 'GitLab deploy token', 'source-ci', 'gitlab deploy token', 'gldt-{b64u:20}'),
  P('gitlab-oauth', 'GitLab OAuth app secret', 'source-ci', 'gitlab app secret', 'gloas-{hex:64}'),
  P('bitbucket', 'Bitbucket app password', 'source-ci', 'bitbucket app password', 'ATBB{an:32}{HEX:8}'),
  P('bitbucket-secret', 'Bitbucket OAuth secret', 'source-ci', 'bitbucket client secret', '{an:32}'),
  P('sourcegraph', 'Sourcegraph token', 'source-ci', 'src access token', 'sgp_{hex:16}_{hex:40}'),
  P('jfrog', 'JFrog API key', 'source-ci', 'artifactory api key', 'AKCp{an:69}'),
  P('jfrog-identity', 'JFrog identity token', 'source-ci', 'jfrog access token', (r) => `cmVmdGtuOjAxOjE3${r.chars(ALNUM, 48)}`),
  P('npm', 'npm access token', 'source-ci', 'npm token', (r) => checksummedToken(r, 'npm_')),
  P('pypi', 'PyPI upload token', 'source-ci', 'pypi token', (r) => `pypi-AgEIcHlwaS5vcmcCJD${r.chars(ALNUM + '_-', 140)}`),
  P('nuget', 'NuGet API key', 'source-ci', 'nuget api key', 'oy2{lan:43}'),
  P('rubygems', 'RubyGems API key', 'source-ci', 'gem host api key', 'rubygems_{hex:48}'),
  P('clojars', 'Clojars deploy token', 'source-ci', 'clojars token', 'CLOJARS_{lan:60}'),
  P('crates', 'crates.io token', 'source-ci', 'cargo registry token', 'cio{an:32}'),
  P('circleci', 'CircleCI personal token', 'source-ci', 'circleci token', 'CCIPAT_{an:22}_{hex:40}'),
  P('circleci-legacy', 'CircleCI token (legacy)', 'source-ci', 'circle token', '{hex:40}'),
  P('travis', 'Travis CI token', 'source-ci', 'travis token', '{b64u:22}'),
  P('buildkite', 'Buildkite API token', 'source-ci', 'buildkite api token', 'bkua_{lan:40}'),
  P('buildkite-agent', 'Buildkite agent token', 'source-ci', 'buildkite agent token', '{lan:50}'),
  P('octopus', 'Octopus Deploy API key', 'source-ci', 'octopus api key', 'API-{AN:26}'),
  P('harness', 'Harness PAT', 'source-ci', 'harness api key', 'pat.{b64u:22}.{hex:24}.{an:20}'),
  P('codecov', 'Codecov upload token', 'source-ci', 'codecov token', '{uuid}'),
  P('snyk', 'Snyk token', 'source-ci', 'snyk token', '{uuid}'),
  P('sonarqube', 'SonarQube user token', 'source-ci', 'sonar token', 'squ_{hex:40}'),
  P('sonarqube-project', 'SonarQube project token', 'source-ci', 'sonar token', 'sqp_{hex:40}'),
  P('sonarcloud', 'SonarCloud token (legacy)', 'source-ci', 'sonar token', '{hex:40}'),
  P('jenkins', 'Jenkins API token', 'source-ci', 'jenkins api token', '11{hex:32}'),
  P('postman', 'Postman API key', 'source-ci', 'postman api key', 'PMAK-{hex:24}-{hex:34}'),
  P('render', 'Render API key', 'source-ci', 'render api key', 'rnd_{an:32}'),
  P('prefect', 'Prefect API key', 'source-ci', 'prefect api key', 'pnu_{an:36}'),
  P('readme', 'ReadMe API key', 'source-ci', 'readme api key', 'rdme_{lan:70}'),
  P('ngrok', 'ngrok authtoken', 'source-ci', 'ngrok authtoken', '2{an:26}_{an:21}'),
  P('gitea', 'Gitea token', 'source-ci', 'gitea token', '{hex:40}'),
  P('drone', 'Drone CI token', 'source-ci', 'drone token', '{an:32}'),
  P('netlify-build-hook', 'Netlify build hook', 'source-ci', 'netlify build hook', 'https://api.netlify.com/build_hooks/{hex:24}'),
  P('expo', 'Expo access token', 'source-ci', 'expo token', '{b64u:40}'),
  P(
    'fastlane',
    'App Store Connect app-specific password',
    'source-ci',
    'fastlane apple application specific password',
    '{a:4}-{a:4}-{a:4}-{a:4}',
  ),

  // Keys
  P('jwt-hs', 'JWT (signed session)', 'keys', 'session token', (r) =>
    jwt(r, { sub: r.uuid(), scope: 'admin', iat, exp: iat + 31_536_000 }),
  ),
  P('jwt-rs', 'JWT (RS256 service token)', 'keys', 'service token', (r) =>
    jwt(r, { iss: 'https://auth.acme.io', aud: 'api', sub: 'svc-billing', iat }, 'RS256'),
  ),
  P('wireguard', 'WireGuard private key', 'keys', 'wg private key', (r) => b64(r.bytes(32))),
  P('jwt-secret', 'JWT signing secret', 'keys', 'jwt secret', '{b64:64}'),
  P('encryption-key', 'Application encryption key', 'keys', 'encryption key', (r) => b64(r.bytes(32))),
];

function crc32hex(text: string): string {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    c ^= text.charCodeAt(i);
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
