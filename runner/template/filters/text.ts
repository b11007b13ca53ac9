/** String filters: case, trimming, splitting, joining, formatting, shell quoting. */
import { TemplateError, UndefinedVariableError } from '../errors.js';
import { arg, splitKwargs } from '../kwargs.js';
import { printf } from '../py-format.js';
import { capitalize, pySplit, title } from '../py-methods.js';
import { pyStr, truthy } from '../py-values.js';
import { getAttr, must } from '../attr.js';
import { Undef } from '../undef.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

function str(value: unknown): string {
  return pyStr(value);
}

export const TEXT_FILTERS: Record<string, Filter> = {
  default(value, ...rest) {
    const p = splitKwargs(rest);
    const fallback = arg(p, 0, 'default_value', '');
    const boolean = arg(p, 1, 'boolean', false);
    if (value instanceof Undef || (truthy(boolean) && !truthy(value))) return fallback;
    return value;
  },
  mandatory(value, msg) {
    if (!(value instanceof Undef)) return value;
    if (msg !== undefined && msg !== null) throw new TemplateError(str(msg));
    throw new UndefinedVariableError(value.path, undefined, 'mandatory');
  },
  upper: (v) => str(v).toUpperCase(),
  lower: (v) => str(v).toLowerCase(),
  capitalize: (v) => capitalize(str(v)),
  title: (v) => title(str(v)),
  string: (v) => str(v),
  trim: (v, chars) => {
    const s = str(v);
    if (chars === undefined || chars === null) return s.trim();
    const set = String(chars);
    let a = 0;
    let b = s.length;
    while (a < b && set.includes(s[a])) a++;
    while (b > a && set.includes(s[b - 1])) b--;
    return s.slice(a, b);
  },
  replace(v, oldS, newS, count) {
    const s = str(v);
    const parts = s.split(str(oldS));
    const n = count === undefined || count === null ? -1 : Number(count);
    if (n < 0 || parts.length - 1 <= n) return parts.join(str(newS));
    return parts.slice(0, n + 1).join(str(newS)) + str(oldS) + parts.slice(n + 1).join(str(oldS));
  },
  split(v, ...rest) {
    const p = splitKwargs(rest);
    return pySplit(str(v), arg(p, 0, 'sep', undefined), arg(p, 1, 'maxsplit', -1));
  },
  join(v, ...rest) {
    const p = splitKwargs(rest);
    const sep = str(arg(p, 0, 'd', ''));
    const attribute = arg<unknown>(p, 1, 'attribute', undefined);
    const items = Array.isArray(v) ? v : typeof v === 'string' ? Array.from(v) : Object.keys(v as object);
    return items.map((i) => str(attribute === undefined ? i : must(getAttr(i, attribute)))).join(sep);
  },
  format: (v, ...args) => printf(str(v), args),
  quote(v) {
    const s = v === null || v === undefined ? '' : str(v);
    if (s === '') return "''";
    if (/^[\w@%+=:,./-]+$/.test(s)) return s;
    return "'" + s.replace(/'/g, `'"'"'`) + "'";
  },
  /** Text as a comment block: `beginning`, `prefix` x prefix_count, each line after `decoration`, `postfix` x postfix_count, `end`. */
  comment(v, ...rest) {
    const p = splitKwargs(rest);
    const style = str(arg(p, 0, 'style', 'plain'));
    const o = { newline: '\n', beginning: '', prefix_count: 1, decoration: '', postfix_count: 1, end: '', ...COMMENT_STYLES[style], ...p.kwargs } as Record<string, unknown>;
    const nl = str(o.newline);
    const decoration = str(o.decoration);
    const prefix = str(o.prefix ?? decoration).replace(/\s+$/, '');
    const postfix = str(o.postfix ?? decoration).replace(/\s+$/, '');
    const lines: string[] = [];
    if (o.beginning) lines.push(str(o.beginning));
    for (let i = 0; i < Number(o.prefix_count); i++) lines.push(prefix);
    for (const line of str(v).split(nl)) lines.push(decoration + line);
    for (let i = 0; i < Number(o.postfix_count); i++) lines.push(postfix);
    if (o.end) lines.push(str(o.end));
    return lines.join(nl);
  },
};

const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};
