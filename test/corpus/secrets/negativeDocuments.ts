/**
 * Whole files that look dangerous and hold no secret: lockfiles, type declarations, code that
 * reads secrets from elsewhere, .NET assembly references, CloudFormation custom resources,
 * documentation commands with placeholders, public keys and certificates, manifests with
 * references or encrypted values, masked logs, UI text, base64 assets, pinned hashes, local
 * test databases.
 */
import { code, lines, negative, type CorpusDocument, type Mark, type Piece } from './document';
import { certificatePem, publicKeyPem, sshPublicKeyLine } from './keys';
import { JWT_IO_SAMPLE } from './namedNegatives';
import { ALNUM, BASE64, HEX, type Rng, b64 } from '../../support/seededRandom';

const N = (value: string, kind: string, group: string): Mark => negative(value, kind, group);

function lockfiles(rng: Rng): Array<[string, string, Piece]> {
  const L = (v: string, kind: string) => N(v, kind, 'lockfile');
  const pkgs = ['lodash', 'express', 'debug', 'ms', 'semver', 'chalk', 'commander', 'yaml', 'undici', 'zod'];
  const v = () => `${1 + rng.int(9)}.${rng.int(20)}.${rng.int(10)}`;
  const sha512 = () => `sha512-${rng.chars(BASE64, 86)}==`;
  return [
    [
      'package-lock.json',
      'package-lock',
      lines(
        '{',
        '  "name": "app",',
        '  "lockfileVersion": 3,',
        '  "packages": {',
        ...pkgs
          .slice(0, 5)
          .map(
            (p) =>
              code`    "node_modules/${p}": { "version": "${v()}", "resolved": "https://registry.npmjs.org/${p}/-/${p}-1.0.0.tgz", "integrity": "${L(sha512(), 'npm integrity hash')}" },`,
          ),
        '    "": {}',
        '  }',
        '}',
        '',
      ),
    ],
    [
      'yarn.lock',
      'yarn-lock',
      lines(
        '# yarn lockfile v1',
        '',
        ...pkgs
          .slice(3, 8)
          .flatMap((p) => [
            `${p}@^1.0.0:`,
            `  version "${v()}"`,
            `  resolved "https://registry.yarnpkg.com/${p}/-/${p}-1.0.0.tgz#${rng.chars(HEX, 40)}"`,
            code`  integrity ${L(sha512(), 'yarn integrity hash')}`,
            '',
          ]),
      ),
    ],
    [
      'pnpm-lock.yaml',
      'pnpm-lock',
      lines(
        "lockfileVersion: '9.0'",
        'packages:',
        ...pkgs.slice(5).map((p) => code`  ${p}@${v()}:\n    resolution: {integrity: ${L(sha512(), 'pnpm integrity hash')}}`),
        '',
      ),
    ],
    [
      'go.sum',
      'go-sum',
      lines(
        ...[
          'github.com/google/uuid v1.6.0',
          'golang.org/x/net v0.25.0',
          'github.com/stretchr/testify v1.9.0',
          'gopkg.in/yaml.v3 v3.0.1',
        ].map((m) => code`${m} h1:${L(rng.chars(BASE64, 43) + '=', 'go.sum hash')}`),
        '',
      ),
    ],
    [
      'poetry.lock',
      'poetry-lock',
      lines(
        '[[package]]',
        'name = "requests"',
        'version = "2.32.3"',
        'files = [',
        ...[0, 1, 2].map(
          () => code`    {file = "requests-2.32.3-py3-none-any.whl", hash = "sha256:${L(rng.chars(HEX, 64), 'poetry hash')}"},`,
        ),
        ']',
        '',
      ),
    ],
    [
      'Cargo.lock',
      'cargo-lock',
      lines(
        '[[package]]',
        'name = "serde"',
        'version = "1.0.203"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        code`checksum = "${L(rng.chars(HEX, 64), 'Cargo checksum')}"`,
        '',
        '[[package]]',
        'name = "tokio"',
        code`checksum = "${L(rng.chars(HEX, 64), 'Cargo checksum')}"`,
        '',
      ),
    ],
    [
      'composer.lock',
      'composer-lock',
      lines(
        '{',
        '  "packages": [',
        '    { "name": "monolog/monolog", "dist": { "type": "zip",',
        code`      "shasum": "${L(rng.chars(HEX, 40), 'composer shasum')}",`,
        code`      "reference": "${L(rng.chars(HEX, 40), 'composer reference')}" } }`,
        '  ]',
        '}',
        '',
      ),
    ],
    [
      '.terraform.lock.hcl',
      'terraform-lock',
      lines(
        'provider "registry.terraform.io/hashicorp/aws" {',
        '  version = "5.50.0"',
        '  hashes = [',
        code`    "h1:${L(rng.chars(BASE64, 43) + '=', 'terraform lock hash')}",`,
        ...[0, 1, 2].map(() => code`    "zh:${L(rng.chars(HEX, 64), 'terraform lock hash')}",`),
        '  ]',
        '}',
        '',
      ),
    ],
    [
      'Pipfile.lock',
      'pipfile-lock',
      lines(
        '{',
        '  "_meta": { "hash": {',
        code`    "sha256": "${L(rng.chars(HEX, 64), 'Pipfile hash')}" } },`,
        '  "default": { "flask": { "hashes": [',
        code`    "sha256:${L(rng.chars(HEX, 64), 'Pipfile hash')}"`,
        '  ], "version": "==3.0.3" } }',
        '}',
        '',
      ),
    ],
    [
      'requirements.txt',
      'pip-hashes',
      lines(
        code`flask==3.0.3 --hash=sha256:${L(rng.chars(HEX, 64), 'pip --hash')}`,
        code`gunicorn==22.0.0 --hash=sha256:${L(rng.chars(HEX, 64), 'pip --hash')}`,
        '',
      ),
    ],
  ];
}

