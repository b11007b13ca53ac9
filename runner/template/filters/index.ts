/** Every filter by name; nunjucks' own remain for names not listed here (indent, center, wordcount...). */
import { COLLECTION_FILTERS } from './collections.js';
import { DATA_FILTERS } from './data.js';
import { NUMBER_FILTERS } from './numbers.js';
import { PATH_FILTERS } from './paths.js';
import { REGEX_FILTERS } from './regex.js';
import { SELECT_FILTERS, setFilterLookup } from './select.js';
import { TEXT_FILTERS } from './text.js';
import { versionTest } from '../version.js';
import { truthy } from '../py-values.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

export const FILTERS: Record<string, Filter> = {
  ...TEXT_FILTERS,
  ...NUMBER_FILTERS,
  ...COLLECTION_FILTERS,
  ...SELECT_FILTERS,
  ...DATA_FILTERS,
  ...REGEX_FILTERS,
  ...PATH_FILTERS,
  version_compare: versionTest,
  ternary: (v, yes, no, none) => (v === null && none !== undefined && none !== null ? none : truthy(v) ? yes : no),
};
FILTERS.d = FILTERS.default;

setFilterLookup((name) => FILTERS[name]);
