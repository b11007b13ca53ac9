/**
 * The edit of the replace module: every match of a Python regular expression (multiline mode)
 * replaced, optionally only in the part Ansible's own pattern picks (dotall): `AFTER(.*?)BEFORE`
 * with both, `AFTER(.*)` or `(.*)BEFORE` alone, so `before` alone means before its last match.
 */
import { ModuleError } from '../contract.js';
import type { EditOutcome } from './lineinfile-edit.js';
import { expandTemplate, pythonRegex } from './python-regex.js';

export interface ReplaceEdit {
  regexp: string;
  replace: string;
  after?: string;
  before?: string;
}

export function replaceAll(text: string, o: ReplaceEdit): EditOutcome {
  let start = 0;
  let end = text.length;
  const around = sectionPattern(o);
  if (around) {
    const m = withFlags(around, 'after/before', 'sd').exec(text);
    if (!m) return { text, msg: `Pattern for before/after params did not match the given file: ${around}`, changed: false };
    [start, end] = m.indices!.groups!.subsection!;
  }
  const re = withFlags(o.regexp, 'regexp', 'gm');
  let count = 0;
  const section = text.slice(start, end).replace(re, (...all) => {
    count++;
    const groups = all.at(-1);
    const named = typeof groups === 'object' && groups !== null;
    const m = all.slice(0, named ? all.length - 3 : all.length - 2) as unknown as RegExpExecArray;
    if (named) m.groups = groups as Record<string, string>;
    return expandTemplate(o.replace, m);
  });
  const out = text.slice(0, start) + section + text.slice(end);
  if (count === 0 || out === text) return { text, msg: '', changed: false };
  return { text: out, msg: `${count} replacements made`, changed: true };
}

/** Ansible's pattern around the part that is edited: lazy between after and before, greedy otherwise. */
function sectionPattern(o: ReplaceEdit): string | undefined {
  if (o.after && o.before) return `${o.after}(?P<subsection>.*?)${o.before}`;
  if (o.after) return `${o.after}(?P<subsection>.*)`;
  if (o.before) return `(?P<subsection>.*)${o.before}`;
  return undefined;
}

function withFlags(source: string, what: string, extra: string): RegExp {
  const re = pythonRegex(source, what);
  const flags = [...new Set(re.flags + extra)].join('');
  try {
    return new RegExp(re.source, flags);
  } catch (e) {
    throw new ModuleError(`${what} is not a valid regular expression: ${source} (${(e as Error).message})`);
  }
}
