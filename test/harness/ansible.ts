/**
 * The one way tests run the real Ansible (ansible-playbook, ansible, ansible-inventory): a fixed
 * environment (no colour, no retry files, no stray ansible.cfg), and for playbooks a JSON report
 * from our own stdout callback (test/harness/ansible-callbacks/), so assertions read results,
 * recap counts and changed tasks as data instead of parsing Ansible's human output.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CALLBACKS = fileURLToPath(new URL('./ansible-callbacks/', import.meta.url));

export const ANSIBLE_ENV: Record<string, string> = {
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_FORCE_COLOR: '0',
  ANSIBLE_RETRY_FILES_ENABLED: '0',
  ANSIBLE_DEPRECATION_WARNINGS: '0',
  ANSIBLE_LOCALHOST_WARNING: '0',
  ANSIBLE_INVENTORY_UNPARSED_WARNING: '0',
  ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
  ANSIBLE_STDOUT_CALLBACK: 'default',
};

/** The same environment with the JSON report as stdout. */
const JSON_ENV = { ANSIBLE_CALLBACK_PLUGINS: CALLBACKS, ANSIBLE_STDOUT_CALLBACK: 'showrunner_results' };

/** One host's line of the PLAY RECAP. */
export interface Recap {
  ok: number; changed: number; unreachable: number; failed: number;
  skipped: number; rescued: number; ignored: number;
}

export type HostResult = Record<string, unknown>;
export interface AnsibleReport {
  plays: { play: { name: string }; tasks: { task: { name: string; handler?: boolean }; hosts: Record<string, HostResult> }[] }[];
  stats: Record<string, Recap & { failures?: number }>;
}

export interface AnsibleRun { code: number; stdout: string; stderr: string }
export interface AnsibleJsonRun extends AnsibleRun { report: AnsibleReport }

export interface RunOptions { cwd?: string; env?: Record<string, string> }

export function runAnsible(cmd: string, args: string[], o: RunOptions = {}): Promise<AnsibleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: { ...process.env, ...ANSIBLE_ENV, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * Runs a command synchronously from an empty directory (so no stray group_vars/ or ansible.cfg
 * count) and returns its stdout; throws on a non-zero exit.
 */
export function runAnsibleSync(cmd: string, args: string[], env: Record<string, string> = {}): string {
  const cwd = mkdtempSync(join(tmpdir(), 'sr-ansible-'));
  try {
    return execFileSync(cmd, args, {
      cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...ANSIBLE_ENV, ANSIBLE_HOST_KEY_CHECKING: '0', ...env },
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Reads the JSON report out of stdout (warnings may come first). */
export function parseReport(stdout: string): AnsibleReport {
  const start = stdout.indexOf('{"plays"');
  if (start < 0) throw new Error(`ansible-playbook printed no report:\n${stdout.slice(-3000)}`);
  return JSON.parse(stdout.slice(start)) as AnsibleReport;
}

/** ansible-playbook with the JSON report. */
export async function ansiblePlaybookJson(args: string[], o: RunOptions = {}): Promise<AnsibleJsonRun> {
  const run = await runAnsible('ansible-playbook', args, { ...o, env: { ...JSON_ENV, ...o.env } });
  try {
    return { ...run, report: parseReport(run.stdout) };
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${run.stderr}`);
  }
}

/** The same, synchronously, from an empty directory. */
export function ansiblePlaybookJsonSync(args: string[], env: Record<string, string> = {}): AnsibleReport {
  return parseReport(runAnsibleSync('ansible-playbook', args, { ...JSON_ENV, ...env }));
}

/** Recap counts per host, Ansible's `failures` read as `failed`. */
export function recapOf(report: AnsibleReport): Map<string, Recap> {
  return new Map(Object.entries(report.stats).map(([host, s]) => [host, {
    ok: s.ok, changed: s.changed, unreachable: s.unreachable, failed: s.failures ?? s.failed,
    skipped: s.skipped, rescued: s.rescued, ignored: s.ignored,
  }]));
}

/** Names of the tasks that reported changed on some host, in run order. */
export function changedTasks(report: AnsibleReport): string[] {
  return report.plays.flatMap((p) => p.tasks)
    .filter((t) => Object.values(t.hosts).some((r) => r.changed === true))
    .map((t) => t.task.name);
}

/** Names and messages of the tasks that failed, for assertion messages. */
export function failures(report: AnsibleReport): string {
  return report.plays.flatMap((p) => p.tasks).flatMap((t) => Object.entries(t.hosts)
    .filter(([, r]) => r.failed === true || r.unreachable === true)
    .map(([h, r]) => `${t.task.name} [${h}]: ${String(r.msg ?? r.stderr ?? '')}`)).join('\n');
}

/** The `msg` of every debug result, in run order; with a prefix, only those that start with it (prefix cut). */
export function debugMessages(report: AnsibleReport, prefix = ''): string[] {
  return report.plays.flatMap((p) => p.tasks).flatMap((t) => Object.values(t.hosts))
    .map((r) => r.msg).filter((m): m is string => typeof m === 'string' && m.startsWith(prefix))
    .map((m) => m.slice(prefix.length));
}
