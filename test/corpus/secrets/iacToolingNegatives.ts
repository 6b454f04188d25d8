/**
 * What IaC tooling and its docs write under secret-sounding names without holding a secret (the
 * classes bench:real-code found in the CDK CLI, the Serverless Framework, Amplify, Ansible
 * collections and the AWS CLI's examples): feature-flag ids, credentials-file paths, member access
 * in compiled TypeScript, field-name and API-path maps, option choices quoted in prose, template
 * code, typed stand-ins, documentation keys marked EXAMPLE. Beside them, sample credentials in
 * the same files that are real formats and stay findings. Written anew, not copied.
 */
import { code, lines, negative, secret, type CorpusDocument, type Piece } from './document';
import { HEX, type Rng } from '../../support/seededRandom';

const N = (value: string, kind: string) => negative(value, kind, 'iac-tooling');

export function iacToolingDocuments(rng: Rng): CorpusDocument[] {
  const pemBody = (marker: boolean) => {
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const line = () => Array.from({ length: 64 }, () => b64[rng.int(64)]).join('');
    const body = [line(), line(), line()];
    if (marker) body[1] = `${body[1].slice(0, 20)}EXAMPLE${body[1].slice(27)}`;
    return `-----BEGIN RSA PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END RSA PRIVATE KEY-----`;
  };
  const docs: Array<[string, string, Piece]> = [
    [
      'lib/cli/feature-flags.js',
      'javascript',
      lines(
        'var FeatureFlag;',
        '(function (FeatureFlag) {',
        code`    FeatureFlag["RDS_LOWERCASE_DB_CREDENTIALS"] = "${N('@acme-cdk/aws-rds:lowercaseDbCredentials', 'feature-flag id')}";`,
        code`    FeatureFlag["LOG_CLIENT_SECRET_VALUE"] = "${N('@acme-cdk/aws-cognito:logClientSecretValue', 'feature-flag id')}";`,
        '})(FeatureFlag || (FeatureFlag = {}));',
        '',
      ),
    ],
    [
      'docs/providers/acme/guide/credentials.md',
      'markdown',
      lines('```yml', 'provider:', '  name: acme', code`  credentials: ${N('~/.acmecli/credentials', 'credentials file path')}`, '```', ''),
    ],
    [
      'lib/provider/import.js.map',
      'source-map',
      code`{"version":3,"sourcesContent":["    return {\\n      private_key: ${N('idp.Details!.private_key', 'member access')},\\n      client_secret: ${N('creds?.client_secret', 'member access')},\\n    };\\n"]}`,
    ],
    [
      'plugins/modules/grid_org_info.py',
      'python',
      lines(
        'INFO_PATHS = {',
        code`    'org_users_current_user_s3_access_keys_info': '${N('org/users/current-user/s3-access-keys', 'api path')}',`,
        '}',
        'FIELDS = {',
        code`    "manage_own_s3_credentials": "${N('manageOwnS3Credentials', 'field-name map')}",`,
        '}',
        '',
      ),
    ],
    [
      'plugins/modules/db_user.py',
      'python',
      lines(
        "DOCUMENTATION = r'''",
        'options:',
        '  update_password:',
        '    description:',
        code`      - With ${N('`update_password: on_create`', 'option choice in prose')}, the password is set only for new users.`,
        code`      - ${N('``update_password: always``', 'option choice in prose')} sets it on every run.`,
        "'''",
        '',
      ),
    ],
    [
      'roles/users/templates/users.j2',
      'jinja',
      lines(
        '{% for item in users %}',
        code`${N('{% set passwd = item.pass_key|string+" "+item.password %}', 'template code')}`,
        'username {{ item.name }} password {{ passwd }}',
        '{% endfor %}',
        '',
      ),
    ],
    [
      'plugins/modules/win_config.ps1',
      'powershell',
      lines(code`            ${N('$password = $Params."$($name)_password"', 'member access')}`, ''),
    ],
    [
      'plugins/modules/pipeline.py',
      'python',
      lines(
        "EXAMPLES = r'''",
        '- name: create a pipeline',
        '  pipeline:',
        code`    OAuthToken: '${N('abc123def456', 'typed stand-in')}'`,
        code`    connection_url: "${N('amqp://reader:reader_password@broker1/vhost', 'stand-in naming itself')}"`,
        "'''",
        '',
      ),
    ],
    [
      'examples/lightsail/get-access-details.rst',
      'rst',
      lines('Output::', '', '    {', code`        "privateKey": "${N(pemBody(true), 'documentation key marked EXAMPLE')}",`, '    }', ''),
    ],
  ];
  // Real formats in the same kind of file stay findings: a 32-hex API key in a module's EXAMPLES.
  const apiKey = Array.from({ length: 32 }, () => HEX[rng.int(16)]).join('');
  docs.push([
    'plugins/modules/monitor.py',
    'python',
    lines(
      "EXAMPLES = r'''",
      '- name: create a monitor',
      '  monitor:',
      code`    api_key: "${secret(apiKey, { provider: 'In-house API key', group: 'generic' })}"`,
      "'''",
      '',
    ),
  ]);
  return docs.map(([path, context, piece], i) => ({
    path: `iac-tooling-${i}/${path}`,
    context: `iac-tooling-${context}`,
    text: piece.text,
    marks: piece.marks,
  }));
}
