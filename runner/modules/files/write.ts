/**
 * Replacing a file's content the way every content module needs it: optional timestamped backup,
 * optional validation of the new content before it goes live, then an atomic rename. The live
 * file keeps its owner and mode unless new ones are asked for.
 */
import { randomBytes } from 'node:crypto';
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext } from '../contract.js';
import type { PathInfo } from './probe.js';

export interface WriteOptions {
  /** Final octal mode; defaults to the current file's mode (or 0644 for a new file). */
  mode?: string;
  owner?: string | number;
  group?: string | number;
  backup?: boolean;
  /** Command with %s for the path of the new content, run before it replaces the live file. */
  validate?: string;
}

/** Fail early (at plan time) on a validate command that cannot work. */
export function checkValidate(validate: string | undefined): void {
  if (validate !== undefined && !validate.includes('%s')) {
    throw new ModuleError(`validate must contain %s: ${validate}`);
  }
}

/** Shell that copies `path` to Ansible's backup name `<path>.<pid>.<date@time>~` and prints that name. */
export function backupCommand(path: string): string {
  const p = shq(path);
  return `b=${p}.$$.$(date +%Y-%m-%d@%H:%M:%S)~ && cp -p -- ${p} "$b" && printf '%s' "$b"`;
}

/** Write `data` to `dest`; `live` is what the plan saw there. Returns Ansible's backup_file key. */
export async function writeContent(
  ctx: ModuleContext, dest: string, data: Buffer | string, live: PathInfo, o: WriteOptions,
): Promise<{ backup_file?: string }> {
  const exists = live.kind !== 'absent';
  const attrs = {
    become: ctx.become,
    mode: o.mode ?? (exists ? live.mode : '0644'),
    owner: o.owner !== undefined ? String(o.owner) : exists ? String(live.uid) : undefined,
    group: o.group !== undefined ? String(o.group) : exists ? String(live.gid) : undefined,
  };
  const wantBackup = o.backup === true && exists;
  if (!o.validate) {
    let backup_file: string | undefined;
    if (wantBackup) backup_file = await run(ctx, backupCommand(dest), `cannot back up ${dest}`);
    await ctx.conn.writeFile(dest, data, attrs);
    return backup_file ? { backup_file } : {};
  }
  const slash = dest.lastIndexOf('/');
  const tmp = `${dest.slice(0, slash + 1)}.${dest.slice(slash + 1)}.showrunner-validate-${randomBytes(4).toString('hex')}`;
  await ctx.conn.writeFile(tmp, data, attrs);
  const check = await ctx.conn.exec(o.validate.split('%s').join(shq(tmp)), { become: ctx.become });
  if (check.rc !== 0) {
    await ctx.conn.exec(`rm -f -- ${shq(tmp)}`, { become: ctx.become });
    const output = [check.stdout.trim(), check.stderr.trim()].filter(Boolean).join('\n');
    throw new ModuleError(`failed to validate: rc:${check.rc} error:${output}`, { rc: check.rc, stdout: check.stdout, stderr: check.stderr });
  }
  const move = `mv -f -- ${shq(tmp)} ${shq(dest)}`;
  const out = await run(ctx, wantBackup ? `${backupCommand(dest)} && ${move}` : move, `cannot replace ${dest}`);
  return wantBackup ? { backup_file: out } : {};
}

async function run(ctx: ModuleContext, command: string, what: string): Promise<string> {
  const r = await ctx.conn.exec(command, { become: ctx.become });
  if (r.rc !== 0) throw new ModuleError(`${what}: ${r.stderr.trim()}`);
  return r.stdout;
}
