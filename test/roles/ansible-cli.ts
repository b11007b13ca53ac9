/**
 * Drives the real `ansible-playbook` / `ansible` commands against a lab inventory, so the
 * roles are proven under the tool they must stay compatible with.
 */
import { spawn } from 'node:child_process';

export interface CommandResult { code: number; stdout: string; stderr: string }

/** One host's line of the PLAY RECAP. */
export interface Recap {
  ok: number; changed: number; unreachable: number; failed: number;
  skipped: number; rescued: number; ignored: number;
}

const ansibleEnv = {
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_FORCE_COLOR: '0',
  ANSIBLE_RETRY_FILES_ENABLED: '0',
  ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
  ANSIBLE_STDOUT_CALLBACK: 'default',
};

export function runCommand(cmd: string, args: string[], cwd?: string, env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...ansibleEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs a playbook; extra vars are passed as one JSON `-e` so types survive. */
export function ansiblePlaybook(
  root: string, inventory: string, playbook: string, extraVars: Record<string, unknown>, more: string[] = [],
): Promise<CommandResult> {
  return runCommand('ansible-playbook', ['-i', inventory, playbook, '-e', JSON.stringify(extraVars), ...more], root);
}

/** The recap counts per host, read from the end of ansible-playbook's output. */
export function parseRecap(stdout: string): Map<string, Recap> {
  const recaps = new Map<string, Recap>();
  const start = stdout.lastIndexOf('PLAY RECAP');
  if (start < 0) return recaps;
  for (const line of stdout.slice(start).split('\n').slice(1)) {
    const m = /^(\S+)\s*:\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const counts: Record<string, number> = {};
    for (const [, key, value] of m[2].matchAll(/(\w+)=(\d+)/g)) counts[key] = Number(value);
    recaps.set(m[1], {
      ok: counts.ok ?? 0, changed: counts.changed ?? 0, unreachable: counts.unreachable ?? 0,
      failed: counts.failed ?? 0, skipped: counts.skipped ?? 0, rescued: counts.rescued ?? 0,
      ignored: counts.ignored ?? 0,
    });
  }
  return recaps;
}

/** The names of the tasks that reported `changed` (for a readable assertion message). */
export function changedTasks(stdout: string): string[] {
  const names: string[] = [];
  let current = '';
  for (const line of stdout.split('\n')) {
    const task = /^(?:TASK|RUNNING HANDLER) \[(.*)\]/.exec(line);
    if (task) current = task[1];
    else if (line.startsWith('changed:')) names.push(current);
  }
  return names;
}

/** Runs a shell command on every host of the inventory with the `shell` module. */
export function ansibleShell(root: string, inventory: string, pattern: string, command: string): Promise<CommandResult> {
  return runCommand('ansible', ['-i', inventory, pattern, '-o', '-m', 'shell', '-a', command], root);
}

/** Address and name of every host in the inventory (`ansible_host`, else the name). */
export async function inventoryHosts(root: string, inventory: string): Promise<{ name: string; address: string }[]> {
  const listed = await runCommand('ansible-inventory', ['-i', inventory, '--list'], root);
  if (listed.code !== 0) throw new Error(`ansible-inventory failed: ${listed.stderr}`);
  const data = JSON.parse(listed.stdout) as { _meta: { hostvars: Record<string, Record<string, unknown>> } };
  return Object.entries(data._meta.hostvars).map(([name, vars]) => ({
    name, address: String(vars.ansible_host ?? name),
  }));
}
