/**
 * Provider credentials that only their file says are one, and identifiers that sit beside
 * secrets, in the forms the third held-out set (issue 12) showed missed or flagged: a Cosmos DB
 * key in a `KEY` constant beside its endpoint, an Azure Functions key in a URL's `code=`, a
 * Backblaze key in rclone's `key =`, an OCI config's `pass_phrase`, a Postmark token under the
 * SDK's name, fluent-bit's `Splunk_Token <uuid>`, LINE bot credentials handed to the SDK, provider
 * prefixes under names that say nothing (Square `EAAA`, Adyen `AQE`, Mandrill `md-`, Fauna `fn`,
 * Voyage `pa-`, Trello `ATTA`), Datadog and InfluxDB keys in their own configs, framework secrets
 * (Flask, `secret_key_base`, Symfony, NextAuth). The look-alikes beside them stay quiet: the
 * Supabase `anon` key, Razorpay key ids, Shopify's API key, a Twilio account SID (its API key
 * SID names a key pair and is reported, like an AWS key id), Mailjet's public API key, the Key URI Format's example TOTP key and a PowerShell `$env:` read. These are the team's
 * own cases of those forms, not copies of that set.
 */
import { code, lines, negative, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { jwt } from './providers';
import { ALNUM, BASE64URL, HEX, type Rng } from '../../support/seededRandom';

const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });
const N = (value: string, kind: string, group: string): Mark => negative(value, kind, group);

