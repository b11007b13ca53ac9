/**
 * The text written to a long-lived remote /bin/sh for one command, and the markers that delimit
 * its output. Each command gets a fresh random marker, so no output (even output that quotes an
 * earlier marker) can end a command early. The command text travels in a shell variable and
 * runs through `eval` in a subshell: a syntax error or `exit` ends only that subshell, never the
 * session, and the command's stdin is always redirected so it cannot read the script that follows.
 */
import { randomBytes } from 'node:crypto';
import { shq, type ExecOptions } from './connection.js';

/** Sent once when a shell starts: helpers every framed command uses. */
export const SHELL_PRELUDE = [
  'export LC_ALL=C',
  `__sr_e() { printf '%s:%d:\\n' "$1" "$2"; printf '%s:e\\n' "$1" >&2; }`,
  'if command -v setsid >/dev/null 2>&1; then __sr_s=setsid; else __sr_s=; fi',
  // Temps of uploads under way (quoted words): removed when the shell ends, so an upload cut by a
  // dead link leaves nothing once the host sees the connection end (its input ends, or a hangup).
  '__sr_t=',
  `__sr_x() { eval "set -- $__sr_t"; for __sr_f; do rm -f -- "$__sr_f"; done; }`,
  "trap '__sr_x' EXIT; trap '__sr_x; exit 129' HUP; trap '__sr_x; exit 143' TERM",
  '',
].join('\n');

export interface FramedCommand {
  marker: string;
  script: string;
}

/** Random bytes drawn 64 markers at a time: as unpredictable as one draw each, without a system call per command. */
let pool = Buffer.alloc(0);
let used = 0;

export function newMarker(): string {
  if (used + 12 > pool.length) {
    pool = randomBytes(12 * 64);
    used = 0;
  }
  const bytes = pool.subarray(used, (used += 12));
  return `__sr_${bytes.toString('hex')}`;
}

/**
 * Script for one command. With a timeout the command runs in the background in its own session
 * (setsid) and its pid is announced on stderr, so it can be killed as a process group.
 */
export function frameCommand(command: string, options: ExecOptions): FramedCommand {
  const marker = newMarker();
  const prefix = commandPrefix(options);
  const hasStdin = options.stdin !== undefined && options.stdin.length > 0;
  const source = hasStdin ? `base64 -d <<'${marker}_in' | ` : '';
  const noStdin = hasStdin ? '' : ' </dev/null';
  let line: string;
  if (options.timeoutMs) {
    const inner = shq(`${prefix}eval "$1"`);
    line = `${source}$__sr_s /bin/sh -c ${inner} sh "$__sr_c"${noStdin} & __sr_p=$!; printf '%sp%d\\n' ${marker} "$__sr_p" >&2; wait "$__sr_p"; __sr_e ${marker} $?`;
  } else {
    line = `${source}( ${prefix}eval "$__sr_c" )${noStdin}; __sr_e ${marker} $?`;
  }
  let script = `__sr_c=${shq(command)}\n${line}\n`;
  if (hasStdin) script += `${wrap(Buffer.from(options.stdin!).toString('base64'))}\n${marker}_in\n`;
  return { marker, script };
}

/** `cd` and `export` lines that apply only to this command's subshell. */
function commandPrefix(options: ExecOptions): string {
  let p = '';
  if (options.cwd) p += `cd -- ${shq(options.cwd)} || exit 1; `;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`invalid environment variable name: ${JSON.stringify(k)}`);
    p += `export ${k}=${shq(v)}; `;
  }
  return p;
}

/** Command that kills a timed-out command's process group (or the lone process without setsid). */
export function killCommand(pid: number): string {
  return `kill -9 -${pid} 2>/dev/null || kill -9 ${pid} 2>/dev/null; true`;
}

function wrap(b64: string): string {
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\n');
}

/** A line for the shell itself (not a framed command): note a temp to remove if the shell ends. */
export function rememberTempLine(tmp: string): string {
  return `__sr_t="$__sr_t "${shq(` ${shq(tmp)}`)}\n`;
}
