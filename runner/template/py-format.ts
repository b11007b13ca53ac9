/**
 * Python's two string formatting styles: `'%s:%d' % (host, port)` (also the `format` filter)
 * and `'{}:{}'.format(host, port)`. Only the conversions roles use are supported.
 */
import { TemplateError } from './errors.js';
import { isDict, pyRepr, pyStr, typeName } from './py-values.js';

const PRINTF = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdifFeEgGxXorc%])/g;

function toNumber(v: unknown, conv: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TemplateError(`%${conv} format: a real number is required, not ${typeName(v)}`);
}

function pad(text: string, flags: string, width: number | undefined): string {
  if (width === undefined || text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?[0-9.]/.test(text)) {
    const sign = /^[-+ ]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function convert(v: unknown, conv: string, flags: string, precision: number | undefined): string {
  switch (conv) {
    case 's': { const s = pyStr(v); return precision === undefined ? s : s.slice(0, precision); }
    case 'r': return pyRepr(v);
    case 'c': return typeof v === 'number' ? String.fromCodePoint(v) : pyStr(v);
  }
  const n = toNumber(v, conv);
  let body: string;
  switch (conv) {
    case 'd': case 'i': body = Math.trunc(Math.abs(n)).toString(); break;
    case 'x': body = Math.trunc(Math.abs(n)).toString(16); break;
    case 'X': body = Math.trunc(Math.abs(n)).toString(16).toUpperCase(); break;
    case 'o': body = Math.trunc(Math.abs(n)).toString(8); break;
    case 'e': case 'E': body = Math.abs(n).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); break;
    case 'g': case 'G': body = String(Number(Math.abs(n).toPrecision(precision || 6))); break;
    default: body = Math.abs(n).toFixed(precision ?? 6);
  }
  if (conv === 'E' || conv === 'G') body = body.toUpperCase();
  const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

/** `fmt % args`: args is one value, a list (Python tuple) or a dict for `%(name)s`. */
export function printf(fmt: string, args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  let next = 0;
  const out = fmt.replace(PRINTF, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let value: unknown;
    if (key !== undefined) {
      if (!isDict(args)) throw new TemplateError('format requires a mapping');
      value = args[key];
    } else {
      if (next >= list.length) throw new TemplateError('not enough arguments for format string');
      value = list[next++];
    }
    const w = width === '*' ? Number(list[next++]) : width === undefined ? undefined : Number(width);
    return pad(convert(value, conv, flags, prec === undefined ? undefined : Number(prec)), flags, w);
  });
  if (!isDict(args) && next < list.length) throw new TemplateError('not all arguments converted during string formatting');
  return out;
}

/** str.format with `{}`, `{0}`, `{name}`, `{0.attr}` and simple specs (`:>8`, `:05d`, `:.2f`). */
export function strFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rs])?(?::([^{}]*))?\}/g, (m, field: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [head, ...rest] = (field ?? '').split('.');
    let value: unknown = head === '' ? args[auto++] : /^\d+$/.test(head) ? args[Number(head)] : kwargs[head];
    for (const attr of rest) value = isDict(value) ? value[attr] : undefined;
    return applySpec(value, spec ?? '');
  });
}

function applySpec(value: unknown, spec: string): string {
  const m = /^(?:(.)?([<>^=]))?([+ -])?(0)?(\d+)?(?:\.(\d+))?([sdfxXoeEgG%])?$/.exec(spec);
  if (!spec || !m) return pyStr(value);
  const [, fill = ' ', align, , zero, width, prec, type] = m;
  let text: string;
  if (type && type !== 's') text = convert(value, type === '%' ? 'f' : type, '', prec === undefined ? undefined : Number(prec));
  else text = prec !== undefined ? pyStr(value).slice(0, Number(prec)) : pyStr(value);
  const w = width === undefined ? 0 : Number(width);
  if (text.length >= w) return text;
  const f = zero ? '0' : fill;
  const a = align ?? (typeof value === 'number' ? '>' : '<');
  if (a === '<') return text.padEnd(w, f);
  if (a === '^') { const left = Math.floor((w - text.length) / 2); return text.padStart(text.length + left, f).padEnd(w, f); }
  return text.padStart(w, f);
}
