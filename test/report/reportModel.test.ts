import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../engine';
import { compareRuleIds, reportOf, rulesUsed } from '../../report/reportModel';
import { sarifChunks } from '../../report/sarifReport';
import { joinChunks } from '../../report/reportStream';
import { noOmittedFindings } from '../../workspace/scan/retainedFindings';
import { builtinRules, defaultEngine } from '../support/engineFixture';

/** An id as rules/schema.json allows it. */
const ruleId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/);

describe('report model (report/reportModel.ts)', () => {
  it('orders rule ids as ICU orders them in English and in its root collation, built-in ones and any the schema allows', () => {
    const ids = builtinRules().map((r) => r.definition.id);
    for (const locale of ['en', 'und']) {
      const collator = new Intl.Collator(locale);
      assert.deepEqual([...ids].sort(compareRuleIds), [...ids].sort(collator.compare), locale);
      fc.assert(
        fc.property(fc.array(ruleId, { maxLength: 12 }), (some) => {
          assert.deepEqual([...some].sort(compareRuleIds), [...some].sort(collator.compare));
        }),
      );
    }
  });

  it("lists the rules of a report's findings without the locale's collation (a SARIF report)", () => {
    const engine = defaultEngine();
    const scan = (text: string) => engine.scan({ path: 'a.env', text }).findings;
    const findings: Finding[] = [
      ...scan('K=AKIAZ3MPLQ7RTX4VWY2Q'),
      ...scan('SLACK=xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'),
    ];
    const run = {
      findings,
      identities: [],
      skipped: [],
      filesScanned: 1,
      bytesScanned: 10,
      suppressed: 0,
      cancelled: false,
      durationMs: 1,
      baselined: 0,
      omitted: noOmittedFindings(),
      maxFindings: 100,
    };
    const report = reportOf(run, '/ws', engine.rules);
    // Its first call loads ICU's collation data: 15-24 ms of a warm cached audit's SARIF report.
    const localeCompare = Object.getOwnPropertyDescriptor(String.prototype, 'localeCompare')!;
    Object.defineProperty(String.prototype, 'localeCompare', {
      ...localeCompare,
      value: () => assert.fail('localeCompare called'),
    });
    try {
      assert.deepEqual(
        rulesUsed(report).map((r) => r.definition.id),
        ['aws-access-key-id', 'slack-bot-token'],
      );
      assert.match(joinChunks(sarifChunks([{ report }])), /"id": "slack-bot-token"/);
    } finally {
      Object.defineProperty(String.prototype, 'localeCompare', localeCompare);
    }
  });
});
