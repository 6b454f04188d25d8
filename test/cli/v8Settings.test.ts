import * as assert from 'node:assert/strict';
import { INTERRUPT_BUDGET, V8_DEFAULTS_ENV, v8Flags } from '../../cli/v8Settings';

describe('V8 settings for CLI runs (cli/v8Settings.ts)', () => {
  const node20 = '11.3.244.8-node.33';

  it('raises the interrupt budget at start and holds the young generation once an audit begins, on the V8 they were measured on', () => {
    assert.deepEqual(v8Flags('start', node20, {}), [`--interrupt-budget=${INTERRUPT_BUDGET}`]);
    assert.deepEqual(v8Flags('audit', node20, {}), ['--semi-space-growth-factor=1']);
    assert.deepEqual(
      v8Flags('audit-done', node20, {}),
      ['--semi-space-growth-factor=2'],
      "V8's default again (the code cache is checked against it)",
    );
  });

  it('leaves another V8 release alone: the flags may be named or weighed differently there', () => {
    for (const version of ['12.4.254.21-node.33', '10.2.154.26-node.36', 'not a version']) {
      assert.deepEqual(v8Flags('start', version, {}), [], version);
      assert.deepEqual(v8Flags('audit', version, {}), [], version);
      assert.deepEqual(v8Flags('audit-done', version, {}), [], version);
    }
  });

  it('keeps V8 defaults when asked to', () => {
    assert.deepEqual(v8Flags('start', node20, { [V8_DEFAULTS_ENV]: '1' }), []);
    assert.deepEqual(v8Flags('audit', node20, { [V8_DEFAULTS_ENV]: '1' }), []);
  });
});
