/**
 * Inventory problems are reported like every other load problem: file:line:col and what was
 * expected, so the command line prints them the same way and exits as for bad input.
 */
import { LoadError, LoadErrors } from '../load/errors.js';

export function inventoryError(file: string, line: number, col: number, reason: string, suggestion?: string): LoadErrors {
  const details = suggestion === undefined ? {} : { suggestion };
  return new LoadErrors([new LoadError({ file, line, col }, reason, details)]);
}

export { LoadError, LoadErrors };
