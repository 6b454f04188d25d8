/**
 * Credentials in the files tools and frameworks read: Azure connection strings and SAS URLs,
 * package-manager and CLI credential files, framework secret settings, CI and build configs.
 */
import { code, lines, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { PROVIDERS } from './providers';
import { ALNUM, BASE64, HEX, type Rng, b64 } from '../../support/seededRandom';

const make = (rng: Rng, id: string) => {
  const p = PROVIDERS.find((x) => x.id === id);
  if (!p) throw new Error(`no provider ${id}`);
  return p.make(rng);
};
const doc = (path: string, context: string, piece: Piece): CorpusDocument => ({ path, context, ...piece });
const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });

function azureDocuments(rng: Rng): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  const key88 = () => rng.chars(BASE64, 86) + '==';
  const key44 = () => rng.chars(BASE64, 43) + '=';
  const account = () => `acme${rng.format('{a:6}')}`;
  const storage = () =>
    code`DefaultEndpointsProtocol=https;AccountName=${account()};AccountKey=${S(key88(), 'Azure storage connection string', 'azure')};EndpointSuffix=core.windows.net`;
  const strings: Array<[string, () => Piece]> = [
    ['Azure storage connection string', storage],
    [
      'Azure Service Bus connection string',
      () =>
        code`Endpoint=sb://${account()}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${S(key44(), 'Azure Service Bus connection string', 'azure')}`,
    ],
    [
      'Azure Event Hubs connection string',
      () =>
        code`Endpoint=sb://${account()}.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${S(key44(), 'Azure Event Hubs connection string', 'azure')};EntityPath=telemetry`,
    ],
    [
      'Azure Cosmos DB connection string',
      () =>
        code`AccountEndpoint=https://${account()}.documents.azure.com:443/;AccountKey=${S(key88(), 'Azure Cosmos DB connection string', 'azure')};`,
    ],
    [
      'Azure SignalR connection string',
      () =>
        code`Endpoint=https://${account()}.service.signalr.net;AccessKey=${S(key44(), 'Azure SignalR connection string', 'azure')};Version=1.0;`,
    ],
    [
      'Azure IoT Hub connection string',
      () =>
        code`HostName=${account()}.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${S(key44(), 'Azure IoT Hub connection string', 'azure')}`,
    ],
    [
      'Azure Cache for Redis connection string',
      () =>
        code`${account()}.redis.cache.windows.net:6380,password=${S(key44(), 'Azure Cache for Redis connection string', 'azure')},ssl=True,abortConnect=False`,
    ],
  ];
  const holders: Array<[string, string, (p: Piece) => Piece]> = [
    ['appsettings', 'src/Api/appsettings.json', (p) => lines('{', '  "ConnectionStrings": {', code`    "Primary": "${p}"`, '  }', '}', '')],
    [
      'local-settings',
      'functions/local.settings.json',
      (p) =>
        lines(
          '{',
          '  "IsEncrypted": false,',
          '  "Values": {',
          code`    "AzureWebJobsStorage": "${p}",`,
          '    "FUNCTIONS_WORKER_RUNTIME": "dotnet"',
          '  }',
          '}',
          '',
        ),
    ],
    ['dotenv', '.env', (p) => lines(code`AZURE_CONNECTION_STRING="${p}"`, '')],
    ['csharp', 'src/Worker/Program.cs', (p) => lines('using Azure.Storage.Blobs;', code`var client = new BlobServiceClient("${p}");`, '')],
    [
      'python',
      'jobs/upload.py',
      (p) => lines('from azure.storage.blob import BlobServiceClient', code`svc = BlobServiceClient.from_connection_string("${p}")`, ''),
    ],
    [
      'web-config',
      'Web.config',
      (p) => lines('<connectionStrings>', code`  <add name="Storage" connectionString="${p}" />`, '</connectionStrings>', ''),
    ],
    ['yaml', 'deploy/values.prod.yaml', (p) => lines('azure:', code`  connectionString: "${p}"`, '')],
  ];
  strings.forEach(([, make], i) => {
    for (let k = 0; k < 4; k++) {
      const [context, path, hold] = holders[(i + k * 3) % holders.length];
      docs.push(doc(`azure-${i}-${k}/${path}`, `azure-${context}`, hold(make())));
    }
  });
  // SAS URLs and tokens: the signature is the secret.
  for (let i = 0; i < 14; i++) {
    const sig = S(`${encodeURIComponent(rng.chars(BASE64, 43) + '=')}`, 'Azure SAS token', 'azure');
    const sas = code`sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}`;
    const url = code`https://${account()}.blob.core.windows.net/backups?${sas}`;
    const variants: Array<[string, string, Piece]> = [
      ['dotenv', '.env', lines(code`AZURE_STORAGE_SAS_TOKEN="?${sas}"`, '')],
      ['shell', 'scripts/backup.sh', lines('#!/bin/sh', code`azcopy copy ./dump.sql "${url}"`, '')],
      ['python', 'etl/export.py', lines(code`BLOB_URL = "${url}"`, '')],
      ['json', 'config/export.json', lines('{', code`  "destination": "${url}"`, '}', '')],
      [
        'connection-string',
        'appsettings.json',
        lines('{', code`  "Blob": "BlobEndpoint=https://${account()}.blob.core.windows.net/;SharedAccessSignature=${sas}"`, '}', ''),
      ],
      ['markdown', 'docs/restore.md', lines('Download the latest dump:', '', '```', code`curl -o dump.sql "${url}"`, '```', '')],
      ['log', 'logs/upload.log', lines(code`2024-06-01 02:00:03 INFO uploaded 3 files to ${url}`, '')],
    ];
    const [context, path, piece] = variants[i % variants.length];
    docs.push(doc(`azure-sas-${i}/${path}`, `azure-sas-${context}`, piece));
  }
  // Storage keys, Entra client secrets and bot passwords under their own names.
  for (let i = 0; i < 8; i++) {
    const items: Array<[string, string, Piece]> = [
      ['dotenv', '.env', lines(code`AZURE_STORAGE_KEY=${S(key88(), 'Azure storage account key', 'azure')}`, '')],
      [
        'terraform',
        'infra/func.tf',
        lines(
          'resource "azurerm_linux_function_app" "fn" {',
          '  name = "acme-fn"',
          code`  storage_account_access_key = "${S(key88(), 'Azure storage account key', 'azure')}"`,
          '}',
          '',
        ),
      ],
      [
        'dotenv',
        '.env',
        lines(
          'AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47',
          code`AZURE_CLIENT_SECRET=${S(make(rng, 'azure-ad-secret'), 'Microsoft Entra client secret', 'azure')}`,
          '',
        ),
      ],
      [
        'appsettings',
        'bot/appsettings.json',
        lines(
          '{',
          '  "MicrosoftAppType": "MultiTenant",',
          `  "MicrosoftAppId": "${rng.uuid()}",`,
          code`  "MicrosoftAppPassword": "${S(make(rng, 'azure-ad-secret'), 'Azure Bot app password', 'azure')}"`,
          '}',
          '',
        ),
      ],
      [
        'curl',
        'docs/vision.md',
        lines(
          '```',
          code`curl -H "Ocp-Apim-Subscription-Key: ${S(rng.chars(HEX, 32), 'Azure AI services key', 'azure')}" https://westeurope.api.cognitive.microsoft.com/vision/v3.2/analyze`,
          '```',
          '',
        ),
      ],
      ['python', 'app/search.py', lines(code`SEARCH_ADMIN_KEY = "${S(rng.chars(ALNUM, 52), 'Azure AI Search admin key', 'azure')}"`, '')],
      [
        'json',
        'config/az.json',
        lines(
          '{',
          code`  "clientSecret": "${S(make(rng, 'azure-ad-secret'), 'Microsoft Entra client secret', 'azure')}",`,
          `  "tenantId": "${rng.uuid()}"`,
          '}',
          '',
        ),
      ],
      [
        'yaml',
        'pipelines/azure-pipelines.yml',
        lines('variables:', code`  AZURE_DEVOPS_EXT_PAT: ${S(make(rng, 'azure-devops'), 'Azure DevOps PAT', 'azure')}`, ''),
      ],
    ];
    const [context, path, piece] = items[i];
    docs.push(doc(`azure-key-${i}/${path}`, `azure-${context}`, piece));
  }
  return docs;
}

