/**
 * `password`: the password kept in a file on the controller (relative paths start at the
 * playbook's folder). A missing file is created (folder 0700, file 0600) with a new random
 * password of `length` (20) characters from `chars`; `/dev/null` gives a new one every time.
 */
import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { TemplateError } from '../errors.js';
import { baseDir, expandHome } from './search.js';
import type { Lookup } from './types.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const PUNCT = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Python's `string` constants, which `chars=` names. */
const NAMED: Record<string, string> = {
  ascii_letters: LOWER + UPPER, ascii_lowercase: LOWER, ascii_uppercase: UPPER, digits: DIGITS,
  hexdigits: DIGITS + 'abcdefABCDEF', octdigits: '01234567', punctuation: PUNCT,
  printable: DIGITS + LOWER + UPPER + PUNCT + ' \t\n\r\x0b\x0c', whitespace: ' \t\n\r\x0b\x0c',
  letters: LOWER + UPPER, lowercase: LOWER, uppercase: UPPER,
};
const DEFAULT_CHARS = ['ascii_letters', 'digits', '.,:-_'];

/** `chars=a,b` text: names or literal characters; `,,` is a literal comma. */
function charList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  const text = String(v);
  return [...(text.includes(',,') ? [','] : []), ...text.replace(/,,/g, ',').split(',').filter((p) => p !== '')];
}

function alphabet(chars: string[]): string {
  return [...new Set(chars.map((c) => NAMED[c] ?? c).join(''))].join('');
}

function parseTerm(term: string, kw: Record<string, unknown>): { path: string; length: number; chars: string[] } {
  const [path = '', ...words] = term.trim().split(/\s+/);
  const opts: Record<string, unknown> = { ...kw };
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq < 0) throw new TemplateError(`Unrecognized value after key=value parameters given to password lookup: ${w}`);
    opts[w.slice(0, eq)] = w.slice(eq + 1);
  }
  for (const k of Object.keys(opts)) {
    if (k === 'length' || k === 'chars') continue;
    if (k === 'encrypt' || k === 'seed' || k === 'ident') throw new TemplateError(`password lookup: '${k}' is not supported yet`);
    throw new TemplateError(`Unrecognized parameter(s) given to password lookup: ${k}`);
  }
  const length = opts.length === undefined ? 20 : Number(opts.length);
  if (!Number.isInteger(length) || length < 0) throw new TemplateError(`password lookup: length must be a number, got ${String(opts.length)}`);
  return { path, length, chars: opts.chars === undefined ? DEFAULT_CHARS : charList(opts.chars) };
}

function generate(length: number, chars: string[]): string {
  const pool = alphabet(chars);
  if (!pool.length) throw new TemplateError('password lookup: no characters to choose from');
  let out = '';
  for (let i = 0; i < length; i++) out += pool[randomInt(pool.length)];
  return out;
}

export const password: Lookup = (terms, kw) => terms.map((t) => {
  const { path, length, chars } = parseTerm(String(t), kw);
  if (path === '/dev/null') return generate(length, chars);
  const file = isAbsolute(expandHome(path)) ? expandHome(path) : join(baseDir(), path);
  if (existsSync(file)) return readFileSync(file, 'utf8').replace(/\s+$/, '').split(' salt=')[0];
  const pw = generate(length, chars);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${pw}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return pw;
});
