/**
 * Fewer processes on the host for the same facts: the small text files the facts come from are
 * read by one `grep` (each line prefixed with its file), and `ip` answers its four questions in
 * one `-batch`. The script prints them as two sections, `::files` and `::ip`; expandCompact turns
 * those back into the sections each file or question had of its own, so parse-facts.ts reads
 * either form (outputs recorded from hosts before this, too).
 */

/** Each file read, and the section its lines go to (with a prefix, for the sections that mix several files). */
const FILES: [path: string, section: string, prefix?: string][] = [
  ['/etc/os-release', 'os-release'],
  ['/usr/lib/os-release', 'os-release-usr'],
  ['/etc/redhat-release', 'redhat-release'],
  ['/etc/debian_version', 'debian_version'],
  ['/proc/1/comm', 'pid1'],
  ['/etc/selinux/config', 'selinux-config'],
  ['/proc/meminfo', 'meminfo'],
  ['/etc/lsb-release', 'lsb'],
  ['/etc/resolv.conf', 'resolv'],
  ['/proc/uptime', 'uptime'],
  ['/etc/machine-id', 'machine-id'],
  ['/var/lib/dbus/machine-id', 'machine-id-dbus'],
  ['/run/systemd/container', 'virt', 'container='],
  ['/proc/1/cgroup', 'virt', 'cgroup:'],
  ['/sys/class/dmi/id/product_name', 'virt', 'product='],
  ['/sys/class/dmi/id/sys_vendor', 'virt', 'vendor='],
  ['/proc/mounts', 'mounts'],
  ['/proc/self/mountinfo', 'mountinfo'],
  ['/proc/self/status', 'status'],
  ['/proc/cpuinfo', 'cpuinfo-all'],
];

const BY_PATH = new Map(FILES.map((f) => [f[0], f]));

/** The lines of /proc/cpuinfo the facts use. */
const CPUINFO_KEYS = /^(processor|vendor_id|model name|physical id|cpu cores|siblings|Processor|CPU implementer)\s*:/;

/** `ip` questions, one process: the default IPv4 route, every address (v4 and v6), every link. */
const IP_BATCH = String.raw`printf 'route show default\naddr show\nlink show\n' | ip -o -batch - 2>/dev/null`;

/** The script's part for the files and the addresses (an `ip` without -batch answers question by question). */
export const COMPACT_SCRIPT = [
  `echo ::files; LC_ALL=C grep -sH '' -- ${FILES.map(([p]) => p).join(' ')}`,
  `echo ::ip; ${IP_BATCH} || { echo ::default-route; ip -4 route show default 2>/dev/null; echo ::addresses; ip -4 -o addr show 2>/dev/null || hostname -I 2>/dev/null; echo ::links; ip -o link show 2>/dev/null; echo ::addresses6; ip -6 -o addr show 2>/dev/null; }`,
].join('\n');

/** Rewrites `files` and `ip` into the sections of their own (in place); sections already there are kept. */
export function expandCompact(s: Map<string, string[]>): void {
  const files = s.get('files');
  if (files) {
    const add = (name: string, line: string) => {
      let lines = s.get(name);
      if (!lines) s.set(name, (lines = []));
      lines.push(line);
    };
    for (const line of files) {
      // No path read has a ':' of its own.
      const colon = line.indexOf(':');
      const entry = colon > 0 ? BY_PATH.get(line.slice(0, colon)) : undefined;
      if (entry) add(entry[1], entry[2] ? entry[2] + line.slice(colon + 1) : line.slice(colon + 1));
    }
    const first = (name: string, fallback: string) => {
      if (!s.get(name)?.length && s.get(fallback)?.length) s.set(name, s.get(fallback)!);
      s.delete(fallback);
    };
    first('os-release', 'os-release-usr');
    first('machine-id', 'machine-id-dbus');
    s.set('cpuinfo', (s.get('cpuinfo-all') ?? []).filter((l) => CPUINFO_KEYS.test(l)));
    const allowed = (s.get('status') ?? []).find((l) => l.startsWith('Cpus_allowed_list:'));
    const processors = (s.get('cpuinfo-all') ?? []).filter((l) => /^processor\s*:/.test(l)).length;
    if (!s.has('nproc')) s.set('nproc', [String(allowed ? cpuCount(allowed.slice(allowed.indexOf(':') + 1)) : processors)]);
    s.delete('cpuinfo-all');
    s.delete('status');
    s.delete('files');
    for (const lines of s.values()) while (lines.length && lines[lines.length - 1] === '') lines.pop();
  }
  const ip = s.get('ip');
  if (ip && !s.has('addresses')) {
    s.set('default-route', ip.filter((l) => l.startsWith('default')));
    s.set('addresses', ip.filter((l) => /^\d+:\s+\S+\s+inet\s/.test(l)));
    s.set('addresses6', ip.filter((l) => /^\d+:\s+\S+\s+inet6\s/.test(l)));
    s.set('links', ip.filter((l) => /^\d+:\s+\S+:\s+</.test(l)));
  }
  s.delete('ip');
}

/** The number of CPUs in a list such as `0-3,8,10-11` (what `nproc` counts: the CPUs this process may run on). */
export function cpuCount(list: string): number {
  let n = 0;
  for (const part of list.trim().split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (Number.isInteger(a)) n += Number.isInteger(b) ? b! - a! + 1 : 1;
  }
  return n;
}
