/**
 * A play laid out for the linear gate: every step a host can take gets a step number, in run
 * order (facts, then each section's tasks depth-first with block, rescue, always, then that
 * section's handler flush). Tasks that --tags/--skip-tags leave out get none. An include is one
 * step; the tasks it brings are laid out when it is reached, below its step (see steps.ts).
 */
import type { Play, TaskNode, Task, Handler } from '../load/ir.js';
import { tagsSelected, type TagFilter } from './tags.js';
import type { Step } from './steps.js';

/** Steps of one list of nodes (a section, or what one include brought). */
export class Layout {
  readonly positions = new Map<TaskNode, Step>();
  /** For each `meta: flush_handlers` task, its step: handler i runs at [...step, i]. */
  readonly flushes = new Map<Task, Step>();

  constructor(program: Program, nodes: TaskNode[], prefix: Step, counter = { next: 0 }) {
    const number = (list: TaskNode[]): void => {
      for (const n of list) {
        if (n.kind === 'block') {
          number(n.block);
          number(n.rescue);
          number(n.always);
          continue;
        }
        if (!program.reached(n)) continue;
        const step = [...prefix, counter.next++];
        this.positions.set(n, step);
        if (n.kind === 'task' && n.module === 'meta') this.flushes.set(n, step);
      }
    };
    number(nodes);
  }
}

export interface Section {
  name: 'pre_tasks' | 'tasks' | 'post_tasks';
  nodes: TaskNode[];
  layout: Layout;
  /** Step of the handler flush that ends the section. */
  flushAt: Step;
}

export class Program {
  readonly sections: Section[] = [];
  readonly gatherAt: Step = [0];
  /** The play's handlers, then those of roles included so far (shared by the batch's hosts). */
  readonly handlers: Handler[];
  private readonly handlerSources = new Set<string>();
  private started: boolean;

  constructor(readonly play: Play, readonly filter: TagFilter, private readonly startAt?: string) {
    this.handlers = [...play.handlers];
    this.started = startAt === undefined;
    const counter = { next: 1 };
    const sections: [Section['name'], TaskNode[]][] = [['pre_tasks', play.preTasks], ['tasks', play.tasks], ['post_tasks', play.postTasks]];
    for (const [name, nodes] of sections) {
      const layout = new Layout(this, nodes, [], counter);
      this.sections.push({ name, nodes, layout, flushAt: [counter.next++] });
    }
    this.started = true; // what includes bring later is not subject to --start-at-task
  }

  /** Whether a task or include gets a step: past --start-at-task, and selected by tags (meta always is). */
  reached(n: Exclude<TaskNode, { kind: 'block' }>): boolean {
    if (!this.started && (n.name === this.startAt || `${n.role?.name} : ${n.name}` === this.startAt)) this.started = true;
    if (!this.started) return false;
    return n.kind === 'task' ? this.selected(n) : tagsSelected(n.tags, this.filter);
  }

  /** Tasks run when their tags are selected; meta tasks and handlers are always considered. */
  selected(task: Task): boolean {
    return task.module === 'meta' || tagsSelected(task.tags, this.filter);
  }

  /** Handlers an included role brings, added once per source (notifiable from then on). */
  addHandlers(source: string, handlers: Handler[]): void {
    if (!handlers.length || this.handlerSources.has(source)) return;
    this.handlerSources.add(source);
    const known = new Set(this.handlers.map((h) => `${h.role?.dir}\0${h.name}`));
    this.handlers.push(...handlers.filter((h) => !known.has(`${h.role?.dir}\0${h.name}`)));
  }
}
