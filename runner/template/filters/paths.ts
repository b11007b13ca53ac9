/** Path filters with Python's posixpath rules (`basename('/a/b/')` is ''), run on the controller. */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { pyStr } from '../py-values.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

function dirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

export const PATH_FILTERS: Record<string, Filter> = {
  basename: (v) => { const p = pyStr(v); return p.slice(p.lastIndexOf('/') + 1); },
  dirname: (v) => dirname(pyStr(v)),
  expanduser: (v) => pyStr(v).replace(/^~(?=\/|$)/, homedir()),
  realpath(v) {
    const p = posix.resolve(pyStr(v));
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  },
  relpath: (v, start) => posix.relative(start === undefined ? process.cwd() : pyStr(start), pyStr(v)),
  splitext(v) {
    const p = pyStr(v);
    const base = p.slice(p.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return [p, ''];
    const cut = p.length - (base.length - dot);
    return [p.slice(0, cut), p.slice(cut)];
  },
  path_join(v) {
    const parts = Array.isArray(v) ? v.map(pyStr) : [pyStr(v)];
    return parts.reduce((acc, part) => (part.startsWith('/') || acc === '' ? part : acc.endsWith('/') ? acc + part : `${acc}/${part}`), '');
  },
};
