/**
 * Credentials handed to well-known calls as plain arguments (a driver's connect call, an HTTP
 * client's basic auth, a mail login, Redis AUTH, JWT signing, SDK setters), and secrets in
 * framework and system files and command lines the name-based rules do not read (ASP.NET
 * machine keys, Windows answer files, SSSD bind passwords, placeholder defaults, PowerShell
 * credential parameters, `Authorization: ApiKey`, Oracle `user/password@` strings). The third
 * held-out set (issue 12) showed these missed; these are the team's own cases of the same forms,
 * not copies of that set, each beside the look-alikes that must stay quiet: the same call with a
 * variable, an environment lookup or a stand-in password.
 */
import { code, lines, negative, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { ALNUM, HEX, type Rng, b64 } from '../../support/seededRandom';

const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });
const N = (value: string, kind: string, group: string): Mark => negative(value, kind, group);

/** A password as a call argument: random characters with a digit, no quotes or spaces. */
const argPassword = (rng: Rng) =>
  `${rng.chars(ALNUM, 6 + rng.int(6))}${rng.chars('0123456789', 1)}${rng.chars('!*-_.', 1)}${rng.chars(ALNUM, 5)}`;

function callDocuments(rng: Rng): Array<[string, string, Piece]> {
  const pw = (provider: string) => S(argPassword(rng), provider, 'password');
  return [
    [
      'src/main/java/com/acme/ledger/Archive.java',
      'java-call',
      lines(
        code`Connection c = DriverManager.getConnection("jdbc:mysql://db-ledger:3306/ledger", "archiver", "${pw('JDBC password argument')}");`,
        '',
      ),
    ],
    [
      'app/Support/LegacyDb.php',
      'php-call',
      lines('<?php', code`$db = new PDO('pgsql:host=pg-legacy;dbname=crm', 'crm', '${pw('PDO password argument')}');`, ''),
    ],
    [
      'lib/Acme/Report.pm',
      'perl-call',
      lines(code`my $dbh = DBI->connect("dbi:Pg:dbname=reports;host=pg-rep", "reporter", "${pw('DBI password argument')}");`, ''),
    ],
    [
      'src/Acme.Notify/Mailer.cs',
      'csharp-call',
      lines(code`client.Credentials = new NetworkCredential("notify@acme.io", "${pw('NetworkCredential password')}");`, ''),
    ],
    [
      'tools/confluence_backup.py',
      'python-call',
      lines(
        'import requests',
        code`r = requests.get(base + "/rest/api/space", auth=("backup-bot", "${pw('requests auth tuple password')}"))`,
        code`s.auth = HTTPBasicAuth("backup-bot", "${pw('HTTPBasicAuth password')}")`,
        '',
      ),
    ],
    [
      'app/src/main/java/com/acme/sync/Net.kt',
      'kotlin-call',
      lines(code`val basic = Credentials.basic("sync-app", "${pw('OkHttp basic password')}")`, ''),
    ],
    [
      'internal/registry/pull.go',
      'go-call',
      lines(
        code`req.SetBasicAuth("puller", "${pw('Go SetBasicAuth password')}")`,
        code`var signingKey = []byte("${S(rng.chars(ALNUM, 40), 'Go []byte signing key', 'generic')}")`,
        '',
      ),
    ],
    [
      'src/fetch.rs',
      'rust-call',
      lines(code`let r = http.get(url).basic_auth("fetcher", Some("${pw('reqwest basic_auth password')}")).send()?;`, ''),
    ],
    [
      'jobs/digest_mail.py',
      'python-call',
      lines('server = smtplib.SMTP_SSL("smtp.acme.io", 465)', code`server.login("digest@acme.io", "${pw('smtplib login password')}")`, ''),
    ],
    [
      'gateway/lua/session.lua',
      'lua-call',
      lines('local red = redis:new()', code`local ok, err = red:auth("${S(rng.chars(ALNUM, 28), 'Redis AUTH password', 'password')}")`, ''),
    ],
    [
      'services/auth/issue.js',
      'javascript-call',
      lines(
        code`const token = jwt.sign({ sub: id }, '${S(rng.chars(ALNUM, 44), 'JWT signing secret', 'generic')}', { expiresIn: '15m' });`,
        '',
      ),
    ],
    [
      'src/main/java/com/acme/auth/Tokens.java',
      'java-call',
      lines(
        code`private static final Algorithm ALG = Algorithm.HMAC256("${S(rng.chars(ALNUM, 36), 'JWT signing secret', 'generic')}");`,
        '',
      ),
    ],
    [
      'src/main/java/com/acme/ai/Embed.java',
      'java-call',
      lines(code`var client = VendorClient.builder().apiKey("${S(rng.chars(ALNUM, 40), 'SDK setter API key', 'generic')}").build();`, ''),
    ],
    // Look-alikes: the same calls with variables, environment lookups and stand-in passwords.
    [
      'src/main/java/com/acme/ledger/ArchiveDev.java',
      'java-call',
      lines(
        'Connection c = DriverManager.getConnection(url, user, password);',
        code`Connection h2 = DriverManager.getConnection("jdbc:h2:mem:test", "sa", "${N('changeme', 'stand-in password', 'placeholder')}");`,
        '',
      ),
    ],
    [
      'tools/confluence_check.py',
      'python-call',
      lines(
        'r = requests.get(url, auth=("backup-bot", os.environ["CONFLUENCE_TOKEN"]))',
        code`s.auth = HTTPBasicAuth("user", "${N('password', 'stand-in password', 'placeholder')}")`,
        '',
      ),
    ],
    [
      'services/auth/verify.js',
      'javascript-call',
      lines(
        'const claims = jwt.verify(token, process.env.JWT_SECRET);',
        code`const demo = jwt.sign(payload, '${N('your-256-bit-secret', 'documentation sample', 'placeholder')}');`,
        '',
      ),
    ],
    [
      'internal/registry/keys.go',
      'go-call',
      lines(
        'var signingKey = []byte(os.Getenv("SIGNING_KEY"))',
        code`var publicKey = []byte("${N(rng.chars(ALNUM, 40), 'public key bytes', 'public-key')}")`,
        '',
      ),
    ],
    [
      'src/lexer/Scanner.java',
      'java-call',
      lines(code`Token t = lexer.token("${N('IDENTIFIER_START', 'lexer token name', 'identifier')}");`, ''),
    ],
  ];
}

