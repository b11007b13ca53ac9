/** List and dict filters: sizes, ordering, set operations, merging and reshaping. */
import { TemplateError } from '../errors.js';
import { getAttr, must } from '../attr.js';
import { arg, splitKwargs } from '../kwargs.js';
import { add, pyEq, pyOrder } from '../py-ops.js';
import { isDict, typeName, type Dict } from '../py-values.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

export function items(value: unknown, what = 'filter'): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isDict(value)) return Object.keys(value);
  if (value && typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
  throw new TemplateError(`${what}: '${typeName(value)}' object is not iterable`);
}

/** The first of each group of equal items; `key` is what is compared (Jinja2's unique). */
function uniq(list: unknown[], key: (v: unknown) => unknown = (v) => v): unknown[] {
  const out: unknown[] = [];
  const seen: unknown[] = [];
  for (const v of list) {
    const k = key(v);
    if (seen.some((o) => pyEq(o, k))) continue;
    seen.push(k);
    out.push(v);
  }
  return out;
}

function sortKey(attribute: unknown, caseSensitive: boolean): (v: unknown) => unknown {
  return (v) => {
    const k = attribute === undefined || attribute === null ? v : must(getAttr(v, attribute));
    return !caseSensitive && typeof k === 'string' ? k.toLowerCase() : k;
  };
}

function extreme(value: unknown, rest: unknown[], sign: number): unknown {
  const p = splitKwargs(rest);
  const key = sortKey(arg(p, 1, 'attribute', undefined), Boolean(arg(p, 0, 'case_sensitive', false)));
  const list = items(value);
  if (!list.length) throw new TemplateError('No aggregated item, sequence was empty.');
  return list.reduce((best, v) => (pyOrder(key(v), key(best)) * sign > 0 ? v : best));
}

function merge(a: Dict, b: Dict, recursive: boolean, listMerge: string): Dict {
  const out: Dict = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const old = out[k];
    if (recursive && isDict(old) && isDict(v)) out[k] = merge(old, v, true, listMerge);
    else if (Array.isArray(old) && Array.isArray(v) && listMerge !== 'replace') {
      if (listMerge === 'append') out[k] = [...old, ...v];
      else if (listMerge === 'prepend') out[k] = [...v, ...old];
      else if (listMerge === 'append_rp') out[k] = [...old.filter((x) => !v.some((y) => pyEq(x, y))), ...v];
      else if (listMerge === 'prepend_rp') out[k] = [...v, ...old.filter((x) => !v.some((y) => pyEq(x, y)))];
      else if (listMerge === 'keep') out[k] = old;
      else throw new TemplateError(`combine: unknown list_merge '${listMerge}'`);
    } else out[k] = v;
  }
  return out;
}

function flatten(list: unknown[], levels: number | undefined, skipNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const v of list) {
    if (skipNulls && (v === null || v === 'None')) continue;
    if (Array.isArray(v) && (levels === undefined || levels > 0)) out.push(...flatten(v, levels === undefined ? undefined : levels - 1, skipNulls));
    else out.push(v);
  }
  return out;
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((v) => [...prefix, v])), [[]]);
}

