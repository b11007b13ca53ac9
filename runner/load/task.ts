/**
 * One task entry turned into a Task: which key is the module, its arguments (free text split,
 * `args:` merged, checked against the module's schema), and its keywords in IR form.
 */
import type { SourcePos, Task, Vars } from './ir.js';
import type { LoadContext } from './context.js';
import { NOT_SUPPORTED } from './context.js';
import type { Inheritable } from './keywords.js';
import { conditionOrBool, conditions, inherit, num, ownKeywords, str, stringList } from './keywords.js';
import { keyPos, posOf, valuePos } from './source-map.js';
import { propertyNames } from './schemas.js';
import { checkModuleArgs, resolveModule } from './modules.js';
import { parseKv } from './free-form.js';
import { closest } from './suggest.js';
import { loopOf } from './loops.js';
import { recordNotifyPositions } from './check-notify.js';
import { conditionProblems, literalProblems, valueProblems, type LiteralScope } from './task-literals.js';
import type { RoleInstance } from './ir.js';

/** Keys of a task that are handled before the module is looked for. */
export const ACTION_KEYS = new Set(['import_tasks', 'include_tasks', 'import_role', 'include_role', 'action', 'local_action']);

let keywordCache: Set<string> | undefined;
export function taskKeywords(): Set<string> {
  keywordCache ??= new Set(propertyNames('task').filter((k) => !ACTION_KEYS.has(k)));
  return keywordCache;
}

interface ModuleCall {
  key: string;
  pos: SourcePos;
  raw: unknown;
}

/** `action: copy src=a dest=b` / `action: {module: copy, src: a}` as a module call. */
function actionCall(raw: Record<string, unknown>, key: 'action' | 'local_action', at: SourcePos): ModuleCall | string {
  const v = raw[key];
  if (typeof v === 'string') {
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(v);
    if (!m) return `'${key}' names no module`;
    return { key: m[1]!, pos: at, raw: m[2] || null };
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const { module, ...rest } = v as Record<string, unknown>;
    if (typeof module !== 'string') return `'${key}' as a mapping needs 'module'`;
    return { key: module, pos: at, raw: rest };
  }
  return `'${key}' must be a string or a mapping`;
}

function findModuleCall(ctx: LoadContext, raw: Record<string, unknown>, at: SourcePos): ModuleCall | undefined {
  const keywords = taskKeywords();
  const calls: ModuleCall[] = [];
  const unknown: string[] = [];
  for (const k of Object.keys(raw)) {
    if (keywords.has(k)) continue;
    if (k === 'action' || k === 'local_action') {
      const c = actionCall(raw, k, valuePos(raw, k, at));
      if (typeof c === 'string') ctx.sink.add(keyPos(raw, k, at), c);
      else calls.push(c);
      continue;
    }
    if (NOT_SUPPORTED.has(k)) {
      ctx.sink.add(keyPos(raw, k, at), `'${k}' is not supported yet (in task)`);
      continue;
    }
    if (resolveModule(k, ctx.modules)) calls.push({ key: k, pos: keyPos(raw, k, at), raw: raw[k] });
    else unknown.push(k);
  }
  for (const k of unknown) {
    const kw = closest(k, keywords);
    const mod = closest(k, ctx.modules.names());
    const pos = keyPos(raw, k, at);
    if (calls.length || (kw && !mod)) ctx.sink.add(pos, `unknown task keyword '${k}'`, kw ? { suggestion: kw } : {});
    else ctx.sink.add(pos, `unknown module '${k}'`, mod ? { suggestion: mod } : {});
  }
  if (calls.length > 1) {
    ctx.sink.add(calls[1]!.pos, `task has more than one module: ${calls.map((c) => `'${c.key}'`).join(', ')}`, { expected: 'exactly one module' });
    return undefined;
  }
  if (!calls.length && !unknown.length) ctx.sink.add(at, 'task names no module', { expected: 'exactly one module' });
  return calls[0];
}

/** Module arguments as a mapping: null is none, text is key=value (plus free text for command/shell). */
function argsOf(ctx: LoadContext, name: string, call: ModuleCall, extra: unknown): Vars | undefined {
  const def = ctx.modules.get(name)!;
  let args: Vars = {};
  if (typeof call.raw === 'string') {
    const props = (def.schema as { properties?: object }).properties ?? {};
    const kv = parseKv(call.raw, def.freeForm, new Set(Object.keys(props)));
    if (kv.loose.length) {
      ctx.sink.add(call.pos, `${name} takes key=value arguments, got '${kv.loose[0]}'`, { expected: 'key=value' });
      return undefined;
    }
    args = kv.args;
  } else if (typeof call.raw === 'object' && call.raw !== null && !Array.isArray(call.raw)) {
    args = { ...(call.raw as Vars) };
  } else if (call.raw !== null && call.raw !== undefined) {
    const got = Array.isArray(call.raw) ? 'a list' : `a ${typeof call.raw}`;
    ctx.sink.add(call.pos, `arguments of ${name} must be a mapping or key=value text, got ${got}`, { expected: 'a mapping' });
    return undefined;
  }
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) args = { ...(extra as Vars), ...args };
  return args;
}

