/**
 * A throwaway Debian 12 root for module tests that must never touch this machine (apt, service,
 * user, group). It is the lab's golden image (runner/lab/image.ts, built once and shared) with a
 * layer of its own on top: Python and iproute2 removed (a minimal host), and apt sources that
 * point only at a local file repository of test packages built here, so tests never reach the
 * network. Each test root is an overlay on both, held open by a tiny PID 1 inside its own mount
 * and pid namespaces so daemons started by `service` keep running between commands and die with
 * the root.
 */
import { spawn, execFileSync } from 'node:child_process';
import { buildImage, buildLayer } from '../../runner/lab/image.js';
import { promises as fs, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { Connection, ExecOptions, ExecResult } from '../../runner/connections/connection.js';
import { CommandTimeoutError, shq } from '../../runner/connections/connection.js';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rootsDir = join(projectDir, '.cache', 'debian-root', 'roots');
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Where the image keeps its local apt repository. */
export const REPO_DIR = '/srv/showrunner-repo';

/** Packages of the local repository: name, version, depends, files (path -> [mode, content]). */
const TEST_PACKAGES: { name: string; version: string; depends?: string; files: Record<string, [number, string]> }[] = [
  { name: 'srtest', version: '1.0', files: { '/usr/share/srtest/version': [0o644, '1.0\n'] } },
  { name: 'srtest', version: '1.1', files: { '/usr/share/srtest/version': [0o644, '1.1\n'] } },
  { name: 'srtest-dep', version: '1.0', depends: 'srtest', files: { '/usr/share/srtest-dep/README': [0o644, 'needs srtest\n'] } },
  {
    name: 'srtestd', version: '1.0', files: {
      '/usr/sbin/srtestd': [0o755, "#!/bin/sh\ntrap 'echo reloaded >> /var/log/srtestd.log' HUP\necho started >> /var/log/srtestd.log\nwhile :; do sleep 1 & wait $!; done\n"],
      '/etc/init.d/srtestd': [0o755, [
        '#!/bin/sh', '### BEGIN INIT INFO', '# Provides:          srtestd', '# Required-Start:    $remote_fs',
        '# Required-Stop:     $remote_fs', '# Default-Start:     2 3 4 5', '# Default-Stop:      0 1 6',
        '# Short-Description: test daemon', '### END INIT INFO', 'PIDFILE=/run/srtestd.pid',
        'case "$1" in',
        '  start) start-stop-daemon --start --quiet --oknodo --background --make-pidfile --pidfile $PIDFILE --startas /usr/sbin/srtestd ;;',
        '  stop) start-stop-daemon --stop --quiet --oknodo --retry 5 --pidfile $PIDFILE --remove-pidfile ;;',
        '  restart|force-reload) "$0" stop && "$0" start ;;',
        '  reload) start-stop-daemon --stop --signal HUP --quiet --pidfile $PIDFILE ;;',
        '  status) if start-stop-daemon --status --pidfile $PIDFILE; then echo "srtestd is running"; else echo "srtestd is not running"; exit 3; fi ;;',
        '  *) echo "Usage: $0 {start|stop|restart|reload|status}" >&2; exit 2 ;;',
        'esac', '',
      ].join('\n')],
    },
  },
];

/** Build the .deb files with dpkg-deb and a flat Packages index into `root` + REPO_DIR. */
async function buildTestRepo(root: string): Promise<void> {
  const repo = join(root, REPO_DIR);
  const stage = join(root, 'tmp', 'srtest-build');
  await fs.mkdir(repo, { recursive: true });
  const index: string[] = [];
  for (const p of TEST_PACKAGES) {
    const dir = join(stage, `${p.name}-${p.version}`);
    for (const [path, [mode, content]] of Object.entries(p.files)) {
      await fs.mkdir(dirname(join(dir, path)), { recursive: true });
      await fs.writeFile(join(dir, path), content, { mode });
    }
    await fs.mkdir(join(dir, 'DEBIAN'), { recursive: true });
    const control = [`Package: ${p.name}`, `Version: ${p.version}`, 'Architecture: all', 'Maintainer: Showrunner tests <tests@localhost>',
      ...(p.depends ? [`Depends: ${p.depends}`] : []), 'Section: misc', 'Priority: optional', `Description: ${p.name} package for module tests`];
    await fs.writeFile(join(dir, 'DEBIAN', 'control'), control.join('\n') + '\n');
    const file = `${p.name}_${p.version}_all.deb`;
    run('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', dir, join(repo, file)]);
    const deb = await fs.readFile(join(repo, file));
    index.push([...control, `Filename: ./${file}`, `Size: ${deb.length}`, `SHA256: ${createHash('sha256').update(deb).digest('hex')}`].join('\n'));
  }
  await fs.writeFile(join(repo, 'Packages'), index.join('\n\n') + '\n');
  await fs.rm(stage, { recursive: true, force: true });
}

