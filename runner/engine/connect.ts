/**
 * One connection per host for the whole run, opened on first use, facts gathered in the same
 * breath (one command) because modules need the OS family and package manager anyway.
 */
import type { Connection } from '../connections/connection.js';
import { LocalConnection } from '../connections/local.js';
import { connectionKind } from '../connections/kinds.js';
import { gatherFacts } from '../facts/gather.js';
import type { Vars } from '../load/ir.js';
import type { Facts } from '../facts/facts.js';
import { renderValue } from '../template/index.js';
import type { HostState } from './host-state.js';
import type { RunContext } from './run-context.js';

const pending = new WeakMap<HostState, Promise<Connection>>();

export function ensureConnected(ctx: RunContext, host: HostState): Promise<Connection> {
  let p = pending.get(host);
  if (!p) {
    p = open(ctx, host);
    pending.set(host, p);
  }
  return p;
}

async function open(ctx: RunContext, host: HostState): Promise<Connection> {
  const vars = renderValue(host.inventoryVars, { ...host.inventoryVars, ...ctx.options.extraVars, inventory_hostname: host.name }) as Vars;
  const conn = await connectionFor(ctx, host.name, { ...vars, ...pickConnectionVars(ctx.options.extraVars) });
  await conn.connect();
  host.conn = conn;
  host.facts = await gatherFacts(conn);
  return conn;
}

async function connectionFor(ctx: RunContext, name: string, vars: Vars): Promise<Connection> {
  const kind = String(vars.ansible_connection ?? (isLocalName(name) && vars.ansible_host === undefined ? 'local' : 'ssh'));
  if (kind === 'local') return new LocalConnection(name);
  const registered = connectionKind(kind);
  if (registered) return registered(name, vars);
  if (kind !== 'ssh') throw new Error(`${name}: connection type '${kind}' is not supported (use ssh or local)`);
  const { SshConnection, sshTargetFromHostVars } = await import('../connections/ssh.js');
  const target = sshTargetFromHostVars(name, vars, { hostKeyChecking: ctx.options.hostKeyChecking ? undefined : false });
  if (ctx.options.connectTimeoutMs) target.connectTimeoutMs = ctx.options.connectTimeoutMs;
  return new SshConnection(target);
}

function isLocalName(name: string): boolean {
  return name === 'localhost' || name === '127.0.0.1' || name === '::1';
}

function pickConnectionVars(extra: Vars): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(extra)) if (k.startsWith('ansible_')) out[k] = v;
  return out;
}

const controllers = new WeakMap<object, Promise<{ conn: Connection; facts: Facts }>>();

/** The machine Showrunner runs on, for `delegate_to: localhost` / `local_action` (one per run). */
export function controller(ctx: RunContext): Promise<{ conn: Connection; facts: Facts }> {
  let p = controllers.get(ctx.hosts);
  if (!p) {
    p = (async () => {
      const conn = new LocalConnection('localhost');
      return { conn, facts: await gatherFacts(conn) };
    })();
    controllers.set(ctx.hosts, p);
  }
  return p;
}

export async function closeAll(hosts: Iterable<HostState>): Promise<void> {
  await Promise.all([...hosts].map((h) => h.conn?.close().catch(() => undefined)));
}
