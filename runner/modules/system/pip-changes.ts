/**
 * What a pip plan changes, package by package: read from `pip install --dry-run --report -`
 * (the packages pip would install, with the version each has now) or from the installed list (the
 * packages an uninstall removes), and shown as a summary line and a before/after diff.
 */
import { canonicalName, type Requirement } from './pip-requirement.js';
import { ModuleError } from '../contract.js';

/** `to`: the version installed, 'removed', or 'reinstalled'. */
export interface PipChange { name: string; from?: string; to: string }

interface Report { install?: { metadata?: { name?: string; version?: string } }[] }

/** The JSON report pip prints at the end of its output (warnings may come before it). */
function reportOf(output: string): Report {
  const start = output.search(/^\{/m);
  if (start < 0) throw new ModuleError(`pip install --dry-run printed no report: ${output.trim()}`);
  try {
    return JSON.parse(output.slice(start)) as Report;
  } catch {
    throw new ModuleError(`pip install --dry-run printed a report that is not JSON: ${output.slice(start, start + 200)}`);
  }
}

export function installChanges(dryOutput: string, installed: Map<string, string>): PipChange[] {
  return (reportOf(dryOutput).install ?? []).map((i) => {
    const name = i.metadata?.name ?? '?';
    return { name, from: installed.get(canonicalName(name)), to: i.metadata?.version ?? '?' };
  });
}

/** The named packages that are installed (pip uninstall goes by name, whatever version is asked). */
export function removalChanges(packages: Requirement[], installed: Map<string, string>): PipChange[] {
  return packages.filter((r) => installed.has(r.name!)).map((r) => ({ name: r.name!, from: installed.get(r.name!), to: 'removed' }));
}

export function describeChanges(changes: PipChange[]): string {
  const removed = changes.filter((c) => c.to === 'removed').map((c) => `${c.name} ${c.from}`);
  const reinstalled = changes.filter((c) => c.to === 'reinstalled').map((c) => c.name);
  const installed = changes.filter((c) => c.to !== 'removed' && c.to !== 'reinstalled').map((c) => (c.from ? `${c.name} ${c.from} -> ${c.to}` : `${c.name} ${c.to}`));
  return [
    installed.length ? `install ${installed.join(', ')}` : '',
    reinstalled.length ? `reinstall ${reinstalled.join(', ')}` : '',
    removed.length ? `uninstall ${removed.join(', ')}` : '',
  ].filter(Boolean).join('; ');
}

export function changeLines(changes: PipChange[]): { before: string; after: string } {
  const line = (name: string, v: string) => `${name}==${v}\n`;
  const before = changes.filter((c) => c.from).map((c) => line(c.name, c.from!)).join('');
  const after = changes.filter((c) => c.to !== 'removed').map((c) => (c.to === 'reinstalled' ? `${c.name}${c.from ? `==${c.from}` : ''} (reinstalled)\n` : line(c.name, c.to))).join('');
  return { before, after };
}
