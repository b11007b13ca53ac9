/** `ansible_port` (and `ansible_ssh_port`) must be a port number; a template is known only at run time. */

const PORT_VARS = new Set(['ansible_port', 'ansible_ssh_port']);

export function portProblem(key: string, value: unknown): string | undefined {
  if (!PORT_VARS.has(key)) return undefined;
  if (typeof value === 'string' && /\{\{|\{%/.test(value)) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 65535) return undefined;
  return `invalid value for ${key}: ${JSON.stringify(value)} is not a port number (a whole number from 1 to 65535)`;
}
