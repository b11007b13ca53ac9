/**
 * The shell conditions wait_for polls. A port is probed from the host itself with bash's
 * /dev/tcp (bash is on every Debian and CentOS host, nc is not).
 */
import { shq } from '../../connections/connection.js';

export interface WaitCondition {
  host: string;
  port?: number;
  path?: string;
  state: 'started' | 'present' | 'stopped' | 'absent' | 'drained';
  /** drained: connections from these addresses do not count. */
  excludeHosts?: string[];
  /** drained: the connection states that count as active (Ansible's names). */
  activeStates?: string[];
  searchRegex?: string;
  connectTimeout: number;
}

/** A POSIX sh command that exits 0 when the condition holds right now. */
export function conditionScript(c: WaitCondition): string {
  if (c.port !== undefined && c.state === 'drained') return drainedScript(c);
  if (c.port !== undefined) {
    const probe = `exec 3<>/dev/tcp/${c.host}/${c.port}`;
    const connect = `timeout ${c.connectTimeout} bash -c ${shq(probe)} 2>/dev/null`;
    if (c.state === 'stopped' || c.state === 'absent') return `! ${connect}`;
    if (!c.searchRegex) return connect;
    const read = `${probe}; cat <&3`;
    return `timeout ${c.connectTimeout} bash -c ${shq(read)} 2>/dev/null | grep -Eq ${shq(c.searchRegex)}`;
  }
  if (c.path !== undefined) {
    const p = shq(c.path);
    if (c.state === 'absent' || c.state === 'stopped') return `[ ! -e ${p} ]`;
    if (!c.searchRegex) return `[ -e ${p} ]`;
    return `[ -r ${p} ] && grep -Pq ${shq(c.searchRegex)} ${p}`;
  }
  return 'false';
}

/** The kernel's codes (/proc/net/tcp's st column) for the connection states Ansible names. */
const TCP_STATES: Record<string, string> = {
  ESTABLISHED: '01', SYN_SENT: '02', SYN_RECV: '03', FIN_WAIT1: '04', FIN_WAIT2: '05', TIME_WAIT: '06',
  CLOSE: '07', CLOSE_WAIT: '08', LAST_ACK: '09', LISTEN: '0A', CLOSING: '0B',
};
export const DEFAULT_ACTIVE_STATES = ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'];

/** The code of a state name, or undefined for a name the kernel has not. */
export const tcpStateCode = (name: string): string | undefined => TCP_STATES[name.toUpperCase()];

/**
 * Holds when no connection to `host`:`port` is in one of the active states, read from the
 * kernel's tables as Ansible reads them: host 0.0.0.0 matches every local address, a name is
 * looked up on the host, IPv4-mapped IPv6 addresses count as IPv4, and connections from an
 * `exclude` address do not count.
 */
function drainedScript(c: WaitCondition): string {
  const states = (c.activeStates ?? DEFAULT_ACTIVE_STATES).map((n) => tcpStateCode(n)!).join('|');
  const program = [
    'function h(x,  i, n) { n = 0; for (i = 1; i <= length(x); i++) n = n * 16 + index("0123456789ABCDEF", toupper(substr(x, i, 1))) - 1; return n }',
    'function v4(x) { if (length(x) == 32 && substr(x, 1, 24) == "0000000000000000FFFF0000") x = substr(x, 25, 8); return length(x) == 8 ? h(substr(x,7,2)) "." h(substr(x,5,2)) "." h(substr(x,3,2)) "." h(substr(x,1,2)) : x }',
    'BEGIN { n = split(EXCL, e, " "); for (i = 1; i <= n; i++) skip[e[i]] = 1 }',
    `FNR > 1 { split($2, l, ":"); split($3, r, ":"); if (h(l[2]) == PORT && $4 ~ /^(${states})$/ && !(v4(r[1]) in skip) && (HOST == "0.0.0.0" || HOST == "::" || v4(l[1]) == HOST)) busy++ }`,
    'END { exit busy ? 1 : 0 }',
  ].join('\n');
  const files = '/proc/net/tcp $( [ -r /proc/net/tcp6 ] && echo /proc/net/tcp6 )';
  const host = /^[0-9.]+$|^::$/.test(c.host) ? shq(c.host) : `"$(getent ahostsv4 ${shq(c.host)} | awk 'NR == 1 { print $1 }')"`;
  return `awk -v PORT=${c.port} -v HOST=${host} -v EXCL=${shq((c.excludeHosts ?? []).join(' '))} ${shq(program)} ${files}`;
}

/**
 * Ansible's match_groups and match_groupdict: the first match of a Python regular expression
 * (multi-line, as Ansible compiles it) in a file's text. Python's `(?P<name>...)` and `(?P=name)`
 * are written as JavaScript's.
 */
export function matchGroups(regex: string, text: string): { match_groups: (string | null)[]; match_groupdict: Record<string, string | null> } {
  let re: RegExp;
  try {
    re = new RegExp(regex.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), 'm');
  } catch {
    return { match_groups: [], match_groupdict: {} };
  }
  const m = re.exec(text);
  if (!m) return { match_groups: [], match_groupdict: {} };
  const dict: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) dict[k] = v ?? null;
  return { match_groups: m.slice(1).map((g) => g ?? null), match_groupdict: dict };
}

/** Poll `check` every `sleep` s until it holds or `timeout` s pass (after an initial delay). */
export function pollScript(check: string, delay: number, timeout: number, sleep: number): string {
  return [
    delay > 0 ? `sleep ${delay}` : ':',
    `end=$(( $(date +%s) + ${timeout} ))`,
    `while :; do if ${check}; then exit 0; fi; [ "$(date +%s)" -ge "$end" ] && exit 1; sleep ${sleep}; done`,
  ].join('; ');
}

/** Ansible's timeout messages. */
export function timeoutMessage(c: WaitCondition): string {
  const target = c.port !== undefined ? `${c.host}:${c.port}` : c.path ?? '';
  const gone = c.state === 'stopped' || c.state === 'absent';
  if (c.port !== undefined && c.state === 'drained') return `Timeout when waiting for ${target} to drain`;
  if (c.port !== undefined) return gone ? `Timeout when waiting for ${target} to stop.` : c.searchRegex ? `Timeout when waiting for search string ${c.searchRegex} in ${target}` : `Timeout when waiting for ${target}`;
  if (c.path !== undefined) return gone ? `Timeout when waiting for ${target} to be absent.` : c.searchRegex ? `Timeout when waiting for search string ${c.searchRegex} in ${target}` : `Timeout when waiting for file ${target}`;
  return 'Timeout';
}
