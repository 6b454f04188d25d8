import * as assert from 'node:assert/strict';
import { genericRulesSkip, isGenericNonSecret, isPlaceholder } from '../../../engine/secrets/falsePositives';

describe('isPlaceholder', () => {
  it('knows vendor documentation samples: AWS, Stripe, jwt.io, RFC 4122', () => {
    for (const v of [
      'AKIAIOSFODNN7EXAMPLE',
      'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '550e8400-e29b-41d4-a716-446655440000',
      'xoxb-not-a-real-token-this-will-not-work',
    ])
      assert.ok(isPlaceholder(v), v);
  });

  it('a short unit said over and over is typed by hand (AKIA + a repeated word)', () => {
    for (const v of ['AKIATESTTESTTESTTEST', 'AKIAFAKEFAKEFAKEFAKE', 'AKIAABCDABCDABCDABCD', 'AKIAKEYKEYKEYKEYKEYK'])
      assert.ok(isPlaceholder(v), v);
  });

  it('a tag-like placeholder needs a word inside: `<token>` is one, a salt with `<E>` is not', () => {
    assert.ok(isPlaceholder('<your-token-here>'));
    assert.ok(isPlaceholder('<key id>'));
    assert.ok(!isPlaceholder('k3$f!q9z@x2m#v7w(r5t^y1u&i8o*p4a-s6d_g0h=j+l)cB[N]M{Q}W<E>R'));
  });

  it('stand-ins written in leetspeak or wrapped in punctuation, `none` and sentinel names are placeholders', () => {
    for (const v of [
      'pa$$word',
      'P@ssw0rd',
      's3cr3t',
      'p4$$w0rd',
      '-anonymous@',
      'password!',
      'none',
      '__ES6-PROMISIFY--CUSTOM-ARGUMENTS__',
    ])
      assert.ok(isPlaceholder(v), v);
    for (const v of ['pa$$w0rd-Tq7x9LmKa2', 'Zx9#Lq2$Vm8!Rt4^', 'n0n3-Kq8mZ2vT9xL']) assert.ok(!isPlaceholder(v), v);
  });

  it('generated values with an incidental repeat are not placeholders', () => {
    for (const v of ['AKIAQ2ZRX7MPLW4TVNBY', 'ghp_ababab9Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3Tq7xLm2Rt9Kw', 'hvs.CAESIJ3kq8mZ2vT9xLwQbababR7'])
      assert.ok(!isPlaceholder(v), v);
  });
});

describe('public by design: Azurite key, Ethereum addresses', () => {
  it("Azurite's published development-storage key is a vendor sample; a key one character off is not", () => {
    const azurite = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
    assert.ok(isPlaceholder(azurite));
    assert.ok(!isPlaceholder(azurite.replace('Eby8', 'Fby8')));
  });

  it("the Cosmos DB Emulator's published account key is a vendor sample; a key one character off is not", () => {
    const emulator = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
    assert.ok(isPlaceholder(emulator));
    assert.ok(!isPlaceholder(emulator.replace('C2y6', 'D2y6')));
  });

  it('the Key URI Format example TOTP key is a vendor sample; another base32 key is not', () => {
    assert.ok(isPlaceholder('JBSWY3DPEHPK3PXP'));
    assert.ok(!isPlaceholder('JBSWY3DPEHPK3PXQ'.replace('JBSW', 'KRUG')));
  });

  it('a PowerShell environment read is a reference, not a value; a literal after `$env:` text is not', () => {
    for (const v of ['$env:AZURE_DEVOPS_PAT', '$Env:GITHUB_TOKEN', '$token']) assert.ok(isPlaceholder(v), v);
    assert.ok(!isPlaceholder('$env:Q7x9LmKa2Tq/Rt8'));
  });

  it('an Ethereum address (0x + 40 hex) is public; 0x + 64 hex (a private key) is not', () => {
    const hex = (n: number) => Array.from({ length: n }, (_, i) => '0123456789abcdef'[(i * 7 + 3) % 16]).join('');
    assert.ok(isGenericNonSecret(`0x${hex(40)}`));
    assert.ok(!isGenericNonSecret(`0x${hex(64)}`));
    assert.ok(!isGenericNonSecret(`0x${hex(41)}`));
  });
});

