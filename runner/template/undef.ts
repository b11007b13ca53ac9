/**
 * Jinja2's Undefined, kept inside the few places where Ansible lets an undefined value travel
 * (`is defined`, `default()`, `mandatory`, attribute chains). Everywhere else the compiled
 * template throws before an Undef is ever made, so filters and operators never see one.
 */
export class Undef {
  constructor(
    /** Dotted path up to the first missing part: "a.b" for `a.b.c` when `b` is missing. */
    readonly path: string,
    /** Why it is missing when the path alone does not say ("'a' is None"). */
    readonly reason?: string,
  ) {}
}

export function isUndef(value: unknown): value is Undef {
  return value instanceof Undef;
}

/**
 * What `default(omit)` yields. Callers drop any argument whose value is OMIT; rendered into a
 * longer text it becomes a placeholder string, as in Ansible.
 */
export const OMIT: unique symbol = Symbol('omit');
export const OMIT_PLACEHOLDER = '__omit_place_holder__';