export const COLLECTION_FILTERS: Record<string, Filter> = {
  length: (v) => (isDict(v) ? Object.keys(v).length : items(v, 'length').length),
  first: (v) => items(v)[0] ?? null,
  last: (v) => { const l = items(v); return l.length ? l[l.length - 1] : null; },
  min: (v, ...rest) => extreme(v, rest, -1),
  max: (v, ...rest) => extreme(v, rest, 1),
  sum(v, ...rest) {
    const p = splitKwargs(rest);
    const attribute = arg<unknown>(p, 0, 'attribute', undefined);
    return items(v).reduce((acc, x) => add(acc, attribute === undefined ? x : must(getAttr(x, attribute))), arg(p, 1, 'start', 0));
  },
  sort(v, ...rest) {
    const p = splitKwargs(rest);
    const key = sortKey(arg(p, 2, 'attribute', undefined), Boolean(arg(p, 1, 'case_sensitive', false)));
    const reverse = Boolean(arg(p, 0, 'reverse', false));
    const sorted = [...items(v)].sort((a, b) => pyOrder(key(a), key(b)));
    return reverse ? sorted.reverse() : sorted;
  },
  /** As Ansible's (Jinja2's): strings compare without case unless case_sensitive=true; `attribute` picks what is compared. */
  unique(v, ...rest) {
    const p = splitKwargs(rest);
    return uniq(items(v), sortKey(arg(p, 1, 'attribute', undefined), Boolean(arg(p, 0, 'case_sensitive', false))));
  },
  reverse: (v) => (typeof v === 'string' ? Array.from(v).reverse().join('') : [...items(v)].reverse()),
  list: (v) => [...items(v)],
  flatten(v, ...rest) {
    const p = splitKwargs(rest);
    const levels = arg<unknown>(p, 0, 'levels', undefined);
    return flatten(items(v), levels === undefined || levels === null ? undefined : Number(levels), Boolean(arg(p, 1, 'skip_nulls', true)));
  },
  zip: (v, ...others) => { const lists = [items(v), ...others.map((o) => items(o))]; return lists[0].map((_x, i) => lists.map((l) => l[i])).slice(0, Math.min(...lists.map((l) => l.length))); },
  zip_longest(v, ...rest) {
    const p = splitKwargs(rest);
    const lists = [items(v), ...p.args.map((o) => items(o))];
    const n = Math.max(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_x, i) => lists.map((l) => (i < l.length ? l[i] : p.kwargs.fillvalue ?? null)));
  },
  product(v, ...rest) {
    const p = splitKwargs(rest);
    const lists = [items(v), ...p.args.map((o) => items(o))];
    const repeat = Number(p.kwargs.repeat ?? 1);
    return product(Array.from({ length: repeat }, () => lists).flat());
  },
  combine(v, ...rest) {
    const p = splitKwargs(rest);
    const dicts = [v, ...p.args].flatMap((d) => (Array.isArray(d) ? d : [d]));
    for (const d of dicts) if (!isDict(d)) throw new TemplateError(`combine expects dictionaries, got '${typeName(d)}'`);
    return (dicts as Dict[]).reduce((acc, d) => merge(acc, d, Boolean(p.kwargs.recursive), String(p.kwargs.list_merge ?? 'replace')), {});
  },
  dict2items(v, ...rest) {
    if (!isDict(v)) throw new TemplateError(`dict2items requires a dictionary, got ${typeName(v)} instead.`);
    const p = splitKwargs(rest);
    const k = String(arg(p, 0, 'key_name', 'key'));
    const val = String(arg(p, 1, 'value_name', 'value'));
    return Object.entries(v).map(([key, value]) => ({ [k]: key, [val]: value }));
  },
  items2dict(v, ...rest) {
    const p = splitKwargs(rest);
    const k = String(arg(p, 0, 'key_name', 'key'));
    const val = String(arg(p, 1, 'value_name', 'value'));
    const out: Dict = {};
    for (const item of items(v)) {
      if (!isDict(item)) throw new TemplateError(`items2dict requires a list of dictionaries, got ${typeName(item)}`);
      out[String(must(getAttr(item, k)))] = must(getAttr(item, val));
    }
    return out;
  },
  difference: (a, b) => uniq(items(a).filter((x) => !items(b).some((y) => pyEq(x, y)))),
  intersect: (a, b) => uniq(items(a).filter((x) => items(b).some((y) => pyEq(x, y)))),
  union: (a, b) => uniq([...items(a), ...items(b)]),
  symmetric_difference: (a, b) => uniq([...items(a).filter((x) => !items(b).some((y) => pyEq(x, y))), ...items(b).filter((y) => !items(a).some((x) => pyEq(x, y)))]),
  extract(key, container, morekeys) {
    let v = must(getAttr(container, key));
    for (const k of morekeys === undefined ? [] : Array.isArray(morekeys) ? morekeys : [morekeys]) v = must(getAttr(v, k));
    return v;
  },
  dictsort(v, caseSensitive, by) {
    if (!isDict(v)) throw new TemplateError('dictsort expects a dictionary');
    const i = by === 'value' ? 1 : 0;
    const key = sortKey(undefined, Boolean(caseSensitive));
    return Object.entries(v).sort((a, b) => pyOrder(key(a[i]), key(b[i])));
  },
  items: (v) => (isDict(v) ? Object.entries(v) : []),
  batch(v, size, fill) {
    const l = items(v);
    const n = Number(size);
    const out: unknown[][] = [];
    for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
    const last = out[out.length - 1];
    if (fill !== undefined && last) while (last.length < n) last.push(fill);
    return out;
  },
};
COLLECTION_FILTERS.count = COLLECTION_FILTERS.length;
