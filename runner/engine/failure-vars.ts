/** What a `rescue` sees of the failure it handles: ansible_failed_task and ansible_failed_result. */
import type { Task, Vars } from '../load/ir.js';
import { registeredValue, type TaskResult } from './results.js';

export function failureVars(failure: { task: Task; result: TaskResult } | undefined): Vars | undefined {
  if (!failure) return undefined;
  const { task, result } = failure;
  return {
    ansible_failed_task: { name: task.name ?? task.module, action: task.module, args: task.args, when: task.when, tags: task.tags },
    ansible_failed_result: registeredValue(result),
  };
}
