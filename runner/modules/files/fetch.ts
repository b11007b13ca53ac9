/**
 * fetch: copy a file from the host to the controller, into DEST/INVENTORY_HOSTNAME/SRC (or to DEST
 * itself with flat; DEST ending in / is then a folder). The plan compares the host's sha1 with the
 * controller's copy; only a missing or different copy is fetched. A relative DEST is taken from the
 * playbook's folder, as Ansible does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';
import schema from '../../../schemas/modules/fetch.json' with { type: 'json' };
import { ModuleError, type ModuleContext, type ModuleDefinition } from '../contract.js';
import { probePath } from './probe.js';
import type { FetchArgs } from '../../types/module-args.js';

const MISSING = 'the remote file does not exist, not transferring, ignored';

const fetch: ModuleDefinition<FetchArgs> = {
  name: 'fetch',
  schema,
  async plan(ctx, args) {
    const src = posix.normalize(args.src);
    const dest = destination(ctx, src, args);
    const info = await probePath(ctx, src, { follow: true, checksum: true });
    if (info.kind === 'absent') {
      if (args.fail_on_missing === false) return { state: 'ok', result: { file: src, msg: MISSING } };
      throw new ModuleError(MISSING);
    }
    if (info.kind === 'directory') throw new ModuleError('remote file is a directory, fetch cannot work on directories', { file: src });
    const remote = info.checksum;
    if (!remote) throw new ModuleError(`unable to calculate the checksum of the remote file (is it readable?): ${src}`, { file: src });
    const local = localSum(dest, 'sha1');
    if (local === remote) return { state: 'ok', result: { checksum: local, dest, file: src, md5sum: localSum(dest, 'md5') } };
    return {
      state: 'change',
      summary: `fetch ${src} to ${dest}`,
      apply: async () => {
        const data = await ctx.conn.readFile(src, { become: ctx.become });
        if (data === null) throw new ModuleError(MISSING, { file: src });
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, data);
        const got = localSum(dest, 'sha1');
        if (args.validate_checksum !== false && got !== remote) {
          throw new ModuleError('checksum mismatch', { file: src, dest, checksum: got, remote_checksum: remote });
        }
        return { checksum: got, dest, md5sum: localSum(dest, 'md5'), remote_checksum: remote, remote_md5sum: null };
      },
    };
  },
};

function destination(ctx: ModuleContext, src: string, args: FetchArgs): string {
  const base = ctx.searchPaths.files.at(-1) ?? process.cwd();
  const dest = isAbsolute(args.dest) ? args.dest : join(base, args.dest);
  if (args.flat) return args.dest.endsWith('/') ? join(dest, posix.basename(src)) : dest;
  const host = String(ctx.vars['inventory_hostname'] ?? ctx.conn.name);
  return join(dest, host, src.startsWith('/') ? src.slice(1) : src);
}

function localSum(path: string, algorithm: 'sha1' | 'md5'): string | undefined {
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return createHash(algorithm).update(readFileSync(path)).digest('hex');
}

export default fetch;
