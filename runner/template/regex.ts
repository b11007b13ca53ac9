/**
 * Python `re` patterns and replacement strings in JS. Roles write Python regexes
 * (`(?P<name>...)`, `\Z`, `\1` in replacements, `$` that also matches before a final newline).
 */
import { TemplateError } from './errors.js';

export interface RegexOptions {
  ignorecase?: unknown;
  multiline?: unknown;
}

export function pyRegex(pattern: string, opts: RegexOptions = {}, extraFlags = ''): RegExp {
  let flags = extraFlags;
  let src = pattern;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const f of inline[1]) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  if (opts.ignorecase && !flags.includes('i')) flags += 'i';
  if (opts.multiline && !flags.includes('m')) flags += 'm';
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === 'Z' && !inClass) out += '$(?![\\s\\S])';
      else if (n === 'A' && !inClass) out += '(?<![\\s\\S])';
      else out += c + (n ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') { out += '^'; i++; }
      if (src[i + 1] === ']') { out += '\\]'; i++; }
    } else if (src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (src.startsWith('(?P=', i)) {
      const end = src.indexOf(')', i);
      out += `\\k<${src.slice(i + 4, end)}>`;
      i = end;
    } else if (c === '$' && !multiline) {
      out += '(?=\\n?$(?![\\s\\S]))';
    } else {
      out += c;
    }
  }
  try {
    return new RegExp(out, flags);
  } catch (err) {
    throw new TemplateError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

/** Expands a Python replacement template (`\1`, `\g<1>`, `\g<name>`, `\n`) for one match. */
export function expandReplacement(template: string, match: RegExpExecArray | string[], groups?: Record<string, string | undefined>): string {
  return template.replace(/\\(?:g<([^>]+)>|(\d{1,2})|([\s\S]))/g, (_m, named: string | undefined, num: string | undefined, other: string | undefined) => {
    if (named !== undefined) {
      if (/^\d+$/.test(named)) return match[Number(named)] ?? '';
      if (!groups || !(named in groups)) throw new TemplateError(`unknown group name '${named}'`);
      return groups[named] ?? '';
    }
    if (num !== undefined) {
      if (Number(num) >= match.length) throw new TemplateError(`invalid group reference ${num}`);
      return match[Number(num)] ?? '';
    }
    switch (other) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '\\': return '\\';
      default: return '\\' + other;
    }
  });
}
