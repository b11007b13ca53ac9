/** What a user reads in Showrunner's human output: which tasks changed, the recap, handlers. */

export interface Recap { ok: number; changed: number; unreachable: number; failed: number; skipped: number }

/** Titles ("role : name") of the tasks (not handlers) that reported changed on any host, in order. */
export function changedTasks(stdout: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    const header = /^(TASK|RUNNING HANDLER) \[(.+)\] \*+$/.exec(line);
    if (header) { current = header[1] === 'TASK' ? header[2] : undefined; continue; }
    if (current && /^changed: \[/.test(line) && out[out.length - 1] !== current) out.push(current);
  }
  return out;
}

/** Handlers that ran, in order ("firewall : restart iptables"). */
export function handlersRun(stdout: string): string[] {
  return [...stdout.matchAll(/^RUNNING HANDLER \[(.+)\] \*+$/gm)].map((m) => m[1]!);
}

/** The PLAY RECAP counts of one host. */
export function recapOf(stdout: string, host: string): Recap | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(`${host} `) && l.includes(' : ok='));
  if (!line) return undefined;
  const n = (key: string) => Number(new RegExp(`${key}=(\\d+)`).exec(line)?.[1] ?? NaN);
  return { ok: n('ok'), changed: n('changed'), unreachable: n('unreachable'), failed: n('failed'), skipped: n('skipped') };
}

/** The `fatal:`/`failed:` lines with the task each belongs to, for assertion messages. */
export function failures(stdout: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of stdout.split('\n')) {
    const header = /^(?:TASK|RUNNING HANDLER) \[(.+)\] \*+$/.exec(line);
    if (header) current = header[1]!;
    else if (/^(fatal|failed): \[/.test(line)) out.push(`${current}: ${line}`);
  }
  return out;
}
