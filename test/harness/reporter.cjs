/**
 * Mocha's spec reporter plus a closing line that counts what was skipped and why (the tiers of
 * test/harness/tiers.ts). Under SHOWRUNNER_REQUIRE a skipped test is a failure: CI must run all.
 */
'use strict';
const Mocha = require('mocha');

class TieredSpec extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let pending = 0;
    runner.on('pending', () => { pending++; });
    runner.once('end', () => {
      const reasons = globalThis.showrunnerSkips || {};
      const explained = Object.values(reasons).reduce((a, b) => a + b, 0);
      const parts = Object.entries(reasons).map(([why, n]) => `${n} (${why})`);
      if (pending > explained) parts.push(`${pending - explained} marked pending in the code`);
      const required = (process.env.SHOWRUNNER_REQUIRE || '').split(',').filter(Boolean);
      console.log(`  skipped: ${pending}${parts.length ? ': ' + parts.join('; ') : ''}`);
      if (required.length && pending > 0) {
        console.log(`  SHOWRUNNER_REQUIRE=${required.join(',')}: no test may be skipped; counted as a failure`);
        runner.failures += 1;
      }
      console.log('');
    });
  }
}

module.exports = TieredSpec;
