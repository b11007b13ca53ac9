/** Ansible's `version` test / `version_compare`: LooseVersion by default, StrictVersion with strict=True. */
import { TemplateError } from './errors.js';
import { arg, splitKwargs } from './kwargs.js';
import { pyOrder } from './py-ops.js';
import { pyStr } from './py-values.js';

const OPERATORS: Record<string, (c: number) => boolean> = {};
for (const [names, fn] of [
  [['==', '=', 'eq'], (c: number) => c === 0],
  [['!=', '<>', 'ne'], (c: number) => c !== 0],
  [['<', 'lt'], (c: number) => c < 0],
  [['<=', 'le', 'lte'], (c: number) => c <= 0],
  [['>', 'gt'], (c: number) => c > 0],
  [['>=', 'ge', 'gte'], (c: number) => c >= 0],
] as [string[], (c: number) => boolean][]) for (const n of names) OPERATORS[n] = fn;

function loose(v: string): (number | string)[] {
  return v.split(/(\d+|[a-z]+|\.)/i).filter((p) => p && p !== '.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function strict(v: string): (number | string)[] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:([ab])(\d+))?$/.exec(v);
  if (!m) throw new TemplateError(`Version comparison failed: invalid version number '${v}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), m[4] ?? 'z', Number(m[5] ?? 0)];
}

function semver(v: string): (number | string)[] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) throw new TemplateError(`Version comparison failed: invalid semantic version '${v}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : 0];
}

export function versionTest(value: unknown, ...rest: unknown[]): boolean {
  const p = splitKwargs(rest);
  const other = arg<unknown>(p, 0, 'version', undefined);
  const op = String(arg(p, 1, 'operator', 'eq'));
  const useStrict = Boolean(arg(p, 2, 'strict', false));
  const type = String(arg(p, 3, 'version_type', useStrict ? 'strict' : 'loose'));
  const check = OPERATORS[op];
  if (!check) throw new TemplateError(`Invalid operator type (${op})`);
  if (other === undefined || other === null || other === '') throw new TemplateError('Version parameter to compare against is required');
  const parse = type === 'strict' ? strict : type === 'semver' || type === 'semantic' ? semver : loose;
  try {
    return check(pyOrder(parse(pyStr(value)), parse(pyStr(other))));
  } catch (err) {
    if (err instanceof TemplateError && !err.detail.startsWith('Version')) throw new TemplateError(`Version comparison failed: ${err.detail}`);
    throw err;
  }
}