function typeDeclarations(): Array<[string, string, Piece]> {
  const T = (v: string) => N(v, 'type declaration', 'type-declaration');
  return [
    [
      'src/types/user.ts',
      'typescript',
      lines(
        'export interface Credentials {',
        code`  ${T('password: string;')}`,
        code`  ${T('apiKey?: string;')}`,
        code`  ${T('accessToken: string | null;')}`,
        code`  ${T('clientSecret: Secret<string>;')}`,
        '}',
        '',
      ),
    ],
    [
      'schema.graphql',
      'graphql',
      lines(
        'type Mutation {',
        code`  login(email: String!, ${T('password: String!')}): AuthPayload`,
        '}',
        'input CreateKeyInput {',
        code`  ${T('apiKey: String')}`,
        code`  ${T('token: String!')}`,
        '}',
        '',
      ),
    ],
    [
      'internal/auth/types.go',
      'go',
      lines(
        'type Config struct {',
        code`\t${T('Password string `json:"password" yaml:"password"`')}`,
        code`\t${T('APIKey   string `json:"api_key" env:"API_KEY,required"`')}`,
        code`\t${T('Token    *string `json:"token,omitempty"`')}`,
        '}',
        '',
      ),
    ],
    [
      'src/main/java/io/acme/DbConfig.java',
      'java',
      lines(
        'public class DbConfig {',
        code`    ${T('private String password;')}`,
        code`    ${T('private char[] secretKey;')}`,
        code`    ${T('public void setPassword(String password) { this.password = password; }')}`,
        '}',
        '',
      ),
    ],
    [
      'src/Models/Settings.cs',
      'csharp',
      lines(
        'public class SmtpSettings',
        '{',
        code`    ${T('public string Password { get; set; } = string.Empty;')}`,
        code`    ${T('public string ApiKey { get; init; } = default!;')}`,
        '}',
        '',
      ),
    ],
    [
      'app/schemas.py',
      'python',
      lines(
        'from pydantic import BaseModel, SecretStr',
        '',
        'class Settings(BaseModel):',
        code`    ${T('password: SecretStr')}`,
        code`    ${T('api_key: str = Field(..., env="API_KEY")')}`,
        code`    ${T('token: Optional[str] = None')}`,
        '',
      ),
    ],
    [
      'proto/auth.proto',
      'protobuf',
      lines(
        'message LoginRequest {',
        '  string username = 1;',
        code`  ${T('string password = 2;')}`,
        code`  ${T('string api_key = 3;')}`,
        '}',
        '',
      ),
    ],
    [
      'schemas/config.schema.json',
      'json-schema',
      lines(
        '{',
        '  "properties": {',
        code`    ${T('"password": { "type": "string", "minLength": 12, "writeOnly": true },')}`,
        code`    ${T('"apiToken": { "type": "string", "format": "password" }')}`,
        '  }',
        '}',
        '',
      ),
    ],
    [
      'openapi.yaml',
      'openapi',
      lines(
        'components:',
        '  securitySchemes:',
        '    ApiKeyAuth:',
        '      type: apiKey',
        '      in: header',
        code`      ${T('name: X-API-Key')}`,
        '  schemas:',
        '    Login:',
        '      properties:',
        code`        ${T('password: { type: string, format: password }')}`,
        '',
      ),
    ],
    [
      'migrations/001_users.sql',
      'sql',
      lines(
        'CREATE TABLE users (',
        '  id BIGSERIAL PRIMARY KEY,',
        code`  ${T('password_hash VARCHAR(255) NOT NULL,')}`,
        code`  ${T('api_token TEXT UNIQUE,')}`,
        ');',
        '',
      ),
    ],
    [
      'prisma/schema.prisma',
      'prisma',
      lines(
        'model User {',
        '  id       Int    @id @default(autoincrement())',
        code`  ${T('password String')}`,
        code`  ${T('apiKey   String? @unique')}`,
        '}',
        '',
      ),
    ],
    [
      'src/config.rs',
      'rust',
      lines(
        'pub struct Config {',
        code`    ${T('pub password: SecretString,')}`,
        code`    ${T('pub api_token: Option<String>,')}`,
        '}',
        '',
      ),
    ],
    [
      'app/src/main/kotlin/Auth.kt',
      'kotlin',
      lines(code`${T('data class Auth(val username: String, val password: String, val token: String?)')}`, ''),
    ],
    [
      'Sources/Auth.swift',
      'swift',
      lines('struct Credentials: Codable {', code`    ${T('let password: String')}`, code`    ${T('var apiKey: String?')}`, '}', ''),
    ],
    [
      'src/Entity/User.php',
      'php',
      lines('class User {', code`    ${T('private ?string $password = null;')}`, code`    ${T('private string $apiToken;')}`, '}', ''),
    ],
    [
      'src/types/env.d.ts',
      'typescript',
      lines(
        'declare namespace NodeJS {',
        '  interface ProcessEnv {',
        code`    ${T('STRIPE_SECRET_KEY: string;')}`,
        code`    ${T('GITHUB_TOKEN?: string;')}`,
        '  }',
        '}',
        '',
      ),
    ],
  ];
}

