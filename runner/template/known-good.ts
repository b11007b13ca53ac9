/**
 * Templates known to parse, kept between runs: checking every template of a playbook before the
 * run (check.ts) compiles each one, most of the start-up of a large playbook, and the answer for a
 * text that parsed once is the same until the code or its filters and tests change. Texts with
 * problems are never kept (their error is always reported afresh).
 */
import { KeptFile } from '../load/kept-file.js';
import { filtersAndTests } from './environment.js';

const kept = new KeptFile('templates', filtersAndTests);

export function knownGood(kind: string, text: string): boolean {
  return kept.get(`${kind}\u0001${text}`) !== undefined;
}

export function rememberGood(kind: string, text: string): void {
  kept.add(`${kind}\u0001${text}`);
}
