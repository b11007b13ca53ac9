/** regex_replace / regex_search / regex_findall / regex_escape, with Python `re` syntax. */
import { TemplateError } from '../errors.js';
import { arg, splitKwargs } from '../kwargs.js';
import { pyStr } from '../py-values.js';
import { expandReplacement, pyRegex } from '../regex.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

export const REGEX_FILTERS: Record<string, Filter> = {
  regex_replace(value, ...rest) {
    const p = splitKwargs(rest);
    const re = pyRegex(String(arg(p, 0, 'pattern', '')), p.kwargs, 'g');
    const template = pyStr(arg(p, 1, 'replacement', ''));
    const count = Number(arg(p, 2, 'count', p.kwargs.count ?? 0));
    let done = 0;
    return pyStr(value).replace(re, (...m: unknown[]) => {
      const hasGroups = typeof m[m.length - 1] === 'object';
      const groups = hasGroups ? (m[m.length - 1] as Record<string, string>) : undefined;
      const match = m.slice(0, hasGroups ? -3 : -2) as string[];
      if (count > 0 && done >= count) return match[0];
      done++;
      return expandReplacement(template, match, groups);
    });
  },
  regex_search(value, ...rest) {
    const p = splitKwargs(rest);
    const [pattern, ...groupRefs] = p.args;
    const m = pyRegex(String(pattern), p.kwargs).exec(pyStr(value));
    if (!m) return null;
    if (!groupRefs.length) return m[0];
    return groupRefs.map((ref) => {
      const s = String(ref);
      const num = /^\\(\d+)$/.exec(s);
      if (num) return m[Number(num[1])] ?? null;
      const named = /^\\g<(\w+)>$/.exec(s);
      if (named) return (/^\d+$/.test(named[1]) ? m[Number(named[1])] : m.groups?.[named[1]]) ?? null;
      throw new TemplateError(`regex_search: unknown argument ${JSON.stringify(s)}`);
    });
  },
  regex_findall(value, ...rest) {
    const p = splitKwargs(rest);
    const re = pyRegex(String(arg(p, 0, 'regex', '')), p.kwargs, 'g');
    return [...pyStr(value).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? m[1] ?? '' : m.slice(1).map((g) => g ?? '')));
  },
  regex_escape: (value) => pyStr(value).replace(/[^A-Za-z0-9_]/g, (c) => '\\' + c),
};