function toolConfigDocuments(rng: Rng): CorpusDocument[] {
  const G = 'tool-config';
  const pw = () => rng.password().replace(/[#;"'\\ ]/g, 'Q');
  const basic = (user: string, pass: string) => b64(`${user}:${pass}`);
  const docs: CorpusDocument[] = [];
  const add = (path: string, context: string, piece: Piece) => docs.push(doc(`tools-${docs.length}/${path}`, context, piece));
  for (let i = 0; i < 4; i++) {
    add(
      '.npmrc',
      'npmrc',
      lines(
        'registry=https://registry.npmjs.org/',
        code`//registry.npmjs.org/:_authToken=${S(make(rng, 'npm'), '.npmrc auth token', G)}`,
        '',
      ),
    );
    add(
      '.npmrc',
      'npmrc',
      lines(
        '@acme:registry=https://npm.pkg.github.com',
        code`//npm.pkg.github.com/:_authToken=${S(make(rng, 'github-pat'), '.npmrc auth token', G)}`,
        '',
      ),
    );
    add('.npmrc', 'npmrc', lines(code`//registry.npmjs.org/:_authToken=${S(rng.uuid(), '.npmrc auth token (legacy UUID)', G)}`, ''));
    add(
      '.npmrc',
      'npmrc',
      lines(
        'registry=https://nexus.acme.io/repository/npm-group/',
        'always-auth=true',
        code`_auth=${S(basic('deploy', pw()), '.npmrc _auth', G)}`,
        '',
      ),
    );
    add(
      '.npmrc',
      'npmrc',
      lines(
        '//nexus.acme.io/repository/npm/:username=deploy',
        code`//nexus.acme.io/repository/npm/:_password=${S(b64(pw()), '.npmrc _password', G)}`,
        '//nexus.acme.io/repository/npm/:email=ci@acme.io',
        '',
      ),
    );
    add(
      '.yarnrc.yml',
      'yarnrc',
      lines(
        'nodeLinker: node-modules',
        'npmScopes:',
        '  acme:',
        '    npmRegistryServer: "https://npm.acme.io"',
        code`    npmAuthToken: "${S(make(rng, 'npm'), '.yarnrc npmAuthToken', G)}"`,
        '',
      ),
    );
    add(
      '.pypirc',
      'pypirc',
      lines(
        '[distutils]',
        'index-servers = pypi',
        '',
        '[pypi]',
        'username = __token__',
        code`password = ${S(make(rng, 'pypi'), '.pypirc password', G)}`,
        '',
      ),
    );
    add(
      '.pypirc',
      'pypirc',
      lines(
        '[nexus]',
        'repository = https://nexus.acme.io/repository/pypi-internal/',
        'username = deploy',
        code`password = ${S(pw(), '.pypirc password', G)}`,
        '',
      ),
    );
    add('.netrc', 'netrc', lines(code`machine github.com login ci-bot password ${S(make(rng, 'github-pat'), '.netrc password', G)}`, ''));
    add(
      '.netrc',
      'netrc',
      lines(
        'machine api.heroku.com',
        '  login ops@acme.io',
        code`  password ${S(rng.uuid(), '.netrc password', G)}`,
        'machine git.heroku.com',
        '  login ops@acme.io',
        '',
      ),
    );
    add('.netrc', 'netrc', lines('machine artifactory.acme.io', 'login deploy', code`password ${S(pw(), '.netrc password', G)}`, ''));
    add(
      'pip.conf',
      'pip-conf',
      lines(
        '[global]',
        code`index-url = https://deploy:${S(rng.chars(ALNUM, 18), 'pip.conf index URL password', G)}@nexus.acme.io/repository/pypi/simple`,
        'timeout = 60',
        '',
      ),
    );
    add(
      'pip.ini',
      'pip-conf',
      lines(
        '[global]',
        code`extra-index-url = https://__token__:${S(make(rng, 'gitlab-pat'), 'pip.conf index URL password', G)}@gitlab.acme.io/api/v4/projects/42/packages/pypi/simple`,
        '',
      ),
    );
    add(
      'requirements.txt',
      'requirements',
      lines(
        code`--extra-index-url https://ci:${S(rng.chars(ALNUM, 20), 'requirements.txt index URL password', G)}@pypi.acme.io/simple`,
        'requests==2.32.3',
        'boto3==1.34.100',
        '',
      ),
    );
    const user = rng.pick(['acmebot', 'deploy', 'ci']);
    add(
      '.docker/config.json',
      'docker-config',
      lines(
        '{',
        '  "auths": {',
        code`    "https://index.docker.io/v1/": { "auth": "${S(basic(user, pw()), 'Docker config auth', G)}" },`,
        code`    "ghcr.io": { "auth": "${S(basic(user, make(rng, 'github-pat')), 'Docker config auth', G)}" }`,
        '  }',
        '}',
        '',
      ),
    );
    add(
      'config.json',
      'docker-config',
      lines(
        '{"auths":{"registry.acme.io":{',
        code`"auth":"${S(basic('robot$ci', rng.chars(ALNUM, 32)), 'Docker config auth', G)}"`,
        '}},"credsStore":""}',
        '',
      ),
    );
    add(
      '.git-credentials',
      'git-credentials',
      lines(
        code`https://oauth2:${S(make(rng, 'gitlab-pat'), '.git-credentials', G)}@gitlab.com`,
        code`https://jdoe:${S(rng.chars(ALNUM, 24), '.git-credentials', G)}@bitbucket.org`,
        '',
      ),
    );
    add(
      '.aws/credentials',
      'aws-credentials',
      lines(
        '[default]',
        code`aws_access_key_id = ${S(make(rng, 'aws-access-key-id'), 'AWS access key ID', 'cloud')}`,
        code`aws_secret_access_key = ${S(make(rng, 'aws-secret'), 'AWS secret access key', 'cloud')}`,
        'region = eu-west-1',
        '',
      ),
    );
    add(
      '.s3cfg',
      's3cfg',
      lines(
        '[default]',
        code`access_key = ${S(make(rng, 'aws-access-key-id'), 'AWS access key ID', 'cloud')}`,
        code`secret_key = ${S(make(rng, 'aws-secret'), 'AWS secret access key', 'cloud')}`,
        'host_base = s3.amazonaws.com',
        '',
      ),
    );
    add(
      'rclone.conf',
      'rclone',
      lines(
        '[backup]',
        'type = s3',
        'provider = AWS',
        code`access_key_id = ${S(make(rng, 'aws-access-key-id'), 'AWS access key ID', 'cloud')}`,
        code`secret_access_key = ${S(make(rng, 'aws-secret'), 'AWS secret access key', 'cloud')}`,
        '',
      ),
    );
    add(
      'gradle.properties',
      'gradle-properties',
      lines(
        'org.gradle.jvmargs=-Xmx2g',
        'ossrhUsername=acme-release',
        code`ossrhPassword=${S(pw(), 'gradle.properties password', G)}`,
        code`signing.password=${S(pw(), 'gradle.properties signing password', G)}`,
        '',
      ),
    );
    add(
      'settings.xml',
      'maven-settings',
      lines(
        '<settings>',
        '  <servers>',
        '    <server>',
        '      <id>nexus-releases</id>',
        '      <username>deploy</username>',
        code`      <password>${S(pw(), 'Maven settings.xml password', G)}</password>`,
        '    </server>',
        '  </servers>',
        '</settings>',
        '',
      ),
    );
    add(
      'NuGet.Config',
      'nuget-config',
      lines(
        '<configuration>',
        '  <packageSourceCredentials>',
        '    <acme>',
        '      <add key="Username" value="ci" />',
        code`      <add key="ClearTextPassword" value="${S(pw(), 'NuGet.Config password', G)}" />`,
        '    </acme>',
        '  </packageSourceCredentials>',
        '</configuration>',
        '',
      ),
    );
    add(
      'auth.json',
      'composer-auth',
      lines(
        '{',
        code`  "github-oauth": { "github.com": "${S(make(rng, 'github-oauth'), 'Composer auth.json', G)}" },`,
        code`  "http-basic": { "repo.acme.io": { "username": "deploy", "password": "${S(pw(), 'Composer auth.json', G)}" } }`,
        '}',
        '',
      ),
    );
    add(
      '.gem/credentials',
      'gem-credentials',
      lines('---', code`:rubygems_api_key: ${S(make(rng, 'rubygems'), 'RubyGems credentials', G)}`, ''),
    );
    add(
      '.cargo/credentials.toml',
      'cargo-credentials',
      lines('[registry]', code`token = "${S(make(rng, 'crates'), 'Cargo credentials', G)}"`, ''),
    );
    add(
      '.terraformrc',
      'terraformrc',
      lines(
        'credentials "app.terraform.io" {',
        code`  token = "${S(make(rng, 'terraform-cloud'), 'Terraform CLI credentials', G)}"`,
        '}',
        '',
      ),
    );
    add(
      '.kube/config',
      'kubeconfig',
      lines(
        'apiVersion: v1',
        'kind: Config',
        'users:',
        '- name: ci',
        '  user:',
        code`    token: ${S(make(rng, 'jwt-rs'), 'kubeconfig token', G)}`,
        '',
      ),
    );
    add('.pgpass', 'pgpass', lines(code`db.internal:5432:app:app:${S(pw().replace(/:/g, 'x'), '.pgpass password', G)}`, ''));
    add(
      '.my.cnf',
      'my-cnf',
      lines('[client]', 'user=root', code`password=${S(pw(), 'MySQL option file password', G)}`, 'host=127.0.0.1', ''),
    );
    add(
      'redis.conf',
      'redis-conf',
      lines(
        'bind 0.0.0.0',
        'port 6379',
        code`requirepass ${S(rng.chars(ALNUM, 32), 'redis.conf requirepass', G)}`,
        code`masterauth ${S(rng.chars(ALNUM, 32), 'redis.conf masterauth', G)}`,
        '',
      ),
    );
    add(
      'inventory/hosts.ini',
      'ansible-inventory',
      lines(
        '[web]',
        code`web1 ansible_host=10.0.1.10 ansible_user=deploy ansible_ssh_pass=${S(pw(), 'Ansible inventory password', G)}`,
        code`web2 ansible_host=10.0.1.11 ansible_become_pass=${S(pw(), 'Ansible inventory password', G)}`,
        '',
      ),
    );
    add(
      'msmtprc',
      'msmtprc',
      lines(
        'account default',
        'host smtp.gmail.com',
        'port 587',
        'user alerts@acme.io',
        code`password ${S(rng.chars('abcdefghijklmnopqrstuvwxyz', 16), 'msmtp password', G)}`,
        '',
      ),
    );
    add(
      '.config/gh/hosts.yml',
      'gh-hosts',
      lines(
        'github.com:',
        '    user: acme-bot',
        code`    oauth_token: ${S(make(rng, 'github-oauth'), 'GitHub CLI hosts.yml', G)}`,
        '    git_protocol: https',
        '',
      ),
    );
    add(
      'passwd-s3fs',
      's3fs',
      lines(
        code`${S(make(rng, 'aws-access-key-id'), 'AWS access key ID', 'cloud')}:${S(make(rng, 'aws-secret'), 'AWS secret access key', 'cloud')}`,
        '',
      ),
    );
    add(
      'sitemanager.xml',
      'filezilla',
      lines(
        '<Server>',
        '  <Host>ftp.acme.io</Host>',
        '  <User>deploy</User>',
        code`  <Pass encoding="base64">${S(b64(pw()), 'FileZilla saved password', G)}</Pass>`,
        '</Server>',
        '',
      ),
    );
    add('wpa_supplicant.conf', 'wpa', lines('network={', '  ssid="acme-office"', code`  psk="${S(pw(), 'Wi-Fi passphrase', G)}"`, '}', ''));
  }
  return docs;
}

/** Framework secret settings and CI/build tool tokens. */
function frameworkDocuments(rng: Rng): CorpusDocument[] {
  const G = 'framework';
  const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
  const WP = ALNUM + '!@#$%^&*()-_[]{}<>~+=,.;:/?|';
  const docs: CorpusDocument[] = [];
  const add = (path: string, context: string, piece: Piece) => docs.push(doc(`fw-${docs.length}/${path}`, context, piece));
  for (let i = 0; i < 5; i++) {
    add(
      'mysite/settings.py',
      'django',
      lines(
        'from pathlib import Path',
        '',
        '# SECURITY WARNING: keep the secret key used in production secret!',
        code`SECRET_KEY = '${S(rng.chars(DJANGO, 50), 'Django SECRET_KEY', G)}'`,
        '',
        'DEBUG = False',
        '',
      ),
    );
    add(
      'project/settings/base.py',
      'django',
      lines(code`SECRET_KEY = "django-insecure-${S(rng.chars(DJANGO, 50), 'Django SECRET_KEY', G)}"`, 'INSTALLED_APPS = []', ''),
    );
    add(
      'app/__init__.py',
      'flask',
      lines(
        'from flask import Flask',
        'app = Flask(__name__)',
        code`app.config["SECRET_KEY"] = "${S(rng.chars(HEX, 32), 'Flask SECRET_KEY', G)}"`,
        '',
      ),
    );
    add(
      'app/factory.py',
      'flask',
      lines(
        'def create_app():',
        '    app = Flask(__name__)',
        code`    app.secret_key = '${S(rng.chars(ALNUM + '_-', 32), 'Flask SECRET_KEY', G)}'`,
        '    return app',
        '',
      ),
    );
    add(
      'config/secrets.yml',
      'rails',
      lines('production:', code`  secret_key_base: ${S(rng.chars(HEX, 128), 'Rails secret_key_base', G)}`, ''),
    );
    add(
      '.env',
      'laravel',
      lines(
        'APP_NAME=Shop',
        'APP_ENV=production',
        code`APP_KEY=base64:${S(b64(rng.bytes(32)), 'Laravel APP_KEY', G)}`,
        'APP_DEBUG=false',
        '',
      ),
    );
    add('.env.prod', 'symfony', lines('APP_ENV=prod', code`APP_SECRET=${S(rng.chars(HEX, 32), 'Symfony APP_SECRET', G)}`, ''));
    add(
      'wp-config.php',
      'wordpress',
      lines(
        "define( 'DB_NAME', 'wordpress' );",
        "define( 'DB_USER', 'wp' );",
        code`define( 'DB_PASSWORD', '${S(rng.password().replace(/'/g, 'x'), 'WordPress DB_PASSWORD', G)}' );`,
        code`define( 'AUTH_KEY',         '${S(rng.chars(WP, 64).replace(/'/g, 'x'), 'WordPress salt', G)}' );`,
        code`define( 'LOGGED_IN_SALT',   '${S(rng.chars(WP, 64).replace(/'/g, 'x'), 'WordPress salt', G)}' );`,
        '',
      ),
    );
    add(
      '.env.local',
      'nextauth',
      lines('NEXTAUTH_URL=https://app.acme.io', code`NEXTAUTH_SECRET=${S(b64(rng.bytes(32)), 'NextAuth secret', G)}`, ''),
    );
    add(
      'server/app.js',
      'express-session',
      lines(
        "const session = require('express-session');",
        code`app.use(session({ secret: '${S(rng.chars(ALNUM, 28), 'Express session secret', G)}', resave: false, saveUninitialized: false }));`,
        '',
      ),
    );
    add(
      'config/prod.secret.exs',
      'phoenix',
      lines(
        'import Config',
        'config :shop, ShopWeb.Endpoint,',
        code`  secret_key_base: "${S(rng.chars(ALNUM + '+/', 64), 'Phoenix secret_key_base', G)}"`,
        '',
      ),
    );
    add(
      'src/main/resources/application.properties',
      'spring',
      lines(
        'spring.datasource.url=jdbc:postgresql://db:5432/app',
        'spring.datasource.username=app',
        code`spring.datasource.password=${S(rng.password(), 'Spring datasource password', G)}`,
        code`jwt.secret=${S(b64(rng.bytes(48)), 'Spring JWT secret', G)}`,
        '',
      ),
    );
    add(
      'src/main/resources/application.yml',
      'spring',
      lines(
        'spring:',
        '  mail:',
        '    host: smtp.sendgrid.net',
        '    username: apikey',
        code`    password: ${S(make(rng, 'sendgrid'), 'Spring mail password', G)}`,
        '',
      ),
    );
    add(
      'appsettings.json',
      'aspnet',
      lines(
        '{',
        '  "Jwt": {',
        '    "Issuer": "https://api.acme.io",',
        code`    "Key": "${S(rng.chars(ALNUM, 48), 'ASP.NET JWT signing key', G)}"`,
        '  }',
        '}',
        '',
      ),
    );
    add(
      'sonar-project.properties',
      'sonar',
      lines(
        'sonar.projectKey=acme_api',
        'sonar.host.url=https://sonar.acme.io',
        code`sonar.login=${S(i % 2 ? make(rng, 'sonarqube') : rng.chars(HEX, 40), 'SonarQube token (sonar.login)', G)}`,
        '',
      ),
    );
    add(
      'pom.xml',
      'sonar',
      lines(
        '<properties>',
        code`  <sonar.login>${S(rng.chars(HEX, 40), 'SonarQube token (sonar.login)', G)}</sonar.login>`,
        '</properties>',
        '',
      ),
    );
    add(
      'Jenkinsfile',
      'sonar',
      lines(
        'stage("scan") {',
        code`  sh "mvn sonar:sonar -Dsonar.host.url=https://sonar.acme.io -Dsonar.token=${S(make(rng, 'sonarqube-project'), 'SonarQube token (sonar.login)', G)}"`,
        '}',
        '',
      ),
    );
    add(
      'airflow.cfg',
      'airflow',
      lines(
        '[core]',
        code`fernet_key = ${S(b64(rng.bytes(32)).replace(/\+/g, '-').replace(/\//g, '_'), 'Airflow fernet key', G)}`,
        '[webserver]',
        code`secret_key = ${S(rng.chars(ALNUM, 24), 'Airflow webserver secret', G)}`,
        '',
      ),
    );
    add(
      'grafana.ini',
      'grafana',
      lines('[security]', 'admin_user = admin', code`admin_password = ${S(rng.password(), 'Grafana admin password', G)}`, ''),
    );
    add('config/master.key', 'rails-master-key', lines(code`${S(rng.chars(HEX, 32), 'Rails master.key', G)}`));
    add('odoo.conf', 'odoo', lines('[options]', code`admin_passwd = ${S(rng.password(), 'Odoo master password', G)}`, 'db_host = db', ''));
  }
  return docs;
}

export function configDocuments(rng: Rng): CorpusDocument[] {
  return [...azureDocuments(rng), ...toolConfigDocuments(rng), ...frameworkDocuments(rng)];
}
