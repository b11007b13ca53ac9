/**
 * Showrunner against ansible-playbook on the same playbook and the same number of fresh lab hosts:
 * a first run and a no-change run each, with wall time and SSH round trips per host.
 *
 *   node --import tsx scripts/bench.ts [--hosts N] [--forks N]     (as root; N defaults to 20 and 10)
 *
 * Round trips, ours: the per-host count Showrunner prints with -v (commands written to its one
 * connection, file transfers included). Ansible's: the `SSH: EXEC` lines of -vvv per host, i.e.
 * ssh/sftp processes it started; they share one ControlMaster connection per host (ControlPersist
 * 60s, Ansible's default), so the no-change run reuses the first run's connections.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { labDown, labUp } from '../runner/lab/index.js';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, '.lab/bench');
const playbook = resolve(root, 'test/fixtures/bench/playbook.yml');

interface Measure { tool: string; run: string; seconds: number; exit: number; changedPerHost: number; tripsPerHost: number[] }

async function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; seconds: number }> {
  const started = performance.now();
  const r = await $({ cwd: root, env: { ...process.env, ...env }, nothrow: true, quiet: true })`${command} ${args}`;
  return { code: r.exitCode ?? 1, out: r.stdout + r.stderr, seconds: (performance.now() - started) / 1000 };
}

/** The mean of the PLAY RECAP's changed= counts; tells a first run from a no-change one. */
function changedPerHost(out: string): number {
  const recap = out.slice(out.lastIndexOf('PLAY RECAP'));
  const counts = [...recap.matchAll(/^\S+\s+: ok=\d+\s+changed=(\d+)/gm)].map((m) => Number(m[1]));
  return counts.length ? counts.reduce((a, c) => a + c, 0) / counts.length : NaN;
}

async function showrunner(inventory: string, forks: number, label: string): Promise<Measure> {
  const r = await run(process.execPath, ['--import', 'tsx', 'runner/cli/main.ts', 'run', playbook, '-i', inventory, '-v', '--forks', String(forks)]);
  const trips = [...r.out.matchAll(/(?:^|, )[a-z0-9]+: (\d+) round trips/gm)].map((m) => Number(m[1]));
  return { tool: 'showrunner', run: label, seconds: r.seconds, exit: r.code, changedPerHost: changedPerHost(r.out), tripsPerHost: trips };
}

async function ansible(inventory: string, forks: number, label: string): Promise<Measure> {
  const r = await run('ansible-playbook', ['-i', inventory, playbook, '-vvv', '--forks', String(forks)], { ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True' });
  const perHost = new Map<string, number>();
  for (const m of r.out.matchAll(/^<([^>]+)> SSH: EXEC /gm)) perHost.set(m[1]!, (perHost.get(m[1]!) ?? 0) + 1);
  return { tool: 'ansible-playbook 2.14', run: label, seconds: r.seconds, exit: r.code, changedPerHost: changedPerHost(r.out), tripsPerHost: [...perHost.values()] };
}

function trips(xs: number[]): string {
  if (!xs.length) return 'n/a';
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return min === max ? String(min) : `${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} (${min}-${max})`;
}

function table(rows: Measure[]): string {
  const lines = ['| tool | run | wall time | exit | changed per host | SSH round trips per host |', '|---|---|---|---|---|---|'];
  for (const m of rows) lines.push(`| ${m.tool} | ${m.run} | ${m.seconds.toFixed(1)} s | ${m.exit} | ${m.changedPerHost} | ${trips(m.tripsPerHost)} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { hosts: { type: 'string', default: '20' }, forks: { type: 'string', default: '10' } } });
  const hosts = Number(values.hosts);
  const forks = Number(values.forks);
  if (!Number.isInteger(hosts) || hosts < 1) throw new Error(`--hosts needs a whole number above 0, got ${values.hosts}`);
  if (!Number.isInteger(forks) || forks < 1) throw new Error(`--forks needs a whole number above 0, got ${values.forks}`);
  if (process.getuid?.() !== 0) throw new Error('the benchmark starts lab hosts, which needs root');
  const say = (s: string) => process.stderr.write(`${s}\n`);

  const rows: Measure[] = [];
  try {
    say(`${hosts} fresh lab hosts for showrunner...`);
    let lab = await labUp(hosts, { dir, prefix: 'bn', fresh: true });
    for (const label of ['first run', 'no-change run']) {
      rows.push(await showrunner(lab.inventoryPath, forks, label));
      say(`showrunner ${label}: ${rows.at(-1)!.seconds.toFixed(1)} s`);
    }
    say(`${hosts} fresh lab hosts for ansible-playbook...`);
    lab = await labUp(hosts, { dir, prefix: 'bn', fresh: true });
    for (const label of ['first run', 'no-change run']) {
      rows.push(await ansible(lab.inventoryPath, forks, label));
      say(`ansible-playbook ${label}: ${rows.at(-1)!.seconds.toFixed(1)} s`);
    }
  } finally {
    await labDown({ dir });
  }
  process.stdout.write(`${hosts} hosts, --forks ${forks}, playbook test/fixtures/bench/playbook.yml\n\n${table(rows)}\n`);
  if (rows.some((r) => r.exit !== 0)) process.exitCode = 1;
}

await main();
