/** Credentials inside URIs and connection strings, of well-known schemes and of any scheme. */
import { code, lines, secret, type CorpusDocument } from './document';
import { ALNUM, type Rng } from '../../support/seededRandom';

const URI_PASSWORD = ALNUM + '-_.~!*';

/** Scheme, what the figures call it, host and path typical for it. */
const SCHEMES: Array<[string, string, string]> = [
  ['postgresql', 'PostgreSQL URI', 'prod-db.c9akciq32.eu-west-1.rds.amazonaws.com:5432/app'],
  ['postgres', 'PostgreSQL URI', 'db.internal:5432/billing'],
  ['postgresql+psycopg2', 'PostgreSQL URI (SQLAlchemy)', '10.20.4.12:5432/reports'],
  ['postgresql+asyncpg', 'PostgreSQL URI (SQLAlchemy)', 'pg-primary.acme.svc:5432/events'],
  ['mysql', 'MySQL URI', 'mysql-0.acme.internal:3306/shop'],
  ['mysql+pymysql', 'MySQL URI (SQLAlchemy)', 'mysql.acme.io:3306/crm'],
  ['mariadb', 'MariaDB URI', 'mariadb.acme.io:3306/wiki'],
  ['mongodb', 'MongoDB URI', 'mongo-0.acme.svc:27017,mongo-1.acme.svc:27017/app?replicaSet=rs0'],
  ['mongodb+srv', 'MongoDB URI', 'cluster0.ab1cd.mongodb.net/app?retryWrites=true&w=majority'],
  ['redis', 'Redis URI', 'cache.acme.internal:6379/0'],
  ['rediss', 'Redis URI', 'acme-cache.abc123.ng.0001.euw1.cache.amazonaws.com:6380'],
  ['amqp', 'AMQP URI', 'rabbitmq.acme.internal:5672/prod'],
  ['amqps', 'AMQP URI', 'b-1234.mq.eu-west-1.amazonaws.com:5671'],
  ['mssql', 'SQL Server URI', 'sql.acme.io:1433/erp'],
  ['mssql+pyodbc', 'SQL Server URI (SQLAlchemy)', 'sql.acme.io:1433/erp?driver=ODBC+Driver+18+for+SQL+Server'],
  ['clickhouse', 'ClickHouse URI', 'ch.acme.io:9000/analytics'],
  ['cockroachdb', 'CockroachDB URI', 'crdb.acme.io:26257/bank?sslmode=verify-full'],
  ['neo4j+s', 'Neo4j URI', 'a1b2c3d4.databases.neo4j.io'],
  ['nats', 'NATS URI', 'nats.acme.internal:4222'],
  ['https', 'HTTP basic auth URL', 'nexus.acme.io/repository/maven-releases/'],
  ['http', 'HTTP basic auth URL', 'proxy.acme.internal:3128'],
  ['ftp', 'FTP URL', 'files.acme.io/exports/'],
  ['sftp', 'SFTP URL', 'sftp.partner.example.net:22/inbound'],
  ['smtp', 'SMTP URL', 'smtp.mailgun.org:587'],
  ['smtps', 'SMTP URL', 'email-smtp.eu-west-1.amazonaws.com:465'],
  ['ldap', 'LDAP URL', 'ldap.acme.internal:389'],
  ['ldaps', 'LDAP URL', 'dc01.corp.acme.io:636'],
  ['mqtt', 'MQTT URL', 'broker.acme.io:1883'],
  ['mqtts', 'MQTT URL', 'iot.acme.io:8883'],
  ['couchbase', 'Couchbase URI', 'cb.acme.internal/bucket'],
  ['cassandra', 'Cassandra URI', 'cassandra.acme.internal:9042/ks'],
  ['oracle+cx_oracle', 'Oracle URI (SQLAlchemy)', 'ora.acme.io:1521/?service_name=ORCL'],
  ['db2', 'Db2 URI', 'db2.acme.io:50000/SAMPLE'],
  ['snowflake', 'Snowflake URI', 'acme-xy12345/ANALYTICS/PUBLIC?warehouse=COMPUTE_WH'],
  ['redshift+psycopg2', 'Redshift URI', 'acme.cxyz.eu-west-1.redshift.amazonaws.com:5439/dev'],
  ['trino', 'Trino URI', 'trino.acme.io:443/hive'],
  ['memcached', 'Memcached URI', 'memcache.acme.internal:11211'],
  ['rtsp', 'RTSP camera URL', '192.168.1.64:554/Streaming/Channels/101'],
  ['redis-sentinel', 'Redis Sentinel URI', 'sentinel.acme.internal:26379/mymaster'],
  ['kafka', 'Kafka URI', 'kafka-0.acme.internal:9093'],
  ['imaps', 'IMAP URL', 'imap.gmail.com:993'],
  ['git+https', 'Git URL', 'git.acme.io/platform/deploy.git'],
  ['svn+ssh', 'Subversion URL', 'svn.acme.io/repos/legacy'],
  ['socks5', 'SOCKS proxy URL', 'proxy.acme.io:1080'],
  ['vertica+vertica_python', 'Vertica URI', 'vertica.acme.io:5433/dwh'],
  ['influxdb', 'InfluxDB URI', 'influx.acme.io:8086/metrics'],
  ['elasticsearch', 'Elasticsearch URI', 'es.acme.internal:9200'],
];

