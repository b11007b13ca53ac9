/**
 * The shell conditions wait_for polls. A port is probed from the host itself with bash's
 * /dev/tcp (bash is on every Debian and CentOS host, nc is not).
 */
import { shq } from '../../connections/connection.js';

export interface WaitCondition {
  host: string;
  port?: number;
  path?: string;
  state: 'started' | 'present' | 'stopped' | 'absent';
  searchRegex?: string;
  connectTimeout: number;
}

/** A POSIX sh command that exits 0 when the condition holds right now. */
export function conditionScript(c: WaitCondition): string {
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
    return `[ -r ${p} ] && grep -Eq ${shq(c.searchRegex)} ${p}`;
  }
  return 'false';
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
  if (c.port !== undefined) return gone ? `Timeout when waiting for ${target} to stop.` : c.searchRegex ? `Timeout when waiting for search string ${c.searchRegex} in ${target}` : `Timeout when waiting for ${target}`;
  if (c.path !== undefined) return gone ? `Timeout when waiting for ${target} to be absent.` : c.searchRegex ? `Timeout when waiting for search string ${c.searchRegex} in ${target}` : `Timeout when waiting for file ${target}`;
  return 'Timeout';
}
