/**
 * Lookups that only rearrange their terms: items, list, indexed_items, together, nested,
 * subelements, dict, random_choice. Where Ansible flattens, it flattens one level.
 */
import { TemplateError } from '../errors.js';
import { isDict, pyStr, truthy } from '../py-values.js';
import type { Lookup } from './types.js';

function flattenOnce(items: unknown[]): unknown[] {
  return items.flatMap((i) => (Array.isArray(i) ? i : [i]));
}

/** A term of nested/together that is not yet a list: a string is one item. */
function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

const together: Lookup = (terms) => {
  if (!terms.length) throw new TemplateError('with_together requires at least one element in each list');
  const lists = terms.map(asList);
  const n = Math.max(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_x, i) => flattenOnce(lists.map((l) => (i < l.length ? l[i] : null))));
};

const nested: Lookup = (terms) => {
  if (!terms.length) throw new TemplateError('with_nested requires at least one element in the nested list');
  const lists = terms.map(asList);
  let acc: unknown[] = lists[0]!.map((x) => x);
  for (const next of lists.slice(1)) acc = acc.flatMap((a) => next.map((b) => flattenOnce([a, b])));
  return lists.length === 1 ? acc.map((x) => flattenOnce([x])) : acc;
};

const SUB_FLAGS = new Set(['skip_missing']);

function subError(msg = ''): TemplateError {
  return new TemplateError(`subelements lookup expects a list of two or three items, ${msg}`);
}

/** Each element with each item of its sub-list; the element is given without that key. */
const subelements: Lookup = (terms) => {
  if (terms.length < 2 || terms.length > 3) throw subError();
  const [outer, key, flags = {}] = terms;
  if (!(Array.isArray(outer) || isDict(outer)) || typeof key !== 'string') throw subError('first a dict or a list, second a string pointing to the subkey');
  if (!isDict(flags) || !Object.keys(flags).every((k) => SUB_FLAGS.has(k))) throw subError('the optional third item must be a dict with flags skip_missing');
  if (isDict(outer) && outer.skipped !== undefined && outer.skipped !== false) return [];
  const elements = Array.isArray(outer) ? outer : Object.values(outer);
  const skipMissing = truthy(flags.skip_missing);
  const path = key.split('.');
  const out: unknown[] = [];
  for (const el of elements) {
    if (!isDict(el)) throw new TemplateError(`subelements lookup expects a dictionary, got '${pyStr(el)}'`);
    if (el.skipped !== undefined && el.skipped !== false) continue;
    const sub = pluck(el, path, skipMissing);
    if (!sub) continue;
    for (const item of sub.list) out.push([sub.parent, item]);
  }
  return out;
};

/** The list at `path` inside `el`, and `el` copied without it. */
function pluck(el: Record<string, unknown>, path: string[], skipMissing: boolean): { list: unknown[]; parent: Record<string, unknown> } | undefined {
  const parent: Record<string, unknown> = { ...el };
  let at = parent;
  for (const [i, k] of path.entries()) {
    if (!(k in at)) {
      if (skipMissing) return undefined;
      throw new TemplateError(`could not find '${k}' key in iterated item '${pyStr(at)}'`);
    }
    const v = at[k];
    if (i < path.length - 1) {
      if (!isDict(v)) {
        if (skipMissing) return undefined;
        throw new TemplateError(`the key ${k} should point to a dictionary, got '${pyStr(v)}'`);
      }
      at = at[k] = { ...v };
      continue;
    }
    if (!Array.isArray(v)) throw new TemplateError(`the key ${k} should point to a list, got '${pyStr(v)}'`);
    delete at[k];
    return { list: v, parent };
  }
  return undefined;
}

const dict: Lookup = (terms) => {
  const list = Array.isArray(terms) ? terms : [terms];
  return list.flatMap((t) => {
    if (!isDict(t)) throw new TemplateError(`with_dict expects a dict`);
    return Object.entries(t).map(([key, value]) => ({ key, value }));
  });
};

const indexedItems: Lookup = (terms) => flattenOnce(terms).map((x, i) => [i, x]);

const randomChoice: Lookup = (terms) => (terms.length ? [terms[Math.floor(Math.random() * terms.length)]] : []);

export const LIST_LOOKUPS: Record<string, Lookup> = {
  items: (terms) => flattenOnce(terms),
  list: (terms) => terms,
  indexed_items: indexedItems,
  together,
  nested,
  subelements,
  dict,
  random_choice: randomChoice,
};
