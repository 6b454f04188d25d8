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
