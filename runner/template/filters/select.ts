/**
 * map / select / reject / selectattr / rejectattr, with Jinja2's test semantics (nunjucks'
 * selectattr ignores the test and keeps every item whose attribute is truthy).
 */
import { TemplateError } from '../errors.js';
import { getAttr, must } from '../attr.js';
import { splitKwargs, isKwargs } from '../kwargs.js';
import { truthy } from '../py-values.js';
import { TESTS } from '../tests.js';
import { Undef } from '../undef.js';
import { items } from './collections.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;
type Lookup = (name: string) => Filter | undefined;

let filterLookup: Lookup = () => undefined;

/** index.ts hands over the filter table (map('upper') calls other filters). */
export function setFilterLookup(lookup: Lookup): void {
  filterLookup = lookup;
}

function check(value: unknown, testName: unknown, args: unknown[]): boolean {
  if (testName === undefined) return truthy(must(value));
  const name = String(testName);
  const test = TESTS[name];
  if (!test) throw new TemplateError(`no test named '${name}'`);
  if (value instanceof Undef && name !== 'defined' && name !== 'undefined') must(value);
  return test(value, ...args) === true;
}

function selectBy(value: unknown, rest: unknown[], keep: boolean): unknown[] {
  const [testName, ...args] = rest;
  return items(value).filter((v) => check(v, testName, args) === keep);
}

function selectAttrBy(value: unknown, rest: unknown[], keep: boolean): unknown[] {
  const [attribute, testName, ...args] = rest;
  if (attribute === undefined) throw new TemplateError('selectattr/rejectattr need an attribute name');
  return items(value).filter((v) => check(getAttr(v, attribute), testName, args) === keep);
}

export const SELECT_FILTERS: Record<string, Filter> = {
  map(value, ...rest) {
    const list = items(value);
    const p = splitKwargs(rest);
    // Jinja2: attribute= means attribute mode only when no filter is named; else it goes to the filter.
    if (p.kwargs.attribute !== undefined && p.args.length === 0) {
      const dflt = p.kwargs.default;
      return list.map((v) => {
        const a = getAttr(v, p.kwargs.attribute);
        return a instanceof Undef && 'default' in p.kwargs ? dflt : must(a);
      });
    }
    const [name, ...args] = p.args;
    if (name === undefined) return list;
    const filter = filterLookup(String(name));
    if (!filter) throw new TemplateError(`no filter named '${String(name)}'`);
    const kw = rest.length && isKwargs(rest[rest.length - 1]) ? [rest[rest.length - 1]] : [];
    return list.map((v) => filter(v, ...args, ...kw));
  },
  select: (value, ...rest) => selectBy(value, rest, true),
  reject: (value, ...rest) => selectBy(value, rest, false),
  selectattr: (value, ...rest) => selectAttrBy(value, rest, true),
  rejectattr: (value, ...rest) => selectAttrBy(value, rest, false),
};
