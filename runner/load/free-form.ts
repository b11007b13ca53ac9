/**
 * `key=value` text as Ansible splits it: `apt: name=nginx state=present`,
 * `command: ls -l chdir=/tmp`. Quotes group words; Jinja2 `{{ }}`/`{% %}` are never split.
 */

import { decodeEscapes, unquote } from '../vars/kv.js';

interface Token {
  text: string;
  /** Whitespace before the token in the original text (kept when free text is rebuilt). */
  before: string;
  /** Whitespace after the last token (free text keeps it, as Ansible keeps a block's final newline). */
  after?: string;
}

export function splitArgs(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let before = '';
  let quote: string | null = null;
  let jinja = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const two = text.slice(i, i + 2);
    if (quote) {
      current += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else if (c === quote) quote = null;
      continue;
    }
    if (two === '{{' || two === '{%' || two === '{#') {
      jinja++;
      current += two;
      i++;
      continue;
    }
    if (jinja && (two === '}}' || two === '%}' || two === '#}')) {
      jinja--;
      current += two;
      i++;
      continue;
    }
    // A lone backslash at the end of a line joins the next line (Ansible's line continuation).
    if (!jinja && c === '\\' && text[i + 1] === '\n' && current === '') {
      i++;
      continue;
    }
    if (!jinja && /\s/.test(c)) {
      if (current) {
        tokens.push({ text: current, before });
        current = '';
        before = '';
      }
      before += c;
      continue;
    }
    if (!jinja && (c === '"' || c === "'") && (current === '' || /=$/.test(current))) quote = c;
    current += c;
  }
  if (current) tokens.push({ text: current, before });
  else if (before && tokens.length) tokens[tokens.length - 1]!.after = before;
  return tokens;
}

export interface KvResult {
  args: Record<string, string>;
  /** Words that are not key=value (an error unless the module takes free text). */
  loose: string[];
}

/**
 * Split `text` into arguments. With `freeForm`, only keys in `known` are taken out as options and
 * everything else stays, as written, in the free-form key (`echo a=b` keeps its `a=b`).
 */
export function parseKv(text: string, freeForm?: string, known: ReadonlySet<string> = new Set()): KvResult {
  const args: Record<string, string> = {};
  const loose: string[] = [];
  let raw = '';
  for (const t of splitArgs(text)) {
    // A key may be a template (`set_fact: "{{ name }}={{ value }}"`): as in Ansible, it ends at the first `=`.
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(t.text) ?? (freeForm ? null : /^([^=]*\{\{[^=]*\}\}[^=]*)=([\s\S]*)$/.exec(t.text));
    const isOption = m && (!freeForm || (known.has(m[1]!) && m[1] !== freeForm));
    if (m && isOption) {
      args[m[1]!] = unquote(decodeEscapes(m[2]!).trim());
    } else if (freeForm) {
      raw += (raw ? t.before : '') + t.text + (t.after ?? '');
    } else {
      loose.push(t.text);
    }
  }
  if (freeForm && raw) args[freeForm] = raw;
  return { args, loose };
}
