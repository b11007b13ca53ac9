/**
 * One play mapping turned into a Play: keywords normalized, roles expanded into `tasks` ahead of
 * the play's own tasks, role handlers ahead of the play's handlers.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Play, SourcePos } from './ir.js';
import type { LoadContext } from './context.js';
import { isFile, newPlayState } from './context.js';
import type { Inheritable } from './keywords.js';
import { bool, environment, num, ownKeywords, str, vars } from './keywords.js';
import { valuePos } from './source-map.js';
import { loadTaskList } from './tasks.js';
import type { ListScope } from './tasks.js';
import { loadHandlerList } from './handlers.js';
import { applyRole, roleUseOf } from './roles.js';
import { isTemplated } from './coerce.js';
import { checkNotify } from './check-notify.js';
import { collectorsFor, subsetList } from '../facts/subsets.js';

function hostsOf(v: unknown): string {
  if (Array.isArray(v)) return v.filter((h) => typeof h === 'string').join(':');
  return typeof v === 'string' ? v : '';
}

function serialOf(v: unknown): (number | string)[] | undefined {
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  return items.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s)).filter(
    (s): s is number | string => typeof s === 'number' || typeof s === 'string',
  );
}

/** vars_files entries resolved against the playbook dir; of a list of alternatives, the first that exists now. */
function varsFilesOf(v: unknown, dir: string): string[] {
  if (!Array.isArray(v)) return [];
  const abs = (p: string) => (isTemplated(p) || isAbsolute(p) ? p : resolve(dir, p));
  return v.flatMap((entry) => {
    if (typeof entry === 'string') return [abs(entry)];
    if (!Array.isArray(entry)) return [];
    const options = entry.filter((e): e is string => typeof e === 'string').map(abs);
    const existing = options.find((o) => !isTemplated(o) && isFile(o));
    return existing ? [existing] : options.slice(0, 1);
  });
}

/** Keywords a play passes down to every task, block and handler in it. */
function playKeywords(raw: Record<string, unknown>): Inheritable {
  const k = ownKeywords(raw);
  return { ...k, when: [], vars: {} };
}

export function loadPlay(ctx: LoadContext, raw: Record<string, unknown>, file: string, pos: SourcePos, extraTags: string[] = []): Play {
  ctx.play = newPlayState();
  const keywords = playKeywords(raw);
  keywords.tags = [...new Set([...extraTags, ...keywords.tags])];
  const scope: ListScope = { keywords, file, chain: [file] };
  const roles = Array.isArray(raw['roles']) ? raw['roles'] : [];
  const roleTasks = roles.flatMap((entry, i) => {
    const use = roleUseOf(entry, valuePos(roles, i, pos));
    return use ? applyRole(ctx, use, keywords, []) : [];
  });
  if (raw['gather_subset'] !== undefined) {
    try {
      collectorsFor(subsetList(raw['gather_subset']));
    } catch (e) {
      ctx.sink.add(valuePos(raw, 'gather_subset', pos), (e as Error).message);
    }
  }
  const play: Play = {
    name: str(raw['name']) ?? hostsOf(raw['hosts']),
    pos,
    hosts: hostsOf(raw['hosts']),
    vars: vars(raw['vars']),
    varsFiles: varsFilesOf(raw['vars_files'], ctx.playbookDir),
    gatherFacts: bool(raw['gather_facts']) ?? true,
    ...(raw['gather_subset'] !== undefined ? { gatherSubset: subsetList(raw['gather_subset']) } : {}),
    strategy: raw['strategy'] === 'free' ? 'free' : 'linear',
    anyErrorsFatal: bool(raw['any_errors_fatal']) ?? false,
    tags: keywords.tags,
    preTasks: loadTaskList(ctx, raw['pre_tasks'], scope),
    tasks: [...roleTasks, ...loadTaskList(ctx, raw['tasks'], scope)],
    postTasks: loadTaskList(ctx, raw['post_tasks'], scope),
    handlers: [],
  };
  const ownHandlers = loadHandlerList(ctx, raw['handlers'], scope);
  play.handlers = [...ctx.play.roleHandlers, ...ownHandlers];
  checkNotify(ctx, play);
  const optional: Partial<Play> = {
    become: bool(raw['become']),
    becomeUser: str(raw['become_user']),
    serial: serialOf(raw['serial']),
    maxFailPercentage: num(raw['max_fail_percentage']),
    ignoreUnreachable: bool(raw['ignore_unreachable']),
    checkMode: bool(raw['check_mode']),
    diff: bool(raw['diff']),
    noLog: bool(raw['no_log']),
    environment: environment(raw['environment']),
    connection: str(raw['connection']) as Play['connection'],
    remoteUser: str(raw['remote_user']),
    port: num(raw['port']),
    forceHandlers: bool(raw['force_handlers']),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (play as unknown as Record<string, unknown>)[k] = v;
  return play;
}
