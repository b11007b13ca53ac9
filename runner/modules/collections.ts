/**
 * The collection-qualified names users write for the modules Showrunner implements, and the
 * short name each one means. `ansible.builtin.` and `ansible.legacy.` qualify every module (as in
 * ansible-core, whose builtin routing also sends `ansible.builtin.sysctl` and `ini_file` on to
 * their collections); any other collection qualifies only the modules listed for it here, so
 * `community.general.copy` stays an unknown module, as it is for Ansible.
 */
const QUALIFIES_EVERY_MODULE = ['ansible.builtin.', 'ansible.legacy.'];

/** Collection name -> the modules of that collection implemented here (under their short names). */
export const COLLECTION_MODULES: Readonly<Record<string, readonly string[]>> = {
  'ansible.posix': ['sysctl'],
  'community.general': ['ini_file', 'timezone'],
};

/** The short name a (possibly collection-qualified) module name means, or undefined if it names no module of ours. */
export function shortModuleName(key: string, known: (name: string) => boolean): string | undefined {
  if (known(key)) return key;
  for (const p of QUALIFIES_EVERY_MODULE) {
    if (key.startsWith(p) && known(key.slice(p.length))) return key.slice(p.length);
  }
  const dot = key.lastIndexOf('.');
  if (dot < 0) return undefined;
  const short = key.slice(dot + 1);
  return COLLECTION_MODULES[key.slice(0, dot)]?.includes(short) && known(short) ? short : undefined;
}
