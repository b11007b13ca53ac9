/**
 * Shell run on the machine to start one host. Both flavours share the positional arguments:
 * $1 merged root mount point, $2 upper dir, $3 work dir, $4 lowerdir (colon list), $5 host name,
 * $6 host state dir (holds ssh/ with the host keys), $7 address, $8 lab public key file.
 */

/** Overlay root, then the per-host files: host keys, hostname, hosts, authorized keys. */
const MOUNT_AND_PREPARE = String.raw`
ROOT=$1 UPPER=$2 WORK=$3 LOWER=$4 NAME=$5 STATE=$6 ADDR=$7 PUBKEY=$8
mount --make-rprivate /
mkdir -p "$ROOT" "$UPPER" "$WORK"
mount -t overlay overlay -o "lowerdir=$LOWER,upperdir=$UPPER,workdir=$WORK" "$ROOT"
rm -f "$ROOT"/etc/ssh/ssh_host_*
: > "$ROOT/etc/ssh/sshd_config.d/showrunner-lab.conf"
for f in "$STATE"/ssh/ssh_host_*_key; do
  install -m 600 "$f" "$ROOT/etc/ssh/"
  install -m 644 "$f.pub" "$ROOT/etc/ssh/"
  echo "HostKey /etc/ssh/$(basename "$f")" >> "$ROOT/etc/ssh/sshd_config.d/showrunner-lab.conf"
done
echo "$NAME" > "$ROOT/etc/hostname"
printf '127.0.0.1\tlocalhost\n%s\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' "$ADDR" "$NAME" > "$ROOT/etc/hosts"
install -d -m 700 "$ROOT/root/.ssh"
install -m 600 "$PUBKEY" "$ROOT/root/.ssh/authorized_keys"
chroot "$ROOT" install -d -m 700 -o operator -g operator /home/operator/.ssh
install -m 600 "$PUBKEY" "$ROOT/home/operator/.ssh/authorized_keys"
chroot "$ROOT" chown operator:operator /home/operator/.ssh/authorized_keys
`;

/**
 * sysv flavour, run as PID 1 of fresh mount/pid/uts/ipc namespaces inside the host's network
 * namespace: mounts the host's own proc (only /proc/sys/net writable), a read-only sysfs, a small
 * /dev with just the harmless devices (the machine's /dev would expose its disks), then
 * pivot_root into the overlay so nothing of the machine's filesystem stays reachable.
 */
export const SYSV_BOOT = MOUNT_AND_PREPARE + String.raw`
hostname "$NAME"
mount -t proc -o nosuid,nodev,noexec proc "$ROOT/proc"
mount --bind "$ROOT/proc/sys" "$ROOT/proc/sys"
mount --bind "$ROOT/proc/sys/net" "$ROOT/proc/sys/net"
mount -o remount,bind,ro "$ROOT/proc/sys"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$ROOT/sys"
mount -t tmpfs -o mode=755,size=1m,nosuid tmpfs "$ROOT/dev"
mknod -m 666 "$ROOT/dev/null" c 1 3
mknod -m 666 "$ROOT/dev/zero" c 1 5
mknod -m 666 "$ROOT/dev/full" c 1 7
mknod -m 666 "$ROOT/dev/random" c 1 8
mknod -m 666 "$ROOT/dev/urandom" c 1 9
mknod -m 666 "$ROOT/dev/tty" c 5 0
mkdir -m 755 "$ROOT/dev/pts"
mkdir -m 1777 "$ROOT/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$ROOT/dev/pts"
ln -s pts/ptmx "$ROOT/dev/ptmx"
ln -s /proc/self/fd "$ROOT/dev/fd"
ln -s /proc/self/fd/0 "$ROOT/dev/stdin"
ln -s /proc/self/fd/1 "$ROOT/dev/stdout"
ln -s /proc/self/fd/2 "$ROOT/dev/stderr"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$ROOT/dev/shm"
mount -t tmpfs -o mode=755,nosuid,nodev,size=64m tmpfs "$ROOT/run"
mkdir -m 1777 "$ROOT/run/lock"
cd "$ROOT"
pivot_root . mnt
cd /
umount -l /mnt
exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 /sbin/init
`;

/**
 * systemd flavour: systemd-nspawn --boot, run from a read-only overlay of the systemd image
 * (the machine's own systemd is left alone), with the guest in the host's network namespace.
 * Extra arguments: $9 the tool root mount point, $10 the host's cgroup name, $11 the netns name,
 * then the parent cgroups (one per hierarchy) to create the host's cgroup in and join.
 * The guest root is mounted inside the tool root's /run so nspawn can see it.
 */
export const SYSTEMD_BOOT = String.raw`
A2=$2 A3=$3 A4=$4 A5=$5 A6=$6 A7=$7 A8=$8 T=$9
shift 9
CG=$1 NS=$2
shift 2
for parent in "$@"; do
  [ -d "$(dirname "$parent")" ] || continue
  mkdir -p "$parent/$CG"
  echo $$ > "$parent/$CG/cgroup.procs"
done
mount --make-rprivate /
mkdir -p "$T"
mount -t overlay overlay -o "lowerdir=$A4" "$T"
mount -t proc proc "$T/proc"
mount --rbind /sys "$T/sys"
mount --rbind /dev "$T/dev"
mount -t tmpfs -o mode=755 tmpfs "$T/run"
mount -t tmpfs -o mode=1777 tmpfs "$T/tmp"
mkdir -p "$T/run/netns" "$T/run/guest"
touch "$T/run/netns/$NS"
mount --bind "/run/netns/$NS" "$T/run/netns/$NS"
set -- "$T/run/guest" "$A2" "$A3" "$A4" "$A5" "$A6" "$A7" "$A8"
` + MOUNT_AND_PREPARE + String.raw`
exec chroot "$T" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  systemd-nspawn --boot --register=no --keep-unit --quiet --console=passive \
  --directory=/run/guest --machine="$NAME" --hostname="$NAME" \
  --network-namespace-path="/run/netns/$NS" --capability=CAP_NET_ADMIN \
  --resolv-conf=off --timezone=off --link-journal=no
`;
