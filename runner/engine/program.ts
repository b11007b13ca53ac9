/**
 * A play laid out for the linear gate: every step a host can take gets a number, in run order
 * (facts, then each section's tasks depth-first with block, rescue, always, then that section's
 * handler flush, one number per handler). Tasks that --tags/--skip-tags leave out get none.
 */
import type { Play, TaskNode, Task, Handler } from '../load/ir.js';
import { tagsSelected, type TagFilter } from './tags.js';

export interface Section {
  name: 'pre_tasks' | 'tasks' | 'post_tasks';
  nodes: TaskNode[];
  /** First step number of the handler flush that ends the section. */
  flushAt: number;
}

export class Program {
  readonly positions = new Map<TaskNode, number>();
  /** For each `meta: flush_handlers` task, the first step number of its flush. */
  readonly flushes = new Map<Task, number>();
  readonly sections: Section[] = [];
  readonly gatherAt = 0;
  private next = 1;

  constructor(readonly play: Play, readonly filter: TagFilter, startAt?: string) {
    let started = startAt === undefined;
    const number = (nodes: TaskNode[]): void => {
      for (const n of nodes) {
        if (n.kind === 'block') {
          if (n.include && tagsSelected(n.tags, this.filter)) this.positions.set(n, this.next++);
          number(n.block);
          number(n.rescue);
          number(n.always);
          continue;
        }
        if (!started && (n.name === startAt || `${n.role?.name} : ${n.name}` === startAt)) started = true;
        if (!started || !this.selected(n)) continue;
        this.positions.set(n, this.next++);
        if (n.module === 'meta') {
          this.flushes.set(n, this.next);
          this.next += play.handlers.length;
        }
      }
    };
    const sections: [Section['name'], TaskNode[]][] = [['pre_tasks', play.preTasks], ['tasks', play.tasks], ['post_tasks', play.postTasks]];
    for (const [name, nodes] of sections) {
      number(nodes);
      this.sections.push({ name, nodes, flushAt: this.next });
      this.next += play.handlers.length;
    }
  }

  /** Tasks run when their tags are selected; meta tasks and handlers are always considered. */
  selected(task: Task): boolean {
    return task.module === 'meta' || tagsSelected(task.tags, this.filter);
  }

  get handlers(): Handler[] {
    return this.play.handlers;
  }
}
