import * as assert from 'node:assert/strict';
import type { OffsetEdit } from '../../../engine';
import { fixesFor } from '../../../engine/fixes/fixProposals';
import { secretKeyName } from '../../../engine/fixes/secretName';
import { defaultEngine } from '../../support/engineFixture';

const PASSWORD = ['Zq8', 'vR2', 'mK9', 'pL4', 'xWq7'].join('');

function apply(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The preferred fix of the one secret in the file, applied. */
function fixed(path: string, text: string): string {
  const finding = defaultEngine()
    .scan({ path, text })
    .findings.find((f) => f.category === 'secret');
  assert.ok(finding, `no secret in ${path}`);
  return apply(text, fixesFor(finding, text, { manager: 'env' }).find((p) => p.preferred)!.edits);
}

describe('names a person would choose for a moved secret', () => {
  const cases: [string, string, string, string][] = [
    ['a dotted key', 'settings.py', `database.password = "${PASSWORD}"\n`, 'database.password'],
    ['a specific key is kept', 'settings.py', `db_password = "${PASSWORD}"\n`, 'db_password'],
    ['a generic key takes its object', 'settings.py', `config = {"database": {"password": "${PASSWORD}"}}\n`, 'database_password'],
    [
      'containers are skipped, plurals made singular',
      'settings.py',
      `DATABASES = {\n    "default": {\n        "PASSWORD": "${PASSWORD}",\n    }\n}\n`,
      'DATABASE_password',
    ],
    ['a generic key with no object stays', 'settings.py', `password = "${PASSWORD}"\n`, 'password'],
    ['a closed object before does not count', 'settings.py', `a = {"x": 1}\npassword = "${PASSWORD}"\n`, 'password'],
  ];
  for (const [name, , text, expected] of cases)
    it(`secretKeyName: ${name}`, () => {
      const start = text.indexOf(PASSWORD);
      const key = /([\w.]+)"?\s*[:=]\s*"[^"]*$/.exec(text.slice(0, start))![1];
      assert.equal(secretKeyName(text, start, key)?.toLowerCase(), expected.toLowerCase());
    });

  it('Python reads DATABASE_PASSWORD for database.password-like keys', () => {
    assert.match(fixed('settings.py', `config = {"database": {"password": "${PASSWORD}"}}\n`), /os\.environ\["DATABASE_PASSWORD"\]/);
    assert.match(fixed('settings.py', `db_password = "${PASSWORD}"\n`), /os\.environ\["DB_PASSWORD"\]/);
  });

  it('a URI password is named after the URI key, not the URI user (docker-compose, Python)', () => {
    const compose = `services:\n  api:\n    image: app\n    environment:\n      DATABASE_URL: postgres://app:${PASSWORD}@db:5432/app\n`;
    assert.match(fixed('docker-compose.yml', compose), /DATABASE_URL: postgres:\/\/app:\$\{DATABASE_PASSWORD\}@db:5432\/app\n/);
    const list = `services:\n  api:\n    image: app\n    environment:\n      - REDIS_URL=redis://cache:${PASSWORD}@redis:6379\n`;
    assert.match(fixed('docker-compose.yml', list), /REDIS_URL=redis:\/\/cache:\$\{REDIS_PASSWORD\}@redis/);
    assert.equal(
      fixed('app.py', `DATABASE_URL = "postgres://app:${PASSWORD}@db:5432/app"\n`),
      'import os\nDATABASE_URL = "postgres://app:" + os.environ["DATABASE_PASSWORD"] + "@db:5432/app"\n',
    );
  });
});

describe('secretKeyName: keyword arguments named after their call', () => {
  const nameOf = (text: string, key: string) => secretKeyName(text, text.indexOf('Zq8v'), key);

  it('a driver or client call names what the password is for', () => {
    assert.equal(nameOf('conn = psycopg2.connect(host="db", user="app", password="Zq8vR2mK9xLp4Wn7")\n', 'password'), 'database_password');
    assert.equal(nameOf('r = redis.Redis(host="cache", password="Zq8vR2mK9xLp4Wn7")\n', 'password'), 'redis_password');
    assert.equal(nameOf('jira = JIRA(server="https://x", token="Zq8vR2mK9xLp4Wn7")\n', 'token'), 'JIRA_token');
    // Across lines, and `passwd` spelled out as a person would.
    assert.equal(nameOf('db = pymysql.connect(\n    host="db",\n    passwd="Zq8vR2mK9xLp4Wn7",\n)\n', 'passwd'), 'database_password');
  });

  it('no call, or a call that names nothing: the usual rules apply', () => {
    assert.equal(nameOf('password = "Zq8vR2mK9xLp4Wn7"\n', 'password'), 'password');
    assert.equal(nameOf('x = self.client.login(password="Zq8vR2mK9xLp4Wn7")\n', 'password'), 'password');
    // A builtin container is not what the password is for.
    assert.equal(nameOf('SETTINGS = dict(password="Zq8vR2mK9xLp4Wn7")\n', 'password'), 'password');
    // A specific key keeps its own name.
    assert.equal(nameOf('client = Client(api_token="Zq8vR2mK9xLp4Wn7")\n', 'api_token'), 'api_token');
  });
});
