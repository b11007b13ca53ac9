/**
 * Showrunner against ansible-playbook on the same playbook and fresh lab hosts, at several fleet
 * sizes, in one run: start-up alone, a first converge and several no-change runs per tool, with
 * medians, controller CPU and peak memory, and the ratios.
 *
 *   node --import tsx scripts/bench.ts [--hosts 1,10,50] [--ansible 1,10] [--runs 5] [--playbook F]
 *
 * As root (it starts lab hosts, prefix `bn`, and removes them at the end). Showrunner runs as a
 * user runs it, `node bin/showrunner.js` (build first: `npm run build`), with its default forks;
 * ansible-playbook gets `--forks N` for N hosts (the same parallelism) and pipelining on. Each
 * process is timed by /usr/bin/time: wall time, user+system CPU, peak resident memory. A first
 * converge runs once per tool and size (fresh hosts for each tool); no-change runs repeat
 * `--runs` times for Showrunner and up to 3 times for Ansible, and the medians are printed.
 *
 * The install floor (`--floor-packages`, the packages the playbook installs on Debian; '' skips
 * it): on fresh hosts again, one `apt-get install` of all of them straight over ssh on every host
 * at once, the least a first converge can take for its packages; the table gives each first
 * converge against it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { labDown, labUp } from '../runner/lab/index.js';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, '.lab/bench');

interface Timed { code: number; out: string; wall: number; cpu: number; peakMb: number }
interface Series { first?: Timed; again: Timed[] }
interface Result { sr: Series; an?: Series; floor?: number }

/** Runs a command under /usr/bin/time; its figures come from a file so the output stays the command's. */
async function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-'));
  const file = join(scratch, 'time');
  try {
    const r = await $({ cwd: root, env: { ...process.env, ...env }, nothrow: true, quiet: true })`/usr/bin/time -o ${file} -f ${'%e %U %S %M'} ${command} ${args}`;
    const [wall, user, sys, kb] = readFileSync(file, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    return { code: r.exitCode ?? 1, out: r.stdout + r.stderr, wall: wall!, cpu: user! + sys!, peakMb: kb! / 1024 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The mean of the PLAY RECAP's changed= counts; tells a first run from a no-change one. */
function changedPerHost(out: string): number {
  const recap = out.slice(out.lastIndexOf('PLAY RECAP'));
  const counts = [...recap.matchAll(/^\S+\s+: ok=\d+\s+changed=(\d+)/gm)].map((m) => Number(m[1]));
  return counts.length ? counts.reduce((a, c) => a + c, 0) / counts.length : NaN;
}

const showrunner = (playbook: string, inventory: string, extra: string[] = []) =>
  timed(process.execPath, ['bin/showrunner.js', 'run', playbook, '-i', inventory, ...extra]);

const ansible = (playbook: string, inventory: string, forks: number) =>
  timed('ansible-playbook', ['-i', inventory, playbook, '--forks', String(forks)], {
    ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True', ANSIBLE_PIPELINING: 'True',
  });

function check(what: string, t: Timed, wantChanged: 'some' | 'none'): void {
  const changed = changedPerHost(t.out);
  const ok = t.code === 0 && (wantChanged === 'none' ? changed === 0 : changed > 0);
  if (!ok) throw new Error(`${what}: exit ${t.code}, changed per host ${changed}\n${t.out.slice(-3000)}`);
}

/** Seconds for every host of the lab to install `packages` with one apt-get over ssh, all at once. */
async function installFloor(lab: Awaited<ReturnType<typeof labUp>>, packages: string): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(lab.hosts.map(async (h) => {
    const r = await $({ nothrow: true, quiet: true })`ssh -i ${lab.keyPath} -o UserKnownHostsFile=${lab.knownHostsPath} -o StrictHostKeyChecking=yes -o BatchMode=yes root@${h.address} ${`DEBIAN_FRONTEND=noninteractive apt-get -y -q install ${packages}`}`;
    if (r.exitCode !== 0) throw new Error(`the install floor on ${h.name}: exit ${r.exitCode}\n${r.stderr.slice(-2000)}`);
  }));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const s = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const spread = (xs: number[]) => (xs.length > 1 ? ` (${s(Math.min(...xs))}-${s(Math.max(...xs))})` : '');

/** The figures as docs/benchmark.md shows them. */
function table(playbook: string, runs: number, startup: Timed[], results: Map<number, Result>): string {
  const lines = [
    `playbook ${playbook}; no-change runs: median of ${runs} (Showrunner), ${Math.min(runs, 3)} (Ansible); range in brackets`,
    '',
    `start-up (\`--syntax-check\`, no host): median ${s(median(startup.map((t) => t.wall)))} s wall${spread(startup.map((t) => t.wall))}, ${s(median(startup.map((t) => t.cpu)))} s CPU, ${median(startup.map((t) => t.peakMb)).toFixed(0)} MB`,
    '',
    '| hosts | no-change: Showrunner | CPU | peak memory | no-change: ansible-playbook | ratio | first converge: Showrunner / Ansible | install floor (first converge / floor) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [n, { sr, an, floor }] of results) {
    const srWall = median(sr.again.map((t) => t.wall));
    const anWall = an ? median(an.again.map((t) => t.wall)) : undefined;
    lines.push(`| ${n} | ${s(srWall)} s${spread(sr.again.map((t) => t.wall))} | ${s(median(sr.again.map((t) => t.cpu)))} s | ${median(sr.again.map((t) => t.peakMb)).toFixed(0)} MB | `
      + `${anWall === undefined ? 'not run' : `${s(anWall)} s${spread(an!.again.map((t) => t.wall))}`} | ${anWall === undefined ? '' : `${(anWall / srWall).toFixed(0)}x`} | `
      + `${s(sr.first!.wall)} s / ${an ? `${s(an.first!.wall)} s` : 'not run'} | `
      + `${floor === undefined ? 'not run' : `${s(floor)} s (${(sr.first!.wall / floor).toFixed(2)}x${an ? `, Ansible ${(an.first!.wall / floor).toFixed(2)}x` : ''})`} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    hosts: { type: 'string', default: '1,10,50' },
    ansible: { type: 'string', default: '1,10' },
    runs: { type: 'string', default: '5' },
    playbook: { type: 'string', default: 'playbooks/site.yml' },
    'floor-packages': { type: 'string', default: 'iptables iptables-persistent nginx libnginx-mod-rtmp' },
  } });
  const floorPackages = values['floor-packages']!.trim();
  if (!/^[a-z0-9.+\- ]*$/.test(floorPackages)) throw new Error(`--floor-packages takes Debian package names, got ${floorPackages}`);
  const counts = values.hosts!.split(',').map(Number);
  const withAnsible = new Set(values.ansible ? values.ansible.split(',').map(Number) : []);
  const runs = Number(values.runs);
  const playbook = resolve(root, values.playbook!);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--hosts takes whole numbers above 0, got ${values.hosts}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a whole number above 0, got ${values.runs}`);
  if (process.getuid?.() !== 0) throw new Error('the benchmark starts lab hosts, which needs root');
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const startup: Timed[] = [];
  for (let i = 0; i < Math.max(runs, 7); i++) {
    const t = await showrunner(playbook, 'inventory/prod', ['--syntax-check']);
    if (t.code !== 0) throw new Error(`--syntax-check failed:\n${t.out}`);
    startup.push(t);
  }
  say(`start-up (--syntax-check): median ${s(median(startup.map((t) => t.wall)))} s`);

  const results = new Map<number, Result>();
  try {
    for (const n of counts) {
      say(`${n} fresh lab hosts for showrunner...`);
      let lab = await labUp(n, { dir, prefix: 'bn', fresh: true });
      const sr: Series = { again: [] };
      sr.first = await showrunner(playbook, lab.inventoryPath);
      check(`showrunner first converge at ${n}`, sr.first, 'some');
      say(`  first converge ${s(sr.first.wall)} s`);
      for (let i = 0; i < runs; i++) {
        const t = await showrunner(playbook, lab.inventoryPath);
        check(`showrunner no-change run at ${n}`, t, 'none');
        sr.again.push(t);
        say(`  no-change ${s(t.wall)} s, ${s(t.cpu)} s CPU, ${t.peakMb.toFixed(0)} MB`);
      }
      const entry: Result = { sr };
      results.set(n, entry);
      if (floorPackages) {
        say(`${n} fresh lab hosts for the install floor...`);
        entry.floor = await installFloor(await labUp(n, { dir, prefix: 'bn', fresh: true }), floorPackages);
        say(`  apt-get install ${floorPackages}: ${s(entry.floor)} s`);
      }
      if (!withAnsible.has(n)) {
        say(table(values.playbook!, runs, startup, results));
        continue;
      }
      say(`${n} fresh lab hosts for ansible-playbook...`);
      lab = await labUp(n, { dir, prefix: 'bn', fresh: true });
      const an: Series = { again: [] };
      an.first = await ansible(playbook, lab.inventoryPath, n);
      check(`ansible-playbook first converge at ${n}`, an.first, 'some');
      say(`  first converge ${s(an.first.wall)} s`);
      for (let i = 0; i < Math.min(runs, 3); i++) {
        const t = await ansible(playbook, lab.inventoryPath, n);
        check(`ansible-playbook no-change run at ${n}`, t, 'none');
        an.again.push(t);
        say(`  no-change ${s(t.wall)} s`);
      }
      entry.an = an;
      say(table(values.playbook!, runs, startup, results));
    }
  } finally {
    await labDown({ dir });
  }

  process.stdout.write(`${table(values.playbook!, runs, startup, results)}\n`);
}

await main();