function codeExpressions(): Array<[string, string, Piece]> {
  const X = (v: string) => N(v, 'value read at run time', 'code-expression');
  return [
    [
      'app/config.py',
      'python',
      lines(
        'import os',
        code`${X('STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]')}`,
        code`${X('DB_PASSWORD = os.getenv("DB_PASSWORD")')}`,
        code`${X('api_key = secrets_client.get_secret_value(SecretId="prod/api")["SecretString"]')}`,
        code`${X('password = getpass.getpass("Password: ")')}`,
        code`${X('token = secrets.token_urlsafe(32)')}`,
        '',
      ),
    ],
    [
      'src/config.js',
      'javascript',
      lines(
        code`${X('const apiKey = process.env.API_KEY;')}`,
        code`${X('const { password } = req.body;')}`,
        code`${X('const token = jwt.sign(payload, privateKey, { expiresIn: "1h" });')}`,
        code`${X('const secret = crypto.randomBytes(32).toString("hex");')}`,
        code`${X('client = new Client({ apiKey: apiKey, password: password });')}`,
        '',
      ),
    ],
    [
      'main.go',
      'go',
      lines(
        'func load() {',
        code`\t${X('token := os.Getenv("GITHUB_TOKEN")')}`,
        code`\t${X('password := viper.GetString("db.password")')}`,
        code`\t${X('secret := r.Header.Get("X-Webhook-Secret")')}`,
        '}',
        '',
      ),
    ],
    [
      'src/main/java/App.java',
      'java',
      lines(
        code`${X('String password = System.getenv("DB_PASSWORD");')}`,
        code`${X('String apiKey = config.getProperty("api.key");')}`,
        code`${X('char[] secret = console.readPassword("Secret: ");')}`,
        '',
      ),
    ],
    [
      'Program.cs',
      'csharp',
      lines(
        code`${X('var clientSecret = Environment.GetEnvironmentVariable("CLIENT_SECRET");')}`,
        code`${X('var password = builder.Configuration["Db:Password"];')}`,
        '',
      ),
    ],
    [
      'config/initializers/stripe.rb',
      'ruby',
      lines(
        code`${X("Stripe.api_key = ENV.fetch('STRIPE_SECRET_KEY')")}`,
        code`${X('token = Rails.application.credentials.dig(:github, :token)')}`,
        '',
      ),
    ],
    [
      'config/services.php',
      'php',
      lines(
        'return [',
        code`    ${X("'secret' => env('STRIPE_SECRET'),")}`,
        code`    ${X("'password' => config('database.connections.mysql.password'),")}`,
        '];',
        '',
      ),
    ],
    [
      'app/auth.py',
      'python',
      lines(
        'def login(request):',
        code`    ${X('password = request.form["password"]')}`,
        code`    ${X('if password == confirm_password:')}`,
        code`        ${X('user.set_password(password)')}`,
        code`    ${X('self.token = token')}`,
        code`    ${X('access_token = response.json()["access_token"]')}`,
        '',
      ),
    ],
    [
      'src/auth.ts',
      'typescript',
      lines(
        code`${X('const hashed = await bcrypt.hash(password, 12);')}`,
        code`${X('this.secret = options.secret ?? randomUUID();')}`,
        code`${X('headers: { Authorization: `Bearer ${token}` },')}`,
        code`${X("const apiToken = await vault.read('secret/data/api');")}`,
        '',
      ),
    ],
    [
      'deploy/main.tf',
      'terraform',
      lines(
        'resource "aws_db_instance" "db" {',
        code`  ${X('password = var.db_password')}`,
        '}',
        'provider "github" {',
        code`  ${X('token = data.aws_secretsmanager_secret_version.gh.secret_string')}`,
        '}',
        'resource "aws_key_pair" "deploy" {',
        code`  ${X('public_key = file("~/.ssh/id_ed25519.pub")')}`,
        '}',
        'resource "azurerm_key_vault_secret" "s" {',
        code`  ${X('value = random_password.db.result')}`,
        '}',
        '',
      ),
    ],
  ];
}

function dotnetAndCloudFormation(rng: Rng): Array<[string, string, Piece]> {
  const D = (v: string) => N(v, '.NET PublicKeyToken', 'dotnet');
  const C = (v: string) => N(v, 'CloudFormation ServiceToken or reference', 'cloudformation');
  const tokens = [
    'b77a5c561934e089',
    'b03f5f7f11d50a3a',
    '31bf3856ad364e35',
    '30ad4fe6b2a6aeed',
    'cc7b13ffcd2ddd51',
    '7cec85d7bea7798e',
    'adb9793829ddae60',
    '89845dcd8080cc91',
  ];
  return [
    [
      'Properties/Resources.resx',
      'resx',
      lines(
        '<root>',
        '  <resheader name="reader">',
        code`    <value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=${D(tokens[0])}</value>`,
        '  </resheader>',
        '  <resheader name="writer">',
        code`    <value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=${D(tokens[0])}</value>`,
        '  </resheader>',
        '</root>',
        '',
      ),
    ],
    [
      'Web.config',
      'web-config',
      lines(
        '<runtime><assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">',
        '  <dependentAssembly>',
        code`    <assemblyIdentity name="Newtonsoft.Json" publicKeyToken="${D(tokens[3])}" culture="neutral" />`,
        '    <bindingRedirect oldVersion="0.0.0.0-13.0.0.0" newVersion="13.0.0.0" />',
        '  </dependentAssembly>',
        '  <dependentAssembly>',
        code`    <assemblyIdentity name="System.Web.Mvc" publicKeyToken="${D(tokens[2])}" />`,
        '  </dependentAssembly>',
        '</assemblyBinding></runtime>',
        code`<add assembly="System.Web.Helpers, Version=3.0.0.0, Culture=neutral, PublicKeyToken=${D(tokens[2].toUpperCase())}" />`,
        code`<section name="log4net" type="log4net.Config.Log4NetConfigurationSectionHandler, log4net, Version=2.0.15.0, Culture=neutral, PublicKeyToken=${D(tokens[6])}" />`,
        '',
      ),
    ],
    [
      'App.config',
      'app-config',
      lines(
        '<configuration><configSections>',
        code`  <section name="entityFramework" type="System.Data.Entity.Internal.ConfigFile.EntityFrameworkSection, EntityFramework, Version=6.0.0.0, Culture=neutral, PublicKeyToken=${D(tokens[1])}" />`,
        code`  <section name="nlog" type="NLog.Config.ConfigSectionHandler, NLog, PublicKeyToken=${D(tokens[5])}" />`,
        '</configSections></configuration>',
        '',
      ),
    ],
    [
      'template.yaml',
      'cloudformation-yaml',
      lines(
        'Parameters:',
        '  DBPassword:',
        '    Type: String',
        '    NoEcho: true',
        'Resources:',
        '  Seeder:',
        '    Type: Custom::DatabaseSeeder',
        '    Properties:',
        code`      ${C('ServiceToken: !GetAtt SeederFunction.Arn')}`,
        '  Notifier:',
        '    Type: Custom::Notify',
        '    Properties:',
        code`      ServiceToken: ${C(`arn:aws:lambda:eu-west-1:${rng.format('{d:12}')}:function:cfn-notify`)}`,
        '  Database:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties:',
        code`      ${C('MasterUserPassword: !Ref DBPassword')}`,
        code`      ${C("MasterUsername: '{{resolve:secretsmanager:prod/db:SecretString:username}}'")}`,
        '  DbSecret:',
        '    Type: AWS::SecretsManager::Secret',
        '    Properties:',
        '      GenerateSecretString:',
        code`        ${C('SecretStringTemplate: \'{"username": "admin"}\'')}`,
        code`        ${C('GenerateStringKey: password')}`,
        '        PasswordLength: 32',
        '',
      ),
    ],
    [
      'stack.json',
      'cloudformation-json',
      lines(
        '{ "Resources": { "Custom": { "Type": "AWS::CloudFormation::CustomResource", "Properties": {',
        code`  "ServiceToken": ${C('{ "Fn::GetAtt": ["ProviderFunction", "Arn"] }')},`,
        code`  "ApiKey": ${C('{ "Ref": "ApiKeyParameter" }')},`,
        code`  "Token": ${C('"{{resolve:ssm-secure:/prod/api/token:1}}"')}`,
        '} } } }',
        '',
      ),
    ],
  ];
}