/** Run in the layer's root after the golden image's packages: a minimal host, local sources only. */
const LAYER_SETUP = String.raw`
apt-get purge -y -q --auto-remove python3 python3-apt iproute2
rm -f /etc/apt/sources.list /etc/apt/sources.list.d/debian.sources
echo "deb [trusted=yes] file:${REPO_DIR} ./" > /etc/apt/sources.list.d/showrunner-test.list
apt-get update -qq
apt-get clean
`;

let building: Promise<[string, string]> | undefined;

/** The golden image and the module-test layer above it, built on first use and shared. */
export function goldenImage(): Promise<[string, string]> {
  building ??= Promise.all([
    buildImage(),
    buildLayer({ name: 'modroot', prepare: buildTestRepo, prepareKey: TEST_PACKAGES, setup: LAYER_SETUP }),
  ]);
  return building;
}

/**
 * A Connection to one throwaway root. Commands enter the root's namespaces with nsenter, so the
 * machine's processes, /proc and files stay out of reach of what the modules run.
 */
export class DebianRootConnection implements Connection {
  roundTrips = 0;
  private holder?: ChildProcess;
  private initPid = 0;
  private readonly dir = join(rootsDir, randomBytes(6).toString('hex'));
  constructor(readonly name = 'debian-root') {}

  /** Build (if needed) and start a fresh root. */
  static async start(): Promise<DebianRootConnection> {
    const c = new DebianRootConnection();
    await c.connect();
    return c;
  }

  async connect(): Promise<void> {
    const [golden, layer] = await goldenImage();
    const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(this.dir, d)) as [string, string, string];
    for (const d of [upper, work, merged]) await fs.mkdir(d, { recursive: true });
    const m = shq(merged);
    const setup = [
      `mount -t overlay overlay -o ${shq(`lowerdir=${layer}:${golden},upperdir=${upper},workdir=${work}`)} ${m}`,
      `mount -t proc proc ${m}/proc`,
      `mount -t tmpfs tmpfs ${m}/run`,
      `mount -t tmpfs tmpfs ${m}/tmp`,
      `mkdir -p ${m}/run/lock`,
      // PID 1 of the root: a shell whose waits reap every orphaned daemon.
      `exec chroot ${m} /bin/sh -c 'echo ready; while :; do sleep 3600; done'`,
    ].join(' && ');
    const holder = spawn('unshare', ['--mount', '--pid', '--fork', '--kill-child', '--propagation', 'private', '/bin/sh', '-ec', setup], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.holder = holder;
    let stderr = '';
    holder.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.once('data', () => resolve());
      holder.once('exit', (code) => reject(new Error(`debian root did not start (${code}): ${stderr}`)));
    });
    const children = readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8').trim();
    this.initPid = Number(children.split(/\s+/)[0]);
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.roundTrips++;
    const script = options.cwd ? `cd ${shq(options.cwd)} && ${command}` : command;
    const env = Object.entries({ PATH, HOME: '/root', LC_ALL: 'C', ...options.env }).map(([k, v]) => `${k}=${v}`);
    const args = ['-t', String(this.initPid), '-m', '-p', '-r', '-w', '--', '/usr/bin/env', '-i', ...env, '/bin/sh', '-c', script];
    return new Promise((resolve, reject) => {
      const child = spawn('nsenter', args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      const timer = options.timeoutMs ? setTimeout(() => {
        child.kill('SIGKILL');
        reject(new CommandTimeoutError(`command timed out after ${options.timeoutMs} ms: ${command}`));
      }, options.timeoutMs) : undefined;
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ rc: code ?? (signal ? 137 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin ?? '');
    });
  }

  async readFile(path: string): Promise<Buffer | null> {
    const r = await this.exec(`[ -e ${shq(path)} ] || exit 3; base64 < ${shq(path)}`);
    if (r.rc === 3) return null;
    if (r.rc !== 0) throw new Error(`cannot read ${path}: ${r.stderr.trim()}`);
    return Buffer.from(r.stdout, 'base64');
  }

  async writeFile(path: string, data: string | Buffer, options: { mode?: string } = {}): Promise<void> {
    const tmp = `${path}.showrunner-${randomBytes(4).toString('hex')}`;
    const r = await this.exec(`base64 -d > ${shq(tmp)} && chmod ${shq(options.mode ?? '0644')} ${shq(tmp)} && mv -f ${shq(tmp)} ${shq(path)}`,
      { stdin: Buffer.from(data).toString('base64') });
    if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
  }

  /** Stop every process of the root and delete its files. */
  async close(): Promise<void> {
    const h = this.holder;
    if (h && h.exitCode === null && h.signalCode === null) {
      const exited = new Promise((r) => h.once('exit', r));
      h.kill('SIGKILL');
      await exited;
    }
    this.holder = undefined;
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
