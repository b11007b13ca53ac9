/**
 * The `linear` strategy as a gate: every host walks its own copy of the task tree (so blocks,
 * rescue and failures stay per host), and before each step it waits until no host still has an
 * earlier step to run. All hosts at the lowest step run it together, so task N finishes on every
 * host before task N+1 starts. `onStepDone(step)` fires once every host is past a step that ran.
 */
import { compareSteps, stepId, END, type Step } from './steps.js';

export class LinearGate {
  private readonly positions = new Map<string, Step>();
  private readonly waiting = new Map<string, { pos: Step; release: () => void }>();
  private readonly started = new Map<string, Step>();

  constructor(hosts: string[], private readonly onStepDone: (pos: Step) => void) {
    for (const h of hosts) this.positions.set(h, [-1]);
  }

  /** Host wants to run step `pos`; resolves when it may. */
  arrive(host: string, pos: Step): Promise<void> {
    this.positions.set(host, pos);
    const p = new Promise<void>((release) => this.waiting.set(host, { pos, release }));
    this.settle();
    return p;
  }

  /** The step runs on at least one host: its end will be reported. */
  markStarted(pos: Step): boolean {
    const id = stepId(pos);
    if (this.started.has(id)) return false;
    this.started.set(id, pos);
    return true;
  }

  /** Host has nothing left to run in this walk. */
  leave(host: string): void {
    this.positions.set(host, END);
    this.settle();
  }

  private settle(): void {
    let min: Step = END;
    for (const p of this.positions.values()) if (compareSteps(p, min) < 0) min = p;
    const done = [...this.started.values()].filter((s) => compareSteps(s, min) < 0).sort(compareSteps);
    for (const s of done) {
      this.started.delete(stepId(s));
      this.onStepDone(s);
    }
    for (const [host, w] of this.waiting) {
      if (compareSteps(w.pos, min) <= 0) {
        this.waiting.delete(host);
        w.release();
      }
    }
  }
}
