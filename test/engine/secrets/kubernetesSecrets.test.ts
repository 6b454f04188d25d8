import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { hasYamlKindSecret, kubernetesSecretData } from '../../../engine/secrets/kubernetesSecrets';
import { Rng } from '../../support/seededRandom';
import { defaultEngine } from '../../support/engineFixture';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (data: string, extra = '') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n${data}\n${extra}`;

describe('kubernetesSecretData', () => {
  it('decodes the data entries of a Secret, with the exact span of each base64 value', () => {
    const text = secret(`  username: ${b64('app')}\n  password: ${b64('Tq7x9LmKa2')}`, 'immutable: true\n');
    const values = kubernetesSecretData(text);
    assert.deepEqual(
      values.map((v) => [v.key, v.decoded, text.slice(v.start, v.end)]),
      [
        ['username', 'app', b64('app')],
        ['password', 'Tq7x9LmKa2', b64('Tq7x9LmKa2')],
      ],
    );
  });

  it('stops at the next top-level key and reads every document of a multi-document file', () => {
    const text = `kind: Deployment\ndata:\n  token: ${b64('not in a secret')}\n---\n${secret(`  token: ${b64('abc')}`, `stringData:\n  other: plain\n`)}`;
    assert.deepEqual(
      kubernetesSecretData(text).map((v) => v.decoded),
      ['abc'],
    );
  });

  it('reads JSON manifests; ignores other kinds, binary data and what is not base64', () => {
    const json = `{"apiVersion": "v1", "kind": "Secret", "data": {"token": "${b64('Zr8Kq2Lx7Vm4')}"}}`;
    assert.deepEqual(
      kubernetesSecretData(json).map((v) => v.decoded),
      ['Zr8Kq2Lx7Vm4'],
    );
    assert.deepEqual(kubernetesSecretData(`kind: ConfigMap\ndata:\n  token: ${b64('Zr8Kq2Lx7Vm4')}\n`), []);
    assert.deepEqual(kubernetesSecretData(secret(`  blob: ${Buffer.from([0, 1, 2, 250, 251, 252]).toString('base64')}`)), []);
    assert.deepEqual(kubernetesSecretData(secret('  password: "{{ .Values.password | b64enc }}"')), []);
  });
});

describe('hasYamlKindSecret', () => {
  // It searches for "kind:" and tries the rest where a line starts: it must answer what the
  // multiline regex it stands for answers, whatever the line ends and the text around.
  it('answers what /^kind:…$/m answers', () => {
    const reference = /^kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/m;
    const pieces = [
      'kind:',
      ' Secret',
      '"Secret"',
      "'Secret'",
      'Secrets',
      ' # note',
      '\n',
      '\r\n',
      '\r',
      '\u2028',
      '  ',
      'x',
      'kind: ConfigMap',
      '\t',
    ];
    const rng = new Rng(5107);
    let matched = 0;
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 1 + rng.int(8) }, () => pieces[rng.int(pieces.length)]).join('');
      const expected = reference.test(text);
      if (expected) matched++;
      assert.equal(hasYamlKindSecret(text), expected, JSON.stringify(text));
    }
    assert.ok(matched > 30, `only ${matched} texts matched`);
    assert.equal(hasYamlKindSecret('kind: Secret'), true);
    assert.equal(hasYamlKindSecret('apiVersion: v1\r\nkind: "Secret" # db\r\n'), true);
    assert.equal(hasYamlKindSecret('  kind: Secret\n'), false);
    assert.equal(hasYamlKindSecret('xkind: Secret\nkind: Secrets\n'), false);
  });
});

describe('Engine.scan: Kubernetes Secret data', () => {
  const engine = defaultEngine();
  const scan = (text: string) => engine.scan({ path: 'k8s/secret.yaml', text }).findings;

  it('finds a password, a private key and registry credentials inside base64 values', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const docker = JSON.stringify({ auths: { 'ghcr.io': { auth: b64('acme-bot:Wq7vLm2Rt9Kx4Zb8') } } });
    const text = secret(`  password: ${b64('Tq7x9LmKa2#v')}\n  tls.key: ${b64(key)}\n  .dockerconfigjson: ${b64(docker)}`);
    const findings = scan(text);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.fix.keyName]),
      [
        ['generic-password-assignment', 'password'],
        ['private-key-pkcs8', 'tls.key'],
        ['docker-config-auth', '.dockerconfigjson'],
      ],
    );
    for (const f of findings)
      assert.match(text.slice(f.offsets.start, f.offsets.end), /^[A-Za-z0-9+/]+=*$/, 'the range is the base64 value');
    assert.ok(!findings.some((f) => f.message.includes('Tq7x9LmKa2#v')), 'messages are masked');
  });

  it('stays quiet on placeholders and non-secret data', () => {
    const text = secret(
      `  username: ${b64('admin')}\n  password: ${b64('changeme')}\n  ca.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}`,
    );
    assert.deepEqual(scan(text), []);
  });
});
