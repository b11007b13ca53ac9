/**
 * Distribution facts named as Ansible names them (its `distro` wrapper): CentOS gets major.minor
 * from /etc/redhat-release, Debian its point release from /etc/debian_version.
 */

/** Ansible's distribution names for os-release IDs. */
const NAMES: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', raspbian: 'Debian', linuxmint: 'Linux Mint', centos: 'CentOS',
  rhel: 'RedHat', fedora: 'Fedora', rocky: 'Rocky', almalinux: 'AlmaLinux', ol: 'OracleLinux',
  amzn: 'Amazon', alpine: 'Alpine', arch: 'Archlinux', opensuse: 'openSUSE', sles: 'SLES',
};

const FAMILIES: Record<string, string> = {
  Debian: 'Debian', Ubuntu: 'Debian', 'Linux Mint': 'Debian', CentOS: 'RedHat', RedHat: 'RedHat',
  Fedora: 'RedHat', Rocky: 'RedHat', AlmaLinux: 'RedHat', OracleLinux: 'RedHat', Amazon: 'RedHat',
  Alpine: 'Alpine', Archlinux: 'Archlinux', openSUSE: 'Suse', SLES: 'Suse',
};

/** KEY=value lines of os-release, quotes removed. */
export function parseOsRelease(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!;
    if (/^".*"$|^'.*'$/.test(v)) v = v.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
    out[m[1]!] = v;
  }
  return out;
}

export interface DistributionFacts {
  ansible_distribution: string;
  ansible_distribution_version: string;
  ansible_distribution_major_version: string;
  ansible_distribution_release: string;
  ansible_os_family: string;
  ansible_distribution_minor_version?: string;
  ansible_distribution_file_variety?: string;
}

/** The release file Ansible finds the distribution in, by family. */
const FILE_VARIETY: Record<string, string> = { Debian: 'Debian', RedHat: 'RedHat', Suse: 'SUSE', Alpine: 'Alpine', Archlinux: 'Archlinux' };

export function distributionFacts(osRelease: string[], redhatRelease: string, debianVersion: string): DistributionFacts {
  const os = parseOsRelease(osRelease);
  const id = (os.ID ?? '').toLowerCase();
  let name = NAMES[id] ?? (os.NAME ?? 'Unknown').split(/\s+/)[0]!;
  let version = os.VERSION_ID ?? '';
  let release = os.VERSION_CODENAME ?? os.UBUNTU_CODENAME ?? '';
  const rh = /release\s+([\d.]+)(?:\s+\(([^)]+)\))?/.exec(redhatRelease);
  if (!id && rh) name = /CentOS/.test(redhatRelease) ? 'CentOS' : 'RedHat';
  if (name === 'CentOS' && rh) {
    version = rh[1]!.split('.').slice(0, 2).join('.');
    release = rh[2] ?? release;
  } else if (rh && !release) {
    release = rh[2] ?? '';
  }
  if (name === 'Debian' && /^\d+(\.\d+)*$/.test(debianVersion.trim())) version = debianVersion.trim();
  if (name === 'Debian' && !release) {
    const m = /\(([a-z]+)\)/.exec(os.VERSION ?? '');
    if (m) release = m[1]!;
  }
  const family = FAMILIES[name] ?? name;
  const out: DistributionFacts = {
    ansible_distribution: name,
    ansible_distribution_version: version,
    ansible_distribution_major_version: version.split('.')[0] ?? '',
    ansible_distribution_release: release,
    ansible_os_family: family,
  };
  // Ansible reads these from the release file it parsed: debian_version, redhat-release, os-release.
  const minor = version.split('.')[1];
  if (minor !== undefined) out.ansible_distribution_minor_version = minor;
  const variety = FILE_VARIETY[family];
  if (variety) out.ansible_distribution_file_variety = variety;
  return out;
}
