/** Splitting and quoting command lines the way Ansible's command module does (no shell involved). */
import { shq } from '../../connections/connection.js';

/** POSIX shlex-style split: quotes group, backslash escapes outside single quotes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined; else cur += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '\\"$`\n'.includes(line[i + 1]!)) cur += line[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c; inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i]; inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = ''; inWord = false;
    } else {
      cur += c; inWord = true;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} quote in: ${line}`);
  if (inWord) words.push(cur);
  return words;
}

/**
 * Quote one argument so that sh passes it through unchanged except for what Ansible's command
 * expands itself: `$VAR`/`${VAR}` and a leading `~` or `~user`.
 */
export function quoteExpanding(arg: string): string {
  const tilde = /^~[A-Za-z0-9_.-]*(?=\/|$)/.exec(arg)?.[0] ?? '';
  let rest = arg.slice(tilde.length);
  if (!tilde && !/\$(\{[A-Za-z_]\w*\}|[A-Za-z_])/.test(rest)) return shq(arg);
  let out = '"';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '$' && /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_])/.test(rest.slice(i))) out += c;
    else if ('$`"\\'.includes(c)) out += '\\' + c;
    else out += c;
  }
  return tilde + out + '"';
}

/** A glob for sh: glob characters stay active, everything else is quoted. */
export function quoteGlob(pattern: string): string {
  return pattern.split(/([*?]|\[[^\]]*\])/).filter((p) => p !== '')
    .map((p) => (/^([*?]|\[[^\]]*\])$/.test(p) ? p : shq(p))).join('');
}
