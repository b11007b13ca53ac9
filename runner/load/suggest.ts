/** The close name for a typo: only offered when it is plausibly what was meant. */

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Closest candidate within a distance that grows with the word's length (1 for short words, up to 3). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    // A dropped or doubled letter ("taks" for "tasks") is a likelier slip than a wrong one ("tags"): half a step less.
    const cl = c.toLowerCase();
    const d = cl === lower ? 0
      : editDistance(lower, cl) - (isTransposition(lower, cl) ? 1 : 0) - (isSubsequence(lower, cl) || isSubsequence(cl, lower) ? 0.5 : 0);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

/** Two swapped neighbours ("whne" for "when") count as one slip, not two. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** Every letter of `a` appears in `b`, in order ("taks" in "tasks"). */
function isSubsequence(a: string, b: string): boolean {
  let i = 0;
  for (let j = 0; j < b.length && i < a.length; j++) if (a[i] === b[j]) i++;
  return i === a.length;
}

/** Words written in place of a choice, and the choice they mean ("running" is what a service is once `started`). */
const CHOICE_SYNONYMS: Record<string, string> = {
  running: 'started', run: 'started', start: 'started', up: 'started', active: 'started',
  stop: 'stopped', dead: 'stopped', inactive: 'stopped', down: 'stopped',
  restart: 'restarted', reload: 'reloaded',
  installed: 'present', install: 'present', removed: 'absent', remove: 'absent', deleted: 'absent', delete: 'absent',
  newest: 'latest', upgraded: 'latest',
  dir: 'directory', folder: 'directory', symlink: 'link', soft: 'link',
};

/** The allowed choice closest to `value`, also through the words users write for a choice ("runing" → started). */
export function closestChoice(value: string, allowed: string[]): string | undefined {
  const synonyms = Object.keys(CHOICE_SYNONYMS).filter((w) => allowed.includes(CHOICE_SYNONYMS[w]!) && !allowed.includes(w));
  const best = closest(value, [...allowed, ...synonyms]);
  return best === undefined || allowed.includes(best) ? best : CHOICE_SYNONYMS[best];
}
