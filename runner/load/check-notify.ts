/**
 * Every `notify:` names a handler or a `listen` topic of its play, checked once the play's
 * handlers are known (its own, its roles', those an include_role with a plain name brings).
 * A templated name, and a play whose handlers are known only at run time, are left to the run.
 */
import type { Handler, Include, Play, SourcePos, Task, TaskNode } from './ir.js';
import type { LoadContext } from './context.js';
import { isTemplated } from './coerce.js';
import { LoadError } from './errors.js';
import { valuePos } from './source-map.js';
import { closest } from './suggest.js';

const notifyPositions = new WeakMap<Task, SourcePos[]>();

/** Where each of `task.notify` is written (called while the task is built from `raw`). */
export function recordNotifyPositions(task: Task, raw: Record<string, unknown>, at: SourcePos): void {
  const v = raw['notify'];
  const whole = valuePos(raw, 'notify', at);
  notifyPositions.set(task, task.notify.map((_, i) => (Array.isArray(v) ? valuePos(v, i, whole) : whole)));
}

interface Notifier {
  task: Task;
  /** The innermost include the task was loaded through (its errors wait until a host reaches it). */
  via?: Include;
}

export function checkNotify(ctx: LoadContext, play: Play): void {
  const handlers: Handler[] = [...play.handlers];
  const notifiers: Notifier[] = [];
  let knownOnlyAtRunTime = false;
  const walk = (nodes: TaskNode[], via?: Include): void => {
    for (const n of nodes) {
      if (n.kind === 'task') notifiers.push(via ? { task: n, via } : { task: n });
      else if (n.kind === 'block') [n.block, n.rescue, n.always].forEach((list) => walk(list, via));
      // A role named only at run time, or one that cannot load, brings handlers no one can list now.
      else if (!n.preloaded || (n.action === 'include_role' && n.preloaded.errors.length)) knownOnlyAtRunTime ||= n.action === 'include_role';
      else {
        handlers.push(...n.preloaded.handlers);
        walk(n.preloaded.tasks, n);
      }
    }
  };
  [play.preTasks, play.tasks, play.postTasks].forEach((list) => walk(list));
  notifiers.push(...play.handlers.map((task) => ({ task })));
  if (knownOnlyAtRunTime || handlers.some((h) => isTemplated(h.name) || h.listen.some(isTemplated))) return;

  const names = new Set<string>();
  for (const h of handlers) {
    if (h.name !== undefined) names.add(h.name);
    if (h.name !== undefined && h.role) names.add(`${h.role.name} : ${h.name}`);
    h.listen.forEach((l) => names.add(l));
  }
  const suggestFrom = handlers.flatMap((h) => [...(h.name !== undefined ? [h.name] : []), ...h.listen]);
  const inIncludes = new Map<Include, string[]>();
  for (const { task, via } of notifiers) {
    task.notify.forEach((name, i) => {
      if (isTemplated(name) || names.has(name)) return;
      const suggestion = closest(name, suggestFrom);
      const pos = notifyPositions.get(task)?.[i] ?? task.pos;
      const error = new LoadError(pos, `the requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`,
        suggestion ? { suggestion } : {});
      if (!via?.preloaded) ctx.sink.errors.push(error);
      else inIncludes.set(via, [...(inIncludes.get(via) ?? []), error.message]);
    });
  }
  // An included file's problems fail a host that reaches the include, as its other errors do.
  for (const [inc, messages] of inIncludes) {
    const hadErrors = inc.preloaded!.errors.length > 0;
    inc.preloaded!.errors.push(...messages);
    const listed = hadErrors ? ctx.deferred.find((d) => d.kind === 'errors' && d.pos === inc.origin.at) : undefined;
    if (listed) listed.message += `\n  ${messages.join('\n  ')}`;
    else ctx.deferred.push({ pos: inc.origin.at, kind: 'errors', message: `${inc.action} '${inc.target}' has errors; it fails a host that reaches it:\n  ${messages.join('\n  ')}` });
  }
}
