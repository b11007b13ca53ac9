/**
 * Showrunner's `--json` report read as data: the one way tests look at what a run did (statuses,
 * changes, handlers, recap, failures). Tests of the human output itself read its text directly.
 */
import type { JsonReport } from '../../runner/output/json-report.js';
import type { HostStats } from '../../runner/engine/results.js';

export interface HostResult { status: string; changed?: boolean; plan?: string; predicted?: boolean; steps?: Record<string, unknown>[]; msg?: string; summary?: string; diff?: unknown[]; result?: Record<string, unknown> }
export interface TaskEntry { title: string; handler: boolean; hosts: Record<string, HostResult> }
export type Report = Omit<JsonReport, 'plays'> & { plays: { name: string; hosts: string[]; tasks: TaskEntry[] }[] };

/** The report a `--json` run printed (fails with the output when there is none). */
export function parseReport(stdout: string): Report {
  try {
    return JSON.parse(stdout) as Report;
  } catch {
    throw new Error(`no --json report in:\n${stdout.slice(0, 3000)}`);
  }
}

const tasksOf = (r: Report): TaskEntry[] => r.plays.flatMap((p) => p.tasks);

/** "title: host1,host2" for every task and handler (prefixed `handler `) that changed or would. */
export function changes(r: Report): string[] {
  return tasksOf(r)
    .map((t) => ({ t, hosts: Object.entries(t.hosts).filter(([, h]) => h.status === 'changed').map(([h]) => h).sort() }))
    .filter(({ hosts }) => hosts.length)
    .map(({ t, hosts }) => `${t.handler ? 'handler ' : ''}${t.title}: ${hosts.join(',')}`);
}

/** Titles of the tasks (not handlers) that changed on some host, in run order. */
export function changedTasks(r: Report): string[] {
  return tasksOf(r).filter((t) => !t.handler && Object.values(t.hosts).some((h) => h.status === 'changed')).map((t) => t.title);
}

/** Titles of the handlers that ran, in order. */
export function handlersRun(r: Report): string[] {
  return tasksOf(r).filter((t) => t.handler && Object.values(t.hosts).some((h) => h.status !== 'skipped')).map((t) => t.title);
}

/** Every task and handler title in run order, handlers prefixed `handler `. */
export function titles(r: Report): string[] {
  return tasksOf(r).map((t) => `${t.handler ? 'handler ' : ''}${t.title}`);
}

/** The PLAY RECAP, host by host, in the report's order. */
export function recap(r: Report): Map<string, HostStats> {
  return new Map(Object.entries(r.stats));
}

/** "title [host]: message" of every failed or unreachable result, for assertion messages. */
export function failures(r: Report): string[] {
  return tasksOf(r).flatMap((t) => Object.entries(t.hosts)
    .filter(([, h]) => h.status === 'failed' || h.status === 'unreachable')
    .map(([host, h]) => `${t.title} [${host}]: ${h.msg ?? ''}`));
}

/** The results of one host for the task of this title (the last such task). */
export function resultOf(r: Report, title: string, host: string): HostResult | undefined {
  return tasksOf(r).filter((t) => t.title === title).at(-1)?.hosts[host];
}
