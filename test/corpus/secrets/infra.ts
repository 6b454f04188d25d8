/** Kubernetes Secret manifests (base64 `data`, `stringData`), Terraform and its state, Jenkins credential stores. */
import { code, lines, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { pem, rsaPkcs1Der } from './keys';
import { PROVIDERS } from './providers';
import { ALNUM, BASE64, type Rng, b64 } from '../../support/seededRandom';

const token = (rng: Rng, id: string) => PROVIDERS.find((p) => p.id === id)!.make(rng);
const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });

function kubernetesDocuments(rng: Rng): CorpusDocument[] {
  const G = 'kubernetes-secret';
  const docs: CorpusDocument[] = [];
  const add = (path: string, context: string, piece: Piece) => docs.push({ path: `k8s-${docs.length}/${path}`, context, ...piece });
  const header = (name: string, type = 'Opaque') => [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    '  namespace: prod',
    `type: ${type}`,
  ];
  for (let i = 0; i < 8; i++) {
    const pw = rng.password();
    add(
      'k8s/db-secret.yaml',
      'kubernetes-secret-data',
      lines(
        ...header('db-credentials'),
        'data:',
        `  username: ${b64('app')}`,
        code`  password: ${S(b64(pw), 'Kubernetes Secret data (password)', G)}`,
        '',
      ),
    );
    add(
      'k8s/api-secret.yaml',
      'kubernetes-secret-data',
      lines(
        ...header('api-keys'),
        'data:',
        code`  STRIPE_SECRET_KEY: ${S(b64(token(rng, 'stripe-live')), 'Kubernetes Secret data (API key)', G)}`,
        code`  SLACK_BOT_TOKEN: ${S(b64(token(rng, 'slack-bot')), 'Kubernetes Secret data (API key)', G)}`,
        '',
      ),
    );
    add(
      'manifests/app.yaml',
      'kubernetes-secret-data',
      lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: app }',
        'spec: { replicas: 2 }',
        '---',
        ...header('app-env'),
        'data:',
        code`  DATABASE_URL: ${S(b64(`postgres://app:${rng.chars(ALNUM, 20)}@db.prod.svc:5432/app`), 'Kubernetes Secret data (URI)', G)}`,
        code`  API_TOKEN: ${S(b64(rng.chars(ALNUM, 40)), 'Kubernetes Secret data (token)', G)}`,
        '',
      ),
    );
    add(
      'k8s/string-data.yaml',
      'kubernetes-secret-stringdata',
      lines(
        ...header('smtp'),
        'stringData:',
        '  host: smtp.sendgrid.net',
        '  username: apikey',
        code`  password: ${S(token(rng, 'sendgrid'), 'Kubernetes Secret stringData', G)}`,
        code`  admin-password: "${S(pw, 'Kubernetes Secret stringData', G)}"`,
        '',
      ),
    );
    const auths = JSON.stringify({
      auths: { 'ghcr.io': { username: 'acme-bot', password: token(rng, 'github-pat'), auth: b64(`acme-bot:${rng.chars(ALNUM, 20)}`) } },
    });
    add(
      'k8s/regcred.yaml',
      'kubernetes-dockerconfigjson',
      lines(
        ...header('regcred', 'kubernetes.io/dockerconfigjson'),
        'data:',
        code`  .dockerconfigjson: ${S(b64(auths), 'Kubernetes dockerconfigjson', G)}`,
        '',
      ),
    );
    add(
      'k8s/tls.yaml',
      'kubernetes-tls',
      lines(
        ...header('app-tls', 'kubernetes.io/tls'),
        'data:',
        `  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\n' + rng.chars(BASE64, 64) + '\n-----END CERTIFICATE-----\n')}`,
        code`  tls.key: ${S(b64(pem('RSA PRIVATE KEY', rsaPkcs1Der(rng)) + '\n'), 'Kubernetes TLS Secret key', G)}`,
        '',
      ),
    );
    add(
      'k8s/secret.json',
      'kubernetes-secret-json',
      lines(
        '{',
        '  "apiVersion": "v1",',
        '  "kind": "Secret",',
        '  "metadata": { "name": "worker" },',
        '  "data": {',
        code`    "aws_secret_access_key": "${S(b64(token(rng, 'aws-secret')), 'Kubernetes Secret data (AWS key)', G)}"`,
        '  }',
        '}',
        '',
      ),
    );
  }
  return docs;
}