const BASE64 = ALNUM + '+/';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function providerFiles(rng: Rng): Array<[string, string, Piece]> {
  const hex = (n: number) => rng.chars(HEX, n);
  return [
    [
      'src/main/java/com/acme/orders/CosmosSettings.java',
      'java',
      lines(
        'final class CosmosSettings {',
        '    static final String ENDPOINT = "https://acme-orders.documents.azure.com:443/";',
        code`    static final String PRIMARY_KEY = "${S(`${rng.chars(BASE64, 86)}==`, 'Azure Cosmos DB key', 'azure')}";`,
        '}',
        '',
      ),
    ],
    [
      'docs/runbooks/functions.md',
      'markdown',
      lines(
        '```bash',
        code`curl "https://acme-thumbs.azurewebsites.net/api/resize?width=200&code=${S(`${rng.chars(BASE64URL, 54)}==`, 'Azure Functions key', 'azure')}"`,
        code`curl -H "x-functions-key: ${S(`${rng.chars(BASE64URL, 54)}==`, 'Azure Functions key', 'azure')}" https://acme-thumbs.azurewebsites.net/api/purge`,
        // An OAuth callback's `code=` is a one-time authorisation code, not a Functions key.
        code`curl "https://login.acme.io/callback?code=${N(rng.chars(BASE64URL, 56), 'OAuth authorisation code', 'identifier')}"`,
        '```',
        '',
      ),
    ],
    [
      'ops/rclone/rclone.conf',
      'ini',
      lines(
        '[b2-media]',
        'type = b2',
        code`account = ${N(`005${hex(22)}`, 'Backblaze key id', 'identifier')}`,
        code`key = ${S(`K00${rng.chars('0123456789', 1)}${rng.chars(BASE64, 27)}`, 'Backblaze B2 application key', 'cloud')}`,
        '',
      ),
    ],
    [
      'ops/oci/config',
      'ini',
      lines(
        '[DEFAULT]',
        code`user=${N(`ocid1.user.oc1..aaaaaaaa${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 52)}`, 'OCI user OCID', 'identifier')}`,
        code`fingerprint=${N(Array.from({ length: 16 }, () => hex(2)).join(':'), 'public key fingerprint', 'identifier')}`,
        'tenancy=ocid1.tenancy.oc1..aaaaaaaaexampletenancy',
        'region=us-ashburn-1',
        code`pass_phrase=${S(rng.password(), 'OCI key passphrase', 'cloud')}`,
        'key_file=~/.oci/oci_api_key.pem',
        '',
      ),
    ],
    [
      'Sources/Notify/PostmarkMailer.swift',
      'swift',
      lines(
        'struct PostmarkMailer {',
        code`    let serverToken = "${S(rng.uuid(), 'Postmark server token', 'messaging')}"`,
        '    let endpoint = URL(string: "https://api.postmarkapp.com/email")!',
        '}',
        '',
      ),
    ],
    [
      'deploy/fluent-bit/output-splunk.conf',
      'conf',
      lines(
        '[OUTPUT]',
        '    Name         splunk',
        '    Host         hec.acme.internal',
        code`    Splunk_Token ${S(rng.uuid(), 'Splunk HEC token', 'observability')}`,
        '',
      ),
    ],
    [
      'services/linebot/main.py',
      'python',
      lines(
        'from linebot import LineBotApi, WebhookHandler',
        '',
        code`api = LineBotApi("${S(`${rng.chars(BASE64, 171)}=`, 'LINE channel access token', 'messaging')}")`,
        code`hooks = WebhookHandler("${S(hex(32), 'LINE channel secret', 'messaging')}")`,
        '',
      ),
    ],
    [
      'app/services/square_payments.rb',
      'ruby',
      lines(
        'client = Square::Client.new(',
        code`  access_token: "${S(`EAAA${rng.chars(BASE64URL, 60)}`, 'Square access token', 'payments')}",`,
        '  environment: "production"',
        ')',
        '',
      ),
    ],
    [
      'src/Payments/AdyenClientFactory.cs',
      'csharp',
      lines(
        'var adyenConfig = new Adyen.Config',
        '{',
        code`    XApiKey = "${S(`AQE${rng.chars(BASE64URL + '.', 120)}`, 'Adyen API key', 'payments')}",`,
        '};',
        '',
      ),
    ],
    [
      'lib/notifier/mandrill_client.ex',
      'elixir',
      lines(
        'defmodule Notifier.MandrillClient do',
        code`  @key "${S(`md-${rng.chars(BASE64URL, 22)}`, 'Mandrill API key', 'messaging')}"`,
        'end',
        '',
      ),
    ],
    [
      'api/db/fauna.ts',
      'typescript',
      lines(
        "import { Client } from 'faunadb';",
        code`export const db = new Client({ secret: '${S(`fnA${rng.chars(BASE64URL, 37)}`, 'Fauna secret', 'database')}' });`,
        '',
      ),
    ],
    [
      'rag/embed_voyage.py',
      'python',
      lines(
        'import voyageai',
        code`client = voyageai.Client(api_key="${S(`pa-${rng.chars(BASE64URL, 43)}`, 'Voyage AI API key', 'ai')}")`,
        '',
      ),
    ],
    [
      'scripts/trello_export.rb',
      'ruby',
      lines(
        code`KEY = "${N(hex(32), 'Trello app key', 'identifier')}"`,
        code`TOKEN = "${S(`ATTA${hex(64)}${rng.chars('0123456789ABCDEF', 8)}`, 'Trello token', 'saas')}"`,
        '',
      ),
    ],
    [
      'web/lib/ratelimit.ts',
      'typescript',
      lines(
        "import { Redis } from '@upstash/redis';",
        code`export const redis = new Redis({ url: 'https://us1-brave-fox-40412.upstash.io', token: '${S(`A${rng.chars(BASE64URL, 49)}=`, 'Upstash Redis REST token', 'database')}' });`,
        '',
      ),
    ],
    [
      'etc/datadog-agent/datadog.yaml',
      'yaml',
      lines(code`api_key: ${S(hex(32), 'Datadog API key', 'observability')}`, 'site: datadoghq.eu', 'logs_enabled: true', ''),
    ],
    [
      'monitoring/telegraf.conf',
      'toml',
      lines(
        '[[outputs.influxdb_v2]]',
        '  urls = ["https://eu-central-1-1.aws.cloud2.influxdata.com"]',
        code`  token = "${S(`${rng.chars(BASE64URL, 86)}==`, 'InfluxDB API token', 'database')}"`,
        '  bucket = "metrics"',
        '',
      ),
    ],
    [
      'tools/clickup_sync.sh',
      'bash',
      lines(
        code`curl -H "Authorization: ${S(`pk_${rng.chars('0123456789', 8)}_${rng.chars(UPPER_ALNUM, 32)}`, 'ClickUp API token', 'saas')}" https://api.clickup.com/api/v2/team`,
        '',
      ),
    ],
    [
      'admin/segment.ts',
      'typescript',
      lines(code`const token = '${S(`sgp_${rng.chars(ALNUM, 64)}`, 'Segment Public API token', 'saas')}';`, ''),
    ],
    [
      'ml/together_eval.py',
      'python',
      lines(code`client = Together(api_key="${S(`tgp_v1_${rng.chars(BASE64URL, 43)}`, 'Together AI API key', 'ai')}")`, ''),
    ],
    [
      'otel/collector-honeycomb.yaml',
      'yaml',
      lines(
        'exporters:',
        '  otlp:',
        '    headers:',
        code`      x-honeycomb-team: ${S(`hcaik_01${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 56)}`, 'Honeycomb ingest key', 'observability')}`,
        '',
      ),
    ],
    [
      'var/log/bot/telegram-errors.log',
      'log',
      lines(
        code`ERROR POST https://api.telegram.org/bot${S(`${rng.chars('0123456789', 10)}:AA${rng.chars(BASE64URL, 33)}`, 'Telegram bot token', 'messaging')}/sendMessage failed: 502`,
        '',
      ),
    ],
    [
      'web/auth/stytch_client.py',
      'python',
      lines(
        code`client = stytch.Client(project_id="${N(`project-live-${rng.uuid()}`, 'Stytch project id', 'identifier')}",`,
        code`                       secret="${S(`secret-live-${rng.chars(BASE64URL, 36)}=`, 'Stytch secret', 'saas')}")`,
        '',
      ),
    ],
  ];
}

