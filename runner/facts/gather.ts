/**
 * Fact gathering in one round trip: a POSIX shell script that prints labelled sections, parsed
 * on this side (the files and addresses in compact form: compact-sections.ts). Works on a bare host (no Python): only coreutils, /proc and /etc are read, and
 * every probe tolerates a missing command.
 */
import type { Connection } from '../connections/connection.js';
import type { Facts } from './facts.js';
import { parseFacts } from './parse-facts.js';
import { COMPACT_SCRIPT } from './compact-sections.js';

export { parseFacts };

/** Each section starts with a line `::name`; parse-facts.ts reads them back. */
export const FACTS_SCRIPT = `
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; export PATH
has() { command -v "$1" >/dev/null 2>&1; }
echo ::uname; u=$(uname -snrvm); set -f; set -- $u; set +f; s=$1; n=$2; r=$3; shift 3; v=; while [ $# -gt 1 ]; do v="$v\${v:+ }$1"; shift; done; printf '%s\n' "$s" "$r" "$1" "$n" "$v"
echo ::fqdn; hostname -f 2>/dev/null || hostname 2>/dev/null || echo "$n"
echo ::systemd-dir; [ -d /run/systemd/system ] && echo yes
echo ::initd-dir; [ -d /etc/init.d ] && echo yes
echo ::upstart; has initctl && initctl version 2>/dev/null
echo ::commands; for c in apt-get dnf yum zypper apk pacman systemctl service chkconfig update-rc.d python3 python2 python getenforce lsb_release; do command -v "$c" 2>/dev/null; done
echo ::python-version; for c in python3 python2 python; do has "$c" && { "$c" -V 2>&1; break; }; done
echo ::getenforce; has getenforce && getenforce 2>/dev/null
echo ::sestatus; has sestatus && sestatus 2>/dev/null
echo ::user; i=$(id); uid=\${i#uid=}; uid=\${uid%%[!0-9]*}; gid=\${i#* gid=}; gid=\${gid%%[!0-9]*}; un=\${i#uid=$uid}; case $un in "("*) un=\${un#?}; un=\${un%%")"*};; *) un=;; esac; printf '%s\n' "$un" "$uid" "$gid" "$HOME"
echo ::date; date '+%s %N %z %Z'
echo ::env; env
echo ::passwd; [ -n "$un" ] && getent passwd "$un" 2>/dev/null
echo ::virt; [ -e /.dockerenv ] && echo dockerenv
${COMPACT_SCRIPT}
echo ::statfs; set --; while read -r dev mnt rest; do case "$dev" in /*|*:/*) set -- "$@" "$(printf '%b' "$mnt")";; esac; done < /proc/mounts; [ $# -gt 0 ] && stat -f -c '%n %S %b %a %f %c %d %s' "$@" 2>/dev/null
echo ::end
`;

/**
 * Gather the facts of the host behind `conn` with a single exec; `alsoRead` are small text files
 * read in the same command (the engine's state on the host), so they cost no round trip of their
 * own. Each comes back as its text, null when it is certainly absent, or is left out when the
 * login user could not tell (no permission): the caller reads that one itself.
 */
export async function gatherFacts(conn: Connection, alsoRead: string[] = [], reads?: Map<string, string | null>): Promise<Facts> {
  const r = await conn.exec(FACTS_SCRIPT + alsoRead.map(readScript).join(''));
  const end = r.stdout.indexOf('\n::end\n');
  if (end < 0 && !r.stdout.includes('::end')) {
    throw new Error(`fact gathering failed (rc ${r.rc}): ${r.stderr.trim() || 'no output'}`);
  }
  if (reads && end >= 0) parseReads(r.stdout.slice(end + '\n::end\n'.length), alsoRead, reads);
  return parseFacts(end >= 0 ? r.stdout.slice(0, end + '\n::end\n'.length) : r.stdout);
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Prints `::read-present`, the file and `::read-end`; `::read-absent`; or `::read-unknown`. */
function readScript(file: string): string {
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
  return `f=${q(file)}; d=${q(dir)}
if [ -f "$f" ] && [ -r "$f" ]; then echo ::read-present; cat "$f"; echo; echo ::read-end
elif { [ -d "$d" ] && [ -x "$d" ] && [ ! -e "$f" ]; } || { [ ! -e "$d" ] && [ -x ${q(parent)} ]; }; then echo ::read-absent
else echo ::read-unknown; fi
`;
}

function parseReads(out: string, files: string[], reads: Map<string, string | null>): void {
  let rest = out;
  for (const file of files) {
    if (rest.startsWith('::read-present\n')) {
      const end = rest.indexOf('\n::read-end\n');
      if (end < 0) return;
      reads.set(file, rest.slice('::read-present\n'.length, end));
      rest = rest.slice(end + '\n::read-end\n'.length);
    } else if (rest.startsWith('::read-absent\n')) {
      reads.set(file, null);
      rest = rest.slice('::read-absent\n'.length);
    } else if (rest.startsWith('::read-unknown\n')) {
      rest = rest.slice('::read-unknown\n'.length);
    } else return;
  }
}
