import * as assert from 'node:assert/strict';
import { findAssignments, snakeName } from '../../../engine/secrets/assignments';

const pairs = (line: string) => findAssignments(line).map((a) => [a.name, a.value]);

describe('findAssignments', () => {
  it('reads .NET-style key/value attribute pairs', () => {
    const line = '    <add key="StripeSecretKey" value="rk_9Xq2" />';
    const [a] = findAssignments(line).filter((x) => x.name === 'StripeSecretKey');
    assert.equal(a.value, 'rk_9Xq2');
    assert.equal(line.slice(a.valueStart, a.valueEnd), 'rk_9Xq2');
    assert.equal(a.quote, '"');
    // `name="…"` followed by another attribute than value is not a pair.
    assert.ok(!pairs('<add name="Default" connectionString="Server=x" />').some(([n]) => n === 'Default'));
  });

  it("names an XML element's text by its name or key attribute (Hibernate, log4j2, XML properties)", () => {
    const pw = ['Hs5p', 'W9eKx2mQr7'].join('');
    const line = `        <property name="hibernate.connection.password">${pw}</property>`;
    const a = findAssignments(line).find((x) => x.value === pw)!;
    assert.equal(a.name, 'hibernate.connection.password');
    assert.equal(line.slice(a.valueStart, a.valueEnd), pw);
    assert.equal(line.slice(a.nameStart, a.nameStart + a.name.length), a.name);
    // The element's own name is still read (`<password>…</password>` needs no attribute).
    assert.ok(pairs(line).some(([n, v]) => n === 'property' && v === pw));
    const named = (l: string) => pairs(l).filter(([, v]) => v === pw)[0];
    assert.deepEqual(named(`  <entry key="db.password">${pw}</entry>`), ['db.password', pw]);
    assert.deepEqual(named(`    <Property name='smtpPassword'>${pw}</Property>`), ['smtpPassword', pw]);
    // Another attribute (`type`, `id`) does not name the text.
    assert.deepEqual(named(`<property type="password">${pw}</property>`), ['property', pw]);
  });

  it('reads calls that pair a name with a value: define(), getenv defaults, setdefault', () => {
    assert.deepEqual(pairs("define( 'DB_PASSWORD', 'Kq8mZ2vT' );"), [['DB_PASSWORD', 'Kq8mZ2vT']]);
    assert.deepEqual(pairs('API_TOKEN = os.getenv("API_TOKEN", "t0k3nV4lue")').at(-1), ['API_TOKEN', 't0k3nV4lue']);
    assert.deepEqual(pairs('os.environ.setdefault("SECRET_KEY", "abc123xyz")'), [['SECRET_KEY', 'abc123xyz']]);
    // A variable as second argument is not a literal.
    assert.deepEqual(pairs('os.environ.setdefault("SECRET_KEY", value)'), []);
  });

  it('reads the literal default after an environment lookup, named by the variable', () => {
    const found = findAssignments("const stripeKey = process.env.STRIPE_SECRET_KEY || 'sk_abc123';");
    assert.deepEqual(
      found.map((a) => [a.name, a.value, a.quote]),
      [['STRIPE_SECRET_KEY', 'sk_abc123', "'"]],
    );
    assert.deepEqual(pairs('token = os.environ.get("GH_TOKEN") or "ghx_123456"'), [['GH_TOKEN', 'ghx_123456']]);
    assert.deepEqual(pairs("key = ENV['API_KEY'] ?? 'abcdef12'"), [['API_KEY', 'abcdef12']]);
    // Without a fallback the lookup itself is the value (a code expression).
    assert.deepEqual(pairs('const key = process.env.API_KEY;'), [['key', 'process.env.API_KEY']]);
  });

  it('reads values after Rust and TypeScript type annotations', () => {
    assert.deepEqual(pairs('const API_TOKEN: &str = "r8_abc";')[0], ['API_TOKEN', 'r8_abc']);
    assert.deepEqual(pairs("const token: string = 'abc';")[0], ['token', 'abc']);
  });

  it('keeps a `#` inside an unquoted value, and ends the value at a comment', () => {
    const pw = ['Lf', 'b0i'].join('#') + '=V8q';
    assert.deepEqual(pairs(`POSTGRES_PASSWORD: ${pw}`), [['POSTGRES_PASSWORD', pw]]);
    assert.deepEqual(pairs(`PGPASSWORD=${pw} psql -h db`), [['PGPASSWORD', pw]]);
    assert.deepEqual(pairs('db_password: Kq8mZ2vT # rotated monthly'), [['db_password', 'Kq8mZ2vT']]);
    // A value that starts with `#` is a comment (or a colour), not a value.
    assert.deepEqual(pairs('password: # set in vault'), []);
  });

  it('reads an Elixir module attribute as an assignment, and nothing else that starts with @', () => {
    assert.deepEqual(pairs('  @token "Kq8mZ2vT9xLw"'), [['@token', 'Kq8mZ2vT9xLw']]);
    assert.deepEqual(pairs('  @moduledoc """'), []);
    // An attribute set from a call is no literal value.
    assert.deepEqual(pairs('  @token_ttl System.get_env("TTL")'), []);
  });

  it('does not take a path segment or a glued `name:value` for a mapping', () => {
    assert.deepEqual(pairs('    checksum/secret: 9f2c'), []);
    assert.deepEqual(
      pairs('ref: arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-AbC').map(([n]) => n),
      ['ref'],
    );
    assert.deepEqual(pairs('{apiKey:"k-123"}'), [['apiKey', 'k-123']]);
    assert.deepEqual(pairs('//registry.npmjs.org/:_authToken=npm_abc'), [['_authToken', 'npm_abc']]);
  });
});

describe('snakeName', () => {
  it('spells every convention the same way', () => {
    for (const name of ['dbPassword', 'DB_PASSWORD', 'db-password', 'db.password', 'DbPassword', '$dbPassword'])
      assert.equal(snakeName(name), 'db_password');
    assert.equal(snakeName('HTTPServerToken'), 'http_server_token');
    assert.equal(snakeName('isPasswordValid'), 'is_password_valid');
  });
});
