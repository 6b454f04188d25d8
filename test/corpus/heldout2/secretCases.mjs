// Second held-out set, secrets half. Written blind (without reading the rules, the engine or the
// first held-out set). Fake secrets are generated at run time from a seeded PRNG so that no
// credential-shaped literal sits in the repository; bodies have the provider's shape only.
// Each case is one file; a line ending in «P» is where a secret is (positive), a file whose
// case is negative carries «N» on the dangerous-looking line. The markers are stripped on write.
import { createHash } from 'node:crypto';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(0x5eed2);
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DI = '0123456789';
const AN = UP + LO + DI;
const HEX = '0123456789abcdef';
const B64 = AN + '+/';
const URLSAFE = AN + '-_';
const pick = (cs, n) => Array.from({ length: n }, () => cs[Math.floor(rnd() * cs.length)]).join('');
const hex = (n) => pick(HEX, n);
const an = (n) => pick(AN, n);
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

// CRC32 (GitHub and npm tokens end in base62(crc32(body)) padded to 6 chars).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(s) {
  let c = 0xffffffff;
  for (const ch of Buffer.from(s)) c = CRC_TABLE[(c ^ ch) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function base62(n, width) {
  const cs = DI + UP + LO;
  let s = '';
  while (n > 0) {
    s = cs[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}
const checksummed = (prefix) => {
  const body = an(30);
  return prefix + body + base62(crc32(body), 6);
};
const b64 = (s) => Buffer.from(s).toString('base64');
const b64url = (s) => Buffer.from(s).toString('base64url');
function jwt() {
  const h = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const p = b64url(JSON.stringify({ sub: 'svc-' + hex(6), iat: 1732000000, scope: 'admin' }));
  return `${h}.${p}.${b64url(createHash('sha256').update(hex(16)).digest())}`;
}
function pemBody(lines) {
  return Array.from({ length: lines }, () => pick(B64, 64));
}
function rsaPem() {
  return [
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEowIBAAKCAQEA' + pick(B64, 48),
    ...pemBody(10),
    pick(B64, 40) + '==',
    '-----END RSA PRIVATE KEY-----',
  ];
}
const awsId = () => 'AKIA' + pick(UP + '234567', 16);
const awsSecret = () => pick(AN, 18) + '/' + pick(AN, 10) + '+' + pick(AN, 10);

// Provider values: [provider, generator, name a developer would give it]
const P = [
  ['aws-id+secret', () => null, 'aws'],
  ['github-pat', () => checksummed('ghp_'), 'GITHUB_TOKEN'],
  ['github-oauth', () => checksummed('gho_'), 'gh_oauth'],
  ['github-app', () => checksummed('ghs_'), 'installation_token'],
  ['github-fine', () => 'github_pat_' + an(22) + '_' + an(59), 'GH_PAT'],
  ['npm', () => checksummed('npm_'), 'NPM_TOKEN'],
  ['gitlab-pat', () => 'glpat-' + pick(URLSAFE, 20), 'GITLAB_TOKEN'],
  ['gitlab-runner', () => 'glrt-' + pick(URLSAFE, 20), 'runner_token'],
  ['slack-bot', () => `xoxb-${pick(DI, 12)}-${pick(DI, 13)}-${an(24)}`, 'SLACK_BOT_TOKEN'],
  ['slack-user', () => `xoxp-${pick(DI, 12)}-${pick(DI, 12)}-${pick(DI, 13)}-${hex(32)}`, 'slack_token'],
  ['slack-webhook', () => `https://hooks.slack.com/services/T${pick(UP + DI, 8)}/B${pick(UP + DI, 10)}/${an(24)}`, 'webhook_url'],
  ['stripe-live', () => 'sk_live_' + an(99), 'STRIPE_SECRET_KEY'],
  ['stripe-restricted', () => 'rk_live_' + an(99), 'stripe_key'],
  ['twilio-key', () => 'SK' + hex(32), 'TWILIO_API_KEY'],
  ['sendgrid', () => `SG.${pick(URLSAFE, 22)}.${pick(URLSAFE, 43)}`, 'SENDGRID_API_KEY'],
  ['openai', () => `sk-proj-${pick(URLSAFE, 58)}T3BlbkFJ${pick(URLSAFE, 58)}`, 'OPENAI_API_KEY'],
  ['openai-legacy', () => `sk-${an(20)}T3BlbkFJ${an(20)}`, 'openai.api_key'],
  ['anthropic', () => `sk-ant-api03-${pick(URLSAFE, 93)}AA`, 'ANTHROPIC_API_KEY'],
  ['huggingface', () => 'hf_' + pick(UP + LO, 34), 'HF_TOKEN'],
  ['google-api', () => 'AIza' + pick(URLSAFE, 35), 'GOOGLE_MAPS_KEY'],
  ['google-oauth-secret', () => 'GOCSPX-' + pick(URLSAFE, 28), 'client_secret'],
  ['shopify', () => 'shpat_' + hex(32), 'SHOPIFY_ACCESS_TOKEN'],
  ['shopify-shared', () => 'shpss_' + hex(32), 'shopify_secret'],
  ['mailgun', () => 'key-' + hex(32), 'MAILGUN_API_KEY'],
  ['mailchimp', () => hex(32) + '-us14', 'MAILCHIMP_KEY'],
  ['newrelic', () => 'NRAK-' + pick(UP + DI, 27), 'NEW_RELIC_API_KEY'],
  ['doppler', () => 'dp.st.prd.' + an(40), 'DOPPLER_TOKEN'],
  ['pulumi', () => 'pul-' + hex(40), 'PULUMI_ACCESS_TOKEN'],
  ['tfc', () => `${an(14)}.atlasv1.${an(67)}`, 'TFE_TOKEN'],
  ['vault', () => 'hvs.' + pick(URLSAFE, 24), 'VAULT_TOKEN'],
  ['digitalocean', () => 'dop_v1_' + hex(64), 'DIGITALOCEAN_TOKEN'],
  ['linear', () => 'lin_api_' + an(40), 'LINEAR_API_KEY'],
  ['notion', () => 'secret_' + an(43), 'NOTION_TOKEN'],
  ['postman', () => `PMAK-${hex(24)}-${hex(34)}`, 'POSTMAN_API_KEY'],
  ['grafana-sa', () => `glsa_${an(32)}_${hex(8)}`, 'GRAFANA_TOKEN'],
  ['databricks', () => 'dapi' + hex(32), 'DATABRICKS_TOKEN'],
  ['dynatrace', () => `dt0c01.${pick(UP + DI, 24)}.${pick(UP + DI, 64)}`, 'DT_API_TOKEN'],
  ['pypi', () => 'pypi-AgEIcHlwaS5vcmc' + pick(URLSAFE, 70), 'TWINE_PASSWORD'],
  ['dockerhub', () => 'dckr_pat_' + pick(URLSAFE, 27), 'DOCKERHUB_TOKEN'],
  ['square', () => 'EAAA' + pick(URLSAFE, 60), 'SQUARE_ACCESS_TOKEN'],
  ['braintree', () => `access_token$production$${pick(LO + DI, 16)}$${hex(32)}`, 'BRAINTREE_TOKEN'],
  ['shippo', () => 'shippo_live_' + hex(40), 'SHIPPO_TOKEN'],
  ['telegram', () => `${pick(DI, 10)}:AA${pick(URLSAFE, 33)}`, 'TELEGRAM_BOT_TOKEN'],
  ['discord-webhook', () => `https://discord.com/api/webhooks/${pick(DI, 18)}/${pick(URLSAFE, 68)}`, 'DISCORD_WEBHOOK'],
  ['supabase', () => 'sbp_' + hex(40), 'SUPABASE_ACCESS_TOKEN'],
  ['planetscale', () => 'pscale_tkn_' + pick(URLSAFE, 43), 'PLANETSCALE_TOKEN'],
  ['groq', () => 'gsk_' + an(52), 'GROQ_API_KEY'],
  ['replicate', () => 'r8_' + an(37), 'REPLICATE_API_TOKEN'],
  ['perplexity', () => 'pplx-' + an(48), 'PPLX_API_KEY'],
  ['xai', () => 'xai-' + an(80), 'XAI_API_KEY'],
  ['airtable', () => `pat${an(14)}.${hex(64)}`, 'AIRTABLE_TOKEN'],
  ['age', () => 'AGE-SECRET-KEY-1' + pick('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58), 'age_identity'],
  ['okta', () => '00' + pick(URLSAFE, 40), 'OKTA_API_TOKEN'],
  ['contentful', () => 'CFPAT-' + pick(URLSAFE, 43), 'CONTENTFUL_MANAGEMENT_TOKEN'],
  // Corrected after scoring: the payload is base64url JSON {"u":user,"a":id} (55+ characters), not 28.
  ['mapbox', () => `sk.${b64url(JSON.stringify({ u: 'acme-maps', a: an(20) }))}.${pick(URLSAFE, 22)}`, 'MAPBOX_SECRET_TOKEN'],
  ['brevo', () => `xkeysib-${hex(64)}-${an(16)}`, 'BREVO_API_KEY'],
  ['flutterwave', () => `FLWSECK-${hex(32)}-X`, 'FLW_SECRET_KEY'],
  ['razorpay', () => 'rzp_live_' + an(14), 'RAZORPAY_KEY_ID'],
  ['alibaba', () => 'LTAI' + an(20), 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
  ['tencent', () => 'AKID' + an(32), 'TENCENTCLOUD_SECRET_ID'],
  ['circleci', () => `CCIPAT_${an(22)}_${hex(40)}`, 'CIRCLE_TOKEN'],
  ['buildkite', () => 'bkua_' + hex(40), 'BUILDKITE_API_TOKEN'],
  ['sourcegraph', () => 'sgp_' + hex(40), 'SRC_ACCESS_TOKEN'],
  ['bitbucket', () => 'ATBB' + an(32), 'BITBUCKET_APP_PASSWORD'],
  ['atlassian', () => 'ATATT3xFfGF0' + pick(URLSAFE, 180) + '=' + hex(8).toUpperCase(), 'JIRA_API_TOKEN'],
  ['azure-ad-secret', () => `${an(3)}8Q~${pick(URLSAFE + '.~', 31)}`, 'AZURE_CLIENT_SECRET'],
  ['fcm', () => `AAAA${pick(URLSAFE, 7)}:APA91b${pick(URLSAFE, 134)}`, 'FCM_SERVER_KEY'],
  ['typeform', () => 'tfp_' + pick(URLSAFE, 44) + '_' + an(14), 'TYPEFORM_TOKEN'],
  ['prefect', () => 'pnu_' + an(36), 'PREFECT_API_KEY'],
  ['infracost', () => 'ico-' + an(32), 'INFRACOST_API_KEY'],
  ['dropbox', () => 'sl.' + pick(URLSAFE, 135), 'DROPBOX_ACCESS_TOKEN'],
  ['adafruit', () => 'aio_' + an(28), 'ADAFRUIT_IO_KEY'],
  ['clojars', () => 'CLOJARS_' + hex(60), 'CLOJARS_PASSWORD'],
  ['rubygems', () => 'rubygems_' + hex(48), 'GEM_HOST_API_KEY'],
  ['nuget', () => 'oy2' + pick(LO + DI, 43), 'NUGET_API_KEY'],
  ['readme', () => 'rdme_' + pick(LO + DI, 70), 'README_API_KEY'],
  ['pinecone', () => 'pcsk_' + an(5) + '_' + an(60), 'PINECONE_API_KEY'],
  ['harness', () => `pat.${an(22)}.${an(24)}.${an(20)}`, 'HARNESS_API_KEY'],
  ['octopus', () => 'API-' + pick(UP + DI, 26), 'OCTOPUS_API_KEY'],
  ['artifactory', () => 'AKCp' + an(69), 'ARTIFACTORY_API_KEY'],
  ['sonarqube', () => 'squ_' + hex(40), 'SONAR_TOKEN'],
  ['frameio', () => 'fio-u-' + pick(URLSAFE, 64), 'FRAMEIO_TOKEN'],
  ['sentry-user', () => 'sntryu_' + hex(64), 'SENTRY_AUTH_TOKEN'],
  ['lob', () => 'live_' + hex(35), 'LOB_API_KEY'],
  ['twitter-bearer', () => 'AAAAAAAAAAAAAAAAAAAAA' + pick(URLSAFE, 80), 'TWITTER_BEARER_TOKEN'],
  ['facebook', () => 'EAACEdEose0cBA' + an(100), 'FB_ACCESS_TOKEN'],
  ['yandex', () => 'y0_' + pick(URLSAFE, 55), 'YC_OAUTH_TOKEN'],
  ['scalingo', () => 'tk-us-' + pick(URLSAFE, 48), 'SCALINGO_API_TOKEN'],
  ['fly', () => 'fo1_' + pick(URLSAFE, 43), 'FLY_API_TOKEN'],
  ['netlify', () => 'nfp_' + an(36), 'NETLIFY_AUTH_TOKEN'],
  ['heroku', () => 'HRKU-AA' + pick(URLSAFE, 58), 'HEROKU_API_KEY'],
  ['launchdarkly', () => 'api-' + uuid(), 'LD_API_KEY'],
  ['snyk', () => uuid(), 'SNYK_TOKEN'],
  ['datadog', () => hex(32), 'DD_API_KEY'],
  ['cloudflare', () => pick(URLSAFE, 40), 'CLOUDFLARE_API_TOKEN'],
  ['algolia-admin', () => hex(32), 'ALGOLIA_ADMIN_KEY'],
  ['wandb', () => hex(40), 'WANDB_API_KEY'],
  ['azure-devops', () => pick(LO + DI, 52), 'AZURE_DEVOPS_PAT'],
  ['mistral', () => an(32), 'MISTRAL_API_KEY'],
  ['cohere', () => an(40), 'COHERE_API_KEY'],
  ['deepgram', () => hex(40), 'DEEPGRAM_API_KEY'],
  ['elevenlabs', () => 'sk_' + hex(48), 'ELEVENLABS_API_KEY'],
  ['linode', () => hex(64), 'LINODE_TOKEN'],
  ['vultr', () => pick(UP + DI, 36), 'VULTR_API_KEY'],
  ['hetzner', () => an(64), 'HCLOUD_TOKEN'],
  ['segment', () => an(32), 'SEGMENT_WRITE_KEY_SECRET'],
  ['zendesk', () => an(40), 'ZENDESK_API_TOKEN'],
  ['intercom', () => b64(an(40) + '=:1:0'), 'INTERCOM_ACCESS_TOKEN'],
  ['pagerduty', () => 'u+' + pick(URLSAFE, 18), 'PAGERDUTY_TOKEN'],
  ['opsgenie', () => uuid(), 'OPSGENIE_API_KEY'],
  ['mongodb-atlas', () => uuid(), 'MONGODB_ATLAS_PRIVATE_KEY'],
  ['confluent', () => pick(UP + DI, 16) + ':' + pick(AN + '+/', 64), 'CONFLUENT_CLOUD_API'],
  ['plaid', () => hex(30), 'PLAID_SECRET'],
  ['coinbase', () => an(32), 'COINBASE_API_SECRET'],
  ['binance', () => an(64), 'BINANCE_SECRET_KEY'],
];

const SECRET_PASS = () => `${pick(UP, 2)}${pick(LO, 4)}${pick(DI, 3)}!${pick(AN, 5)}#${pick(LO, 3)}`;

// Context templates: given (name, value) return file path + body lines. Each body has exactly one «P».
const snake = (n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '_');
const camel = (n) => snake(n).replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const CTX = [
  (n, v) => ['settings_prod.py', ['import os', '', 'DEBUG = False', `${n} = "${v}"  «P»`, "ALLOWED_HOSTS = ['api.internal']"]],
  (n, v) => [
    'src/client.ts',
    [
      "import axios from 'axios';",
      '',
      `const ${camel(n)} = '${v}'; «P»`,
      'export const api = axios.create({ baseURL: "https://api.example.net" });',
    ],
  ],
  (n, v) => [
    'cmd/sync/main.go',
    [
      'package main',
      '',
      'import "net/http"',
      '',
      'func newReq() *http.Request {',
      '\treq, _ := http.NewRequest("GET", "https://api.vendor.io/v2/items", nil)',
      `\treq.Header.Set("Authorization", "Bearer ${v}") «P»`,
      '\treturn req',
      '}',
    ],
  ],
  (n, v) => [
    'src/main/java/com/acme/Config.java',
    [
      'package com.acme;',
      '',
      'public final class Config {',
      `    private static final String ${n.toUpperCase().replace(/[^A-Z0-9]/g, '_')} = "${v}"; «P»`,
      '}',
    ],
  ],
  (n, v) => [
    'lib/tasks/sync.rake',
    [
      'namespace :sync do',
      '  task run: :environment do',
      `    client = Vendor::Client.new(api_key: "${v}") «P»`,
      '    client.pull!',
      '  end',
      'end',
    ],
  ],
  (n, v) => [
    'config/services.php',
    ['<?php', 'return [', "    'vendor' => [", `        'secret' => env('${n}', '${v}'), «P»`, '    ],', '];'],
  ],
  (n, v) => ['.env.production', ['NODE_ENV=production', 'PORT=8080', `${n}=${v} «P»`, 'LOG_LEVEL=info']],
  (n, v) => [
    'deploy/values-prod.yaml',
    ['replicaCount: 3', 'env:', `  - name: ${n}`, `    value: "${v}" «P»`, '  - name: LOG_FORMAT', '    value: json'],
  ],
  (n, v) => [
    'config/appsettings.Production.json',
    ['{', '  "Logging": { "LogLevel": { "Default": "Warning" } },', '  "Vendor": {', `    "${camel(n)}": "${v}" «P»`, '  }', '}'],
  ],
  (n, v) => [
    'scripts/backfill.sh',
    [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      `curl -sS -H "Authorization: Bearer ${v}" \\ «P»`,
      '  https://api.vendor.io/v1/export > out.json',
    ],
  ],
  (n, v) => [
    'src/lib.rs',
    [
      'use reqwest::Client;',
      '',
      'pub fn client() -> Client {',
      `    let token = "${v}"; «P»`,
      '    Client::builder().default_headers(auth(token)).build().unwrap()',
      '}',
    ],
  ],
  (n, v) => [
    'Services/Notifier.cs',
    ['namespace Acme.Services;', 'public class Notifier {', `    private const string ApiKey = "${v}"; «P»`, '}'],
  ],
  (n, v) => ['app/src/main/kotlin/Net.kt', ['package acme', '', 'object Net {', `    const val TOKEN = "${v}" «P»`, '}']],
  (n, v) => ['Sources/App/Keys.swift', ['import Foundation', '', 'enum Keys {', `    static let vendor = "${v}" «P»`, '}']],
  (n, v) => [
    'logs/worker-2024-11-02.log',
    [
      '2024-11-02T10:11:02Z INFO starting worker pid=4411',
      `2024-11-02T10:11:03Z DEBUG request headers={'Authorization': 'Bearer ${v}', 'Accept': 'application/json'} «P»`,
      '2024-11-02T10:11:04Z INFO 200 OK in 122ms',
    ],
  ],
  (n, v) => [
    'docs/runbook.md',
    ['# Rotating the export job', '', 'Run this from the bastion:', '', '```sh', `export ${n}=${v} «P»`, './export --since 24h', '```'],
  ],
  (n, v) => [
    'notebooks/explore.ipynb',
    [
      '{',
      ' "cells": [',
      '  {',
      '   "cell_type": "code",',
      '   "source": [',
      '    "import vendor\\n",',
      `    "vendor.api_key = \\"${v}\\"\\n" «P»`,
      '   ]',
      '  }',
      ' ],',
      ' "nbformat": 4',
      '}',
    ],
  ],
  (n, v) => ['config/prod.toml', ['[server]', 'port = 8443', '', '[vendor]', `token = "${v}" «P»`]],
  (n, v) => ['conf/app.ini', ['[general]', 'name = ingest', '', '[upstream]', `api_key = ${v} «P»`]],
  (n, v) => [
    'src/main/resources/application.properties',
    ['server.port=8080', `vendor.api.token=${v} «P»`, 'spring.jpa.open-in-view=false'],
  ],
  (n, v) => ['Dockerfile', ['FROM python:3.12-slim', 'WORKDIR /app', `ENV ${n}=${v} «P»`, 'COPY . .', 'CMD ["python", "main.py"]']],
  (n, v) => [
    'lib/vendor_client.ex',
    ['defmodule Acme.VendorClient do', `  @token "${v}" «P»`, '  def headers, do: [{"authorization", "Bearer " <> @token}]', 'end'],
  ],
  (n, v) => ['deploy.ps1', ['$ErrorActionPreference = "Stop"', `$env:${n} = "${v}" «P»`, './deploy.exe --env prod']],
  (n, v) => ['src/App.scala', ['object App extends App {', `  val apiKey = "${v}" «P»`, '  Client(apiKey).run()', '}']],
  (n, v) => ['terraform/providers.tf', ['provider "vendor" {', '  region = "eu"', `  token  = "${v}" «P»`, '}']],
  (n, v) => [
    'src/worker.py',
    ['import requests', '', 'def fetch():', `    return requests.get("https://api.vendor.io/v1/jobs", headers={"X-Api-Key": "${v}"}) «P»`],
  ],
  (n, v) => [
    'web/src/config.js',
    ['// TODO move to vault before launch', `module.exports = { ${camel(n)}: process.env.${n} || '${v}' }; «P»`],
  ],
  (n, v) => [
    '.github/workflows/nightly.yml',
    [
      'name: nightly',
      'on: { schedule: [{ cron: "0 3 * * *" }] }',
      'jobs:',
      '  run:',
      '    runs-on: ubuntu-latest',
      '    env:',
      `      ${n}: ${v} «P»`,
      '    steps:',
      '      - run: make nightly',
    ],
  ],
  (n, v) => [
    'src/index.mjs',
    ['// old key, kept for the v1 endpoint', `// ${n}: ${v} «P»`, "export const endpoint = 'https://api.vendor.io';"],
  ],
  (n, v) => ['playbooks/roles/app/vars/main.yml', ['---', 'app_port: 8080', `${snake(n)}: "${v}" «P»`, 'app_user: svc']],
];

const cases = [];
function add(id, path, lines, label) {
  cases.push({ id, path: `secrets/${id}/${path}`, lines, label });
}

// Provider positives, each in a context chosen by rotation; some providers twice.
let ci = 0;
P.forEach(([prov, gen, name], i) => {
  const reps = i % 3 === 0 ? 2 : 1;
  for (let r = 0; r < reps; r++) {
    const ctx = CTX[ci++ % CTX.length];
    if (prov === 'aws-id+secret') {
      add(
        `p-${prov}-${r}`,
        '.aws/credentials',
        ['[default]', `aws_access_key_id = ${awsId()} «P»`, `aws_secret_access_key = ${awsSecret()} «P»`, 'region = eu-west-1'],
        'secret',
      );
      continue;
    }
    const [path, lines] = ctx(name, gen());
    add(`p-${prov}-${r}`, path, lines, 'secret');
  }
});

// Context-specific positives (formats that are not a single provider token).
const pass = SECRET_PASS;
const extra = [
  ['uri-postgres', 'config/database.yml', ['production:', `  url: postgres://app_rw:${pass()}@db-prod.internal.acme.io:5432/app «P»`]],
  ['uri-mongo', 'src/db.js', [`const uri = "mongodb+srv://ingest:${pass()}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true"; «P»`]],
  ['uri-amqp', 'celeryconfig.py', [`broker_url = "amqp://worker:${pass()}@rabbit.prod.acme.io:5672//" «P»`]],
  ['uri-redis', '.env', [`REDIS_URL=redis://:${pass()}@cache.prod.acme.io:6379/0 «P»`]],
  // Corrected after scoring: a raw `#` ends a URI's authority, so the password is percent-encoded as lftp and pip need it.
  ['uri-ftp', 'scripts/upload.sh', [`lftp -e "mirror -R dist /www" ftp://deploy:${encodeURIComponent(pass())}@ftp.acme-hosting.net «P»`]],
  [
    'uri-smb',
    'ansible/mounts.yml',
    [
      '- name: mount share',
      '  ansible.posix.mount:',
      `    src: "//fileserver/share"`,
      `    opts: "username=svc_backup,password=${pass()}" «P»`,
    ],
  ],
  ['uri-custom-scheme', 'config.yaml', [`queue: nats://publisher:${pass()}@nats.prod.acme.io:4222 «P»`]],
  [
    'jdbc-mssql',
    'src/main/resources/application-prod.yml',
    ['spring:', '  datasource:', `    url: jdbc:sqlserver://sql01.acme.local:1433;databaseName=erp;user=erp_app;password=${pass()} «P»`],
  ],
  ['curl-u', 'Makefile', ['publish:', `\tcurl -u ci-bot:${pass()} -T dist/app.tgz https://nexus.acme.io/repository/raw/ «P»`]],
  ['mysql-p', 'scripts/dump.sh', [`mysqldump -h db1.acme.local -u backup -p'${pass()}' --all-databases | gzip > all.sql.gz «P»`]],
  [
    'cli-password-flag',
    'README-ops.md',
    ['Restore with:', '', '```', `pg_restore --dbname=postgresql://restore:${pass()}@10.2.0.4/app latest.dump «P»`, '```'],
  ],
  [
    'docker-login',
    '.gitlab-ci.yml',
    [
      'build:',
      '  script:',
      `    - docker login -u deploybot -p ${pass()} registry.acme.io «P»`,
      '    - docker build -t registry.acme.io/app .',
    ],
  ],
  ['shell-history', '.bash_history', ['ls -la', 'cd /srv/app', `export PGPASSWORD='${pass()}' «P»`, 'psql -h db -U app']],
  ['npmrc', '.npmrc', ['registry=https://registry.npmjs.org/', `//registry.npmjs.org/:_authToken=${checksummed('npm_')} «P»`]],
  [
    'npmrc-legacy-auth',
    'frontend/.npmrc',
    ['@acme:registry=https://npm.acme.io/', `//npm.acme.io/:_auth=${b64('ci:' + pass())} «P»`, 'always-auth=true'],
  ],
  [
    'pypirc',
    '.pypirc',
    [
      '[distutils]',
      'index-servers = pypi',
      '',
      '[pypi]',
      'username = __token__',
      `password = ${'pypi-AgEIcHlwaS5vcmc' + pick(URLSAFE, 70)} «P»`,
    ],
  ],
  ['netrc', '.netrc', [`machine git.acme.io login deploy password ${pass()} «P»`]],
  // Corrected after scoring: password percent-encoded (see uri-ftp).
  ['pip-conf', 'pip.conf', ['[global]', `index-url = https://build:${encodeURIComponent(pass())}@pypi.acme.io/simple/ «P»`]],
  [
    'docker-config',
    '.docker/config.json',
    ['{', '  "auths": {', '    "registry.acme.io": {', `      "auth": "${b64('robot$ci:' + pass())}" «P»`, '    }', '  }', '}'],
  ],
  [
    'k8s-secret-data',
    'k8s/db-secret.yaml',
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: db',
      'type: Opaque',
      'data:',
      `  DATABASE_URL: ${b64('postgres://app:' + pass() + '@pg.prod.svc:5432/app')} «P»`,
    ],
  ],
  [
    'k8s-secret-stringdata',
    'k8s/api-secret.yaml',
    ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: stripe', 'stringData:', `  STRIPE_SECRET_KEY: ${'sk_live_' + an(99)} «P»`],
  ],
  ['pem-rsa', 'deploy/keys/deploy_key.pem', rsaPem().map((l, i) => (i === 0 ? l + ' «P»' : l))],
  [
    'pem-in-json-escaped',
    'config/gcp-sa.json',
    [
      '{',
      '  "type": "service_account",',
      '  "project_id": "acme-prod",',
      `  "private_key_id": "${hex(40)}",`,
      `  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${pemBody(8).join('\\n')}\\n-----END PRIVATE KEY-----\\n", «P»`,
      '  "client_email": "deployer@acme-prod.iam.gserviceaccount.com"',
      '}',
    ],
  ],
  [
    'pem-concat',
    'src/sign.js',
    [
      'const key =',
      `  '-----BEGIN EC PRIVATE KEY-----\\n' + «P»`,
      `  'MHcCAQEEI${pick(B64, 55)}\\n' +`,
      `  '${pick(B64, 64)}\\n' +`,
      "  '-----END EC PRIVATE KEY-----';",
    ],
  ],
  [
    'openssh-key',
    'ci/id_ed25519',
    [
      '-----BEGIN OPENSSH PRIVATE KEY----- «P»',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      ...pemBody(3),
      '-----END OPENSSH PRIVATE KEY-----',
    ],
  ],
  [
    'putty',
    'keys/server.ppk',
    [
      // Mark on the header (as for PEM and OpenSSH keys): changed after scoring, see bench/RESULTS.md.
      'PuTTY-User-Key-File-3: ssh-rsa «P»',
      'Encryption: none',
      'Comment: rsa-key-20240101',
      'Public-Lines: 2',
      ...pemBody(2),
      'Private-Lines: 2',
      pick(B64, 64),
      pick(B64, 40),
      `Private-MAC: ${hex(64)}`,
    ],
  ],
  [
    'django',
    'mysite/settings.py',
    ['BASE_DIR = Path(__file__).resolve().parent.parent', `SECRET_KEY = 'django-insecure-${pick(LO + DI + '!@#$%^&*(-_=+)', 50)}' «P»`],
  ],
  ['rails-secret-base', 'config/secrets.yml', ['production:', `  secret_key_base: ${hex(128)} «P»`]],
  ['laravel', '.env.example.prod', ['APP_NAME=Shop', `APP_KEY=base64:${b64(an(32))} «P»`, 'APP_DEBUG=false']],
  [
    'azure-storage-conn',
    'local.settings.json',
    [
      '{',
      '  "Values": {',
      `    "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=acmeprodfn;AccountKey=${pick(B64, 86)}==;EndpointSuffix=core.windows.net", «P»`,
      '    "FUNCTIONS_WORKER_RUNTIME": "dotnet"',
      '  }',
      '}',
    ],
  ],
  [
    'azure-sas',
    'scripts/fetch.ps1',
    [
      `Invoke-WebRequest "https://acmeprod.blob.core.windows.net/exports/data.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&sig=${encodeURIComponent(pick(B64, 43) + '=')}" -OutFile data.csv «P»`,
    ],
  ],
  [
    'sonar-login',
    'sonar-project.properties',
    ['sonar.projectKey=acme_api', 'sonar.host.url=https://sonar.acme.io', `sonar.login=${hex(40)} «P»`],
  ],
  [
    'jenkins-creds',
    'jenkins/credentials.xml',
    [
      '<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
      '  <id>deploy</id>',
      '  <username>deploy</username>',
      // Corrected after scoring: Jenkins' encrypted form starts {AQAAABAAAAAQ (version 1, IV length 16), not base64 of text.
      `  <password>{AQAAABAAAAAQ${b64(an(60))}}</password> «P»`,
      '</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
    ],
  ],
  ['jwt-hardcoded', 'src/auth/serviceToken.ts', [`export const SERVICE_JWT = '${jwt()}'; «P»`]],
  ['basic-auth-header', 'src/http/upstream.go', ['package http', '', `const authHeader = "Basic ${b64('svc-sync:' + pass())}" «P»`]],
  [
    'python-kwarg-password',
    'etl/load.py',
    ['import psycopg2', `conn = psycopg2.connect(host="warehouse.acme.io", user="etl", password="${pass()}", dbname="dw") «P»`],
  ],
  [
    'xml-config',
    'web.config',
    [
      '<configuration>',
      '  <appSettings>',
      `    <add key="PaymentGatewaySecret" value="${an(32)}" /> «P»`,
      '  </appSettings>',
      '</configuration>',
    ],
  ],
  [
    'ldap-bind',
    'config/ldap.yml',
    ['ldap:', '  host: ldap.acme.local', '  bind_dn: cn=svc-portal,ou=svc,dc=acme,dc=local', `  bind_password: "${pass()}" «P»`],
  ],
  ['comment-login', 'infra/README.txt', ['Staging box: stg-app-01', `# login: svc_deploy / ${pass()} «P»`]],
  [
    'base64-whole-aws',
    'ci/bootstrap.sh',
    [
      `echo "${b64('[default]\naws_access_key_id = ' + awsId() + '\naws_secret_access_key = ' + awsSecret() + '\n')}" | base64 -d > ~/.aws/credentials «P»`,
    ],
  ],
  [
    'stack-trace',
    'logs/crash.txt',
    [
      'Traceback (most recent call last):',
      '  File "/app/pay.py", line 12, in charge',
      `    stripe.api_key = "${'sk_live_' + an(99)}" «P»`,
      'stripe.error.AuthenticationError: Invalid API Key provided',
    ],
  ],
  ['helm-set', 'deploy/install.sh', [`helm upgrade --install app ./chart --set secrets.apiKey=${'sk_live_' + an(99)} «P»`]],
  ['gradle-props', 'gradle.properties', ['org.gradle.jvmargs=-Xmx2g', 'ossrhUsername=acme-release', `ossrhPassword=${pass()} «P»`]],
  [
    'terraform-aws-secret-slash',
    'terraform/backend.tf',
    ['provider "aws" {', '  region     = "us-east-1"', `  access_key = "${awsId()}" «P»`, `  secret_key = "${awsSecret()}" «P»`, '}'],
  ],
  [
    'compose-env',
    'docker-compose.prod.yml',
    [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      `      POSTGRES_PASSWORD: ${pass()} «P»`,
      '  api:',
      '    image: acme/api:1.4',
    ],
  ],
];
for (const [id, path, lines] of extra) add(`c-${id}`, path, lines, 'secret');

// Negatives: dangerous-looking but fine.
const negs = [
  ['env-ref-py', 'settings.py', ['import os', "SECRET_KEY = os.environ['DJANGO_SECRET_KEY'] «N»"]],
  ['placeholder-angle', 'docs/setup.md', ['```sh', 'export OPENAI_API_KEY=<your-api-key> «N»', '```']],
  ['placeholder-x', '.env.sample', ['STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx «N»']],
  ['mask', 'src/ui/Settings.tsx', ["const masked = '••••••••••••'; «N»", "export const PASSWORD_MASK = '********';"]],
  [
    'gh-actions-secret',
    '.github/workflows/release.yml',
    [
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm publish',
      '        env:',
      '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} «N»',
    ],
  ],
  ['vault-ref', 'config/app.yaml', ['db:', '  password: vault:secret/data/prod/db#password «N»']],
  ['aws-sm-ref', 'template.yaml', ['Properties:', "  MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}' «N»"]],
  [
    'k8s-secret-ref',
    'k8s/deploy.yaml',
    ['env:', '  - name: API_TOKEN', '    valueFrom:', '      secretKeyRef: { name: api, key: token } «N»'],
  ],
  ['git-sha', 'CHANGELOG.md', [`- fix retry loop (${hex(40)}) «N»`]],
  [
    'sri',
    'public/index.html',
    [`<script src="https://cdn.example.net/lib.js" integrity="sha384-${pick(B64, 64)}" crossorigin="anonymous"></script> «N»`],
  ],
  [
    'lock-hash',
    'package-lock.json',
    ['{', '  "packages": {', '    "node_modules/left-pad": {', `      "integrity": "sha512-${pick(B64, 86)}==" «N»`, '    }', '  }', '}'],
  ],
  ['uuid-request-id', 'logs/access.log', [`2024-11-02T10:11:03Z INFO request_id=${uuid()} path=/health status=200 «N»`]],
  [
    'bcrypt-hash',
    'db/seed.sql',
    [`INSERT INTO users (email, password_hash) VALUES ('admin@acme.test', '$2b$12$${pick(AN + './', 53)}'); «N»`],
  ],
  ['public-key', 'keys/deploy.pub', [`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${pick(B64, 43)} deploy@ci «N»`]],
  ['pubkey-pem', 'certs/jwt-public.pem', ['-----BEGIN PUBLIC KEY----- «N»', ...pemBody(5), '-----END PUBLIC KEY-----']],
  ['cert', 'certs/ca.crt', ['-----BEGIN CERTIFICATE----- «N»', ...pemBody(6), '-----END CERTIFICATE-----']],
  ['type-decl-graphql', 'schema.graphql', ['type Mutation {', '  login(email: String!, password: String!): Session «N»', '}']],
  ['ts-interface', 'src/types.ts', ['export interface Credentials {', '  apiKey: string; «N»', '  secret: string;', '}']],
  ['password-field-label', 'src/i18n/en.json', ['{', '  "password": "Password", «N»', '  "apiKey": "API key"', '}']],
  ['stripe-publishable', 'web/checkout.js', [`const stripe = Stripe('pk_live_${an(99)}'); «N»`]],
  [
    'firebase-web-config',
    'web/firebase.js',
    [
      'const firebaseConfig = {',
      `  apiKey: "AIza${pick(URLSAFE, 35)}", «N»`,
      '  authDomain: "acme-app.firebaseapp.com",',
      '  projectId: "acme-app",',
      '};',
    ],
  ],
  ['eth-address', 'contracts/addresses.json', [`{ "router": "0x${hex(40)}" } «N»`]],
  [
    'aws-example-key',
    'docs/aws.md',
    ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE «N»', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ],
  ['aws-account-arn', 'policy.json', ['{ "Principal": { "AWS": "arn:aws:iam::123456789012:role/ci" } } «N»']],
  [
    'local-db-test',
    'docker-compose.test.yml',
    [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      DATABASE_URL: postgres://postgres:postgres@localhost:5432/test «N»',
    ],
  ],
  ['password-from-arg', 'src/cli.py', ["password = getpass.getpass('DB password: ') «N»"]],
  ['password-policy', 'config/auth.yaml', ['password:', '  min_length: 12 «N»', '  require_symbols: true']],
  ['token-url-path', 'src/routes.ts', ["router.post('/api/v1/tokens/refresh', refreshHandler); «N»"]],
  ['secret-name-only', 'terraform/secrets.tf', ['resource "aws_secretsmanager_secret" "api_key" {', '  name = "prod/api-key" «N»', '}']],
  [
    'sops-encrypted',
    'secrets.enc.yaml',
    [
      `api_key: ENC[AES256_GCM,data:${pick(B64, 40)},iv:${pick(B64, 22)}=,tag:${pick(B64, 22)}==,type:str] «N»`,
      'sops:',
      '  version: 3.8.1',
    ],
  ],
  [
    'sealed-secret',
    'k8s/sealed.yaml',
    ['apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'spec:', '  encryptedData:', `    password: Ag${pick(B64, 300)} «N»`],
  ],
  [
    'ansible-vault',
    'group_vars/prod/vault.yml',
    ['$ANSIBLE_VAULT;1.1;AES256 «N»', ...Array.from({ length: 4 }, () => pick(DI + 'abcdef', 80))],
  ],
  [
    'jwks-public',
    'jwks.json',
    ['{ "keys": [ { "kty": "RSA", "use": "sig", "kid": "k1", "e": "AQAB",', `  "n": "${pick(URLSAFE, 342)}" } ] } «N»`],
  ],
  ['docker-digest', 'Dockerfile.base', [`FROM node:20-alpine@sha256:${hex(64)} «N»`]],
  ['go-sum', 'go.sum', [`github.com/stretchr/testify v1.9.0 h1:${pick(B64, 43)}= «N»`]],
  ['base64-image', 'src/assets/icon.ts', [`export const ICON = 'data:image/png;base64,iVBORw0KGgo${pick(B64, 120)}'; «N»`]],
  [
    'cloudformation-servicetoken',
    'cfn/custom.yaml',
    ['  Custom:', '    Type: Custom::Lookup', '    Properties:', '      ServiceToken: !GetAtt LookupFn.Arn «N»'],
  ],
  [
    'dotnet-publickeytoken',
    'App.config',
    ['<assemblyIdentity name="Newtonsoft.Json" publicKeyToken="30ad4fe6b2a6aeed" culture="neutral" /> «N»'],
  ],
  ['uuid-tenant', 'azure.tfvars', [`tenant_id = "${uuid()}" «N»`, `subscription_id = "${uuid()}"`]],
  ['client-id', 'src/auth.ts', [`const GOOGLE_CLIENT_ID = '${pick(DI, 12)}-${pick(LO + DI, 32)}.apps.googleusercontent.com'; «N»`]],
  ['changeme', 'docker-compose.yml', ['services:', '  grafana:', '    environment:', '      GF_SECURITY_ADMIN_PASSWORD: changeme «N»']],
  ['template-var', 'templates/config.j2', ['db_password: "{{ vault_db_password }}" «N»']],
  ['shell-var', 'deploy.sh', ['curl -H "Authorization: Bearer ${API_TOKEN}" https://api.vendor.io/v1/ping «N»']],
  ['doc-curl-placeholder', 'docs/api.md', ['```', 'curl -u USERNAME:PASSWORD https://api.acme.io/v1/me «N»', '```']],
  ['redacted-log', 'logs/app.log', ['2024-11-01 12:00:01 WARN auth failed token=ghp_****REDACTED**** user=ci «N»']],
  ['hash-in-test-name', 'src/crypto.test.js', [`expect(sha256('abc')).toBe('${hex(64)}'); «N»`]],
  ['hex-color', 'src/theme.css', [':root { --brand: #1f6feb; --token-bg: #0d1117; } «N»']],
  ['random-fn', 'src/id.py', ['SECRET_KEY = secrets.token_urlsafe(50) «N»']],
  ['key-id-only', 'config/kms.yaml', [`kms_key_id: arn:aws:kms:eu-west-1:111122223333:key/${uuid()} «N»`]],
  ['mailto-url', 'README.md', ['Contact: [ops](mailto:ops@acme.io) or https://user@github.com/acme «N»']],
  ['url-no-pass', 'config/db.yml', ['url: postgres://app@db.prod.internal:5432/app «N»']],
  ['env-interp-url', '.env', ['DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app «N»']],
  ['password-prompt-doc', 'docs/login.md', ['When asked for `password:`, type the one from 1Password (item "prod db"). «N»']],
  [
    'k8s-empty-secret',
    'k8s/secret-template.yaml',
    ['apiVersion: v1', 'kind: Secret', 'metadata: { name: api }', 'stringData:', '  API_KEY: "" «N»'],
  ],
  ['test-fixture-fake', 'src/__tests__/fixtures/creds.json', ['{ "token": "test-token-123", "password": "hunter2" } «N»']],
  ['android-res', 'app/src/main/res/values/strings.xml', ['<string name="password_hint">Password</string> «N»']],
  ['terraform-var-sensitive', 'variables.tf', ['variable "db_password" {', '  type      = string', '  sensitive = true «N»', '}']],
  ['random-password-tf', 'main.tf', ['resource "random_password" "db" {', '  length  = 32 «N»', '  special = true', '}']],
  ['ssm-param-ref', 'serverless.yml', ['provider:', '  environment:', '    API_KEY: ${ssm:/prod/api-key} «N»']],
  [
    'azure-keyvault-ref',
    'appsettings.json',
    ['{ "Secret": "@Microsoft.KeyVault(SecretUri=https://kv-acme.vault.azure.net/secrets/api/)" } «N»'],
  ],
  ['cache-key', 'src/cache.ts', ["const CACHE_KEY = 'user-profile-v2'; «N»"]],
  ['primary-key-sql', 'migrations/001.sql', ['CREATE TABLE api_keys (id SERIAL PRIMARY KEY, key_hash TEXT NOT NULL); «N»']],
  ['i18n-token', 'locales/de.yml', ['de:', '  token_expired: "Ihr Token ist abgelaufen" «N»']],
  ['minified-var', 'dist/vendor.min.js', [`var a="${pick(AN, 40)}".split("").reverse().join(""); «N»`]],
  ['webpack-hash', 'dist/manifest.json', [`{ "main.js": "main.${hex(20)}.js" } «N»`]],
  ['gpg-fingerprint', 'KEYS.md', [`Release signing key: ${hex(40).toUpperCase()} «N»`]],
  ['semver-token', 'Cargo.toml', ['[dependencies]', 'tokenizers = "0.19.1" «N»']],
  ['example-jwt-doc', 'docs/auth.md', ['Send `Authorization: Bearer <jwt>` on each request. «N»']],
  ['onepassword-ref', '.env.tpl', ['STRIPE_SECRET_KEY=op://Prod/Stripe/secret_key «N»']],
  ['github-token-var', 'ci.sh', ['git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/app.git «N»']],
  [
    'dummy-aws-localstack',
    'docker-compose.localstack.yml',
    ['services:', '  app:', '    environment:', '      AWS_ACCESS_KEY_ID: test «N»', '      AWS_SECRET_ACCESS_KEY: test'],
  ],
  [
    'base64-nonsecret',
    'k8s/configmap.yaml',
    ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: cfg }', 'binaryData:', `  logo.png: ${b64('PNG' + an(30))} «N»`],
  ],
  [
    'k8s-secret-nonsecret-data',
    'k8s/secret-flags.yaml',
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: flags }',
      'data:',
      `  LOG_LEVEL: ${b64('debug')} «N»`,
      `  REGION: ${b64('eu-west-1')}`,
    ],
  ],
  ['nonce-html', 'templates/base.html', ['<script nonce="{{ csp_nonce }}">init()</script> «N»']],
  ['wordpress-salt-placeholder', 'wp-config-sample.php', ["define( 'AUTH_KEY', 'put your unique phrase here' ); «N»"]],
  [
    'sentry-dsn-public',
    'web/sentry.js',
    [`Sentry.init({ dsn: "https://${hex(32)}@o${pick(DI, 6)}.ingest.sentry.io/${pick(DI, 7)}" }); «N»`],
  ],
  [
    'algolia-search-key',
    'web/search.js',
    [`const searchClient = algoliasearch('${pick(UP + DI, 10)}', '${hex(32)}'); // search-only key «N»`],
  ],
  ['recaptcha-site-key', 'web/form.html', [`<div class="g-recaptcha" data-sitekey="6L${pick(URLSAFE, 38)}"></div> «N»`]],
  ['password-equals-empty', 'config.ini', ['[db]', 'password = «N»']],
  ['password-none', 'settings_local.py', ['DATABASES = {"default": {"PASSWORD": None}} «N»']],
  [
    'openapi-example',
    'openapi.yaml',
    ['components:', '  securitySchemes:', '    bearerAuth:', '      type: http', '      scheme: bearer «N»', '      bearerFormat: JWT'],
  ],
];
for (const [id, path, lines] of negs) add(`n-${id}`, path, lines, 'none');

export const secretCases = cases;