function docsCommands(): Array<[string, string, Piece]> {
  const Q = (v: string) => N(v, 'documentation command with a placeholder', 'docs-command');
  return [
    [
      'README.md',
      'markdown',
      lines(
        '## Authenticate',
        '',
        '```sh',
        code`${Q('acme login --token=<YOUR_TOKEN>')}`,
        code`${Q('gh auth login --with-token < token.txt')}`,
        code`${Q('docker login -u <user> -p <password> registry.acme.io')}`,
        code`${Q('mysql -u root -p')}`,
        code`${Q('curl -u "$USER:$API_TOKEN" https://api.acme.io/v1/me')}`,
        code`${Q('curl -H "Authorization: Bearer $TOKEN" https://api.acme.io/v1/me')}`,
        code`${Q('curl -H "Authorization: Bearer <access_token>" https://api.acme.io/v1/me')}`,
        code`${Q('export OPENAI_API_KEY=<your key>')}`,
        code`${Q('export GITHUB_TOKEN=ghp_...')}`,
        '```',
        '',
      ),
    ],
    [
      'docs/deploy.md',
      'markdown',
      lines(
        '```bash',
        code`${Q('psql postgresql://<user>:<password>@<host>:5432/<db>')}`,
        code`${Q('az login --service-principal -u $APP_ID -p $PASSWORD --tenant $TENANT_ID')}`,
        code`${Q('kubectl create secret generic db --from-literal=password="$(openssl rand -base64 32)"')}`,
        code`${Q('htpasswd -c .htpasswd admin')}`,
        code`${Q('echo "$REGISTRY_TOKEN" | docker login ghcr.io -u acme-bot --password-stdin')}`,
        code`${Q('sshpass -e ssh deploy@host')}`,
        code`${Q('redis-cli -a "$REDIS_PASSWORD" ping')}`,
        code`${Q('PGPASSWORD=$DB_PASS psql -h db -U app')}`,
        code`${Q('git clone https://${GITHUB_TOKEN}@github.com/acme/infra.git')}`,
        code`${Q('twine upload -u __token__ -p $PYPI_TOKEN dist/*')}`,
        code`${Q('terraform apply -var "db_password=$TF_VAR_db_password"')}`,
        code`${Q('acme-cli configure --api-key YOUR_API_KEY --client-secret <client-secret>')}`,
        code`${Q('vault login -method=userpass username=jdoe')}`,
        code`${Q('aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY"')}`,
        code`${Q('mysql -h db -u app --password="$MYSQL_PASSWORD" app')}`,
        code`${Q('curl -u admin:admin http://localhost:8080/api/health')}`,
        code`${Q('https://user:password@example.com/path')}`,
        '```',
        '',
      ),
    ],
    [
      '.github/workflows/ci.yml',
      'github-actions',
      lines(
        'jobs:',
        '  build:',
        '    steps:',
        '      - uses: docker/login-action@v3',
        '        with:',
        '          username: acme-bot',
        code`          ${Q('password: ${{ secrets.DOCKERHUB_TOKEN }}')}`,
        '      - run: npm publish',
        '        env:',
        code`          ${Q('NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')}`,
        code`      - run: ${Q('acme deploy --token ${{ secrets.ACME_TOKEN }}')}`,
        code`      - run: ${Q('curl -H "Authorization: token ${{ github.token }}" https://api.github.com/user')}`,
        '',
      ),
    ],
    [
      'Dockerfile',
      'dockerfile',
      lines(
        'FROM node:20',
        code`${Q('ARG NPM_TOKEN')}`,
        code`${Q('RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci')}`,
        code`${Q('ENV DB_PASSWORD_FILE=/run/secrets/db_password')}`,
        '',
      ),
    ],
  ];
}

