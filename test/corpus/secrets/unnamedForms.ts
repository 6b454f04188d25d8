/**
 * Credentials in forms the name-based and provider rules first missed (issue 12's held-out set
 * found them; these are the team's own cases of the same forms, not copies of that set):
 * passwords with `#` or `=` in them, passwords left in comments, template parameter defaults, provider tokens handed to a
 * client call or sent in a header instead of assigned to a named variable, formats and
 * encodings (Dropbox `sl.u.`, a base64-encoded PEM, nginx Basic headers, LDAP bind DNs in URIs,
 * .NET keys from string literals), and the look-alikes that must stay quiet next to each form;
 * values public by design (a Firebase web config's apiKey, Ethereum addresses, Azurite's
 * published key) beside the same formats where they are secrets.
 */
import { code, lines, negative, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { certificatePem, pem, pkcs8EcDer } from './keys';
import { PROVIDERS } from './providers';
import { ALNUM, BASE64URL, HEX, type Rng, b64 } from '../../support/seededRandom';

const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });
const N = (value: string, kind: string, group: string): Mark => negative(value, kind, group);
const token = (rng: Rng, id: string) => PROVIDERS.find((p) => p.id === id)!.make(rng);

/** A password with the characters that end a value in some syntaxes (`#` comments, `=` pairs). */
const hashPassword = (rng: Rng) => `${rng.chars(ALNUM, 6)}#${rng.chars(ALNUM, 5)}=${rng.chars(ALNUM, 4)}`;

function passwordDocuments(rng: Rng): Array<[string, string, Piece]> {
  const pw = (provider: string) => S(hashPassword(rng), provider, 'password');
  return [
    [
      'deploy/docker-compose.prod.yml',
      'compose-environment',
      lines(
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_USER: billing',
        code`      POSTGRES_PASSWORD: ${pw('Database password')}`,
        '',
      ),
    ],
    [
      'docs/runbook.md',
      'markdown-command',
      lines(
        'Restore into the replica:',
        '',
        code`    PGPASSWORD=${pw('Database password')} pg_restore -h replica.acme.internal -U etl dump.pgc`,
        '',
      ),
    ],
    ['config/app.env', 'dotenv', lines(code`SMTP_PASSWORD=${pw('SMTP password')}`, 'SMTP_HOST=smtp.acme.io', '')],
    [
      'cfn/rds.yaml',
      'cloudformation-parameter',
      lines(
        'Parameters:',
        '  DBMasterUserPassword:',
        '    Type: String',
        '    NoEcho: true',
        code`    Default: "${pw('Database password')}"`,
        '  DBInstanceClass:',
        '    Type: String',
        '    Default: db.t3.medium',
        '',
      ),
    ],
    [
      'cfn/pipeline.json',
      'cloudformation-parameter',
      lines(
        '{',
        '  "Parameters": {',
        '    "GitHubToken": {',
        '      "Type": "String",',
        '      "NoEcho": true,',
        code`      "Default": "${S(rng.chars(ALNUM, 40), 'Template parameter default', 'generic')}"`,
        '    }',
        '  }',
        '}',
        '',
      ),
    ],
    // Look-alikes: a colour after `#`, parameters whose default is a reference or not a secret.
    ['web/theme.env', 'dotenv', lines('PRIMARY_COLOR=#1f6feb', 'PASSWORD_RESET_URL=https://acme.io/reset#form', '')],
    [
      'cfn/ssm-params.yaml',
      'cloudformation-parameter',
      lines(
        'Parameters:',
        '  DBMasterUserPassword:',
        '    Type: AWS::SSM::Parameter::Value<String>',
        code`    Default: ${N('/prod/billing/db-master-password', 'ssm-parameter-path', 'reference')}`,
        '  ApiTokenSecretName:',
        '    Type: String',
        code`    Default: ${N(`billing-${rng.chars(ALNUM, 12)}`, 'secret-name', 'reference')}`,
        '',
      ),
    ],
  ];
}

/** Passwords left in comments, and comments that only talk about passwords. */
function commentDocuments(rng: Rng): Array<[string, string, Piece]> {
  const pw = () => S(`${rng.chars(ALNUM, 6)}${rng.format('{d:3}')}${rng.chars(ALNUM, 4)}`, 'Password in a comment', 'password');
  return [
    [
      'jobs/nightly_export.py',
      'python-comment',
      lines(code`# FIXME: use the vault entry. prod login: svc_export / ${pw()}`, 'def run():', '    export_all()', ''),
    ],
    ['src/Admin/Seed.cs', 'csharp-comment', lines(code`    // admin password is ${pw()} until SSO is enabled`, '    SeedUsers();', '')],
    [
      'docs/ops/database.md',
      'markdown-prose',
      lines(
        'The password is stored in Vault under `secret/billing/db` and rotated monthly.',
        '',
        '    # login: svc_export / see the vault entry',
        '    # password: ${EXPORT_PASSWORD}',
        '',
      ),
    ],
  ];
}

