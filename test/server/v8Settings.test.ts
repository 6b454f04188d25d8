import * as assert from 'node:assert/strict';
import { serverV8Flags } from '../../server/v8Settings';
import { INTERRUPT_BUDGET, V8_DEFAULTS_ENV } from '../../workspace/runtime/v8Release';

describe('V8 settings for the language server (server/v8Settings.ts)', () => {
  const node20 = '11.3.244.8-node.33';

  it('raises the interrupt budget and turns off inlining by the optimising compiler, on the V8 they were measured on', () => {
    assert.deepEqual(serverV8Flags(node20, {}), [`--interrupt-budget=${INTERRUPT_BUDGET}`, '--no-turbo-inlining']);
  });

  it('leaves another V8 release alone: the flags may be named or weighed differently there', () => {
    for (const version of ['12.4.254.21-node.33', '10.2.154.26-node.36', 'not a version'])
      assert.deepEqual(serverV8Flags(version, {}), [], version);
  });

  it('keeps V8 defaults when asked to', () => {
    assert.deepEqual(serverV8Flags(node20, { [V8_DEFAULTS_ENV]: '1' }), []);
  });
});
