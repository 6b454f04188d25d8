import * as assert from 'node:assert/strict';
import { createEngine } from '../../workspace/engineFactory';
import { check, formatReport, runFuzz } from './fuzzHarness';

/**
 * A short, fixed-seed run of the engine fuzz (`npm run fuzz` runs the long one). Crashes and
 * leaks fail the test; hangs are only printed: wall-clock time depends on the machine.
 */
describe('engine fuzz (short, fixed seed)', function () {
  this.timeout(300_000);

  it('300 inputs of every kind: no crash, no echoed secret', () => {
    const report = runFuzz({ runs: 300, seed: 14, budgetMs: 5000 });
    if (report.hangs || report.crashes || report.leaks) console.log(formatReport(report));
    assert.equal(report.inputs, 300);
    const shapes = ['rule-example', 'fixture', 'random-bytes', 'alias-bomb', 'deep-nesting', 'large'];
    for (const family of shapes) assert.ok(report.byFamily[family] > 0, `the run covers ${family}: ${JSON.stringify(report.byFamily)}`);
    const fileKinds = Object.keys(report.byFamily).filter((f) => !shapes.includes(f));
    assert.equal(fileKinds.length, 22, `every file template: ${fileKinds.join(', ')}`);
    assert.equal(report.crashes, 0, formatReport(report));
    assert.equal(report.leaks, 0, formatReport(report));
  });

  it('the checks catch what they look for: a crash, an echoed secret, a slow scan', () => {
    const engine = createEngine();
    const token = ['xo', 'xb-2741093856-4820193746512-', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');
    const input = { family: 'probe', path: '.env', text: `SLACK_TOKEN=${token}\n`, planted: [token] };
    assert.equal(check(engine, input, 5000).failure, undefined);
    const throwing = Object.create(engine, {
      scan: {
        value: () => {
          throw new Error(`bad ${token}`);
        },
      },
    });
    const crash = check(throwing, input, 5000).failure!;
    assert.equal(crash.kind, 'crash');
    assert.ok(!crash.detail.includes(token) && !crash.input.includes(token), 'the report masks the secret');
    const echoing = Object.create(engine, {
      scan: { value: () => ({ findings: [], suppressed: 0, skipped: [{ path: '.env', reason: `unexpected ${token.slice(3, 20)}` }] }) },
    });
    assert.equal(check(echoing, input, 5000).failure?.kind, 'leak');
    assert.equal(check(engine, input, -1).failure?.kind, 'hang');
  });
});
