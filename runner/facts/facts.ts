/** Facts gathered once per host (one round trip), exposed as ansible_* variables. */
export interface Facts {
  ansible_os_family: string; // 'Debian' | 'RedHat' | ...
  ansible_distribution: string; // 'Debian', 'CentOS', 'Ubuntu'
  ansible_distribution_version: string; // '12.7', '7.9.2009'
  ansible_distribution_major_version: string; // '12', '7'
  ansible_distribution_release: string; // 'bookworm'
  ansible_pkg_mgr: string; // 'apt' | 'yum' | 'dnf'
  ansible_service_mgr: string; // 'systemd' | 'sysvinit'
  ansible_architecture: string; // 'x86_64'
  ansible_hostname: string;
  ansible_fqdn: string;
  ansible_nodename: string;
  ansible_selinux: { status: string; mode?: string };
  ansible_user_id: string;
  ansible_kernel: string;
  ansible_system: string;
  [key: string]: unknown;
}
