// Mocha's spec output, then one closing line CI can read: "N passed, N failed[, N skipped]".
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      // Printed after Spec's own epilogue, so it is the last line of the run.
      process.nextTick(() => console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`));
    });
  }
}
module.exports = SummaryReporter;
