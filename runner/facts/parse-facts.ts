/**
 * Turns the output of FACTS_SCRIPT into Ansible-named facts. Pure, so recorded outputs of real
 * hosts (Debian, CentOS, Ubuntu) test it without those hosts.
 */
import type { Facts } from './facts.js';
import { distributionFacts, parseOsRelease } from './distribution.js';
import { networkFacts } from './network.js';
import { lsbFromOsRelease, systemFacts } from './system.js';
import { hardwareFacts } from './hardware.js';
import { expandCompact } from './compact-sections.js';

/** Split `::name` sections into their lines (without the trailing empty line). */
export function splitSections(output: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const m = /^::([a-z0-9_-]+)$/.exec(line);
    if (m) {
      current = [];
      sections.set(m[1]!, current);
    } else if (current) current.push(line);
  }
  for (const lines of sections.values()) while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return sections;
}

export function parseFacts(output: string): Facts {
  const s = splitSections(output);
  expandCompact(s);
  const get = (name: string) => s.get(name) ?? [];
  const commands = new Set(get('commands').map((p) => p.slice(p.lastIndexOf('/') + 1)));
  const pythonPath = get('commands').find((p) => /\/python[23]?$/.test(p));
  const dist = distributionFacts(get('os-release'), get('redhat-release').join('\n'), get('debian_version')[0] ?? '');
  const [system = 'Linux', kernel = '', arch = '', nodename = '', kernelVersion] = get('uname');
  const fqdn = (get('fqdn')[0] ?? nodename).trim() || nodename;
  const [userId = '', uid = '', gid = '', home = ''] = get('user');
  const mem = meminfo(get('meminfo'));
  const vcpus = Number(get('nproc')[0]) || 1;

  const facts: Facts = {
    ...dist,
    ansible_pkg_mgr: pkgMgr(dist.ansible_os_family, dist.ansible_distribution_major_version, commands),
    ansible_service_mgr: serviceMgr(get('pid1')[0] ?? '', get('systemd-dir')[0] === 'yes', get('upstart').join(' '), get('initd-dir')[0] === 'yes'),
    ansible_architecture: arch,
    ansible_machine: arch,
    ansible_hostname: nodename.split('.')[0]!,
    ansible_nodename: nodename,
    ansible_fqdn: fqdn,
    ansible_domain: fqdn.includes('.') ? fqdn.slice(fqdn.indexOf('.') + 1) : '',
    ansible_selinux: selinux(get('getenforce')[0], get('selinux-config'), get('sestatus')),
    ansible_user_id: userId,
    ansible_user_uid: Number(uid),
    ansible_user_gid: Number(gid),
    ansible_user_dir: home,
    ansible_kernel: kernel,
    ansible_system: system,
    ansible_processor_vcpus: vcpus,
    ansible_processor_nproc: vcpus,
    ansible_memtotal_mb: mem.MemTotal,
    ansible_memfree_mb: mem.MemFree,
    ansible_swaptotal_mb: mem.SwapTotal,
    ansible_swapfree_mb: mem.SwapFree,
    ...networkFacts(get('default-route')[0] ?? '', get('addresses'), get('links'), get('addresses6')),
    ...systemFacts(get),
    ...hardwareFacts(get),
  };
  if (commands.has('lsb_release')) facts.ansible_lsb = lsbFromOsRelease(parseOsRelease(get('os-release')), dist.ansible_distribution);
  if (kernelVersion) facts.ansible_kernel_version = kernelVersion;
  // What a 64-bit userland reports on these architectures (Ansible asks its Python).
  if (arch) facts.ansible_userspace_bits = /64|s390x/.test(arch) ? '64' : '32';
  facts.ansible_userspace_architecture = arch;
  Object.assign(facts, { ansible_effective_user_id: Number(uid), ansible_effective_group_id: Number(gid), ansible_real_user_id: Number(uid), ansible_real_group_id: Number(gid) });
  if (pythonPath) Object.assign(facts, pythonFacts(pythonPath, get('python-version')[0] ?? ''));
  return facts;
}

/** Ansible's choice: apt on Debian-likes; dnf on RedHat 8+ (or when yum is gone), yum before. */
function pkgMgr(family: string, major: string, commands: Set<string>): string {
  if (family === 'Debian' && commands.has('apt-get')) return 'apt';
  if (family === 'RedHat') {
    if (commands.has('dnf') && (Number(major) >= 8 || !commands.has('yum'))) return 'dnf';
    if (commands.has('yum')) return 'yum';
  }
  for (const [cmd, mgr] of [['apt-get', 'apt'], ['dnf', 'dnf'], ['yum', 'yum'], ['zypper', 'zypper'], ['apk', 'apk'], ['pacman', 'pacman']]) {
    if (commands.has(cmd!)) return mgr!;
  }
  return 'unknown';
}

/** PID 1's own name, as Ansible maps it; `init` and shells say nothing (a container's sh, say). */
const PID1_NAMES: Record<string, string> = { procd: 'openwrt_init', 'runit-init': 'runit', svscan: 'svc', 'openrc-init': 'openrc' };

/**
 * Ansible's service_mgr: the name of PID 1 when it names an init (systemd, runit, or anything
 * unknown, as is), else systemd when /run/systemd/system exists, upstart, sysvinit with
 * /etc/init.d, else `service`.
 */
function serviceMgr(pid1: string, systemdDir: boolean, upstart: string, initd: boolean): string {
  const name = pid1.trim().split('/').pop() ?? '';
  if (name && name !== 'init' && !name.endsWith('sh')) return PID1_NAMES[name] ?? name;
  if (systemdDir) return 'systemd';
  if (/upstart/.test(upstart)) return 'upstart';
  if (initd) return 'sysvinit';
  return 'service';
}

function selinux(getenforce: string | undefined, config: string[], sestatus: string[]): Facts['ansible_selinux'] {
  const mode = getenforce?.trim().toLowerCase();
  if (!mode || mode === 'disabled') return { status: 'disabled' };
  const result: Facts['ansible_selinux'] & Record<string, unknown> = { status: 'enabled', mode };
  const cfg = config.map((l) => /^\s*SELINUX(TYPE)?=(\S+)/.exec(l)).filter((m) => m);
  for (const m of cfg) result[m![1] ? 'type' : 'config_mode'] = m![2]!;
  for (const line of sestatus) {
    const m = /^Max kernel policy version:\s*(\d+)/.exec(line);
    if (m) result.policyvers = Number(m[1]);
  }
  return result;
}

/** /proc/meminfo lines in kB to whole MB, as Ansible reports them. */
function meminfo(lines: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) out[m[1]!] = Math.floor(Number(m[2]) / 1024);
  }
  return out;
}

/** `ansible_python` and `ansible_python_version` from the interpreter's `-V` line ("Python 3.11.2"). */
function pythonFacts(executable: string, versionLine: string): Partial<Facts> {
  const m = /(\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?/.exec(versionLine);
  if (!m) return { ansible_python: { executable } };
  const level = { a: 'alpha', b: 'beta', rc: 'candidate' }[m[4] as 'a' | 'b' | 'rc'] ?? 'final';
  const [major, minor, micro, serial] = [m[1], m[2], m[3], m[5] ?? '0'].map(Number) as [number, number, number, number];
  return {
    ansible_python_version: `${major}.${minor}.${micro}`,
    ansible_python: {
      executable, type: 'cpython',
      version: { major, minor, micro, releaselevel: level, serial },
      version_info: [major, minor, micro, level, serial],
    },
  };
}
