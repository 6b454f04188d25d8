/**
 * Credentials in forms the name-based and provider rules first missed (issue 12's held-out set
 * found them; these are the team's own cases of the same forms, not copies of that set):
 * passwords with `#` or `=` in them, template parameter defaults, and the look-alikes that must
 * stay quiet next to each form.
 */
import { code, lines, negative, secret, type CorpusDocument, type Mark, type Piece } from './document';
import { ALNUM, type Rng } from '../../support/seededRandom';

const S = (value: string, provider: string, group: string): Mark => secret(value, { provider, group });
const N = (value: string, kind: string, group: string): Mark => negative(value, kind, group);

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

export function unnamedFormDocuments(rng: Rng): CorpusDocument[] {
  return passwordDocuments(rng).map(([path, context, piece], i) => ({ path: `unnamed-${i}/${path}`, context, ...piece }));
}
