/**
 * The shell half of an image build, run in a private mount namespace so the chroot's proc, sys
 * and dev mounts vanish with it even when the build is interrupted.
 * Arguments: $1 the root being built. Environment: INSTALL, DOWNLOAD (space-separated package
 * lists), DEBCONF (debconf-set-selections lines), SETUP (extra shell run in the chroot).
 */
export const CHROOT_BUILD = String.raw`
T=$1
inroot() { chroot "$T" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LC_ALL=C DEBIAN_FRONTEND=noninteractive HOME=/root "$@"; }
mount --make-rprivate /
mount -t proc proc "$T/proc"
mount -t sysfs -o ro sysfs "$T/sys"
mount --bind /dev "$T/dev"
mount --bind /dev/pts "$T/dev/pts"
rm -f "$T/etc/apt/sources.list"
mkdir -p "$T/etc/apt/sources.list.d"
cp /etc/apt/sources.list.d/debian.sources "$T/etc/apt/sources.list.d/debian.sources"
cp -L /etc/resolv.conf "$T/etc/resolv.conf" 2>/dev/null || true
printf '#!/bin/sh\n# nothing starts while the image is built\nexit 101\n' > "$T/usr/sbin/policy-rc.d"
chmod 755 "$T/usr/sbin/policy-rc.d"
[ -z "$DEBCONF" ] || printf '%s\n' "$DEBCONF" | inroot debconf-set-selections
echo "== apt-get update"
inroot apt-get update
if [ -n "$INSTALL" ]; then
  echo "== apt-get install $INSTALL"
  inroot apt-get install -y --no-install-recommends $INSTALL
fi
if [ -n "$DOWNLOAD" ]; then
  echo "== apt-get install --download-only $DOWNLOAD"
  inroot apt-get install -y --download-only $DOWNLOAD
fi
[ -z "$SETUP" ] || inroot /bin/sh -ec "$SETUP"
rm -f "$T/usr/sbin/policy-rc.d" "$T"/etc/ssh/ssh_host_*
: > "$T/etc/resolv.conf"
: > "$T/etc/machine-id"
`;

/** Run inside the golden image after its packages: the lab's users and the runlevel stand-in. */
export const GOLDEN_SETUP = String.raw`
# Debian already has an "operator" group (gid 37); the user joins it.
useradd --create-home --shell /bin/bash --gid operator --groups sudo operator
# Lab-only password: these hosts are throwaway test machines.
echo 'operator:operator-pass' | chpasswd
install -d -m 700 -o operator -g operator /home/operator/.ssh
install -d -m 700 /root/.ssh
# Package scripts (invoke-rc.d) ask the runlevel before starting a service; this flavour's init
# has no real one, so answer as a Debian host in multi-user mode does.
printf '#!/bin/sh\necho "N 2"\n' > /usr/sbin/runlevel
chmod 755 /usr/sbin/runlevel
echo lab > /etc/hostname
# The sysv flavour's PID 1: host keys if missing, the runlevel 2 start scripts (sshd among them),
# then reaping orphans for ever (dash's wait reaps any child, adopted daemons included).
# invoke-rc.d also wants /sbin/init to exist before it starts services from package scripts.
cat > /sbin/init <<'INIT'
#!/bin/sh
trap '' HUP INT TERM
[ -s /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -A
for s in /etc/rc2.d/S*; do [ -x "$s" ] && "$s" start; done
echo "lab init: runlevel 2 reached"
while :; do sleep 3600 & wait $!; done
INIT
chmod 755 /sbin/init
`;

/** Run inside the systemd layer: sshd enabled, no units that cannot work in a container. */
export const SYSTEMD_SETUP = String.raw`
systemctl enable ssh.service
systemctl mask systemd-networkd-wait-online.service getty@tty1.service console-getty.service 2>/dev/null || true
systemctl set-default multi-user.target
`;
