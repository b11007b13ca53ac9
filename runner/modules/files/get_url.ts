/**
 * get_url: download on the host into a temp file beside dest, verify the checksum, then rename.
 * The plan is exact: an existing dest is compared with `checksum`, or (force without checksum)
 * with a checksum of what the URL serves now, streamed without writing anything.
 */
import { runStep } from '../plan-steps.js';
import { posix } from 'node:path';
import schema from '../../../schemas/modules/get_url.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult, type Plan } from '../contract.js';
import { probePaths, probePath, type PathInfo } from './probe.js';
import { attrChanges, attrCommand, describeChanges, hasChanges, pathResult, targetMode } from './attributes.js';
import { stateDiff } from './state-diff.js';
import { backupCommand } from './write.js';
import { fetchCommand, type FetchOptions } from './download.js';
import type { GetUrlArgs } from '../../types/module-args.js';

const getUrl: ModuleDefinition<GetUrlArgs> = {
  name: 'get_url',
  schema,
  async plan(ctx, args) {
    const [algo, digest] = args.checksum ? splitChecksum(args.checksum) : ['sha1', undefined];
    const fetch: FetchOptions = { url: args.url, timeout: args.timeout ?? 10, headers: args.headers, validateCerts: args.validate_certs };
    let dest = args.dest;
    const probe = (d: string) => probePaths(ctx, [d, posix.dirname(d)], { follow: true, checksum: true, checksumAlgorithm: algo });
    let [live, parent] = await probe(dest);
    if (live!.kind === 'directory') {
      dest = posix.join(dest, urlName(args.url));
      [live, parent] = await probe(dest);
    }
    const result: ModuleResult = { dest, url: args.url };
    const exists = live!.kind !== 'absent' && ctx.promised.pathKind(dest) !== 'absent';
    const mayCome = !exists && parent!.kind !== 'directory' && ctx.promised.dirMayCome(posix.dirname(dest));
    if (!exists && parent!.kind !== 'directory' && !mayCome && !ctx.promised.dirPromised(posix.dirname(dest))) {
      throw new ModuleError(`Destination directory ${posix.dirname(dest)} does not exist`);
    }
    let why = exists ? '' : 'create';
    if (exists && digest && live!.checksum !== digest.toLowerCase()) why = `checksum of ${dest} differs`;
    if (exists && !digest && args.force) {
      const now = await remoteChecksum(ctx, fetch, algo);
      if (now !== live!.checksum) why = `${args.url} serves other content`;
    }
    if (!why) return attributesOnly(ctx, dest, live!, args, result);
    const mode = targetMode(args, exists ? live : undefined, false) ?? (exists ? live!.mode : '0644');
    const own = args.owner ?? (exists ? live!.uid : undefined);
    const grp = args.group ?? (exists ? live!.gid : undefined);
    const script = downloadScript(dest, fetch, algo, digest, mode!, own, grp, args.backup === true && exists);
    return {
      state: mayCome ? 'unknown' : 'change',
      summary: `download ${args.url} to ${dest}${why === 'create' ? '' : ` (${why})`}${mayCome ? ` (${posix.dirname(dest)} may come with a package an earlier task would install, or not)` : ''}`,
      diff: [stateDiff(dest, exists ? 'file' : 'absent', 'file', {}, { after: { url: args.url } })],
      result,
      steps: [runStep(script, `download ${args.url}`)],
      promise: (s) => { s.paths.set(dest, 'file'); },
      apply: async () => {
        const r = await ctx.conn.exec(script, { become: ctx.become });
        if (r.rc !== 0) throw new ModuleError(failure(args.url, dest, r.rc, r.stderr.trim()));
        const backup = /^backup:(.*)$/m.exec(r.stdout)?.[1];
        const after = await probePath(ctx, dest, { checksum: true });
        return {
          ...result, ...pathResult(after), checksum_dest: after.checksum, msg: `OK (${after.size} bytes)`,
          ...(backup && { backup_file: backup }),
        };
      },
    };
  },
};

