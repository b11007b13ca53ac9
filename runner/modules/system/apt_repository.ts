/**
 * apt_repository: a one-line apt source present (in its own file under sources.list.d) or absent
 * (from every file), see apt-sources.ts. With update_cache (the default) `apt-get update` follows a
 * change; when it cannot fetch (a host without a mirror), the files go back as they were and the
 * task fails, as Ansible's does.
 */
import schema from '../../../schemas/modules/apt_repository.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type FileDiff, type ModuleContext, type ModuleDefinition } from '../contract.js';
import { editSources, sourceFileName, type SourceFile } from './apt-sources.js';
import type { AptRepositoryArgs } from '../../types/module-args.js';
import { runStep, writeStep } from '../plan-steps.js';

const DIR = '/etc/apt/sources.list.d';

const aptRepository: ModuleDefinition<AptRepositoryArgs> = {
  name: 'apt_repository',
  schema,
  async plan(ctx, args) {
    const present = args.state !== 'absent';
    const target = `${DIR}/${sourceFileName(args.repo, args.filename)}`;
    const files = await readSources(ctx, target);
    let changes: Map<string, string | null>;
    try {
      changes = editSources(files, args.repo, present, target);
    } catch (e) {
      throw new ModuleError((e as Error).message);
    }
    const result = { repo: args.repo, state: present ? 'present' : 'absent' };
    if (changes.size === 0) return { state: 'ok', result };
    const before = new Map(files.map((f) => [f.path, f.content]));
    const diff: FileDiff[] = [...changes].map(([path, after]) => ({
      before: before.get(path) ?? '', after: after ?? '',
      before_header: before.get(path) == null ? '/dev/null' : path, after_header: after === null ? '/dev/null' : path,
    }));
    const update = (args.update_cache ?? args['update-cache']) !== false;
    const mode = args.mode === undefined ? '0644' : typeof args.mode === 'number' ? args.mode.toString(8).padStart(4, '0') : args.mode;
    return {
      state: 'change',
      steps: [
        ...[...changes].map(([path, after]) => (after === null ? runStep(`rm -f -- ${shq(path)}`) : writeStep(path, after, { mode }))),
        ...(update ? [runStep('apt-get update -q')] : []),
      ],
      summary: `${present ? 'add' : 'remove'} ${args.repo} (${[...changes.keys()].join(', ')})${update ? ', then apt-get update' : ''}`,
      diff,
      result,
      apply: async () => {
        await write(ctx, changes, mode, before);
        if (!update) return result;
        const r = await ctx.conn.exec('apt-get update -q 2>&1', { become: ctx.become });
        const failed = /^(E: .*|W: (Failed to fetch|Some index files failed).*)$/m.exec(r.stdout);
        if (r.rc !== 0 || failed) {
          await write(ctx, new Map([...changes.keys()].map((p) => [p, before.get(p) ?? null])), undefined, before);
          throw new ModuleError(`Failed to update apt cache: ${failed?.[0] ?? r.stdout.trim().split('\n').pop()}`, { changed: false });
        }
        return result;
      },
    };
  },
};

async function readSources(ctx: ModuleContext, target: string): Promise<SourceFile[]> {
  const script = `for f in /etc/apt/sources.list ${DIR}/*.list ${shq(target)}; do [ -f "$f" ] && { printf '==> %s\\n' "$f"; cat -- "$f"; printf '\\n<==\\n'; }; done; true`;
  const r = await ctx.conn.exec(script, { become: ctx.become });
  const files: SourceFile[] = [];
  for (const m of r.stdout.matchAll(/==> (.*)\n([\s\S]*?)\n<==\n/g)) {
    if (!files.some((f) => f.path === m[1])) files.push({ path: m[1]!, content: m[2]! });
  }
  if (!files.some((f) => f.path === target)) files.push({ path: target, content: null });
  return files;
}

async function write(ctx: ModuleContext, changes: Map<string, string | null>, mode: string | undefined, before: Map<string, string | null>): Promise<void> {
  for (const [path, content] of changes) {
    if (content === null) {
      const r = await ctx.conn.exec(`rm -f -- ${shq(path)}`, { become: ctx.become });
      if (r.rc !== 0) throw new ModuleError(`cannot remove ${path}: ${r.stderr.trim()}`);
    } else {
      await ctx.conn.writeFile(path, content, { become: ctx.become, mode: before.get(path) == null ? mode ?? '0644' : mode });
    }
  }
}

export default aptRepository;
