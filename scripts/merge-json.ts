/**
 * One `--json` report from the reports of shards of a run (each `showrunner run --json --limit
 * PATTERN` on its own machine or CI job), as a single run over all the hosts would have written:
 *
 *   node --import tsx scripts/merge-json.ts shard-1.json shard-2.json ... > run.json
 *
 * Prints the merged report on stdout and the PLAY RECAP of every host on stderr; exits with
 * the worst shard's exit code, in the order one run picks its own (5 bad input, 1 error, 4 a
 * host unreachable, 2 a host failed, 0),
 * or 5 itself when the reports do not belong together (other playbook, overlapping hosts).
 */
import { readFileSync } from 'node:fs';
import { mergeReports, MergeError } from '../runner/output/merge-reports.js';
import { recapLines } from '../runner/output/recap.js';
import { makeStyle } from '../runner/output/style.js';
import type { JsonReport } from '../runner/output/json-report.js';

const files = process.argv.slice(2);
if (!files.length) {
  process.stderr.write('usage: merge-json.ts REPORT.json... (the --json output of each shard)\n');
  process.exit(5);
}
try {
  const merged = mergeReports(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as JsonReport));
  process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  process.stderr.write(`PLAY RECAP ${'*'.repeat(71)}\n${recapLines(new Map(Object.entries(merged.stats)), makeStyle(false)).join('\n')}\n`);
  process.exitCode = merged.exit_code ?? 0;
} catch (e) {
  process.stderr.write(`merge-json: ${e instanceof MergeError || e instanceof SyntaxError ? e.message : String(e)}\n`);
  process.exitCode = 5;
}
