/** The title a task is shown under: "role : name", the name templated with play vars when it can be. */
import type { Task } from '../load/ir.js';
import { render, isTemplated } from '../template/index.js';
import type { PlayContext } from './run-context.js';

export function titleOf(ctx: PlayContext, t: Task): string {
  let name = t.name ?? t.module;
  if (isTemplated(name)) {
    try { name = render(name, { ...ctx.play.vars, ...ctx.options.extraVars }); } catch { /* keep the raw name */ }
  }
  return t.role ? `${t.role.name} : ${name}` : name;
}
