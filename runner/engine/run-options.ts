/** Options of one run, as the CLI (or a test) gives them to the engine. */
import type { Vars } from '../load/ir.js';

export interface RunOptions {
  check: boolean;
  diff: boolean;
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  extraVars: Vars;
  /** Hosts worked on at once; undefined: every host of the inventory, up to AUTO_FORKS_MAX. */
  forks?: number;
  startAtTask?: string;
  verbosity: number;
  /** Host key checking (the CLI's --no-host-key-checking turns it off explicitly). */
  hostKeyChecking: boolean;
  /** Connect timeout for SSH, ms. */
  connectTimeoutMs: number;
}

export const defaultRunOptions: RunOptions = {
  check: false,
  diff: false,
  extraVars: {},
  verbosity: 0,
  hostKeyChecking: true,
  connectTimeoutMs: 10_000,
};

/**
 * The default --forks: all hosts at once, up to this many. A host being worked on costs an SSH
 * connection (a file descriptor, some buffers: well under 1 MB) and an await, not a process as
 * in Ansible (whose default of 5 bounds Python processes), so waiting on five hosts while the
 * other 195 sit idle would only make a run slower. The cap keeps file descriptors and the SSH
 * handshakes a first connect makes all at once within reach of a default `ulimit -n` of 1024.
 */
export const AUTO_FORKS_MAX = 256;

/** --forks as given, else every host of the inventory (at least 1, at most AUTO_FORKS_MAX). */
export function forksFor(options: Pick<RunOptions, 'forks'>, hostCount: number): number {
  if (options.forks !== undefined) return Math.max(1, options.forks);
  return Math.min(AUTO_FORKS_MAX, Math.max(1, hostCount));
}
