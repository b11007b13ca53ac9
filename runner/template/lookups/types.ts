/** What every lookup plugin is: terms and keyword options in, a list of values out. */
import type { Subdir } from './search.js';

export interface LookupContext {
  /** `with_first_found` in a template task looks in templates/ (Ansible picks by the module). */
  subdir?: Subdir;
}

export type Lookup = (terms: unknown[], kwargs: Record<string, unknown>, ctx: LookupContext) => unknown[];
