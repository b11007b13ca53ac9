/**
 * Step numbers of the linear gate. A step is a path of numbers compared item by item, a prefix
 * before what extends it: the tasks an include brings when it is reached get steps below the
 * include's own ([7] < [7, 1, 0] < [7, 1, 1] < [7, 2, 0] < [8]), so they fit between it and the next
 * task without numbering anything again.
 */
export type Step = readonly number[];

export function compareSteps(a: Step, b: Step): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A step as an event id. */
export function stepId(s: Step): string {
  return s.join('.');
}

/** Past every step: a host that has left. */
export const END: Step = [Infinity];
