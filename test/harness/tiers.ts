/**
 * Test tiers. A suite that needs more than Node names it in its title (`@root`, `@lab`,
 * `@ansible`, `@sshd`, `@browser`) and calls `needs(this, ...)` in its `before` hook. Without the
 * prerequisite the suite is skipped and the reason counted in the closing line; with the tier in
 * SHOWRUNNER_REQUIRE (comma-separated, `.ci/run` sets every tier) a missing prerequisite fails
 * the run instead. `npm run test:unit` leaves every tagged suite out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type Tier = 'root' | 'lab' | 'ansible' | 'sshd' | 'browser';

/** Debian's Chromium, driven by playwright-core in the browser tier. */
export const CHROMIUM = '/usr/bin/chromium';

const probes: Record<Tier, () => string | undefined> = {
  root: () => (process.getuid?.() === 0 ? undefined : 'not running as root'),
  lab: () => probes.root() ?? (commandWorks('ip', ['netns', 'list']) ? undefined : 'no usable `ip netns` (iproute2)'),
  ansible: () => (commandWorks('ansible-playbook', ['--version']) ? undefined : 'ansible-playbook is not installed'),
  sshd: () => (existsSync('/usr/sbin/sshd') ? undefined : '/usr/sbin/sshd is not installed (openssh-server)'),
  browser: () => (existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (Debian's chromium)`),
};

function commandWorks(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const known = new Map<Tier, string | undefined>();
/** Why the tier cannot run here, or undefined when it can (probed once per process). */
export function missing(tier: Tier): string | undefined {
  if (!known.has(tier)) known.set(tier, probes[tier]());
  return known.get(tier);
}

export function required(): Set<string> {
  return new Set((process.env.SHOWRUNNER_REQUIRE ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** Skipped test counts by reason, read by the reporter (test/harness/reporter.cjs) for its closing line. */
const skippedFor: Record<string, number> = ((globalThis as { showrunnerSkips?: Record<string, number> }).showrunnerSkips ??= {});

/**
 * Call in a suite's `before` hook (or at the start of a test). The title must carry the tag of
 * each tier needed, so that `npm run test:unit` (which greps the tags out) can never reach it.
 */
export function needs(ctx: Mocha.Context, ...tiers: Tier[]): void {
  const runnable = ctx.test;
  const title = runnable?.fullTitle() ?? '';
  for (const tier of tiers) {
    if (!title.includes(`@${tier}`)) throw new Error(`"${title}" needs ${tier} but its title lacks the @${tier} tag`);
  }
  const gaps = tiers.map((t) => [t, missing(t)] as const).filter(([, why]) => why !== undefined);
  if (gaps.length === 0) return;
  const must = required();
  const fatal = gaps.filter(([t]) => must.has(t));
  if (fatal.length) {
    throw new Error(`required by SHOWRUNNER_REQUIRE but missing: ${fatal.map(([t, why]) => `${t} (${why})`).join(', ')}`);
  }
  const [tier, why] = gaps[0]!;
  const tests = (runnable as { type?: string } | undefined)?.type === 'hook' ? countTests(runnable?.parent) : 1;
  skippedFor[`${tier}: ${why}`] = (skippedFor[`${tier}: ${why}`] ?? 0) + tests;
  ctx.skip();
}

function countTests(suite: Mocha.Suite | undefined): number {
  if (!suite) return 0;
  return suite.tests.length + suite.suites.reduce((n, s) => n + countTests(s), 0);
}