function publicMaterial(rng: Rng): Array<[string, string, Piece]> {
  const P = (v: string, kind: string) => N(v, kind, 'public-key');
  return [
    [
      '.ssh/authorized_keys',
      'authorized-keys',
      lines(
        code`${P(sshPublicKeyLine(rng), 'SSH public key')}`,
        code`${P(sshPublicKeyLine(rng), 'SSH public key')}`,
        code`${P(`ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${rng.chars(BASE64, 340)} jdoe@laptop`, 'SSH public key')}`,
        '',
      ),
    ],
    ['certs/ca.pem', 'certificate', lines(code`${P(certificatePem(rng), 'certificate')}`, '')],
    ['keys/jwt-public.pem', 'public-key-pem', lines(code`${P(publicKeyPem(rng), 'public key')}`, '')],
    [
      'infra/keys.tf',
      'terraform',
      lines(
        'resource "aws_key_pair" "deploy" {',
        '  key_name   = "deploy"',
        code`  public_key = "${P(sshPublicKeyLine(rng), 'SSH public key')}"`,
        '}',
        '',
      ),
    ],
    [
      '.well-known/jwks.json',
      'jwks',
      lines(
        '{ "keys": [ {',
        '  "kty": "RSA", "use": "sig", "alg": "RS256",',
        code`  "kid": "${P(rng.chars(HEX, 16), 'JWKS key id')}",`,
        code`  "n": "${P(rng.bytes(256).toString('base64url'), 'JWKS public modulus')}",`,
        '  "e": "AQAB"',
        '} ] }',
        '',
      ),
    ],
    [
      'known_hosts',
      'known-hosts',
      lines(code`github.com ${P(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.chars(BASE64, 43)}`, 'known host key')}`, ''),
    ],
    [
      '.kube/config',
      'kubeconfig',
      lines(
        'clusters:',
        '- cluster:',
        code`    certificate-authority-data: ${P(b64(certificatePem(rng)), 'cluster CA certificate')}`,
        '    server: https://k8s.acme.io',
        '  name: prod',
        '',
      ),
    ],
    [
      'k8s/webhook.yaml',
      'kubernetes',
      lines(
        'apiVersion: admissionregistration.k8s.io/v1',
        'kind: ValidatingWebhookConfiguration',
        'webhooks:',
        '  - name: policy.acme.io',
        '    clientConfig:',
        code`      caBundle: ${P(b64(certificatePem(rng)), 'CA bundle')}`,
        '',
      ),
    ],
  ];
}

function manifestsAndSecrets(rng: Rng): Array<[string, string, Piece]> {
  const K = (v: string, kind: string) => N(v, kind, 'kubernetes-nonsecret');
  const E = (v: string, kind: string) => N(v, kind, 'encrypted');
  return [
    [
      'charts/app/templates/secret.yaml',
      'helm-template',
      lines(
        'apiVersion: v1',
        'kind: Secret',
        'metadata: { name: {{ .Release.Name }}-db }',
        'data:',
        code`  password: ${K('{{ .Values.db.password | b64enc | quote }}', 'Helm template value')}`,
        code`  api-key: ${K('{{ randAlphaNum 32 | b64enc | quote }}', 'Helm template value')}`,
        '',
      ),
    ],
    [
      'k8s/external-secret.yaml',
      'external-secret',
      lines(
        'apiVersion: external-secrets.io/v1beta1',
        'kind: ExternalSecret',
        'spec:',
        '  data:',
        '    - secretKey: password',
        '      remoteRef:',
        code`        key: ${K('prod/billing/db', 'secret manager reference')}`,
        '        property: password',
        '',
      ),
    ],
    [
      'k8s/sealed.yaml',
      'sealed-secret',
      lines(
        'apiVersion: bitnami.com/v1alpha1',
        'kind: SealedSecret',
        'spec:',
        '  encryptedData:',
        code`    password: ${E(`AgB${rng.chars(BASE64, 700)}==`, 'SealedSecret ciphertext')}`,
        '',
      ),
    ],
    [
      'k8s/secret-public.yaml',
      'kubernetes-secret',
      lines(
        'apiVersion: v1',
        'kind: Secret',
        'type: Opaque',
        'data:',
        code`  username: ${K(b64('admin'), 'non-secret Secret data')}`,
        code`  ca.crt: ${K(b64(certificatePem(rng)), 'non-secret Secret data')}`,
        code`  password: ${K(b64('changeme'), 'placeholder in Secret data')}`,
        '',
      ),
    ],
    [
      'k8s/env-from-secret.yaml',
      'kubernetes',
      lines(
        'env:',
        '  - name: DB_PASSWORD',
        '    valueFrom:',
        '      secretKeyRef:',
        code`        name: ${K('db-credentials', 'secretKeyRef')}`,
        '        key: password',
        '  - name: API_TOKEN',
        code`    value: ${K('"$(API_TOKEN_FROM_FILE)"', 'Kubernetes env reference')}`,
        '',
      ),
    ],
    [
      'k8s/deploy.yaml',
      'kubernetes',
      lines(
        'metadata:',
        '  annotations:',
        code`    checksum/config: ${K(rng.chars(HEX, 64), 'config checksum annotation')}`,
        code`    checksum/secret: ${K(rng.chars(HEX, 64), 'config checksum annotation')}`,
        '',
      ),
    ],
    [
      'secrets.enc.yaml',
      'sops',
      lines(
        code`db_password: ${E(`ENC[AES256_GCM,data:${rng.chars(BASE64, 24)},iv:${rng.chars(BASE64, 43)}=,tag:${rng.chars(BASE64, 22)}==,type:str]`, 'SOPS ciphertext')}`,
        code`api_token: ${E(`ENC[AES256_GCM,data:${rng.chars(BASE64, 48)},iv:${rng.chars(BASE64, 43)}=,tag:${rng.chars(BASE64, 22)}==,type:str]`, 'SOPS ciphertext')}`,
        'sops:',
        '  kms:',
        '    - arn: arn:aws:kms:eu-west-1:123456789012:key/abcd',
        `      enc: ${rng.chars(BASE64, 200)}`,
        '',
      ),
    ],
    [
      'group_vars/all/vault.yml',
      'ansible-vault',
      lines(
        'db_password: !vault |',
        '  $ANSIBLE_VAULT;1.1;AES256',
        ...[0, 1, 2, 3].map(() => code`  ${E(rng.chars(HEX, 80), 'Ansible Vault ciphertext')}`),
        '',
      ),
    ],
    [
      '.travis.yml',
      'travis',
      lines('env:', '  global:', code`    - secure: "${E(rng.chars(BASE64, 340) + '=', 'Travis encrypted variable')}"`, ''),
    ],
  ];
}

function logsAndUi(rng: Rng): Array<[string, string, Piece]> {
  const M = (v: string) => N(v, 'masked value in a log', 'mask');
  const U = (v: string) => N(v, 'UI text', 'ui-text');
  return [
    [
      'ci-logs/build-881.log',
      'ci-log',
      lines(
        code`${M('Authorization: Bearer ***')}`,
        code`${M('  NPM_TOKEN: ***')}`,
        code`${M('Started POST "/login" Parameters: {"email"=>"a@acme.io", "password"=>"[FILTERED]"}')}`,
        code`${M('GET /callback?code=[REDACTED]&state=[REDACTED] 302')}`,
        code`${M('api_key=<redacted> user=42')}`,
        '',
      ),
    ],
    [
      'locales/en.json',
      'i18n',
      lines(
        '{',
        code`  ${U('"password": "Password",')}`,
        code`  ${U('"passwordHint": "At least 12 characters, one digit",')}`,
        code`  ${U('"forgotPassword": "Forgot your password?",')}`,
        code`  ${U('"tokenExpired": "Your session token has expired. Please sign in again.",')}`,
        code`  ${U('"apiKeyLabel": "API key",')}`,
        code`  ${U('"secretKeyHelp": "Paste the secret key from your dashboard"')}`,
        '}',
        '',
      ),
    ],
    [
      'templates/login.html',
      'html',
      lines(
        code`${U('<input type="password" name="password" id="password" autocomplete="current-password" placeholder="Password">')}`,
        code`${U('<label for="api-key">API key</label><input id="api-key" name="api_key" type="text">')}`,
        '',
      ),
    ],
    [
      'app/src/main/res/values/strings.xml',
      'android-strings',
      lines(
        '<resources>',
        code`    ${U('<string name="password_hint">Enter your password</string>')}`,
        code`    ${U('<string name="token_invalid">The token is invalid or expired</string>')}`,
        '</resources>',
        '',
      ),
    ],
    ['locale/fr/LC_MESSAGES/django.po', 'gettext', lines(code`${U('msgid "Password"')}`, code`${U('msgstr "Mot de passe"')}`, '')],
    [
      'styles/forms.css',
      'css',
      lines(
        code`${U('.password-strength-meter { height: 4px; }')}`,
        code`${U('input[type="password"]::-ms-reveal { display: none; }')}`,
        '',
      ),
    ],
    [
      'app/static/img.css',
      'base64-asset',
      lines(
        code`.logo { background: url(data:image/png;base64,${N(`iVBORw0KGgoAAAANSUhEUgAA${rng.chars(BASE64, 300)}`, 'base64 image', 'base64-data')}); }`,
        code`@font-face { src: url(data:font/woff2;base64,${N(`d09GMgABAAAA${rng.chars(BASE64, 400)}`, 'base64 font', 'base64-data')}) format("woff2"); }`,
        '',
      ),
    ],
    [
      'dist/app.js.map',
      'source-map',
      lines(
        code`{"version":3,"sources":["app.ts"],"names":[],"mappings":"${N(Array.from({ length: 30 }, () => rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 4 + rng.int(4))).join(';'), 'source map mappings', 'base64-data')}"}`,
        '',
      ),
    ],
  ];
}

function pinnedHashes(rng: Rng): Array<[string, string, Piece]> {
  const H = (v: string, kind: string) => N(v, kind, 'hash');
  return [
    [
      '.pre-commit-config.yaml',
      'pre-commit',
      lines(
        'repos:',
        '  - repo: https://github.com/psf/black',
        code`    rev: ${H(rng.chars(HEX, 40), 'pinned commit')}`,
        '  - repo: https://github.com/gitleaks/gitleaks',
        code`    rev: ${H(rng.chars(HEX, 40), 'pinned commit')}`,
        '',
      ),
    ],
    [
      '.github/workflows/build.yml',
      'github-actions',
      lines(
        'steps:',
        code`  - uses: actions/checkout@${H(rng.chars(HEX, 40), 'pinned action')} # v4.1.7`,
        code`  - uses: actions/setup-node@${H(rng.chars(HEX, 40), 'pinned action')} # v4.0.3`,
        '',
      ),
    ],
    [
      'Dockerfile',
      'dockerfile',
      lines(
        code`FROM node:20-alpine@sha256:${H(rng.chars(HEX, 64), 'image digest')}`,
        code`RUN echo "${H(rng.chars(HEX, 64), 'download checksum')}  terraform.zip" | sha256sum -c -`,
        '',
      ),
    ],
    [
      'Chart.lock',
      'helm-lock',
      lines('dependencies:', '- name: postgresql', '  version: 15.5.0', code`digest: sha256:${H(rng.chars(HEX, 64), 'chart digest')}`, ''),
    ],
    [
      'public/index.html',
      'html',
      lines(
        code`<script src="https://cdn.acme.io/lib.min.js" integrity="${H(`sha384-${rng.chars(BASE64, 64)}`, 'SRI hash')}" crossorigin="anonymous"></script>`,
        code`<meta http-equiv="Content-Security-Policy" content="script-src 'self' '${H(`sha256-${rng.chars(BASE64, 43)}=`, 'CSP hash')}'">`,
        '',
      ),
    ],
    [
      'assets/big.bin',
      'git-lfs-pointer',
      lines('version https://git-lfs.github.com/spec/v1', code`oid sha256:${H(rng.chars(HEX, 64), 'LFS object id')}`, 'size 1048576', ''),
    ],
    [
      'build/asset-manifest.json',
      'asset-manifest',
      lines(
        '{',
        code`  "main.js": "/static/js/main.${H(rng.chars(HEX, 8), 'content hash')}.js",`,
        code`  "main.css": "/static/css/main.${H(rng.chars(HEX, 8), 'content hash')}.css"`,
        '}',
        '',
      ),
    ],
    [
      'CHANGELOG.md',
      'changelog',
      lines(
        '## 2.4.0',
        code`- Fix token refresh race ([${H(rng.chars(HEX, 7), 'commit link')}](https://github.com/acme/app/commit/${H(rng.chars(HEX, 40), 'commit link')}))`,
        '',
      ),
    ],
    [
      'fixtures/orders.json',
      'fixture-ids',
      lines(
        '[',
        code`  { "id": "${H(rng.uuid(), 'fixture id')}", "customer": "${H(`cus_${rng.chars(ALNUM, 14)}`, 'fixture id')}", "payment_intent": "${H(`pi_${rng.chars(ALNUM, 24)}`, 'fixture id')}" },`,
        code`  { "_id": "${H(rng.chars(HEX, 24), 'fixture id')}", "session_key": "${H(rng.chars(HEX, 0) + 'sess-' + rng.format('{d:6}'), 'fixture id')}" }`,
        ']',
        '',
      ),
    ],
  ];
}

