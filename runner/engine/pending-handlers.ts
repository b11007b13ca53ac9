/**
 * Handlers a failed run still owed a host. Ansible forgets them: a task changed nginx.conf and
 * notified `restart nginx`, a later task failed, and the next run finds nginx.conf already right,
 * so nothing notifies and nginx keeps serving the old config. Showrunner writes what it owed on
 * the host (per play) and the next run of the same play runs those handlers at its first flush.
 */
import type { Become, Connection } from '../connections/connection.js';
import { shq } from '../connections/connection.js';
import type { Vars } from '../load/ir.js';

const DEFAULT_DIR = '/var/lib/showrunner';

export function pendingFile(vars: Vars): string {
  const dir = typeof vars.showrunner_state_dir === 'string' ? vars.showrunner_state_dir : DEFAULT_DIR;
  return `${dir.replace(/\/+$/, '')}/pending-handlers.json`;
}

type Pending = Record<string, string[]>;

/**
 * The file as fact gathering read it when the connection opened (connect.ts), used once by the
 * first play's look at what is owed: no round trip of its own. Saving drops it.
 */
const readAtConnect = new WeakMap<Connection, Map<string, string | null>>();

/** Called with what gathering read on a new connection. */
export function rememberReadAtConnect(conn: Connection, reads: Map<string, string | null>): void {
  if (reads.size) readAtConnect.set(conn, reads);
}

async function read(conn: Connection, file: string, become?: Become, fresh = false): Promise<Pending> {
  const early = readAtConnect.get(conn);
  const known = early?.has(file) && !fresh;
  const text = known ? early!.get(file)! : undefined;
  early?.delete(file);
  const data = known ? (text === null ? null : Buffer.from(text!)) : await conn.readFile(file, { become });
  if (!data) return {};
  try {
    const parsed = JSON.parse(data.toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Pending) : {};
  } catch {
    return {};
  }
}

/** Entries are per inventory host and play (several inventory names may share one machine). */
export interface Owed { conn: Connection; file: string; host: string; play: string; become?: Become }

const key = (o: Owed) => `${o.host} :: ${o.play}`;

/** Handler names owed to this play on this host. */
export async function loadPending(o: Owed): Promise<string[]> {
  return (await read(o.conn, o.file, o.become))[key(o)] ?? [];
}

/** Record what is owed to this play (nothing: forget the entry). */
export async function savePending(o: Owed, names: string[]): Promise<void> {
  const { conn, file, become } = o;
  const all = await read(conn, file, become, true);
  if (names.length) all[key(o)] = names;
  else delete all[key(o)];
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  await conn.exec(`mkdir -p ${shq(dir)}`, { become });
  await conn.writeFile(file, `${JSON.stringify(all, null, 2)}\n`, { become, mode: '0600' });
}
