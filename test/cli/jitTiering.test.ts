import * as assert from 'node:assert/strict';
import { DEFAULT_TIERING_ENV, INTERRUPT_BUDGET, tieringFlag } from '../../cli/jitTiering';

describe('V8 tiering for short CLI runs (cli/jitTiering.ts)', () => {
  it('raises the interrupt budget on the V8 it was measured on (Node 20)', () => {
    assert.equal(tieringFlag('11.3.244.8-node.33', {}), `--interrupt-budget=${INTERRUPT_BUDGET}`);
  });

  it('leaves another V8 release alone: the flag may be named or weighed differently there', () => {
    assert.equal(tieringFlag('12.4.254.21-node.33', {}), undefined);
    assert.equal(tieringFlag('10.2.154.26-node.36', {}), undefined);
    assert.equal(tieringFlag('not a version', {}), undefined);
  });

  it('keeps V8 defaults when asked to', () => {
    assert.equal(tieringFlag('11.3.244.8-node.33', { [DEFAULT_TIERING_ENV]: '1' }), undefined);
  });
});
