/** The title a task is shown under: "role : name", the name templated with play vars when it can be. */
import type { Include, Task } from '../load/ir.js';
import { render, isTemplated } from '../template/index.js';
import type { PlayContext } from './run-context.js';

function shown(ctx: PlayContext, name: string): string {
  if (!isTemplated(name)) return name;
  try { return render(name, { ...ctx.play.vars, ...ctx.options.extraVars }); } catch { return name; /* keep the raw name */ }
}

export function titleOf(ctx: PlayContext, t: Task): string {
  const name = shown(ctx, t.name ?? t.module);
  return t.role ? `${t.role.name} : ${name}` : name;
}

/** An unnamed include_role reads "include_role : ROLE", as in Ansible. */
export function includeTitle(ctx: PlayContext, inc: Include): string {
  const name = shown(ctx, inc.name ?? (inc.action === 'include_role' ? `include_role : ${inc.target}` : inc.action));
  return inc.role ? `${inc.role.name} : ${name}` : name;
}
