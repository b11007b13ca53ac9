/** What a user reads in the human output of a run: task lines per host and the PLAY RECAP. */

export interface TaskLines {
  title: string;
  handler: boolean;
  /** host -> status word as printed (ok, changed, skipping, fatal). */
  hosts: Map<string, string>;
  /** The lines under the task header, as printed. */
  lines: string[];
}

const HEADER = /^(TASK|RUNNING HANDLER) \[(.*)\] \*+$/;
const RESULT = /^(ok|changed|skipping|fatal|failed): \[([^\]]+)\]/;

export function taskLines(stdout: string): TaskLines[] {
  const tasks: TaskLines[] = [];
  let current: TaskLines | undefined;
  for (const line of stdout.split('\n')) {
    const h = HEADER.exec(line);
    if (h) {
      current = { title: h[2]!, handler: h[1] !== 'TASK', hosts: new Map(), lines: [] };
      tasks.push(current);
      continue;
    }
    if (/^(PLAY|PLAY RECAP) /.test(line)) current = undefined;
    if (!current || line === '') continue;
    current.lines.push(line);
    const r = RESULT.exec(line);
    if (r) for (const host of r[2]!.split(', ')) current.hosts.set(host, r[1]!);
  }
  return tasks;
}

/** "title: host1,host2" for every task and handler that changed (or would), in output order. */
export function changes(stdout: string): string[] {
  return taskLines(stdout)
    .map((t) => ({ t, hosts: [...t.hosts].filter(([, s]) => s === 'changed').map(([h]) => h).sort() }))
    .filter(({ hosts }) => hosts.length)
    .map(({ t, hosts }) => `${t.handler ? 'handler ' : ''}${t.title}: ${hosts.join(',')}`);
}

export type RecapCounts = Record<'ok' | 'changed' | 'unreachable' | 'failed' | 'skipped' | 'rescued' | 'ignored', number>;

/** The PLAY RECAP, host by host. */
export function recap(stdout: string): Map<string, RecapCounts> {
  const at = stdout.lastIndexOf('PLAY RECAP');
  const out = new Map<string, RecapCounts>();
  if (at < 0) return out;
  for (const line of stdout.slice(at).split('\n').slice(1)) {
    const m = /^(\S+)\s+: (.*)$/.exec(line);
    if (!m) continue;
    const counts = Object.fromEntries([...m[2]!.matchAll(/(\w+)=(\d+)/g)].map((x) => [x[1], Number(x[2])]));
    out.set(m[1]!, counts as RecapCounts);
  }
  return out;
}

/** The PLAY headers in order (one per serial batch). */
export function playHeaders(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^PLAY \[/.test(l)).map((l) => l.replace(/ \*+$/, ''));
}
