/**
 * Tasks run through the engine, as a user runs them, on a connection a test already holds (a
 * throwaway Debian root, say): a playbook of the tasks is run with --check --diff, for real, and
 * again, each with --json, and the engine's verdicts come back task by task. The connection is
 * lent to the run, not closed by it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Connection } from '../../runner/connections/connection.js';
import { registerConnection } from '../../runner/connections/kinds.js';
import { runCli } from '../helpers/run-cli.js';
import { parseReport, type Report } from './report.js';

export interface TaskVerdict { title: string; status: string; msg?: string; summary?: string; diff?: unknown[] }
export interface EngineRuns { check: TaskVerdict[]; real: TaskVerdict[]; again: TaskVerdict[]; codes: [number, number, number] }

function lent(conn: Connection): Connection {
  return new Proxy(conn, {
    get(target, key) {
      if (key === 'connect' || key === 'close') return async () => {};
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function once(dir: string, extra: string[]): Promise<{ code: number; verdicts: TaskVerdict[] }> {
  const r = await runCli(['-i', join(dir, 'inventory'), join(dir, 'play.yml'), '--json', ...extra], dir);
  const report = JSON.parse(r.stdout) as { plays: { tasks: { title: string; hosts: Record<string, Omit<TaskVerdict, 'title'>> }[] }[] };
  const verdicts = report.plays.flatMap((p) => p.tasks).map((t) => ({ title: t.title, ...t.hosts.target! }));
  return { code: r.code, verdicts };
}

/** A one-play playbook of `tasks` in a temp folder, its one host reached through `conn` (lent); `fn` runs it. */
async function withPlaybook<T>(conn: Connection, tasks: unknown[], play: Record<string, unknown>, fn: (dir: string) => Promise<T>): Promise<T> {
  const kind = `test-${randomBytes(4).toString('hex')}`;
  const unregister = registerConnection(kind, () => lent(conn));
  const dir = mkdtempSync(join(tmpdir(), 'sr-engine-'));
  try {
    writeFileSync(join(dir, 'inventory'), `target ansible_connection=${kind}\n`);
    writeFileSync(join(dir, 'play.yml'), JSON.stringify([{ hosts: 'target', gather_facts: false, ...play, tasks }]));
    return await fn(dir);
  } finally {
    unregister();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `tasks` (and `handlers`) on `conn` three times: --check --diff, real, real again. */
export function throughEngine(conn: Connection, tasks: unknown[], play: Record<string, unknown> = {}): Promise<EngineRuns> {
  return withPlaybook(conn, tasks, play, async (dir) => {
    const check = await once(dir, ['--check', '--diff']);
    const real = await once(dir, []);
    const again = await once(dir, []);
    return { check: check.verdicts, real: real.verdicts, again: again.verdicts, codes: [check.code, real.code, again.code] };
  });
}

/** One run of `tasks` on `conn` with `args` (say --check): the --json report and the human output of the same run. */
export function runOn(conn: Connection, tasks: unknown[], args: string[], play: Record<string, unknown> = {}): Promise<{ report: Report; human: string; code: number }> {
  return withPlaybook(conn, tasks, play, async (dir) => {
    const json = await runCli(['-i', join(dir, 'inventory'), join(dir, 'play.yml'), '--json', ...args], dir);
    const human = await runCli(['-i', join(dir, 'inventory'), join(dir, 'play.yml'), ...args], dir);
    return { report: parseReport(json.stdout), human: human.stdout, code: json.code };
  });
}

/** `title: status` lines, for comparing runs in one assertion. */
export const statuses = (vs: TaskVerdict[]): string[] => vs.map((v) => `${v.title}: ${v.status}`);
