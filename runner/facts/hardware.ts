/**
 * Hardware facts roles read: processors (count, cores, threads per core), memory_mb, the
 * virtualization type and role, and mounts with their sizes. Parsed from /proc/cpuinfo,
 * /proc/meminfo, a few container/DMI markers and `stat -f` of each mounted device.
 */
type Sections = (name: string) => string[];

export function cpuFacts(lines: string[]): Record<string, unknown> {
  const cpus: Record<string, string>[] = [];
  for (const line of lines) {
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'processor') cpus.push({});
    if (cpus.length) cpus[cpus.length - 1]![m[1]!] = m[2]!;
  }
  if (!cpus.length) return {};
  const processor = cpus.flatMap((c) => [c.processor ?? '', c.vendor_id ?? c['CPU implementer'] ?? '', c['model name'] ?? c.Processor ?? c.cpu ?? '']);
  const sockets = new Set(cpus.map((c) => c['physical id']).filter((x) => x !== undefined));
  const cores = Number(cpus[0]!['cpu cores'] ?? 1) || 1;
  const siblings = Number(cpus[0]!.siblings ?? cores) || cores;
  const count = sockets.size || (cpus[0]!['cpu cores'] === undefined ? cpus.length : 1);
  return {
    ansible_processor: processor,
    ansible_processor_count: count,
    ansible_processor_cores: cores,
    ansible_processor_threads_per_core: Math.max(1, Math.floor(siblings / cores)),
  };
}

/** /proc/meminfo (kB) as Ansible's memory_mb: real, nocache (buffers and cache count as free), swap. */
export function memoryFacts(lines: string[]): Record<string, unknown> {
  const kb: Record<string, number> = {};
  for (const line of lines) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) kb[m[1]!] = Math.floor(Number(m[2]) / 1024);
  }
  if (kb.MemTotal === undefined) return {};
  const total = kb.MemTotal;
  const free = kb.MemFree ?? 0;
  const nocacheFree = free + (kb.Buffers ?? 0) + (kb.Cached ?? 0);
  const swapTotal = kb.SwapTotal ?? 0;
  const swapFree = kb.SwapFree ?? 0;
  return {
    ansible_memory_mb: {
      nocache: { free: nocacheFree, used: total - nocacheFree },
      real: { free, total, used: total - free },
      swap: { cached: kb.SwapCached ?? 0, free: swapFree, total: swapTotal, used: swapTotal - swapFree },
    },
  };
}

/** Lines `dockerenv`, `container=X`, `cgroup:...`, `product=...`, `vendor=...`, `hypervisor`. */
export function virtualizationFacts(lines: string[]): Record<string, string> {
  const has = (re: RegExp) => lines.some((l) => re.test(l));
  const value = (key: string) => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1).trim() ?? '';
  const guest = (type: string) => ({ ansible_virtualization_type: type, ansible_virtualization_role: 'guest' });
  if (has(/^dockerenv$/) || has(/^cgroup:.*\/docker(\/|-[0-9a-f]+\.scope)/)) return guest('docker');
  if (has(/^cgroup:.*\/lxc\//)) return guest('lxc');
  const container = value('container');
  if (container) return guest(container === 'oci' ? 'podman' : container);
  const dmi = `${value('product')} ${value('vendor')}`;
  for (const [re, type] of [[/KVM|QEMU|Bochs|OpenStack/i, 'kvm'], [/VMware/i, 'VMware'], [/VirtualBox/i, 'virtualbox'], [/Xen/i, 'xen'], [/Virtual Machine|Microsoft/i, 'VirtualPC'], [/Parallels/i, 'parallels'], [/RHEV/i, 'RHEV']] as const) {
    if (re.test(dmi)) return guest(type);
  }
  return { ansible_virtualization_type: 'NA', ansible_virtualization_role: 'NA' };
}

/**
 * /proc/mounts lines, `stat -f` lines "MOUNT frsize blocks bavail bfree files ffree bsize" and
 * /proc/self/mountinfo;
 * only real devices (a path, or host:/path), as Ansible lists them.
 */
export function mountFacts(mounts: string[], stats: string[], mountinfo: string[] = []): Record<string, unknown> {
  // A bind mount shows a root other than / in mountinfo; Ansible adds "bind" to its options.
  const binds = new Set(mountinfo.map((l) => l.split(' ')).filter((f) => f.length > 4 && f[3] !== '/').map((f) => f[4]!));
  const unescape = (s: string) => s.replace(/\\(\d{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  const byMount = new Map<string, number[]>();
  for (const line of stats) {
    const parts = line.trim().split(/\s+/);
    if (parts.length >= 8) byMount.set(unescape(parts.slice(0, parts.length - 7).join(' ')), parts.slice(-7).map(Number));
  }
  const out: Record<string, unknown>[] = [];
  for (const line of mounts) {
    const [device, mount, fstype, options] = line.trim().split(/\s+/);
    if (!device || !mount || !(device.startsWith('/') || device.includes(':/'))) continue;
    const path = unescape(mount);
    const st = byMount.get(path);
    const entry: Record<string, unknown> = { mount: path, device: unescape(device), fstype, options: binds.has(mount) ? `${options},bind` : options };
    if (st) {
      const [frsize, blocks, bavail, bfree, files, ffree, bsize] = st as [number, number, number, number, number, number, number];
      Object.assign(entry, {
        size_total: frsize * blocks, size_available: frsize * bavail, block_size: bsize, block_total: blocks,
        block_available: bavail, block_used: blocks - bfree, inode_total: files, inode_available: ffree, inode_used: files - ffree,
      });
    }
    entry.uuid = 'N/A';
    out.push(entry);
  }
  return { ansible_mounts: out };
}

export function hardwareFacts(get: Sections): Record<string, unknown> {
  return {
    ...cpuFacts(get('cpuinfo')),
    ...memoryFacts(get('meminfo')),
    ...virtualizationFacts(get('virt')),
    ...mountFacts(get('mounts'), get('statfs'), get('mountinfo')),
  };
}