describe('isGenericNonSecret', () => {
  it('password hashes, type names, public keys, ARNs, YAML tags and secret-manager references are not secrets', () => {
    for (const v of [
      '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
      '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
      'pbkdf2_sha256$600000$abc$def=',
      'String!',
      'string;',
      'SecretStr',
      'pk_live_51Hq2x0AbCdEfGhIjKlMnOpQr',
      'phc_Zx8qLm2Vt9Rw4Kc7Yb1Nh5Ts3Pq6Xa0Lm2Rt9Kw7Vb',
      'arn:aws:lambda:eu-west-1:123456789012:function:cfn-notify',
      '!vault',
      '!Ref',
      'projects/acme-prod/secrets/stripe-key/versions/latest',
      'vault:secret/data/prod#api_token',
      'op://Production/Stripe/credential',
      'prod/billing/db',
      'config.secrets.githubToken',
    ])
      assert.ok(isGenericNonSecret(v), v);
  });

  it('generated values with slashes or dots are not taken for paths, and format prefixes are not sample words', () => {
    for (const v of [
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCY2x8LmQ7Vb1NtZ9',
      '/3ZQk8Lm2Vx9Kc4Rt8Wb1Yn5Hs3Tq7xLm2Rt9Kw7Vb==',
      's.hmA3kq8mZ2vT9xLwQbR7u1Yc',
      'secret_Zx8qLm2Vt9Rw4Kc7Yb1Nh5Ts3Pq6Xa0Lm2Rt9Kw7Vb',
      '6f1c2e9a-4b7d-4c3e-9a8f-2b1d7e6c5a43',
    ])
      assert.ok(!isGenericNonSecret(v), v);
    assert.ok(isGenericNonSecret('my-secret-key-2024'), 'a value that spells out what it is is a sample');
    assert.ok(!isGenericNonSecret('JNKpUPsDLoKULFonzC'), 'letters in random case are not a word');
    assert.ok(!isGenericNonSecret('vqbtkzmhxsplrwna'), 'lower-case letters with almost no vowels are not a word');
    assert.ok(isGenericNonSecret('strongpasswordpolicy'), 'a long lower-case word is a word');
    assert.ok(isGenericNonSecret('myPasswordField'), 'an identifier is a word');
    for (const prose of ['Jeton inattendu. Un constructeur est attendu.', '予期しないトークンです。', 'Неожиданный токен.'])
      assert.ok(isGenericNonSecret(prose), prose);
  });
});

describe('isGenericNonSecret on third-party code (bench/real-code-review.tsv)', () => {
  it('names made of words: constants, commands, lexer states, storage keys, annotations, snake_case names', () => {
    for (const v of [
      'FlowPasswordRequiredResultV2',
      '_provideDocumentSemanticTokensLegend',
      '?NoLineTerminatorHere',
      'chat.setupContextMigrated.v1',
      '_RSAPrivateKey',
      'x86_cpu_index_1_edx',
      'GetAccessKeyInfo', // an AWS operation: short words switch case as often as random letters
    ])
      assert.ok(isGenericNonSecret(v), v);
    // Random case splits into two-letter "words" with a vowel: still reported.
    assert.ok(!isGenericNonSecret('KaWeRoPuLiMoTeSa'), 'KaWeRoPuLiMoTeSa');
  });

  it('text in any script, also written with \\u escapes, and with a closing full stop', () => {
    for (const v of ['specified.', 'Beklenmeyen belirteç.', 'P\\u0101lau', '\\uB97C', 'n\\u00E3o']) assert.ok(isGenericNonSecret(v), v);
  });

  it('code: cut at an escaped newline, at `->`, between literals; arithmetic, Vim variables, regexes, options', () => {
    for (const v of [
      'false\\n',
      'this.pending\\n',
      'createPrivateKey\\nmodule.exports.createDhparam',
      '$CPAN::Config-',
      'Resolver-',
      ',DuplicateBinding:',
      'a:dict.istemp',
      '\\C\\<\\%(for\\|parfor\\|if\\)\\>',
      'scmVersion=',
    ])
      assert.ok(isGenericNonSecret(v), v);
  });

  it('version strings, SigV4 credential scopes, Go types, and base64 of text that says it is not real', () => {
    for (const v of [
      '0.0.0-development',
      'ABCDEF/20121226/us-east-1/sqs/aws4_request',
      '*uint16',
      Buffer.from('not my real password').toString('base64'),
    ])
      assert.ok(isGenericNonSecret(v), v);
  });

  it('still reports generated values that share a shape with those', () => {
    for (const v of [
      'Kq8mZ2vT9xLwQbR7V2', // letters and digits mixed inside, not a version at the end
      'Qm9vTz8kLp2Xv7Rw\\n', // an escaped newline after a real-looking value
      'k3x9_a8b2_q7z1_m4n6', // snake_case-shaped, but digits in every part
      Buffer.from('deploy:Tq7x9LmKa2vB').toString('base64'),
      'Zr8Kq2Lx7Vm4Tn9Wb3Yc=',
    ])
      assert.ok(!isGenericNonSecret(v), v);
  });
});