function configDocuments(rng: Rng): Array<[string, string, Piece]> {
  const hexUpper = (n: number) => rng.chars(HEX, n).toUpperCase();
  const pw = (provider: string) => S(argPassword(rng), provider, 'password');
  const apiKey = b64(`${rng.chars(ALNUM, 20)}:${rng.chars(ALNUM, 22)}`);
  return [
    [
      'src/Acme.Shop/Web.config',
      'xml',
      lines(
        '<configuration>',
        '  <system.web>',
        code`    <machineKey validationKey="${S(hexUpper(128), 'ASP.NET validation key', 'framework')}" decryptionKey="${S(hexUpper(48), 'ASP.NET decryption key', 'framework')}" validation="SHA1" decryption="AES" />`,
        '  </system.web>',
        '</configuration>',
        '',
      ),
    ],
    [
      'images/win2022/unattend.xml',
      'xml',
      lines(
        '<UserAccounts>',
        '  <AdministratorPassword>',
        code`    <Value>${pw('Windows answer file password')}</Value>`,
        '    <PlainText>true</PlainText>',
        '  </AdministratorPassword>',
        '</UserAccounts>',
        '',
      ),
    ],
    [
      'roles/sssd/files/sssd.conf',
      'ini',
      lines('[domain/corp]', 'ldap_default_authtok_type = password', code`ldap_default_authtok = ${pw('SSSD bind password')}`, ''),
    ],
    [
      'src/main/java/com/acme/crm/DbConfig.java',
      'java-annotation',
      lines(code`    @Value("\${crm.datasource.password:${pw('Spring placeholder default')}}")`, '    private String password;', ''),
    ],
    [
      'ops/Restore-Db.ps1',
      'powershell',
      lines(
        code`$sec = ConvertTo-SecureString "${pw('PowerShell plain-text SecureString')}" -AsPlainText -Force`,
        code`Invoke-Sqlcmd -ServerInstance "sql-01" -Username "restore" -Password "${pw('PowerShell -Password parameter')}" -InputFile restore.sql`,
        '',
      ),
    ],
    [
      'scripts/es_snapshot.sh',
      'bash',
      lines(
        code`curl -s -H "Authorization: ApiKey ${S(apiKey, 'Elasticsearch API key header', 'observability')}" "$ES/_snapshot/nightly"`,
        '',
      ),
    ],
    [
      'etl/ora_load.py',
      'python-source',
      lines(
        code`DSN = "jdbc:oracle:thin:loader/${S(rng.chars(ALNUM, 16), 'Oracle connect string password', 'database')}@//ora-dw:1521/DW"`,
        '',
      ),
    ],
    // Look-alikes: generated keys, redacted and templated values, empty defaults.
    [
      'src/Acme.Shop/Web.Release.config',
      'xml',
      lines('<machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" />', ''),
    ],
    [
      'images/win2022/sysprep-answer.xml',
      'xml',
      lines(
        '<AdministratorPassword>',
        code`  <Value>${N('*SENSITIVE*DATA*DELETED*', 'redacted value', 'placeholder')}</Value>`,
        '  <PlainText>true</PlainText>',
        '</AdministratorPassword>',
        '',
      ),
    ],
    [
      'deploy/compose.yml',
      'yaml',
      lines(
        '    environment:',
        code`      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${N('postgres', 'stand-in password', 'placeholder')}}`,
        '      JWT_TTL: ${JWT_TOKEN_TTL:-3600}',
        '',
      ),
    ],
    [
      'ops/Connect-Env.ps1',
      'powershell',
      lines(
        '$sec = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force',
        'Invoke-Sqlcmd -Username $user -Password $password -Query "SELECT 1"',
        '',
      ),
    ],
    [
      'etl/ora_sample.py',
      'python-source',
      lines(code`DSN = "jdbc:oracle:thin:scott/${N('tiger', 'sample password', 'placeholder')}@localhost:1521:orcl"`, ''),
    ],
  ];
}

export function callFormDocuments(rng: Rng): CorpusDocument[] {
  return [...callDocuments(rng), ...configDocuments(rng)].map(([path, context, piece], i) => ({
    path: `calls-${i}/${path}`,
    context,
    ...piece,
  }));
}