const USERS = ['app', 'svc_billing', 'admin', 'deploy', 'reporting', 'etl_user', 'api', 'backup'];

const URI_CONTEXTS: Array<[string, string, (uri: ReturnType<typeof uriPiece>, name: string) => ReturnType<typeof lines>]> = [
  ['dotenv', '.env', (u, n) => lines('APP_ENV=production', code`${n}=${u}`, '')],
  ['yaml', 'config/database.yml', (u) => lines('production:', '  adapter: postgresql', code`  url: ${u}`, '  pool: 10', '')],
  [
    'python',
    'app/db.py',
    (u) => lines('from sqlalchemy import create_engine', '', code`engine = create_engine("${u}", pool_pre_ping=True)`, ''),
  ],
  [
    'javascript',
    'src/db.js',
    (u) => lines("const { Pool } = require('pg');", code`const pool = new Pool({ connectionString: '${u}' });`, ''),
  ],
  ['go', 'internal/store/store.go', (u) => lines('package store', '', code`const dsn = "${u}"`, '')],
  [
    'docker-compose',
    'docker-compose.prod.yml',
    (u, n) => lines('services:', '  worker:', '    environment:', code`      ${n}: "${u}"`, ''),
  ],
  [
    'log',
    'logs/worker.log',
    (u) => lines('2024-05-02 09:14:03,118 INFO celery.worker starting', code`2024-05-02 09:14:03,120 INFO connecting to broker ${u}`, ''),
  ],
  [
    'stack-trace',
    'logs/error.log',
    (u) =>
      lines(
        'Traceback (most recent call last):',
        '  File "/srv/app/jobs/sync.py", line 41, in run',
        '    conn = connect(settings.DSN)',
        code`ConnectionRefusedError: could not connect to ${u}: Connection refused`,
        '',
      ),
  ],
  [
    'properties',
    'src/main/resources/application-prod.properties',
    (u) => lines('spring.profiles.active=prod', code`app.broker.url=${u}`, ''),
  ],
  ['json', 'config/production.json', (u) => lines('{', code`  "connection": "${u}",`, '  "poolSize": 10', '}', '')],
  [
    'terraform',
    'infra/app.tf',
    (u) =>
      lines('resource "aws_ssm_parameter" "dsn" {', '  name  = "/prod/dsn"', '  type  = "SecureString"', code`  value = "${u}"`, '}', ''),
  ],
  [
    'kubernetes-configmap',
    'k8s/configmap.yaml',
    (u) => lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: app-config }', 'data:', code`  BROKER_URL: "${u}"`, ''),
  ],
];

function uriPiece(scheme: string, user: string, password: string, rest: string, kind: string) {
  return code`${scheme}://${user}:${secret(password, { provider: kind, group: 'uri' })}@${rest}`;
}

export function uriDocuments(rng: Rng): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  SCHEMES.forEach(([scheme, kind, rest], i) => {
    for (let k = 0; k < 3; k++) {
      const [context, path, render] = URI_CONTEXTS[(i * 5 + k * 7) % URI_CONTEXTS.length];
      let password = rng.chars(URI_PASSWORD, 12 + rng.int(16));
      if (rng.int(4) === 0) password = password.slice(0, 6) + '%40' + password.slice(6); // percent-encoded @
      const uri = uriPiece(scheme, rng.pick(USERS), password, rest, kind);
      const name = rng.pick(['DATABASE_URL', 'BROKER_URL', 'STORE_DSN', 'CONNECTION_URI', 'UPSTREAM_URL']);
      docs.push({ path: `uri-${i}-${k}/${path}`, context: `uri-${context}`, ...render(uri, name) });
    }
  });
  // JDBC and ADO.NET-style strings: the password is a parameter, not userinfo.
  for (let i = 0; i < 12; i++) {
    const pw = secret(rng.password().replace(/[;&"']/g, 'x'), { provider: i % 2 ? 'JDBC URL' : 'ADO.NET connection string', group: 'uri' });
    const piece =
      i % 2
        ? lines(
            'spring.datasource.driver-class-name=org.postgresql.Driver',
            code`spring.datasource.url=jdbc:postgresql://db.acme.io:5432/app?user=app&password=${pw}&ssl=true`,
            '',
          )
        : lines(
            '<connectionStrings>',
            code`  <add name="Default" connectionString="Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=erp;User ID=erp_app;Password=${pw};Encrypt=True;" providerName="System.Data.SqlClient" />`,
            '</connectionStrings>',
            '',
          );
    docs.push({
      path: `uri-param-${i}/${i % 2 ? 'application.properties' : 'Web.config'}`,
      context: i % 2 ? 'uri-jdbc' : 'uri-ado-net',
      ...piece,
    });
  }
  for (let i = 0; i < 6; i++) {
    const pw = secret(rng.chars(ALNUM, 20), { provider: 'JDBC URL', group: 'uri' });
    docs.push({
      path: `uri-sqlserver-${i}/src/main/resources/db.properties`,
      context: 'uri-jdbc',
      ...lines(code`jdbc.url=jdbc:sqlserver://sql.acme.io:1433;databaseName=erp;user=sa;password=${pw};encrypt=true`, ''),
    });
  }
  return docs;
}
