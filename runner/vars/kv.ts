/**
 * `key=value` strings as Ansible reads them on the command line (`-e 'a=1 b="x y"'`): words split
 * on whitespace except inside quotes or Jinja2 `{{ }}`/`{% %}`/`{# #}`, backslash escapes such as
 * `\t` decoded, one pair of surrounding quotes removed from a value. Values stay strings.
 */

export class KvError extends Error {
  override name = 'KvError';
}

/** Splits on whitespace outside quotes and Jinja2 blocks; quotes are kept in the words. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let jinja = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const two = text.slice(i, i + 2);
    if (quote) {
      word += c;
      if (c === '\\' && i + 1 < text.length) word += text[++i];
      else if (c === quote) quote = undefined;
      continue;
    }
    if (two === '{{' || two === '{%' || two === '{#') {
      jinja++;
      word += two;
      i++;
      continue;
    }
    if (jinja && (two === '}}' || two === '%}' || two === '#}')) {
      jinja--;
      word += two;
      i++;
      continue;
    }
    if (!jinja && (c === '"' || c === "'")) {
      quote = c;
      word += c;
      continue;
    }
    if (!jinja && /\s/.test(c)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += c;
  }
  if (quote) throw new KvError(`no closing quotation in '${text}' (quote the whole value)`);
  if (word) words.push(word);
  return words;
}

const SINGLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * The escapes Ansible's parse_kv decodes in each word (its _decode_escapes): \n and the other
 * one-letter ones, \xHH, \uHHHH, \UHHHHHHHH. Any other backslash stays as written.
 */
export function decodeEscapes(s: string): string {
  return s.replace(/\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\\'"abfnrtv])/g, (_all, e: string) =>
    e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : SINGLE_ESCAPES[e]!);
}

/** Ansible's unquote of a value whose escapes are decoded: one pair of outer quotes off (not a quote escaped at the end), nothing else. */
export function unquote(s: string): string {
  return s.length > 1 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] && s[s.length - 2] !== '\\' ? s.slice(1, -1) : s;
}

/** `a=1 b="x y"` to {a: '1', b: 'x y'}; a word without `=` is an error naming it. */
export function parseKv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of splitArgs(text)) {
    const word = decodeEscapes(raw);
    let pos = word.indexOf('=');
    while (pos > 0 && word[pos - 1] === '\\') pos = word.indexOf('=', pos + 1);
    if (pos <= 0) throw new KvError(`expected key=value, got '${raw}'`);
    out[word.slice(0, pos).trim()] = unquote(word.slice(pos + 1).trim());
  }
  return out;
}
