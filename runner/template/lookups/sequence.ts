/**
 * `sequence`: numbers as text, from `start=1 end=10 stride=2 format=web%02d` (or `count=`) or the
 * short form `[start-]end[/stride][:format]`; numbers may be hex (0x) or octal (0o).
 */
import { TemplateError } from '../errors.js';
import { printf } from '../py-format.js';
import type { Lookup } from './types.js';

interface Seq { start: number; end?: number; count?: number; stride: number; format: string }

const SHORT = /^(?:(0[xXoO]?[0-9a-fA-F]+|-?\d+)-)?(0[xXoO]?[0-9a-fA-F]+|-?\d+)(?:\/(-?0[xXoO]?[0-9a-fA-F]+|-?\d+))?(?::(.+))?$/;

function int(text: string, what: string): number {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = neg ? t.slice(1) : t;
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO][0-7]+$/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB][01]+$/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^\d+$/.test(body)) n = Number(body);
  else throw new TemplateError(`can't parse ${what}=${text} as integer`);
  return neg ? -n : n;
}

function parse(term: string): Seq {
  const seq: Seq = { start: 1, stride: 1, format: '%d' };
  const short = /=/.test(term) ? null : SHORT.exec(term.trim());
  if (short) {
    if (short[1] !== undefined) seq.start = int(short[1], 'start');
    seq.end = int(short[2]!, 'end');
    if (short[3] !== undefined) seq.stride = int(short[3], 'stride');
    if (short[4] !== undefined) seq.format = short[4];
    return seq;
  }
  const unknown: string[] = [];
  for (const word of term.trim().split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new TemplateError(`unrecognized arguments to with_sequence: ${word}`);
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1).replace(/^(['"])(.*)\1$/, '$2');
    if (key === 'format') seq.format = value;
    else if (key === 'start' || key === 'end' || key === 'count' || key === 'stride') seq[key] = int(value, key);
    else unknown.push(key);
  }
  if (unknown.length) throw new TemplateError(`unrecognized arguments to with_sequence: ${unknown.join(', ')}`);
  return seq;
}

function numbers(seq: Seq): number[] {
  let { start, end, stride } = seq;
  if (seq.count !== undefined) {
    if (end !== undefined) throw new TemplateError("can't specify both count and end in with_sequence");
    if (seq.count === 0) [start, end, stride] = [0, 0, 0];
    else end = start + seq.count * stride - 1;
  }
  if (end === undefined) throw new TemplateError('must specify count or end in with_sequence');
  if (stride > 0 && end < start) throw new TemplateError('to count backwards make stride negative');
  if (stride < 0 && end > start) throw new TemplateError("to count forward don't make stride negative");
  if (!seq.format.includes('%')) throw new TemplateError(`bad formatting string: ${seq.format}`);
  const out: number[] = [];
  if (stride > 0) for (let i = start; i <= end; i += stride) out.push(i);
  else if (stride < 0) for (let i = start; i >= end; i += stride) out.push(i);
  return out;
}

export const sequence: Lookup = (terms) => terms.flatMap((t) => {
  const seq = parse(String(t));
  return numbers(seq).map((n) => printf(seq.format, n));
});