function attributesOnly(ctx: ModuleContext, dest: string, live: PathInfo, args: GetUrlArgs, result: ModuleResult): Plan {
  const attrs = attrChanges(live, args, false);
  if (!hasChanges(attrs)) return { state: 'ok', result: { ...result, ...pathResult(live), checksum_dest: live.checksum, msg: 'file already exists' } };
  return {
    state: 'change',
    summary: `${describeChanges(attrs)} on ${dest}`,
    diff: [stateDiff(dest, 'file', 'file', attrs)],
    result,
    steps: [runStep(attrCommand(dest, attrs))],
    apply: async () => {
      const r = await ctx.conn.exec(attrCommand(dest, attrs), { become: ctx.become });
      if (r.rc !== 0) throw new ModuleError(`cannot set attributes of ${dest}: ${r.stderr.trim()}`);
      return { ...result, ...pathResult(await probePath(ctx, dest)) };
    },
  };
}

function downloadScript(
  dest: string, fetch: FetchOptions, algo: string, digest: string | undefined,
  mode: string, owner: string | number | undefined, group: string | number | undefined, backup: boolean,
): string {
  const d = shq(dest);
  const tmp = shq(`${posix.dirname(dest)}/.${posix.basename(dest)}.showrunner-XXXXXX`);
  const lines = [
    `tmp=$(mktemp ${tmp}) || exit 1`,
    'trap \'rm -f "$tmp"\' EXIT',
    `( ${fetchCommand(fetch, '"$tmp"')} ) || exit $?`,
  ];
  if (digest) {
    lines.push(`got=$(${algo}sum < "$tmp" | cut -d' ' -f1)`);
    lines.push(`[ "$got" = ${shq(digest.toLowerCase())} ] || { echo "The checksum for ${dest} did not match ${digest}; it was $got." >&2; exit 99; }`);
  }
  lines.push(`chmod ${mode} "$tmp" || exit 1`);
  if (owner !== undefined || group !== undefined) lines.push(`chown ${shq(`${owner ?? ''}${group !== undefined ? `:${group}` : ''}`)} "$tmp" || exit 1`);
  if (backup) lines.push(`${backupCommand(dest).replace(/printf '%s' "\$b"$/, `printf 'backup:%s\\n' "$b"`)} || exit 1`);
  lines.push(`mv -f -- "$tmp" ${d} || exit 1`, 'trap - EXIT');
  return lines.join('\n');
}

/** Checksum of what the URL serves now, computed on the host without writing a file. */
async function remoteChecksum(ctx: ModuleContext, fetch: FetchOptions, algo: string): Promise<string> {
  const r = await ctx.conn.exec(`{ ( ${fetchCommand(fetch, '-')} ) || echo "fetch failed: $?" >&2; } | ${algo}sum | cut -d' ' -f1`, { become: ctx.become });
  const failed = /fetch failed: (\d+)/.exec(r.stderr);
  if (failed || r.rc !== 0) throw new ModuleError(failure(fetch.url, '', Number(failed?.[1] ?? r.rc), r.stderr.replace(/fetch failed: \d+\n?/, '').trim()));
  return r.stdout.trim();
}

function failure(url: string, dest: string, rc: number, stderr: string): string {
  if (rc === 99) return stderr;
  return `Request failed for ${url}${dest ? ` (to ${dest})` : ''}: ${stderr || `exit code ${rc}`}`;
}

function splitChecksum(value: string): [string, string] {
  const i = value.indexOf(':');
  return [value.slice(0, i), value.slice(i + 1)];
}

function urlName(url: string): string {
  const name = posix.basename(new URL(url).pathname);
  if (!name) throw new ModuleError(`cannot tell a file name from ${url}; give dest as a file path`);
  return name;
}

export default getUrl;
