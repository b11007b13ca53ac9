/** Options of one run, as the CLI (or a test) gives them to the engine. */
import type { Vars } from '../load/ir.js';

export interface RunOptions {
  check: boolean;
  diff: boolean;
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  extraVars: Vars;
  forks: number;
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
  forks: 10,
  verbosity: 0,
  hostKeyChecking: true,
  connectTimeoutMs: 10_000,
};
