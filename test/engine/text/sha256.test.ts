import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { sha256Hex } from '../../../engine/text/sha256';
import { fingerprintOf } from '../../../engine/secrets/masking';

describe('sha256Hex', () => {
  const texts = ['', 'a', 'nhi-lens:v1\0rule\0value', 'päth/ünïcode\0secret\0名前', 'x'.repeat(100_000)];

  it("is node's SHA-256 of the text's UTF-8 bytes, in hex, with the one-shot hash", function () {
    if (typeof crypto.hash !== 'function') this.skip(); // Node before 20.12: the fallback below is all there is
    for (const text of texts) assert.equal(sha256Hex(text), crypto.createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('gives the same digest where node has no one-shot hash (createHash instead)', () => {
    const withoutHash = { createHash: crypto.createHash } as unknown as typeof crypto;
    for (const text of texts) assert.equal(sha256Hex(text, withoutHash), crypto.createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('keeps fingerprints as they were: the first 16 bytes of the digest of rule id and value', () => {
    const value = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
    const expected = crypto
      .createHash('sha256')
      .update(`nhi-lens:v1\0aws-access-key-id\0${value}`)
      .digest()
      .subarray(0, 16)
      .toString('hex');
    assert.equal(fingerprintOf('aws-access-key-id', value), expected);
  });
});
