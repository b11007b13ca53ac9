/** become / become_user / ansible_become_password for a task, in Ansible's order. */
import type { Become } from '../connections/connection.js';
import type { Task, Vars } from '../load/ir.js';
import type { PlayContext } from './run-context.js';

export function becomeFor(ctx: PlayContext, task: Pick<Task, 'become' | 'becomeUser'>, vars: Vars): Become | undefined {
  const on = task.become ?? ctx.play.become ?? truthy(vars.ansible_become);
  if (!on) return undefined;
  const user = task.becomeUser ?? ctx.play.becomeUser ?? (vars.ansible_become_user as string | undefined) ?? 'root';
  const password = (vars.ansible_become_password ?? vars.ansible_become_pass) as string | undefined;
  return password === undefined ? { user } : { user, password: String(password) };
}

function truthy(v: unknown): boolean {
  if (typeof v === 'string') return ['yes', 'true', 'on', '1'].includes(v.toLowerCase());
  return v === true || v === 1;
}
