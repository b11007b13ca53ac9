/**
 * `include_tasks:` / `include_role:` entries turned into Include nodes. Only the keywords Ansible
 * allows on an include are accepted (others belong under `apply:`). A plain name is loaded now,
 * with the same loader and schemas as the playbook; what is wrong in that file is kept on the node
 * (and listed as deferred) because, as in Ansible, it only fails a host that reaches the include.
 */
import type { Include, IncludeOrigin, SourcePos } from './ir.js';
import type { LoadContext } from './context.js';
import type { ListScope } from './tasks.js';
import { inherit, ownKeywords, str, bool, NO_KEYWORDS } from './keywords.js';
import { keyPos, valuePos } from './source-map.js';
import { isTemplated } from './coerce.js';
import { loopOf } from './loops.js';
import { loadInclude } from './include-load.js';

/** Keywords an include may carry (Ansible refuses the others on include_tasks / include_role). */
const INCLUDE_KEYWORDS = new Set([
  'action', 'args', 'collections', 'debugger', 'ignore_errors', 'loop', 'loop_control', 'name', 'no_log',
  'register', 'run_once', 'tags', 'timeout', 'vars', 'when',
]);

type Spec = { target?: string; from: Include['from']; apply?: Record<string, unknown>; public: boolean };

function specOf(raw: Record<string, unknown>, key: 'include_tasks' | 'include_role'): Spec {
  const v = raw[key];
  const out: Spec = { from: {}, public: false };
  const args = typeof raw['args'] === 'object' && raw['args'] !== null ? raw['args'] as Record<string, unknown> : {};
  if (typeof v === 'string') {
    if (Object.keys(args).length === 0) {
      out.target = v;
      return out;
    }
  } else if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  // `args:` holds the same options (file, apply, ...) written apart.
  const s: Record<string, unknown> = typeof v === 'string' ? { ...args, _raw_params: v } : { ...args, ...(v as Record<string, unknown>) };
  if (typeof s['apply'] === 'object' && s['apply'] !== null && !Array.isArray(s['apply'])) out.apply = s['apply'] as Record<string, unknown>;
  if (key === 'include_tasks') {
    const file = str(s['file']) ?? str(s['_raw_params']);
    if (file !== undefined) out.target = file;
    return out;
  }
  const name = str(s['name']) ?? str(s['role']);
  if (name !== undefined) out.target = name;
  const from: [keyof Include['from'], string][] = [['tasks', 'tasks_from'], ['vars', 'vars_from'], ['defaults', 'defaults_from'], ['handlers', 'handlers_from']];
  for (const [prop, k] of from) {
    const f = str(s[k]);
    if (f !== undefined) out.from[prop] = f;
  }
  out.public = bool(s['public']) ?? false;
  return out;
}

export function buildInclude(
  ctx: LoadContext, raw: Record<string, unknown>, key: 'include_tasks' | 'include_role', scope: ListScope, pos: SourcePos,
): Include | undefined {
  for (const k of Object.keys(raw)) {
    if (k === key || INCLUDE_KEYWORDS.has(k) || k.startsWith('with_')) continue;
    ctx.sink.add(keyPos(raw, k, pos), `'${k}' is not a valid keyword for ${key} (put it under '${key}: apply:' to set it on the included tasks)`);
  }
  if (raw['run_once'] !== undefined) ctx.sink.add(keyPos(raw, 'run_once', pos), `'run_once' on ${key} is not supported yet`);
  const spec = specOf(raw, key);
  const at = key === 'include_role' ? valuePos(raw[key], 'name', keyPos(raw, key, pos)) : valuePos(raw, key, pos);
  if (spec.target === undefined) {
    ctx.sink.add(at, key === 'include_role' ? 'include_role needs a role name' : 'include_tasks needs a file name', { expected: key === 'include_role' ? 'name: ROLE' : 'a file name' });
    return undefined;
  }
  const own = ownKeywords(raw);
  const { delegateTo: _d, runOnce: _r, ...common } = inherit(scope.keywords, own);
  const applied = spec.apply ? ownKeywords(spec.apply) : NO_KEYWORDS;
  const origin: IncludeOrigin = {
    file: scope.file,
    at,
    playbookDir: ctx.playbookDir,
    chain: scope.chain,
    keywords: inherit(scope.keywords, applied),
  };
  if (scope.roleDir) origin.roleDir = scope.roleDir;
  if (scope.role) origin.role = scope.role;
  const inc: Include = { kind: 'include', pos, ...common, action: key, target: spec.target, from: spec.from, public: spec.public, params: own.vars, origin };
  const name = str(raw['name']);
  if (name !== undefined) inc.name = name;
  if (scope.role) inc.role = scope.role;
  const loop = loopOf(ctx, raw, pos);
  if (loop) {
    inc.loop = loop.loop;
    if (loop.loopWith) inc.loopWith = loop.loopWith;
    if (loop.loopControl) inc.loopControl = loop.loopControl;
  }
  const names = { target: spec.target, from: spec.from };
  if ([names.target, ...Object.values(names.from)].some(isTemplated)) {
    ctx.deferred.push({ pos: at, kind: 'runtime', message: `${key} '${spec.target}' is named only at run time: it is loaded and checked when a host reaches it` });
    return inc;
  }
  const load = loadInclude(ctx, inc, names);
  if (load === 'cycle') return inc; // including itself: each level is loaded when it is reached
  inc.preloaded = load;
  if (load.errors.length) {
    ctx.deferred.push({ pos: at, kind: 'errors', message: `${key} '${spec.target}' has errors; it fails a host that reaches it:\n  ${load.errors.join('\n  ')}` });
  }
  return inc;
}