/** Provider tokens given as a call argument, a header or a command flag: no variable names them. */
function callArgumentDocuments(rng: Rng): Array<[string, string, Piece]> {
  const uuid = () => rng.uuid();
  return [
    [
      'bot/index.js',
      'javascript-call',
      lines(
        "const { Client, GatewayIntentBits } = require('discord.js');",
        'const client = new Client({ intents: [GatewayIntentBits.Guilds] });',
        code`client.login('${S(token(rng, 'discord-bot'), 'Discord bot token', 'messaging')}');`,
        '',
      ),
    ],
    [
      'tools/discord_notify.py',
      'python-call',
      lines(
        code`headers = {"Authorization": "Bot ${S(token(rng, 'discord-bot'), 'Discord bot token', 'messaging')}"}`,
        'requests.post(url, json=payload, headers=headers)',
        '',
      ),
    ],
    [
      'scripts/export_pages.py',
      'python-call',
      lines(
        'from notion_client import Client',
        code`notion = Client(auth="${S(token(rng, 'notion-legacy'), 'Notion integration token (secret_)', 'saas')}")`,
        '',
      ),
    ],
    [
      'jobs/asana_sync.js',
      'javascript-call',
      lines(code`const client = asana.Client.create().useAccessToken('${S(token(rng, 'asana'), 'Asana PAT', 'saas')}');`, ''),
    ],
    [
      'provisioning/okta.py',
      'python-call',
      lines(code`session.headers.update({"Authorization": "SSWS ${S(token(rng, 'okta'), 'Okta API token', 'saas')}"})`, ''),
    ],
    [
      'internal/flags/client.go',
      'go-call',
      lines(
        code`client, err := ld.MakeClient("${S(token(rng, 'launchdarkly-sdk'), 'LaunchDarkly SDK key', 'observability')}", 5*time.Second)`,
        '',
      ),
    ],
    [
      'ci/upload-coverage.sh',
      'shell-command',
      lines('#!/usr/bin/env bash', code`./codecov -f build/coverage.xml -t ${S(uuid(), 'Codecov upload token', 'source-ci')} -F unit`, ''),
    ],
    [
      'search/rebuild-index.js',
      'javascript-call',
      lines(
        code`const client = algoliasearch('${rng.format('{an:10}').toUpperCase()}', '${S(rng.chars(HEX, 32), 'Algolia admin API key', 'observability')}');`,
        "await client.initIndex('catalog').replaceAllObjects(records);",
        '',
      ),
    ],
    [
      'build/feed.ps1',
      'powershell',
      lines(
        code`$pat = "${S(token(rng, 'azure-devops'), 'Azure DevOps PAT', 'cloud')}"`,
        '$auth = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes(":$pat"))',
        '',
      ),
    ],
    [
      'search/query_service.py',
      'python-call',
      lines(
        'from azure.core.credentials import AzureKeyCredential',
        code`credential = AzureKeyCredential("${S(rng.chars(ALNUM, 52), 'Azure AI Search key', 'azure')}")`,
        '',
      ),
    ],
    // Look-alikes: the same calls reading the token from the environment, and a search-only
    // Algolia key in browser code (public by design).
    [
      'web/src/search.js',
      'javascript-call',
      lines(
        "import algoliasearch from 'algoliasearch/lite';",
        code`const searchClient = algoliasearch('${rng.format('{an:10}').toUpperCase()}', '${N(rng.chars(HEX, 32), 'search-only key', 'publishable')}');`,
        '',
      ),
    ],
    [
      'bot/main.js',
      'javascript-call',
      lines('client.login(process.env.DISCORD_TOKEN);', 'const client = asana.Client.create().useAccessToken(process.env.ASANA_PAT);', ''),
    ],
    [
      'ci/coverage.sh',
      'shell-command',
      lines(code`./codecov -f coverage.xml -n ${N(uuid(), 'build-id', 'identifier')} -t "$CODECOV_TOKEN"`, ''),
    ],
  ];
}