describe('isGenericNonSecret on third-party IaC and tooling (held-out IaC group of bench:real-code)', () => {
  it('member access with `?.` and `!.`, home-folder paths, API paths of words, npm-scoped setting ids', () => {
    for (const v of [
      'creds?.private_key',
      'idp.ProviderDetails!.private_key',
      '~/.aliyuncli/credentials',
      '~/.gcloud/keyfile.json',
      'org/users/current-user/s3-access-keys',
      '@aws-cdk/aws-rds:preventRenderingDeprecatedCredentials',
      '@aws-cdk/aws-secretsmanager:useAttachedSecretResourcePolicyForSecretTargetAttachments',
      'manageOwnS3Credentials',
    ])
      assert.ok(isGenericNonSecret(v), v);
    // The same shapes holding generated parts stay findings.
    for (const v of ['creds?.Kq8mZ2vT9xLwQbR7', '~/Tq9vLm2Xc8Kw4Rb7Nz1Hs5Y', 'kq8m-zt9x/lwqb-r7vz/qz1k-x9mn', '@acme/Kq8mZ2vT9xLwQbR7V2'])
      assert.ok(!isGenericNonSecret(v), v);
  });

  it('code cut at a quoted member, keyword arguments, Jinja filters, option choices quoted as inline code', () => {
    for (const v of ['$Params.', ', errors=', 'item.pass_key|string+', 'always`', 'on_create`', 'always``'])
      assert.ok(isGenericNonSecret(v), v);
    for (const v of ['$Kq8mZ2vT9x.', 'Kq8mZ2vT9xL`', 'Tq9vLm2Xc|8Kw4Rb']) assert.ok(!isGenericNonSecret(v), v);
  });
});

describe('isPlaceholder on third-party IaC and tooling', () => {
  it('letter and digit runs counted up, and snake_case names ending in what they stand for, are stand-ins', () => {
    for (const v of ['abc123def456', '123456abcdefg', 'abc123', 'oplog_reader_password', 'db-admin-secret']) assert.ok(isPlaceholder(v), v);
    // Digits alone are a weak password people do use; mixed runs that do not count up are values.
    for (const v of ['123456', '910457', 'abc124def456', 'abc1Kq8mZ2', 'oplogReader7_password']) assert.ok(!isPlaceholder(v), v);
  });
});

describe('genericRulesSkip', () => {
  it('skips tests, fixtures, examples and mocks, even inside docs; reads documentation folders', () => {
    for (const path of ['tests/config.py', 'pkg/fixtures/creds.json', 'examples/app/.env', 'docs/examples/api.md', 'src/client.test.ts'])
      assert.ok(genericRulesSkip(path), path);
    for (const path of ['docs/api.md', 'doc/runbook.txt', 'services/billing/docs/ops.md', 'src/config.py', 'docsite/index.md'])
      assert.ok(!genericRulesSkip(path), path);
  });
});
