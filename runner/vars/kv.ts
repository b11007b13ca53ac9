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

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Python's unicode_escape decoding as Ansible applies it to each word. */
function decodeEscapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/gs, (all, e: string) => {
    if (e.length > 1 && /^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESC[e] ?? all;
  });
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
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