/** Formats and encodings: the credential is there whole, in a shape the rules did not read. */
function encodedFormDocuments(rng: Rng): Array<[string, string, Piece]> {
  return [
    [
      'sync/dropbox_backup.py',
      'python-call',
      lines(code`dbx = dropbox.Dropbox("${S(`sl.u.${rng.chars(BASE64URL, 150)}`, 'Dropbox access token', 'saas')}")`, ''),
    ],
    [
      'deploy/.env.production',
      'dotenv',
      lines(code`JWT_SIGNING_KEY_B64=${S(b64(pem('PRIVATE KEY', pkcs8EcDer(rng))), 'Base64-encoded PEM private key', 'private-key')}`, ''),
    ],
    [
      'nginx/sites-enabled/reports.conf',
      'nginx',
      lines(
        'location /reports/ {',
        '    proxy_pass https://reports.acme.internal/;',
        code`    proxy_set_header Authorization "Basic ${S(b64(`svc-reports:${rng.chars(ALNUM, 16)}`), 'Authorization: Basic header', 'command')}";`,
        '}',
        '',
      ),
    ],
    [
      'etc/sssd/ldap.conf',
      'config-line',
      lines(
        code`uri ldaps://cn=reader,ou=apps,dc=acme,dc=io:${S(rng.chars(ALNUM, 18), 'LDAP bind password in URI', 'uri')}@ldap.acme.io:636`,
        '',
      ),
    ],
    [
      'src/Auth/TokenService.cs',
      'csharp',
      lines(
        code`var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("${S(rng.chars(ALNUM, 48), '.NET signing key literal', 'generic')}"));`,
        'var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);',
        '',
      ),
    ],
    // Look-alikes: a base64-encoded certificate, a header built from a variable, bytes of a text.
    ['deploy/.env.ca', 'dotenv', lines(code`CA_BUNDLE_B64=${N(b64(certificatePem(rng)), 'base64 certificate', 'public-key')}`, '')],
    ['nginx/sites-enabled/api.conf', 'nginx', lines('    proxy_set_header Authorization "Basic $upstream_auth";', '')],
    [
      'src/Mail/Sender.cs',
      'csharp',
      lines(code`var body = Encoding.UTF8.GetBytes("${N(rng.chars(ALNUM, 40), 'message text', 'identifier')}");`, ''),
    ],
  ];
}

/** Values with a secret's format that are public where they sit, and the same formats where they are not. */
function publicByDesignDocuments(rng: Rng): Array<[string, string, Piece]> {
  const googleKey = () => `AIza${rng.chars(BASE64URL, 35)}`;
  const address = () => `0x${rng.chars(HEX + 'ABCDEF', 40)}`;
  const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  return [
    [
      'web/src/lib/firebase.ts',
      'javascript-object',
      lines(
        'export const firebaseConfig = {',
        code`  apiKey: "${N(googleKey(), 'Firebase web config apiKey', 'publishable')}",`,
        '  authDomain: "acme-shop.firebaseapp.com",',
        '  projectId: "acme-shop",',
        `  appId: "1:${rng.format('{d:12}')}:web:${rng.chars(HEX, 16)}",`,
        '};',
        '',
      ),
    ],
    [
      'web/src/maps.ts',
      'javascript-object',
      lines(code`const loader = new Loader({ apiKey: "${S(googleKey(), 'Google API key', 'cloud')}", version: "weekly" });`, ''),
    ],
    [
      'contracts/deployments/sepolia.json',
      'json',
      lines(
        '{',
        code`  "StakingToken": "${N(address(), 'Ethereum address', 'identifier')}",`,
        code`  "Treasury": "${N(address(), 'Ethereum address', 'identifier')}"`,
        '}',
        '',
      ),
    ],
    ['scripts/deploy.env', 'dotenv', lines(code`DEPLOYER_PRIVATE_KEY=0x${S(rng.chars(HEX, 64), 'Ethereum private key', 'generic')}`, '')],
    [
      'functions/local.settings.json',
      'json',
      lines(
        '{',
        '  "Values": {',
        code`    "AzureWebJobsStorage": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${N(AZURITE_KEY, 'Azurite development key', 'vendor-sample')};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"`,
        '  }',
        '}',
        '',
      ),
    ],
  ];
}

export function unnamedFormDocuments(rng: Rng): CorpusDocument[] {
  return [
    ...passwordDocuments(rng),
    ...commentDocuments(rng),
    ...callArgumentDocuments(rng),
    ...encodedFormDocuments(rng),
    ...publicByDesignDocuments(rng),
  ].map(([path, context, piece], i) => ({
    path: `unnamed-${i}/${path}`,
    context,
    ...piece,
  }));
}