function localDatabases(): Array<[string, string, Piece]> {
  const F = (v: string) => N(v, 'local default credentials', 'fixture-uri');
  return [
    [
      'docker-compose.yml',
      'docker-compose',
      lines(
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        code`      POSTGRES_PASSWORD: ${F('postgres')}`,
        '  app:',
        '    environment:',
        code`      DATABASE_URL: ${F('postgres://postgres:postgres@db:5432/app_dev')}`,
        code`      REDIS_URL: ${F('redis://redis:6379/0')}`,
        '',
      ),
    ],
    [
      '.github/workflows/test.yml',
      'github-actions',
      lines(
        'services:',
        '  postgres:',
        '    image: postgres:16',
        '    env:',
        code`      POSTGRES_PASSWORD: ${F('postgres')}`,
        'env:',
        code`  DATABASE_URL: ${F('postgres://postgres:postgres@localhost:5432/test')}`,
        '',
      ),
    ],
    [
      'tests/conftest.py',
      'python',
      lines(
        code`TEST_DB = "${F('postgresql://test:test@localhost:5432/test')}"`,
        code`BROKER = "${F('amqp://guest:guest@localhost:5672//')}"`,
        '',
      ),
    ],
    [
      'config/database.yml',
      'rails',
      lines('test:', '  adapter: postgresql', '  username: postgres', code`  password: ${F('postgres')}`, '  host: localhost', ''),
    ],
    [
      '.env.example',
      'dotenv',
      lines(
        code`DATABASE_URL=${F('postgresql://user:password@localhost:5432/mydb')}`,
        code`STRIPE_SECRET_KEY=${F('sk_test_...')}`,
        code`OPENAI_API_KEY=${F('')}`,
        code`JWT_SECRET=${F('change-me')}`,
        '',
      ),
    ],
    [
      'docs/jwt.md',
      'markdown',
      lines('Decode a token:', '', '```', code`${N(JWT_IO_SAMPLE, 'jwt.io sample token', 'vendor-sample')}`, '```', ''),
    ],
    [
      'src/__tests__/auth.test.ts',
      'typescript-test',
      lines(
        code`const token = '${N(JWT_IO_SAMPLE, 'jwt.io sample token', 'vendor-sample')}';`,
        code`await login({ username: 'alice', password: '${F('password123')}' });`,
        '',
      ),
    ],
  ];
}

