/**
 * The sysctl file as ansible.posix.sysctl rewrites it (seen in its runs): every line trimmed,
 * `key = value` lines written `key=value`, a key seen again dropped, the key set in place (or
 * appended), or dropped for state=absent. Pure, so it is tested without a host.
 */
export interface SysctlFileEdit {
  /** The value of the key in the file before, if it was there. */
  before?: string;
  text: string;
}

export function editSysctlFile(content: string, name: string, value: string | undefined): SysctlFileEdit {
  const out: string[] = [];
  const seen = new Set<string>();
  let before: string | undefined;
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || !line.includes('=')) {
      out.push(line);
      continue;
    }
    const eq = line.indexOf('=');
    const k = line.slice(0, eq).trim();
    const v = line.slice(eq + 1).trim();
    if (seen.has(k)) continue;
    seen.add(k);
    if (k === name) {
      before = v;
      if (value !== undefined) out.push(`${k}=${value}`);
    } else out.push(`${k}=${v}`);
  }
  if (!seen.has(name) && value !== undefined) out.push(`${name}=${value}`);
  return { before, text: out.map((l) => `${l}\n`).join('') };
}

/** Ansible's reading of a sysctl value: booleans become 1/0, other text is trimmed. */
export function sysctlValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v);
  if (['yes', 'on', '1', 'true', 'y', 't'].includes(s.toLowerCase())) return '1';
  if (['no', 'off', '0', 'false', 'n', 'f'].includes(s.toLowerCase())) return '0';
  return s.trim();
}

/** Values compared word by word, so `4096 87380 6291456` equals the kernel's tab-separated answer. */
export function sameValue(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  return x.length === y.length && x.every((w, i) => w === y[i]);
}