function frameworkFiles(rng: Rng): Array<[string, string, Piece]> {
  return [
    [
      'portal/app.py',
      'python',
      lines('app = Flask(__name__)', code`app.secret_key = b"${S(rng.chars(ALNUM, 32), 'Flask secret key', 'framework')}"`, ''),
    ],
    [
      'config/secrets.yml',
      'yaml',
      lines('production:', code`  secret_key_base: ${S(rng.chars(HEX, 128), 'Rails secret_key_base', 'framework')}`, ''),
    ],
    [
      'config/runtime.exs',
      'elixir',
      lines(
        'config :shop, ShopWeb.Endpoint,',
        code`  secret_key_base: "${S(rng.chars(BASE64, 64), 'Phoenix secret_key_base', 'framework')}"`,
        '',
      ),
    ],
    [
      'symfony/.env.local',
      'dotenv',
      lines('APP_ENV=prod', code`APP_SECRET=${S(rng.chars(HEX, 32), 'Symfony APP_SECRET', 'framework')}`, ''),
    ],
    [
      'apps/web/.env.production',
      'dotenv',
      lines(
        'NEXTAUTH_URL=https://shop.acme.io',
        code`NEXTAUTH_SECRET=${S(`${rng.chars(BASE64, 43)}=`, 'NextAuth secret', 'framework')}`,
        '',
      ),
    ],
  ];
}

/** Identifiers and public values beside the secrets they go with: only the secrets are findings. */
function identifierFiles(rng: Rng): Array<[string, string, Piece]> {
  const hex = (n: number) => rng.chars(HEX, n);
  const supabase = (role: string) =>
    jwt(rng, { iss: 'supabase', ref: rng.chars('abcdefghijklmnopqrstuvwxyz', 20), role, iat: 1_730_000_000, exp: 2_045_576_000 });
  return [
    [
      'web/src/lib/supabaseClient.ts',
      'typescript',
      lines(
        code`export const supabase = createClient('https://acme.supabase.co', '${N(supabase('anon'), 'Supabase anon key', 'publishable')}');`,
        '',
      ),
    ],
    [
      'server/lib/supabaseAdmin.ts',
      'typescript',
      lines(
        code`export const admin = createClient('https://acme.supabase.co', '${S(supabase('service_role'), 'Supabase service_role key', 'database')}');`,
        '',
      ),
    ],
    [
      'web/src/checkout.js',
      'javascript',
      lines(
        code`const options = { key: '${N(`rzp_live_${rng.chars(ALNUM, 14)}`, 'Razorpay key id', 'publishable')}', amount: 29900, currency: 'INR' };`,
        '',
      ),
    ],
    [
      'server/razorpay.js',
      'javascript',
      lines(
        'const instance = new Razorpay({',
        code`  key_id: '${N(`rzp_live_${rng.chars(ALNUM, 14)}`, 'Razorpay key id', 'publishable')}',`,
        code`  key_secret: '${S(rng.chars(ALNUM, 24), 'Razorpay key secret', 'payments')}',`,
        '});',
        '',
      ),
    ],
    [
      'apps/storefront/.env',
      'dotenv',
      lines(
        code`SHOPIFY_API_KEY=${N(hex(32), 'Shopify API key (client id)', 'identifier')}`,
        code`SHOPIFY_API_SECRET=${S(`shpss_${hex(32)}`, 'Shopify shared secret', 'payments')}`,
        '',
      ),
    ],
    [
      'services/sms/config.yaml',
      'yaml',
      lines(
        'twilio:',
        code`  account_sid: ${N(`AC${hex(32)}`, 'Twilio account SID', 'identifier')}`,
        code`  api_key: ${S(`SK${hex(32)}`, 'Twilio API key SID', 'messaging')}`,
        code`  api_secret: ${S(rng.chars(ALNUM, 32), 'Twilio API key secret', 'messaging')}`,
        '',
      ),
    ],
    [
      'config/mailjet.yml',
      'yaml',
      lines(
        'mailjet:',
        code`  api_key: ${N(hex(32), 'Mailjet public API key', 'identifier')}`,
        code`  secret_key: ${S(hex(32), 'Mailjet secret key', 'messaging')}`,
        '',
      ),
    ],
    [
      'docs/security/two-factor.md',
      'markdown',
      lines(
        code`The authenticator app reads \`otpauth://totp/Acme:bob@acme.io?secret=${N('JBSWY3DPEHPK3PXP', 'Key URI Format example key', 'vendor-sample')}&issuer=Acme\`.`,
        '',
      ),
    ],
    [
      'scripts/Publish.ps1',
      'powershell',
      lines(
        code`$token = ${N('$env:NUGET_API_KEY', 'environment reference', 'reference')}`,
        code`$secret = ${N('$Env:AZURE_CLIENT_SECRET', 'environment reference', 'reference')}`,
        '',
      ),
    ],
  ];
}

export function providerFileFormDocuments(rng: Rng): CorpusDocument[] {
  return [...providerFiles(rng), ...frameworkFiles(rng), ...identifierFiles(rng)].map(([path, context, piece], i) => ({
    path: `provider-file-${i}/${path}`,
    context,
    ...piece,
  }));
}
