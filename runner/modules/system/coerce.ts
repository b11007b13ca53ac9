/**
 * Argument values as Ansible coerces them: templated values arrive as strings ("yes", "80",
 * "nginx,curl"), so modules accept both the YAML type and its string form.
 */

export function toBool(v: unknown, fallback = false): boolean {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const s = String(v).trim().toLowerCase();
  if (['yes', 'true', 'on', '1', 'y'].includes(s)) return true;
  if (['no', 'false', 'off', '0', 'n'].includes(s)) return false;
  throw new Error(`"${v}" is not a valid boolean`);
}

export function toInt(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n)) throw new Error(`${name}: "${v}" is not a number`);
  return Math.trunc(n);
}

/** Ansible's `list` type: a list, or a comma-separated string. */
export function toList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap((x) => toList(x));
  return String(v).split(',').map((s) => s.trim()).filter((s) => s !== '');
}
