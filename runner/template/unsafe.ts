/**
 * Values Ansible marks unsafe: what a lookup returns (`with_*`, `lookup()`, `query()`), what a
 * task registers, and what a template builds from any of them (set_fact of an item). Such a
 * value is never templated again when read back. The mark is kept per variable name, under a
 * symbol key of the vars object, so it costs nothing where no such value exists and never shows
 * in what the vars hold (Object.keys, JSON).
 */
type Vars = Record<string, unknown>;

/** The names of a vars object whose values are unsafe. */
export const UNSAFE: unique symbol = Symbol('unsafe names');

type Marked = Vars & { [UNSAFE]?: Set<string> };

export function unsafeNames(vars: Vars): Set<string> | undefined {
  return (vars as Marked)[UNSAFE];
}

export function isUnsafeName(vars: Vars, name: string): boolean {
  return (vars as Marked)[UNSAFE]?.has(name) ?? false;
}

/**
 * Marks (or, with `unsafe` false, clears) `names` of `vars`. The set is replaced, never changed:
 * spreading a vars object shares it with the copy.
 */
export function markUnsafe(vars: Vars, names: Iterable<string>, unsafe = true): void {
  const m = vars as Marked;
  const set = new Set(m[UNSAFE]);
  for (const n of names) {
    if (unsafe) set.add(n);
    else set.delete(n);
  }
  Object.defineProperty(m, UNSAFE, { value: set, enumerable: true, configurable: true, writable: true });
}

/**
 * `Object.assign(out, layer)` keeping the marks: a name the layer sets is unsafe in `out` as it
 * is in the layer.
 */
export function assignMarked(out: Vars, layer: Vars): void {
  const mine = unsafeNames(out);
  Object.assign(out, layer); // (copies the layer's set too: replaced below)
  const theirs = unsafeNames(layer);
  if (!mine && !theirs) return;
  const set = new Set<string>();
  if (mine) for (const n of mine) if (!(n in layer) || theirs?.has(n)) set.add(n);
  if (theirs) for (const n of theirs) if (n in layer) set.add(n);
  Object.defineProperty(out, UNSAFE, { value: set, enumerable: true, configurable: true, writable: true });
}
