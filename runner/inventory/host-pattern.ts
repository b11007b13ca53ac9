/**
 * Host names as written in inventories: an optional `:port` (`[ipv6]:port` for IPv6) and
 * ranges that expand to several hosts: `web[01:03]` (zero padded as written), `db[a:c]`,
 * `x[1:9:2]` (a step), several ranges in one name.
 */

export class HostRangeError extends Error {
  override name = 'HostRangeError';
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Splits off a port: `host:22`, `[::1]:22`, `web[1:3]:22`. Anything else is a name without port. */
export function splitPort(pattern: string): { name: string; port?: number } {
  const bracketed = /^\[(.+)\]:([0-9]+)$/.exec(pattern);
  if (bracketed) return { name: bracketed[1]!, port: Number(bracketed[2]) };
  const plain = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/.exec(pattern);
  if (plain) return { name: plain[1]!, port: Number(plain[2]) };
  return { name: pattern };
}

/** Expands every `[begin:end(:step)]` in a name; a name without `[` is returned alone. */
export function expandHostRange(name: string): string[] {
  const open = name.indexOf('[');
  if (open < 0) return [name];
  const close = name.indexOf(']', open);
  if (close < 0) throw new HostRangeError(`host range '${name}' has no closing ']'`);
  const head = name.slice(0, open);
  const tail = name.slice(close + 1);
  const bounds = name.slice(open + 1, close).split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new HostRangeError('host range must be begin:end or begin:end:step');
  const beg = bounds[0] || '0';
  const end = bounds[1]!;
  const step = bounds.length === 3 ? Number(bounds[2]) : 1;
  if (!end) throw new HostRangeError('host range must specify end value');
  if (!Number.isInteger(step) || step <= 0) throw new HostRangeError(`host range step must be a positive integer, got '${bounds[2]}'`);
  let seq: string[];
  const ib = beg.length === 1 ? LETTERS.indexOf(beg) : -1;
  const ie = end.length === 1 ? LETTERS.indexOf(end) : -1;
  if (ib >= 0 && ie >= 0) {
    if (ib > ie) throw new HostRangeError('host range must have begin <= end');
    seq = [];
    for (let i = ib; i <= ie; i += step) seq.push(LETTERS[i]!);
  } else {
    if (!/^\d+$/.test(beg) || !/^\d+$/.test(end)) throw new HostRangeError(`host range '[${bounds.join(':')}]' must be numbers or single letters`);
    const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
    if (width && width !== end.length) throw new HostRangeError('host range must specify equal-length begin and end formats');
    seq = [];
    for (let i = Number(beg); i <= Number(end); i += step) seq.push(String(i).padStart(width, '0'));
  }
  return seq.flatMap((part) => expandHostRange(head + part + tail));
}
