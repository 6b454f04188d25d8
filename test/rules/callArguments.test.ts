import * as assert from 'node:assert/strict';
import { defaultEngine } from '../support/engineFixture';

// Credentials handed to calls with one argument per line (rules/secrets-calls.yaml): the finding
// must sit on the line of the secret, where an editor underlines it and a reviewer looks, not on
// the line of the call; and no message carries the value in full. Values are built at run time.
describe('credentials passed to calls over several lines', () => {
  const engine = defaultEngine();
  const password = ['Hs5pW9', 'eKx2mQ', '-r'].join('');
  const cases: { name: string; ruleId: string; path: string; lines: string[]; secretLine: number }[] = [
    {
      name: 'PHP new PDO',
      ruleId: 'database-connect-call-password',
      path: 'includes/db.php',
      lines: ['<?php', '$pdo = new PDO(', "    'mysql:host=db.acme.io;dbname=shop',", "    'shop',", `    '${password}',`, '    []', ');'],
      secretLine: 4,
    },
    {
      name: 'Perl DBI->connect',
      ruleId: 'database-connect-call-password',
      path: 'lib/Acme/DB.pm',
      lines: [
        'my $dbh = DBI->connect(',
        "    'dbi:Oracle:host=ora;sid=ORCL',",
        "    'billing',",
        `    '${password}',`,
        '    { RaiseError => 1 }',
        ');',
      ],
      secretLine: 3,
    },
    {
      name: 'Python requests auth tuple',
      ruleId: 'http-basic-auth-call-password',
      path: 'integrations/jenkins.py',
      lines: ['r = requests.post(', '    url,', '    auth=(', '        "deploy-bot",', `        "${password}",`, '    ),', ')'],
      secretLine: 4,
    },
  ];

  for (const c of cases)
    it(`${c.name}: reported on the password's line, masked`, () => {
      const text = c.lines.join('\n') + '\n';
      const found = engine.scan({ path: c.path, text }).findings.filter((f) => f.ruleId === c.ruleId);
      assert.equal(found.length, 1, `${c.ruleId} findings: ${found.length}`);
      assert.equal(found[0].range.start.line, c.secretLine);
      assert.ok(!JSON.stringify(found[0]).includes(password), 'the finding carries the password in full');
    });

  it('a variable in the password position over several lines is not a finding', () => {
    const text = ['$pdo = new PDO(', '    $dsn,', '    $user,', "    getenv('DB_PASSWORD')", ');', ''].join('\n');
    assert.deepEqual(
      engine.scan({ path: 'includes/db.php', text }).findings.map((f) => f.ruleId),
      [],
    );
  });
});
