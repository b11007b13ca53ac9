/**
 * Playbooks carry Python regular expressions (lineinfile regexp, insertafter...). JavaScript's
 * are close; this turns the Python-only spellings into JS ones and expands Python replacement
 * templates (`\1`, `\g<1>`, `\g<name>`) the way `match.expand` does.
 */
import { ModuleError } from '../contract.js';

export function pythonRegex(source: string, what: string): RegExp {
  let flags = '';
  let body = source;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  body = body
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new ModuleError(`${what} is not a valid regular expression: ${source} (${(e as Error).message})`);
  }
}

/** Python's match.expand: group references and the usual backslash escapes. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\\(g<(\w+)>|\d{1,2}|[ntr\\])/g, (_all, ref: string, name: string | undefined) => {
    if (name !== undefined) return (/^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name]) ?? '';
    if (/^\d/.test(ref)) return m[Number(ref)] ?? '';
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\' } as Record<string, string>)[ref]!;
  });
}
