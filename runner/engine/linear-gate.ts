/**
 * The `linear` strategy as a gate: every host walks its own copy of the task tree (so blocks,
 * rescue and failures stay per host), and before each step it waits until no host still has an
 * earlier step to run. All hosts at the lowest step run it together, so task N finishes on every
 * host before task N+1 starts. `onStepDone(pos)` fires once every host is past a step that ran.
 */
export class LinearGate {
  private readonly positions = new Map<string, number>();
  private readonly waiting = new Map<string, { pos: number; release: () => void }>();
  private readonly started = new Set<number>();

  constructor(hosts: string[], private readonly onStepDone: (pos: number) => void) {
    for (const h of hosts) this.positions.set(h, -1);
  }

  /** Host wants to run step `pos`; resolves when it may. */
  arrive(host: string, pos: number): Promise<void> {
    this.positions.set(host, pos);
    const p = new Promise<void>((release) => this.waiting.set(host, { pos, release }));
    this.settle();
    return p;
  }

  /** The step runs on at least one host: its end will be reported. */
  markStarted(pos: number): boolean {
    if (this.started.has(pos)) return false;
    this.started.add(pos);
    return true;
  }

  /** Host has nothing left to run in this walk. */
  leave(host: string): void {
    this.positions.set(host, Infinity);
    this.settle();
  }

  private settle(): void {
    let min = Infinity;
    for (const p of this.positions.values()) min = Math.min(min, p);
    for (const s of [...this.started].sort((a, b) => a - b)) {
      if (s < min) {
        this.started.delete(s);
        this.onStepDone(s);
      }
    }
    for (const [host, w] of this.waiting) {
      if (w.pos <= min) {
        this.waiting.delete(host);
        w.release();
      }
    }
  }
}
