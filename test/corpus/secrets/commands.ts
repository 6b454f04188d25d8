/** Credentials typed on command lines: shell history, scripts, CI logs, runbooks, Dockerfiles. */
import { code, lines, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { PROVIDERS } from './providers';
import { ALNUM, HEX, type Rng, b64 } from '../../support/seededRandom';

const token = (rng: Rng, id: string) => PROVIDERS.find((p) => p.id === id)!.make(rng);
const S = (value: string, provider: string): Mark => secret(value, { provider, group: 'command' });

/** One command line carrying a credential. */
const COMMANDS: Array<(rng: Rng) => Piece> = [
  (r) => code`curl -u admin:${S(r.chars(ALNUM, 16), 'curl -u user:password')} https://jenkins.acme.io/job/deploy/build`,
  (r) =>
    code`curl --user deploy:${S(r.chars(ALNUM + '!*', 18), 'curl -u user:password')} -T build.zip https://nexus.acme.io/repository/raw/`,
  (r) =>
    code`curl -s -H "Authorization: Bearer ${S(r.chars(ALNUM + '-_.', 40), 'Authorization: Bearer header')}" https://api.acme.io/v2/orders`,
  (r) => code`curl -H 'X-API-Key: ${S(r.chars(HEX, 32), 'X-API-Key header')}' https://api.partner.example.net/v1/rates`,
  (r) =>
    code`curl -H "Authorization: Basic ${S(b64(`svc:${r.chars(ALNUM, 14)}`), 'Authorization: Basic header')}" https://registry.acme.io/v2/_catalog`,
  (r) => code`curl "https://api.weather.example.net/v1/forecast?q=Paris&apikey=${S(r.chars(HEX, 32), 'API key in URL query')}"`,
  (r) => code`wget --user=backup --password=${S(r.chars(ALNUM, 14), 'wget --password')} https://files.acme.io/db.tar.gz`,
  (r) => code`http -a ops:${S(r.chars(ALNUM, 15), 'httpie -a user:password')} POST https://api.acme.io/admin/reindex`,
  (r) => code`mysql -h db.acme.io -u root -p${S(r.chars(ALNUM, 14), 'mysql -p password')} shop < schema.sql`,
  (r) => code`mysqldump -uroot -p'${S(r.chars(ALNUM + '!#%', 14), 'mysql -p password')}' --all-databases > all.sql`,
  (r) => code`mysql --user=app --password=${S(r.chars(ALNUM, 16), 'mysql -p password')} -e "SHOW TABLES" app`,
  (r) => code`PGPASSWORD=${S(r.chars(ALNUM, 18), 'PGPASSWORD')} psql -h db.internal -U app -d billing -c "select 1"`,
  (r) => code`redis-cli -h cache.acme.internal -a ${S(r.chars(ALNUM, 24), 'redis-cli -a password')} FLUSHDB`,
  (r) => code`mongosh "mongodb://admin:${S(r.chars(ALNUM, 16), 'mongosh URI password')}@mongo-0.acme.svc:27017/admin"`,
  (r) => code`mongo --host mongo.acme.io -u admin -p ${S(r.chars(ALNUM, 16), 'mongo -p password')} --authenticationDatabase admin`,
  (r) => code`sqlcmd -S sql.acme.io -U sa -P ${S(r.chars(ALNUM + '!', 16), 'sqlcmd -P password')} -Q "SELECT @@VERSION"`,
  (r) => code`az login --service-principal -u ${r.uuid()} -p ${S(token(r, 'azure-ad-secret'), 'az login -p secret')} --tenant ${r.uuid()}`,
  (r) => code`docker login -u acmebot -p ${S(token(r, 'dockerhub'), 'docker login -p')} docker.io`,
  (r) => code`helm repo add acme https://charts.acme.io --username ci --password ${S(r.chars(ALNUM, 20), 'helm repo --password')}`,
  (r) =>
    code`kubectl create secret generic db-creds --from-literal=username=app --from-literal=password=${S(r.chars(ALNUM, 20), 'kubectl --from-literal password')}`,
  (r) => code`aws configure set aws_secret_access_key ${S(token(r, 'aws-secret'), 'aws configure set secret')}`,
  (r) => code`vault login ${S(token(r, 'vault'), 'vault login token')}`,
  (r) => code`htpasswd -b -c /etc/nginx/.htpasswd admin ${S(r.chars(ALNUM, 14), 'htpasswd -b password')}`,
  (r) =>
    code`openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:${S(r.chars(ALNUM, 16), 'openssl -passout pass:')}`,
  (r) =>
    code`ldapsearch -x -H ldaps://dc01.corp.acme.io -D "cn=svc-ldap,ou=svc,dc=corp,dc=acme,dc=io" -w ${S(r.chars(ALNUM + '!', 16), 'ldapsearch -w password')} "(uid=jdoe)"`,
  (r) => code`smbclient //files.acme.io/finance -U admin%${S(r.chars(ALNUM, 14), 'smbclient -U user%password')}`,
  (r) => code`git clone https://acme-bot:${S(token(r, 'github-pat'), 'git clone URL token')}@github.com/acme/infra.git`,
  (r) => code`sshpass -p '${S(r.chars(ALNUM, 14), 'sshpass -p')}' ssh deploy@10.0.3.4 'sudo systemctl restart app'`,
  (r) => code`echo '${S(r.chars(ALNUM, 14), 'sudo -S password')}' | sudo -S systemctl restart nginx`,
  (r) => code`net use \\\\files\\share /user:CORP\\svc_backup ${S(r.chars(ALNUM + '!', 14), 'net use password')}`,
  (r) => code`rabbitmqctl add_user app ${S(r.chars(ALNUM, 20), 'rabbitmqctl add_user password')}`,
  (r) => code`psql -c "ALTER USER reporting WITH PASSWORD '${S(r.chars(ALNUM, 18), 'SQL ALTER USER password')}';"`,
  (r) => code`mysql -e "CREATE USER 'etl'@'%' IDENTIFIED BY '${S(r.chars(ALNUM, 18), 'SQL IDENTIFIED BY password')}';"`,
  (r) =>
    code`keytool -importkeystore -srckeystore app.p12 -destkeystore app.jks -deststorepass ${S(r.chars(ALNUM, 14), 'keytool -storepass')}`,
  (r) => code`gpg --batch --pinentry-mode loopback --passphrase '${S(r.chars(ALNUM, 20), 'gpg --passphrase')}' -d backup.gpg`,
  (r) => code`ansible-playbook site.yml --extra-vars "ansible_password=${S(r.chars(ALNUM, 16), 'ansible --extra-vars password')}"`,
  (r) => code`heroku config:set STRIPE_SECRET_KEY=${S(token(r, 'stripe-live'), 'heroku config:set')} -a acme-shop`,
  (r) => code`gh secret set NPM_TOKEN --body "${S(token(r, 'npm'), 'gh secret set --body')}"`,
  (r) => code`npm config set //registry.npmjs.org/:_authToken ${S(token(r, 'npm'), 'npm config set _authToken')}`,
  (r) => code`twine upload -u __token__ -p ${S(token(r, 'pypi'), 'twine -p token')} dist/*`,
  (r) => code`docker run -d -e POSTGRES_PASSWORD=${S(r.chars(ALNUM, 20), 'docker run -e PASSWORD')} -p 5432:5432 postgres:16`,
  (r) => code`java -Dspring.datasource.password=${S(r.chars(ALNUM, 18), 'java -D password')} -jar app.jar`,
  (r) =>
    code`mvn deploy -DaltDeploymentRepository=nexus::https://nexus.acme.io -Dnexus.password=${S(r.chars(ALNUM, 18), 'mvn -D password')}`,
  (r) => code`terraform apply -var "db_password=${S(r.chars(ALNUM, 18), 'terraform -var password')}"`,
  (r) => code`ftp -n ftp.acme.io <<< "user backup ${S(r.chars(ALNUM, 14), 'ftp user password')}"`,
];

const HOLDERS: Array<[string, (r: Rng) => string, (c: Piece) => Piece]> = [
  ['shell-history', (r) => r.pick(['.bash_history', '.zsh_history']), (c) => lines('cd ~/work', 'ls', c, 'exit', '')],
  ['shell', (r) => `scripts/${r.pick(['restore', 'deploy', 'migrate'])}.sh`, (c) => lines('#!/usr/bin/env bash', 'set -e', c, '')],
  ['markdown', (r) => r.pick(['RUNBOOK.md', 'docs/ops.md', 'README.md']), (c) => lines('### Restore', '', '```bash', c, '```', '')],
  [
    'ci-log',
    (r) => `ci-logs/job-${r.format('{d:6}')}.log`,
    (c) => lines('##[group]Run ./deploy.sh', '+ set -x', code`+ ${c}`, '##[endgroup]', ''),
  ],
  ['makefile', () => 'Makefile', (c) => lines('restore:', code`\t${c}`, '')],
  ['dockerfile', () => 'Dockerfile', (c) => lines('FROM ubuntu:22.04', code`RUN ${c}`, '')],
  ['crontab', () => 'crontab.txt', (c) => lines('# m h dom mon dow command', code`0 3 * * * ${c} >> /var/log/cron.log 2>&1`, '')],
  [
    'github-actions',
    () => '.github/workflows/ops.yml',
    (c) => lines('jobs:', '  ops:', '    runs-on: ubuntu-latest', '    steps:', code`      - run: ${c}`, ''),
  ],
  [
    'python-subprocess',
    () => 'tools/ops.py',
    (c) => lines('import subprocess', code`subprocess.run("""${c}""", shell=True, check=True)`, ''),
  ],
  [
    'jenkinsfile',
    () => 'Jenkinsfile',
    (c) => lines('pipeline { agent any; stages { stage("ops") { steps {', code`  sh '''${c}'''`, '} } } }', ''),
  ],
];

export function commandDocuments(rng: Rng): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  COMMANDS.forEach((command, i) => {
    for (let k = 0; k < 3; k++) {
      const [context, path, hold] = HOLDERS[(i * 3 + k * 4) % HOLDERS.length];
      docs.push({ path: `cmd-${i}-${k}/${path(rng)}`, context: `command-${context}`, ...hold(command(rng)) });
    }
  });
  return docs;
}
