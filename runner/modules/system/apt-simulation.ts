/**
 * Reading what apt-get would do from its simulation (`apt-get -s`): the Inst/Remv/Purg lines name
 * every package and version, dependencies included, so a plan can say exactly what changes.
 */

export interface PackageChange {
  name: string;
  /** Installed version before (absent for a new package). */
  from?: string;
  /** Version after (absent for a removal). */
  to?: string;
}

export function parseSimulation(output: string): PackageChange[] {
  const changes = new Map<string, PackageChange>();
  for (const line of output.split('\n')) {
    const inst = /^Inst (\S+) (?:\[([^\]]+)\] )?\((\S+)/.exec(line);
    if (inst) { changes.set(inst[1]!, { name: inst[1]!, from: inst[2], to: inst[3] }); continue; }
    const rm = /^(?:Remv|Purg) (\S+)(?: \[([^\]]+)\])?/.exec(line);
    if (rm) changes.set(rm[1]!, { name: rm[1]!, from: rm[2] });
  }
  return [...changes.values()];
}

/** "install a (1.1), b (2.0); upgrade c (1.0 -> 1.1); remove d (3.0)" */
export function describeChanges(all: PackageChange[]): string {
  const changes = [...all].sort((a, b) => a.name.localeCompare(b.name));
  const install = changes.filter((c) => !c.from && c.to).map((c) => `${c.name} (${c.to})`);
  const upgrade = changes.filter((c) => c.from && c.to).map((c) => `${c.name} (${c.from} -> ${c.to})`);
  const remove = changes.filter((c) => c.from && !c.to).map((c) => `${c.name} (${c.from})`);
  return [
    install.length ? `install ${install.join(', ')}` : '',
    upgrade.length ? `upgrade ${upgrade.join(', ')}` : '',
    remove.length ? `remove ${remove.join(', ')}` : '',
  ].filter((s) => s).join('; ');
}

/** Package lists before and after, one "name version" a line, for a unified diff. */
export function changesDiff(changes: PackageChange[]): { before: string; after: string } {
  const sorted = [...changes].sort((a, b) => a.name.localeCompare(b.name));
  const text = (list: string[]) => list.map((l) => `${l}\n`).join('');
  return {
    before: text(sorted.filter((c) => c.from).map((c) => `${c.name} ${c.from}`)),
    after: text(sorted.filter((c) => c.to).map((c) => `${c.name} ${c.to}`)),
  };
}

/** The first "E: ..." line apt printed, or the last line. */
export function aptError(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l);
  return lines.find((l) => l.startsWith('E:')) ?? lines[lines.length - 1] ?? '';
}
