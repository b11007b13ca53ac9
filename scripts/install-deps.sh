#!/bin/sh
# Installs, on a bare Debian 12 machine (as root), every Debian package the project's tests need.
# Idempotent and non-interactive. Services shipped by these packages (sshd...) are not started on
# the machine: a policy-rc.d forbids it for the duration of the install.
set -eu

PACKAGES="
  debootstrap
  iproute2
  iptables
  util-linux
  file
  e2fsprogs
  procps
  ca-certificates
  curl
  wget
  unzip
  bzip2
  xz-utils
  tar
  sudo
  ffmpeg
  chromium
  fonts-liberation
  openssh-client
  openssh-server
  ansible-core
  python3
  python3-venv
  python3-pip
"

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root" >&2
  exit 1
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "install-deps.sh: all packages already installed"
  exit 0
fi

policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# installed by scripts/install-deps.sh while it runs: start no services\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  created_policy=1
fi
cleanup() { if [ -n "$created_policy" ]; then rm -f "$policy"; fi; }
trap cleanup EXIT INT TERM

export DEBIAN_FRONTEND=noninteractive
echo "install-deps.sh: installing$missing"
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
echo "install-deps.sh: done"