/** Commands, statements, keys and manifests shaped like the credential-bearing ones, holding none. */
function lookalikes(rng: Rng): Array<[string, string, Piece]> {
  const C = (v: string) => N(v, 'command without a credential', 'command-lookalike');
  const K = (v: string, kind: string) => N(v, kind, 'key-lookalike');
  const b64 = (t: string) => Buffer.from(t).toString('base64');
  const der = (p: string) => p.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return [
    [
      'scripts/db.sh',
      'shell',
      lines(
        '#!/usr/bin/env bash',
        code`${C('mysql -u root -p')}`,
        code`${C('mysql -u root -p shop < schema.sql')}`,
        code`${C('mysql -h db -u app -p"$MYSQL_PASSWORD" app')}`,
        code`${C('mysqldump -u root -p --all-databases > all.sql')}`,
        code`${C('redis-cli -a "$REDIS_PASSWORD" ping')}`,
        code`${C('redis-cli -h cache.internal -p 6379 ping')}`,
        code`${C('sqlcmd -S localhost -U sa -P "$SA_PASSWORD" -Q "SELECT 1"')}`,
        code`${C('sqlcmd -S . -E -Q "SELECT 1"')}`,
        code`${C('ldapsearch -x -W -D "cn=admin,dc=acme,dc=io" "(uid=jdoe)"')}`,
        code`${C('mongosh "mongodb://localhost:27017" --username admin --password')}`,
        '',
      ),
    ],
    [
      'scripts/http.sh',
      'shell',
      lines(
        code`${C('curl -u "$USER:$TOKEN" https://api.acme.io/v1/me')}`,
        code`${C('curl -u ci: https://nexus.acme.io/service/rest/v1/status')}`,
        code`${C('curl --user "$(cat /run/secrets/creds)" https://nexus.acme.io')}`,
        code`${C('curl -u apikey:$IBM_API_KEY https://iam.cloud.ibm.com/identity/token')}`,
        code`${C('wget --ask-password --user=backup https://files.acme.io/db.tar.gz')}`,
        code`${C('net use \\\\files\\share /user:CORP\\svc_backup *')}`,
        code`${C('sshpass -f /run/secrets/ssh_pass ssh deploy@10.0.3.4')}`,
        '',
      ),
    ],
    [
      'scripts/sign.sh',
      'shell',
      lines(
        code`${C('keytool -importkeystore -srckeystore app.p12 -destkeystore app.jks -deststorepass:env STOREPASS')}`,
        code`${C('openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout env:P12_PASSWORD')}`,
        code`${C('openssl rsa -in key.pem -passin file:/run/secrets/key_pass -out plain.pem')}`,
        code`${C('gpg --batch --passphrase-file /run/secrets/gpg -d backup.gpg')}`,
        code`${C('gpg --batch --passphrase-fd 0 -d backup.gpg < pass.txt')}`,
        code`${C('helm repo add acme https://charts.acme.io --username ci --password "$HELM_PASSWORD"')}`,
        code`${C('htpasswd -c .htpasswd admin')}`,
        code`${C('htpasswd -nbB admin "$ADMIN_PASSWORD" > .htpasswd')}`,
        code`${C('rabbitmqctl add_user app "$RABBITMQ_PASSWORD"')}`,
        code`${C('echo "$SUDO_PASS" | sudo -S true')}`,
        code`${C('acme deploy --token-file /run/secrets/acme --env prod')}`,
        code`${C('acme deploy --token=$(cat /run/secrets/acme)')}`,
        code`${C('acme secrets get --secret-name prod/billing/db')}`,
        '',
      ),
    ],
    [
      'migrations/002_roles.sql',
      'sql',
      lines(
        code`${C("CREATE USER app WITH PASSWORD :'app_password';")}`,
        code`${C('ALTER ROLE reporting WITH PASSWORD NULL;')}`,
        code`${C("CREATE USER 'etl'@'%' IDENTIFIED BY :etl_password;")}`,
        code`${C("SET PASSWORD FOR 'app'@'%' = PASSWORD(?);")}`,
        code`${C("ALTER USER app IDENTIFIED WITH caching_sha2_password BY '${MYSQL_APP_PASSWORD}';")}`,
        '',
      ),
    ],
    [
      'etc/notes.conf',
      'config',
      lines('# operator notes', code`${C('password required')}`, code`${C('password protected')}`, code`${C('passphrase optional')}`, ''),
    ],
    [
      'infra/variables.tf',
      'terraform',
      lines(
        code`variable "db_password" {\n  type      = string\n  ${C('sensitive = true')}\n}`,
        code`variable "api_key_name" {\n  ${C('default = "billing-key"')}\n}`,
        code`variable "token_ttl" {\n  ${C('default = "3600"')}\n}`,
        code`variable "secret_rotation_days" {\n  ${C('default = 30')}\n}`,
        code`variable "webhook_secret_arn" {\n  ${C('default = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hook-AbCdEf"')}\n}`,
        '',
      ),
    ],
    [
      'config/keys.env',
      'dotenv',
      lines(
        code`CA_CERT=${K(der(certificatePem(rng)), 'certificate without armour')}`,
        code`JWT_PUBLIC_KEY=${K(der(publicKeyPem(rng)), 'public key without armour')}`,
        '',
      ),
    ],
    [
      'keys/public.xml',
      'xml',
      lines(
        code`${K(`<RSAKeyValue><Modulus>${rng.bytes(256).toString('base64')}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>`, '.NET public key')}`,
        '',
      ),
    ],
    [
      'keys/jwk.json',
      'jwk',
      lines(
        code`${K(`{"kty": "EC", "crv": "P-256", "x": "${rng.bytes(32).toString('base64url')}", "y": "${rng.bytes(32).toString('base64url')}"}`, 'public JWK')}`,
        '',
      ),
    ],
    [
      'jenkins/casc.yaml',
      'jenkins',
      lines(
        'credentials:',
        '  system:',
        '    domainCredentials:',
        '      - credentials:',
        '          - usernamePassword:',
        '              id: nexus',
        code`              ${C('password: "${NEXUS_PASSWORD}"')}`,
        '',
      ),
    ],
    [
      'mysite/settings.py',
      'django',
      lines(code`${C('SECRET_KEY = env("DJANGO_SECRET_KEY")')}`, code`${C('SECRET_KEY = get_random_secret_key()')}`, ''),
    ],
    [
      'sonar-project.properties',
      'sonar',
      lines(code`${C('sonar.login=${env.SONAR_TOKEN}')}`, code`${C('sonar.host.url=https://sonar.acme.io')}`, ''),
    ],
    ['.env.example', 'dotenv', lines(code`${C('APP_KEY=')}`, code`${C('APP_SECRET=')}`, '')],
    [
      'wp-config-sample.php',
      'php',
      lines(
        code`${C("define( 'AUTH_KEY',         'put your unique phrase here' );")}`,
        code`${C("define( 'DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') );")}`,
        '',
      ),
    ],
    [
      'k8s/config-secret.yaml',
      'kubernetes-secret',
      lines(
        'apiVersion: v1',
        'kind: Secret',
        'metadata: { name: settings }',
        'data:',
        code`  config.json: ${K(b64('{"logLevel":"info","region":"eu-west-1"}'), 'non-secret Secret data')}`,
        code`  username: ${K(b64('svc-billing'), 'non-secret Secret data')}`,
        code`  host: ${K(b64('db.internal'), 'non-secret Secret data')}`,
        code`  port: ${K(b64('5432'), 'non-secret Secret data')}`,
        code`  password: ${K(b64('${DB_PASSWORD}'), 'placeholder in Secret data')}`,
        '',
      ),
    ],
    [
      'config/urls.yml',
      'yaml',
      lines(
        code`database: ${C('postgres://app:${DB_PASSWORD}@db.internal:5432/app')}`,
        code`cache: ${C('redis://:@localhost:6379/0')}`,
        code`upstream: ${C('https://deploy@git.acme.io/platform/infra.git')}`,
        code`proxy: ${C('http://proxy.acme.io:3128')}`,
        '',
      ),
    ],
  ];
}

export function negativeDocuments(rng: Rng): CorpusDocument[] {
  const all = [
    ...lockfiles(rng),
    ...typeDeclarations(),
    ...codeExpressions(),
    ...dotnetAndCloudFormation(rng),
    ...docsCommands(),
    ...publicMaterial(rng),
    ...manifestsAndSecrets(rng),
    ...logsAndUi(rng),
    ...pinnedHashes(rng),
    ...localDatabases(),
    ...lookalikes(rng),
  ];
  // Drop labels on empty values (an empty assignment is still written, just not counted).
  return all.map(([path, context, piece], i) => ({
    path: `neg-${i}/${path}`,
    context: `negative-${context}`,
    text: piece.text,
    marks: piece.marks.filter((m) => m.value !== ''),
  }));
}
