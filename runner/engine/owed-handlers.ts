/**
 * Handlers a failed run notified and never ran are kept on the host (pending-handlers.ts): the
 * next run of the same play takes them as notified from the start, and each run records what it
 * still owes, or clears what it paid.
 */
import type { Connection } from '../connections/connection.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import { ensureConnected } from './connect.js';
import { becomeFor } from './become.js';
import { loadPending, savePending, pendingFile, type Owed } from './pending-handlers.js';

/** Handlers an earlier failed run of this play still owed the host, now notified; their names. */
export async function takeOwedHandlers(ctx: PlayContext, host: HostState): Promise<string[]> {
  try {
    const owed = await loadPending(owedPlace(ctx, host, await ensureConnected(ctx, host)));
    for (const n of owed) host.notified.add(n);
    if (owed.length) ctx.emit({ type: 'warning', host: host.name, message: `running handlers an earlier run notified but did not get to run: ${owed.join(', ')}` });
    return owed;
  } catch {
    return []; // unreachable: the first task says so
  }
}

/** What this run leaves owed (a failure after a notification), or clears what it paid (`before`). */
export async function recordOwedHandlers(ctx: PlayContext, host: HostState, before: string[]): Promise<void> {
  if (ctx.options.check || host.unreachable || !host.conn) return;
  const owed = [...host.notified];
  if (!owed.length && !before.length) return;
  try {
    await savePending(owedPlace(ctx, host, host.conn), owed);
  } catch (e) {
    ctx.emit({ type: 'warning', host: host.name, message: `could not record handlers still owed (${owed.join(', ')}): ${(e as Error).message}` });
  }
}

function owedPlace(ctx: PlayContext, host: HostState, conn: Connection): Owed {
  const vars = { ...host.inventoryVars, ...ctx.options.extraVars };
  return { conn, file: pendingFile(vars), host: host.name, play: ctx.play.name, become: becomeFor(ctx, {}, vars) };
}