function terraformDocuments(rng: Rng): CorpusDocument[] {
  const G = 'terraform';
  const docs: CorpusDocument[] = [];
  const add = (path: string, context: string, piece: Piece) => docs.push({ path: `tf-${docs.length}/${path}`, context, ...piece });
  for (let i = 0; i < 8; i++) {
    // One AWS secret key in six or so has a "/" and most a "+": keep drawing until this one has a "/".
    let awsSecret = token(rng, 'aws-secret');
    while (!awsSecret.includes('/')) awsSecret = token(rng, 'aws-secret');
    add(
      'infra/provider.tf',
      'terraform-provider',
      lines(
        'provider "aws" {',
        '  region     = "eu-west-1"',
        code`  access_key = "${S(token(rng, 'aws-access-key-id'), 'AWS access key ID', 'cloud')}"`,
        code`  secret_key = "${S(awsSecret, 'AWS secret access key (Terraform)', G)}"`,
        '}',
        '',
      ),
    );
    add(
      'infra/rds.tf',
      'terraform-resource',
      lines(
        'resource "aws_db_instance" "main" {',
        '  engine         = "postgres"',
        '  instance_class = "db.t3.micro"',
        '  username       = "app"',
        code`  password       = "${S(rng.password().replace(/"/g, 'x'), 'Terraform resource password', G)}"`,
        '}',
        '',
      ),
    );
    add(
      'infra/azure.tf',
      'terraform-provider',
      lines(
        'provider "azurerm" {',
        '  features {}',
        `  client_id     = "${rng.uuid()}"`,
        code`  client_secret = "${S(token(rng, 'azure-ad-secret'), 'Terraform azurerm client_secret', G)}"`,
        `  tenant_id     = "${rng.uuid()}"`,
        '}',
        '',
      ),
    );
    add(
      'infra/providers.tf',
      'terraform-provider',
      lines(
        'provider "github" {',
        '  owner = "acme"',
        code`  token = "${S(token(rng, 'github-pat'), 'Terraform github provider token', G)}"`,
        '}',
        'provider "datadog" {',
        code`  api_key = "${S(token(rng, 'datadog-api'), 'Terraform datadog api_key', G)}"`,
        code`  app_key = "${S(token(rng, 'datadog-app'), 'Terraform datadog app_key', G)}"`,
        '}',
        '',
      ),
    );
    add(
      'terraform.tfstate',
      'terraform-state',
      lines(
        '{',
        '  "version": 4,',
        '  "resources": [',
        '    { "type": "aws_iam_access_key", "name": "ci", "instances": [ { "attributes": {',
        code`      "id": "${S(token(rng, 'aws-access-key-id'), 'AWS access key ID', 'cloud')}",`,
        code`      "secret": "${S(token(rng, 'aws-secret'), 'Terraform state aws_iam_access_key secret', G)}",`,
        '      "status": "Active", "user": "ci" } } ] },',
        '    { "type": "random_password", "name": "db", "instances": [ { "attributes": {',
        code`      "result": "${S(rng.chars(ALNUM + '!#$%&*()-_=+[]{}<>:?', 24), 'Terraform state random_password result', G)}", "length": 24 } } ] }`,
        '  ]',
        '}',
        '',
      ),
    );
    add(
      'envs/prod.auto.tfvars',
      'terraform-tfvars',
      lines(
        'environment = "prod"',
        code`db_password = "${S(rng.password().replace(/"/g, 'x'), 'tfvars password', G)}"`,
        code`slack_webhook_url = "${S(token(rng, 'slack-webhook'), 'Slack incoming webhook', 'messaging')}"`,
        '',
      ),
    );
  }
  return docs;
}

function jenkinsDocuments(rng: Rng): CorpusDocument[] {
  const G = 'jenkins';
  const docs: CorpusDocument[] = [];
  const encrypted = () => `{AQAAABAAAAA${rng.pick(['Q', 'g', 'w'])}${rng.chars(BASE64, 86)}=}`;
  for (let i = 0; i < 8; i++) {
    docs.push({
      path: `jenkins-${i}/credentials.xml`,
      context: 'jenkins-credentials-xml',
      ...lines(
        "<?xml version='1.1' encoding='UTF-8'?>",
        '<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1309.v8835d63eb_d8a_">',
        '  <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">',
        '    <entry><com.cloudbees.plugins.credentials.domains.Domain><specifications/></com.cloudbees.plugins.credentials.domains.Domain>',
        '      <java.util.concurrent.CopyOnWriteArrayList>',
        '        <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
        '          <scope>GLOBAL</scope><id>nexus-deploy</id><username>deploy</username>',
        code`          <password>${S(encrypted(), 'Jenkins credentials.xml password', G)}</password>`,
        '        </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
        '        <org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>',
        '          <scope>GLOBAL</scope><id>slack-token</id>',
        code`          <secret>${S(encrypted(), 'Jenkins credentials.xml secret', G)}</secret>`,
        '        </org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>',
        '      </java.util.concurrent.CopyOnWriteArrayList>',
        '    </entry>',
        '  </domainCredentialsMap>',
        '</com.cloudbees.plugins.credentials.SystemCredentialsProvider>',
        '',
      ),
    });
    docs.push({
      path: `jenkins-job-${i}/config.xml`,
      context: 'jenkins-job-config',
      ...lines(
        '<project>',
        '  <properties><hudson.model.ParametersDefinitionProperty><parameterDefinitions>',
        '    <hudson.model.PasswordParameterDefinition><name>DEPLOY_KEY</name>',
        code`      <defaultValue>${S(encrypted(), 'Jenkins job password parameter', G)}</defaultValue>`,
        '    </hudson.model.PasswordParameterDefinition>',
        '  </parameterDefinitions></hudson.model.ParametersDefinitionProperty></properties>',
        '</project>',
        '',
      ),
    });
    docs.push({
      path: `jenkins-pipe-${i}/Jenkinsfile`,
      context: 'jenkinsfile',
      ...lines(
        'pipeline {',
        '  agent any',
        '  environment {',
        code`    GITHUB_TOKEN = '${S(token(rng, 'github-pat'), 'Jenkinsfile environment', G)}'`,
        code`    NEXUS_PASSWORD = '${S(rng.chars(ALNUM, 18), 'Jenkinsfile environment', G)}'`,
        '  }',
        '  stages { stage("build") { steps { sh "./gradlew publish" } } }',
        '}',
        '',
      ),
    });
  }
  return docs;
}

export function infraDocuments(rng: Rng): CorpusDocument[] {
  return [...kubernetesDocuments(rng), ...terraformDocuments(rng), ...jenkinsDocuments(rng)];
}
