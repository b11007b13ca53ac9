/** argv of `showrunner run` into options; bad usage is a UsageError (exit 5). */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliRunOptions {
  playbook: string;
  inventories: string[];
  check: boolean;
  diff: boolean;
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  extraVars: string[];
  forks?: number;
  startAtTask?: string;
  syntaxCheck: boolean;
  listHosts: boolean;
  listTasks: boolean;
  json: boolean;
  hostKeyChecking: boolean;
  timeoutSec: number;
  verbosity: number;
  vault: { passwordFiles: string[]; vaultIds: string[]; askVaultPass: boolean };
  /** --report FILE: the run as a self-contained HTML page. */
  report?: string;
  /** --plan-out FILE (with --check): the dry run saved as a plan `apply` carries out. */
  planOut?: string;
}

export function parseRunArgs(argv: string[]): CliRunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        inventory: { type: 'string', short: 'i', multiple: true },
        check: { type: 'boolean', short: 'C' },
        diff: { type: 'boolean', short: 'D' },
        limit: { type: 'string', short: 'l' },
        tags: { type: 'string', short: 't', multiple: true },
        'skip-tags': { type: 'string', multiple: true },
        'extra-vars': { type: 'string', short: 'e', multiple: true },
        forks: { type: 'string', short: 'f' },
        'start-at-task': { type: 'string' },
        'syntax-check': { type: 'boolean' },
        'list-hosts': { type: 'boolean' },
        'list-tasks': { type: 'boolean' },
        json: { type: 'boolean' },
        'no-host-key-checking': { type: 'boolean' },
        timeout: { type: 'string', short: 'T' },
        verbose: { type: 'boolean', short: 'v', multiple: true },
        'vault-password-file': { type: 'string', multiple: true },
        'vault-id': { type: 'string', multiple: true },
        'ask-vault-pass': { type: 'boolean', short: 'J' },
        report: { type: 'string' },
        'plan-out': { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one playbook at a time, got: ${positionals.join(' ')}` : 'which playbook? (showrunner run PLAYBOOK)');
  const forks = v.forks === undefined ? undefined : Number(v.forks);
  if (forks !== undefined && (!Number.isInteger(forks) || forks < 1)) throw new UsageError(`--forks needs a whole number above 0, got '${v.forks}'`);
  const timeoutSec = v.timeout === undefined ? 10 : Number(v.timeout);
  if (!(timeoutSec > 0)) throw new UsageError(`--timeout needs seconds above 0, got '${v.timeout}'`);
  if (v['plan-out'] !== undefined && !v.check) throw new UsageError('--plan-out needs --check: a plan is what a dry run saw');
  const list = (xs?: string[]) => xs?.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  return {
    playbook: positionals[0]!,
    inventories: v.inventory ?? [],
    check: !!v.check,
    diff: !!v.diff,
    limit: v.limit,
    tags: list(v.tags),
    skipTags: list(v['skip-tags']),
    extraVars: v['extra-vars'] ?? [],
    forks,
    startAtTask: v['start-at-task'],
    syntaxCheck: !!v['syntax-check'],
    listHosts: !!v['list-hosts'],
    listTasks: !!v['list-tasks'],
    json: !!v.json,
    hostKeyChecking: !v['no-host-key-checking'],
    timeoutSec,
    report: v.report,
    planOut: v['plan-out'],
    vault: { passwordFiles: v['vault-password-file'] ?? [], vaultIds: v['vault-id'] ?? [], askVaultPass: !!v['ask-vault-pass'] },
    verbosity: v.verbose?.length ?? 0,
  };
}
