/**
 * One connection per host for the whole run (one per way of reaching it, when plays differ),
 * opened on first use, facts gathered in the same breath (one command) because modules need the
 * OS family and package manager anyway.
 */
import { trackingChanges } from './read-ahead.js';
import type { Connection } from '../connections/connection.js';
import { LocalConnection } from '../connections/local.js';
import { connectionKind } from '../connections/kinds.js';
import { gatherFacts } from '../facts/gather.js';
import { pendingFile, rememberReadAtConnect } from './pending-handlers.js';
import type { Vars } from '../load/ir.js';
import type { Facts } from '../facts/facts.js';
import { renderValue } from '../template/index.js';
import type { HostState } from './host-state.js';
import type { RunContext } from './run-context.js';

/** The play keywords that choose how a host is reached (`connection`, `remote_user`, `port`). */
export interface ReachKeywords { connection?: string; remoteUser?: string; port?: number }

/**
 * The host's connection for a play: opened on first use and kept for the run; a play whose
 * `connection`, `remote_user` or `port` reach the host another way gets its own. As in Ansible,
 * the inventory's ansible_connection / ansible_user / ansible_port win over the play's keywords.
 */
export function ensureConnected(ctx: RunContext & { play?: ReachKeywords }, host: HostState): Promise<Connection> {
  const vars = connectionVars(ctx, host);
  const key = JSON.stringify([vars.ansible_connection, vars.ansible_user, vars.ansible_ssh_user, vars.ansible_port, vars.ansible_ssh_port]);
  let p = host.connections.get(key);
  if (!p) {
    p = open(ctx, host, vars);
    host.connections.set(key, p);
    // A host that could not be reached is tried again by a later task (one under ignore_unreachable).
    p.catch(() => { if (host.connections.get(key) === p) host.connections.delete(key); });
  }
  return p.then(({ conn, facts }) => {
    host.conn = conn;
    host.facts = facts;
    return conn;
  });
}

/** The last connectionVars per host: the same until the host's variables or the play change. */
const reached = new WeakMap<HostState, { version: number; extra: Vars; play: unknown; vars: Vars }>();

function connectionVars(ctx: RunContext & { play?: ReachKeywords }, host: HostState): Vars {
  const last = reached.get(host);
  if (last && last.version === host.varsVersion && last.extra === ctx.options.extraVars && last.play === ctx.play) return last.vars;
  const inv = renderValue(host.inventoryVars, { ...host.inventoryVars, ...ctx.options.extraVars, inventory_hostname: host.name }) as Vars;
  const vars = reachVars(inv, ctx.options.extraVars, ctx.play);
  reached.set(host, { version: host.varsVersion, extra: ctx.options.extraVars, play: ctx.play, vars });
  return vars;
}

/** The host's connection variables, the play's keywords filling in only what the inventory and -e leave unset. */
export function reachVars(inventoryVars: Vars, extraVars: Vars, play: ReachKeywords | undefined): Vars {
  const vars: Vars = { ...inventoryVars, ...pickConnectionVars(extraVars) };
  if (play?.connection !== undefined && vars.ansible_connection === undefined) vars.ansible_connection = play.connection;
  if (play?.remoteUser !== undefined && vars.ansible_user === undefined && vars.ansible_ssh_user === undefined) vars.ansible_user = play.remoteUser;
  if (play?.port !== undefined && vars.ansible_port === undefined && vars.ansible_ssh_port === undefined) vars.ansible_port = play.port;
  return vars;
}

async function open(ctx: RunContext, host: HostState, vars: Vars): Promise<{ conn: Connection; facts: Facts }> {
  const conn = trackingChanges(await connectionFor(ctx, host.name, vars));
  await conn.connect();
  // What an earlier run left owed is read with the facts: the first play asks for it next.
  const reads = new Map<string, string | null>();
  const facts = await gatherFacts(conn, [pendingFile({ ...host.inventoryVars, ...ctx.options.extraVars })], reads);
  rememberReadAtConnect(conn, reads);
  return { conn, facts };
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
  const all = [...hosts].flatMap((h) => [...h.connections.values()]);
  await Promise.all(all.map((p) => p.then(({ conn }) => conn.close(), () => undefined).catch(() => undefined)));
}
