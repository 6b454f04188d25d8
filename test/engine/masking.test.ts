import * as assert from 'node:assert/strict';
import { fingerprintOf, maskSecret } from '../../engine';

describe('masking and fingerprints', () => {
  it('shows at most a third of a value, and nothing of short ones', () => {
    for (const value of ['AKIAZ3MPLQ7RTX4VWY2Q', 'Tr0ub4dor&3', 'sk_live_51Hx9Zq2Lm8Kc7Vb4Nw6Rt3Yp1Gs5Dj0', 'abcd1234efgh']) {
      const masked = maskSecret(value);
      const shown = masked.replace(/[…•]/g, '');
      assert.ok(shown.length * 3 <= value.length, `${masked} reveals too much of a ${value.length}-char value`);
      assert.ok(!masked.includes(value.slice(0, Math.ceil(value.length / 2))), masked);
    }
    assert.equal(maskSecret('hunter22'), '••••••••');
    assert.equal(maskSecret('AKIAZ3MPLQ7RTX4VWY2QABCD'), 'AKIA…ABCD');
  });

  it('shows only the header of a PEM block', () => {
    const masked = maskSecret('-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----');
    assert.match(masked, /^-----BEGIN RSA PRIVATE KEY-----…\(\d+ chars\)$/);
    assert.ok(!masked.includes('MIIB'));
  });

  it('fingerprints are stable, rule-specific and do not contain the value', () => {
    const value = 'ghp_aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xyz12';
    assert.equal(fingerprintOf('r', value), fingerprintOf('r', value));
    assert.notEqual(fingerprintOf('r', value), fingerprintOf('s', value));
    assert.match(fingerprintOf('r', value), /^[0-9a-f]{32}$/);
    assert.ok(!fingerprintOf('r', value).includes(value.slice(4, 12).toLowerCase()));
  });
});
