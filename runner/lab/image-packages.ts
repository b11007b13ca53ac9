/**
 * What the lab's golden image carries. Any change here changes the image's hash, so the next
 * `lab up` builds a new image (hosts created on the old one keep working until recreated).
 */

/** Installed in the image: what every host needs to be driven over SSH (and by ansible-playbook). */
export const INSTALLED_PACKAGES: readonly string[] = [
  'openssh-server',
  'openssh-sftp-server',
  'iproute2',
  'procps',
  'sudo',
  'python3',
  'python3-apt',
  'ca-certificates',
  'curl',
];

/**
 * Only downloaded into the image's apt cache (with their dependencies and recommends), so roles
 * install them later with a plain `apt-get install -y` on hosts that have no network.
 */
export const CACHED_PACKAGES: readonly string[] = [
  'nginx',
  'libnginx-mod-rtmp',
  'iptables',
  'iptables-persistent',
  'netfilter-persistent',
  'curl',
  // nginx-rtmp-build's from-source path (nginx_rtmp_build_packages_debian)
  'build-essential',
  'libpcre2-dev',
  'zlib1g-dev',
  'libssl-dev',
  // nginx-config: the optional Prometheus exporter and the optional rendition ladder (exec ffmpeg)
  'prometheus-nginx-exporter',
  'ffmpeg',
];

/** Installed in the systemd flavour's layer on top of the golden image (systemd-container runs nspawn). */
export const SYSTEMD_PACKAGES: readonly string[] = ['systemd', 'systemd-sysv', 'dbus', 'systemd-container'];

/** debconf answers so packages install without questions (debconf-set-selections format). */
export const DEBCONF_SELECTIONS: readonly string[] = [
  'iptables-persistent iptables-persistent/autosave_v4 boolean false',
  'iptables-persistent iptables-persistent/autosave_v6 boolean false',
];
