/**
 * Reading the stub log back: which calls only look at the host (allowed in --check), and
 * whether expected calls happened in a given order.
 */

/** Calls that read state and change nothing, as the real CentOS 7 tools behave. */
const READ_ONLY: RegExp[] = [
  /^rpm -q/,
  /^yum (?:-\S+ )*(?:check-update|list|info)\b/,
  /^systemctl (?:show|is-enabled|is-active|status)\b/,
  /^(?:getenforce|sestatus|iptables-save)\b/,
  /^semanage \S+ (?:.* )?-l\b/,
  /^nginx -[VvtT]\b/,
  /^iptables-restore (?:.* )?(?:--test|-t)\b/,
  /^chkconfig --list\b/,
];

export const isReadOnly = (call: string): boolean => READ_ONLY.some((re) => re.test(call));

export interface Step { what: string; call: RegExp }

/**
 * Checks that each step matches a call after the previous step's call. Returns undefined when
 * all do, else a message naming the first step not found and the calls it was looked for in.
 */
export function missingInOrder(calls: string[], steps: Step[]): string | undefined {
  let from = 0;
  for (const step of steps) {
    const at = calls.findIndex((c, i) => i >= from && step.call.test(c));
    if (at < 0) {
      const seen = calls.findIndex((c) => step.call.test(c));
      const where = seen >= 0 ? `it ran, but before the previous step (call ${seen + 1}: ${calls[seen]})` : 'no such call';
      return `${step.what}: ${where}\nexpected after call ${from} of:\n${calls.map((c, i) => `${String(i + 1).padStart(3)} ${c}`).join('\n')}`;
    }
    from = at + 1;
  }
  return undefined;
}
