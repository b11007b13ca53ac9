/**
 * What command and shell share: the creates/removes check (the only thing they can know before
 * running), and a result shaped as Ansible's (rc, stdout(_lines), start/end/delta, cmd).
 */
import { runStep } from '../plan-steps.js';
import { toBool } from './coerce.js';
import { progressLines } from './progress.js';
import type { ModuleContext, Plan, ModuleResult } from '../contract.js';
import { shq } from '../../connections/connection.js';
import { quoteGlob } from './shell-words.js';
import { isPlainAbsolute, knownToExist } from '../files/probe.js';

export interface RunSpec {
  /** The script given to the remote /bin/sh. */
  script: string;
  /** What the result's `cmd` shows: argv for command, the text for shell. */
  cmd: string[] | string;
  chdir?: string;
  creates?: string;
  removes?: string;
  stdin?: string;
  stdinAddNewline: boolean;
  stripEmptyEnds: boolean;
}

/** The options command and shell share, read from their arguments the same way. */
export function runOptions(args: {
  chdir?: string; creates?: string; removes?: string; stdin?: string; stdin_add_newline?: boolean; strip_empty_ends?: boolean;
}): Omit<RunSpec, 'script' | 'cmd'> {
  return {
    chdir: args.chdir,
    creates: args.creates,
    removes: args.removes,
    stdin: args.stdin,
    stdinAddNewline: toBool(args.stdin_add_newline, true),
    stripEmptyEnds: toBool(args.strip_empty_ends, true),
  };
}

function absolute(path: string, chdir?: string): string {
  return path.startsWith('/') || !chdir ? path : `${chdir.replace(/\/+$/, '')}/${path}`;
}

/** Exit 0 when a path matching `pattern` exists (glob allowed, as Ansible's creates/removes). */
function existsScript(pattern: string): string {
  return `for f in ${quoteGlob(pattern)}; do [ -e "$f" ] || [ -L "$f" ] && exit 0; done; exit 1`;
}

export async function planRun(ctx: ModuleContext, spec: RunSpec): Promise<Plan> {
  const checks: [string, boolean][] = [];
  if (spec.creates) checks.push([absolute(spec.creates, spec.chdir), true]);
  if (spec.removes) checks.push([absolute(spec.removes, spec.chdir), false]);
  for (const [path, skipIfExists] of checks) {
    const known = isPlainAbsolute(path) ? knownToExist(ctx, path) : undefined;
    const there = known ?? (await ctx.conn.exec(`(${existsScript(path)})`, { become: ctx.become })).rc === 0;
    const exists = there || (ctx.promised.pathKind(path) !== undefined && ctx.promised.pathKind(path) !== 'absent');
    if (exists === skipIfExists) {
      const what = skipIfExists ? `${spec.creates} exists` : `${spec.removes} does not exist`;
      const shown = skipIfExists ? `'${spec.creates}' exists` : `'${spec.removes}' does not exist`;
      return {
        state: 'ok',
        result: {
          msg: `Did not run command since ${shown}`, cmd: spec.cmd, rc: 0, stdout: `skipped, since ${what}`,
          stderr: '', stdout_lines: [`skipped, since ${what}`], stderr_lines: [], start: null, end: null, delta: null,
        },
      };
    }
  }
  const shown = Array.isArray(spec.cmd) ? spec.cmd.map(shq).join(' ') : spec.cmd;
  return {
    state: 'run',
    summary: `run ${shown}`,
    steps: [runStep(spec.script)],
    // What register sees when the command is not run (a dry run): Ansible's empty shape, so later tasks do not break.
    // Without creates/removes a task's own check_mode skips it (Ansible's `skipped`; the engine decides).
    result: {
      cmd: spec.cmd, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], rc: null,
      msg: 'Command would have run if not in check mode', ...(spec.creates || spec.removes ? {} : { skipped: true }),
    },
    apply: () => runNow(ctx, spec),
    promise: (p) => {
      if (spec.creates && !/[*?[]/.test(spec.creates)) p.paths.set(absolute(spec.creates, spec.chdir), 'file');
      if (spec.removes && !/[*?[]/.test(spec.removes)) p.paths.set(absolute(spec.removes, spec.chdir), 'absent');
    },
  };
}

const NO_CHDIR = '__showrunner_no_chdir__';

async function runNow(ctx: ModuleContext, spec: RunSpec): Promise<ModuleResult> {
  let stdin = spec.stdin;
  if (stdin !== undefined && spec.stdinAddNewline && !stdin.endsWith('\n')) stdin += '\n';
  // chdir is tried first, in the same round trip: a missing folder fails before the command runs, as in Ansible.
  const script = spec.chdir === undefined ? spec.script
    : `if cd -P -- ${shq(spec.chdir)} 2>/dev/null; then\n${spec.script}\nelse echo ${NO_CHDIR} >&2; exit 1; fi`;
  const start = new Date();
  const r = await ctx.conn.exec(script, { become: ctx.become, stdin, onOutput: progressLines(ctx) });
  const end = new Date();
  if (spec.chdir !== undefined && r.rc === 1 && r.stderr.trim() === NO_CHDIR) {
    return {
      failed: true, changed: false, cmd: spec.cmd, rc: null, stdout: '', stdout_lines: [], start: null, end: null, delta: null,
      msg: `Unable to change directory before execution: [Errno 2] No such file or directory: b'${spec.chdir}'`,
    };
  }
  const strip = (s: string) => (spec.stripEmptyEnds ? s.replace(/[\r\n]+$/, '') : s);
  const missing = Array.isArray(spec.cmd) && r.rc === 127 ? notFound(spec.cmd[0]!, r.stderr) : undefined;
  const stdout = strip(r.stdout);
  const stderr = missing ? '' : strip(r.stderr);
  const result: ModuleResult = {
    cmd: spec.cmd, rc: missing ? 2 : r.rc, stdout, stderr, stdout_lines: lines(stdout), stderr_lines: lines(stderr),
    start: stamp(start), end: stamp(end), delta: delta(end.getTime() - start.getTime()), msg: '',
  };
  if (r.rc !== 0) {
    result.failed = true;
    result.msg = missing ?? 'non-zero return code';
    // A program that never started changed nothing (Ansible: changed false); one that ran and failed may have.
    if (missing) result.changed = false;
  }
  return result;
}

/** A program command could not start: Ansible's message (Python's exec error), not the shell's. */
function notFound(program: string, stderr: string): string | undefined {
  if (!stderr.includes(`${program}: not found`) && !stderr.includes(`${program}: No such file or directory`)) return undefined;
  return `[Errno 2] No such file or directory: b'${program}'`;
}

/** Python's splitlines: one line per terminator, no empty last line for a final newline. */
function lines(s: string): string[] {
  return s === '' ? [] : s.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** Local time as Ansible prints it: 2024-05-01 12:00:00.123000 */
function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}000`;
}

function delta(ms: number): string {
  const s = Math.floor(ms / 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${Math.floor(s / 3600)}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${p(ms % 1000, 3)}000`;
}
