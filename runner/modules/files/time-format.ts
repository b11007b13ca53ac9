/**
 * A time written in a Python strftime format (file's modification_time with
 * modification_time_format, `%Y%m%d%H%M.%S` by default) turned into `YYYY-MM-DD HH:MM:SS`, which
 * `date -d` and `touch -d` read on the host in the host's own time zone, as Ansible's file module
 * (running there) does.
 */
import { ModuleError } from '../contract.js';

const FIELDS: Record<string, { re: string; key: 'Y' | 'm' | 'd' | 'H' | 'M' | 'S' | 'y' }> = {
  Y: { re: '(\\d{4})', key: 'Y' }, y: { re: '(\\d{2})', key: 'y' }, m: { re: '(\\d{1,2})', key: 'm' },
  d: { re: '(\\d{1,2})', key: 'd' }, H: { re: '(\\d{1,2})', key: 'H' }, M: { re: '(\\d{1,2})', key: 'M' }, S: { re: '(\\d{1,2})', key: 'S' },
};

export function hostTimeText(value: string, format: string): string {
  const keys: string[] = [];
  let re = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%' && i + 1 < format.length) {
      const d = format[++i]!;
      if (d === '%') { re += '%'; continue; }
      const field = FIELDS[d];
      if (!field) throw new ModuleError(`the time format directive %${d} is not supported (use %Y %y %m %d %H %M %S)`);
      re += field.re;
      keys.push(field.key);
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(value);
  if (!m) throw new ModuleError(`Error while obtaining timestamp for time ${value} using format ${format}: time data '${value}' does not match format '${format}'`);
  const v: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  keys.forEach((k, i) => { v[k] = Number(m[i + 1]); });
  if (keys.includes('y')) v.Y = v.y! < 69 ? 2000 + v.y! : 1900 + v.y!;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(v.Y!, 4)}-${p(v.m!)}-${p(v.d!)} ${p(v.H!)}:${p(v.M!)}:${p(v.S!)}`;
}
