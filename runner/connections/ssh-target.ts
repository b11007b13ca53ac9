/**
 * Where and how to reach one host, settled before connecting: Ansible's host variables first,
 * then the ssh options in `ansible_ssh_common_args`/`ansible_ssh_extra_args`, then
 * `~/.ssh/config`, then ssh's defaults. Keeping this a plain value makes it easy to test and
 * to print with -v.
 */
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseSshArgs } from './ssh-args.js';
import { resolveSshConfig, type SshConfigEntry } from './ssh-config.js';

export interface SshTarget {
  /** Inventory name, used in messages. */
  name: string;
  host: string;
  port: number;
  user: string;
  privateKeyFile?: string;
  password?: string;
  useAgent?: boolean;
  knownHostsFiles: string[];
  hostKeyChecking: boolean;
  connectTimeoutMs: number;
  /** The bastion this host is reached through (itself possibly behind another). */
  proxyJump?: SshTarget;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export function sshTargetFromHostVars(
  name: string,
  hostvars: Record<string, unknown>,
  options: { hostKeyChecking?: boolean; sshConfigPath?: string } = {},
): SshTarget {
  const args = parseSshArgs(str(hostvars.ansible_ssh_common_args), str(hostvars.ansible_ssh_extra_args));
  const alias = str(hostvars.ansible_host) ?? name;
  const configPath = args.configFile ?? options.sshConfigPath;
  const cfg = resolveSshConfig(alias, configPath);

  const strict = (args.options.get('stricthostkeychecking') ?? cfg.strictHostKeyChecking)?.toLowerCase();
  const hostKeyChecking = !(
    options.hostKeyChecking === false ||
    isFalse(hostvars.ansible_host_key_checking) ||
    isFalse(process.env.ANSIBLE_HOST_KEY_CHECKING) ||
    strict === 'no' || strict === 'off'
  );
  const extraKnown = [
    ...args.knownHostsFiles,
    ...cfg.knownHostsFiles,
    ...list(hostvars.showrunner_known_hosts),
  ].map(expandHome);
  const knownHostsFiles = unique([...extraKnown, join(homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts']);

  const timeoutSec = num(hostvars.ansible_ssh_timeout) ?? num(hostvars.ansible_timeout) ?? num(args.options.get('connecttimeout'));
  const connectTimeoutMs = timeoutSec !== undefined ? timeoutSec * 1000 : DEFAULT_CONNECT_TIMEOUT_MS;

  const keyFile = str(hostvars.ansible_ssh_private_key_file) ?? str(hostvars.ansible_private_key_file) ?? args.identityFile ?? cfg.identityFiles[0];
  const target: SshTarget = {
    name,
    host: args.options.get('hostname') ?? cfg.hostName ?? alias,
    port: num(hostvars.ansible_port) ?? num(hostvars.ansible_ssh_port) ?? args.port ?? cfg.port ?? 22,
    user: str(hostvars.ansible_user) ?? str(hostvars.ansible_ssh_user) ?? args.user ?? cfg.user ?? userInfo().username,
    privateKeyFile: keyFile ? expandHome(keyFile) : undefined,
    password: str(hostvars.ansible_password) ?? str(hostvars.ansible_ssh_pass),
    useAgent: !!process.env.SSH_AUTH_SOCK,
    knownHostsFiles,
    hostKeyChecking,
    connectTimeoutMs,
  };
  const jump = args.proxyJump ?? cfg.proxyJump;
  if (jump && jump.toLowerCase() !== 'none') target.proxyJump = jumpChain(jump, target, configPath);
  return target;
}

/** `a,b` means: reach b through a, then the target through b. */
function jumpChain(spec: string, base: SshTarget, configPath: string | undefined): SshTarget {
  let previous: SshTarget | undefined;
  for (const hop of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    previous = jumpHost(hop, base, configPath, previous, 0);
  }
  if (!previous) throw new Error(`ProxyJump "${spec}" names no host`);
  return previous;
}

/** One bastion from a `[user@]host[:port]` spec, filled in from its own ssh config block. */
function jumpHost(spec: string, base: SshTarget, configPath: string | undefined, via: SshTarget | undefined, depth: number): SshTarget {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new Error(`cannot read ProxyJump host "${spec}" (expected [user@]host[:port])`);
  const alias = m[2]!.replace(/^\[|\]$/g, '');
  const cfg: SshConfigEntry = resolveSshConfig(alias, configPath);
  const hop: SshTarget = {
    name: spec,
    host: cfg.hostName ?? alias,
    port: m[3] ? Number(m[3]) : cfg.port ?? 22,
    user: m[1] ?? cfg.user ?? userInfo().username,
    privateKeyFile: cfg.identityFiles[0] ?? base.privateKeyFile,
    useAgent: base.useAgent,
    knownHostsFiles: unique([...cfg.knownHostsFiles, ...base.knownHostsFiles]),
    hostKeyChecking: base.hostKeyChecking,
    connectTimeoutMs: base.connectTimeoutMs,
  };
  if (via) hop.proxyJump = via;
  else if (cfg.proxyJump && cfg.proxyJump.toLowerCase() !== 'none' && depth < 4) {
    hop.proxyJump = jumpHost(cfg.proxyJump.split(',').pop()!.trim(), base, configPath, undefined, depth + 1);
  }
  return hop;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  const s = str(v);
  return s ? [s] : [];
}

function isFalse(v: unknown): boolean {
  if (v === false) return true;
  return typeof v === 'string' && /^(false|no|off|0|n)$/i.test(v.trim());
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