export interface TaskScope {
  keywords: Inheritable;
  role?: RoleInstance;
  /** Inside a block with a `rescue`: a failure there is handled, so values checked before the run wait for it. */
  rescued?: boolean;
}

/** Build a Task from its mapping; undefined when it is too broken to use (errors reported). */
export function buildTask(ctx: LoadContext, raw: Record<string, unknown>, scope: TaskScope, fallback: SourcePos): Task | undefined {
  const pos = posOf(raw, fallback);
  const call = findModuleCall(ctx, raw, pos);
  if (!call) return undefined;
  const found = resolveModule(call.key, ctx.modules);
  if (!found) {
    const suggestion = closest(call.key, ctx.modules.names());
    ctx.sink.add(call.pos, `unknown module '${call.key}'`, suggestion ? { suggestion } : {});
    return undefined;
  }
  const rawArgs = argsOf(ctx, found.name, call, raw['args']);
  if (!rawArgs) return undefined;
  const positioned = typeof call.raw === 'object' && call.raw !== null ? call.raw : undefined;
  const checked = checkModuleArgs(found.name, found.def, rawArgs, positioned, call.pos);
  // A task that expects to fail (ignore_errors) fails when it runs, as in Ansible; the engine checks its arguments again then.
  const failureExpected = expectsFailure(raw['ignore_errors']);
  if (!failureExpected) ctx.sink.errors.push(...checked.errors);

  const own = ownKeywords(raw);
  if ('local_action' in raw) own.delegateTo = 'localhost';
  const k = inherit(scope.keywords, own);
  const { delegateTo, runOnce, ...common } = k;
  const task: Task = { kind: 'task', pos, ...common, module: found.name, args: checked.args, notify: stringList(raw['notify']) };
  recordNotifyPositions(task, raw, pos);
  const name = str(raw['name']);
  if (name !== undefined) task.name = name;
  if (scope.role) task.role = scope.role;
  const library = ctx.library.get(found.name);
  if (library) task.library = library.file;
  if (delegateTo !== undefined) task.delegateTo = delegateTo;
  if (runOnce !== undefined) task.runOnce = runOnce;
  const register = str(raw['register']);
  if (register !== undefined) task.register = register;
  const changed = conditionOrBool(raw['changed_when']);
  if (changed !== undefined) task.changedWhen = changed;
  const failed = conditionOrBool(raw['failed_when']);
  if (failed !== undefined) task.failedWhen = failed;
  if (raw['until'] !== undefined) task.until = conditions(raw['until']);
  const retries = num(raw['retries']) ?? templated(raw['retries']);
  if (retries !== undefined) task.retries = retries;
  const delay = num(raw['delay']) ?? templated(raw['delay']);
  if (delay !== undefined) task.delay = delay;
  const loop = loopOf(ctx, raw, pos);
  if (loop) Object.assign(task, loop);
  if (!failureExpected && !scope.rescued && !checked.errors.length) {
    const literals: LiteralScope = { playbookDir: ctx.rootDir || ctx.playbookDir, ...(scope.role ? { roleDir: scope.role.dir } : {}) };
    ctx.sink.errors.push(...literalProblems(task, positioned, call.pos, literals));
    if (raw['loop'] !== undefined) ctx.sink.errors.push(...valueProblems(raw['loop'], valuePos(raw, 'loop', pos)));
    for (const key of ['when', 'changed_when', 'failed_when', 'until']) {
      if (raw[key] !== undefined && typeof raw[key] !== 'boolean') ctx.sink.errors.push(...conditionProblems(raw[key], valuePos(raw, key, pos)));
    }
  }
  if (typeof raw['delegate_facts'] === 'boolean') task.delegateFacts = raw['delegate_facts'];
  asyncOf(ctx, raw, task, pos);
  return task;
}

/** Modules whose whole apply is one command: the only ones a job started with `poll: 0` can finish alone. */
const FIRE_AND_FORGET = new Set(['command', 'shell', 'raw', 'script']);

function asyncOf(ctx: LoadContext, raw: Record<string, unknown>, task: Task, pos: SourcePos): void {
  const limit = num(raw['async']) ?? templated(raw['async']);
  const poll = num(raw['poll']) ?? templated(raw['poll']);
  if (limit === undefined) return;
  task.async = limit;
  if (poll !== undefined) task.poll = poll;
  if (poll === 0 && !FIRE_AND_FORGET.has(task.module)) {
    ctx.sink.add(valuePos(raw, 'poll', pos), `'poll: 0' is supported on ${[...FIRE_AND_FORGET].join(', ')} (${task.module} runs more than one command); use a poll interval above 0`);
  }
}

function expectsFailure(v: unknown): boolean {
  return v === true || (typeof v === 'string' && (/^(yes|true|on|1)$/i.test(v) || v.includes('{{')));
}

/** A keyword's template (`retries: "{{ n + 2 }}"`), rendered when the task runs. */
function templated(v: unknown): string | undefined {
  return typeof v === 'string' && v.includes('{{') ? v : undefined;
}
