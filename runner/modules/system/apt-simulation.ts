/**
 * Reading what apt-get would do, dependencies included, so a plan can say exactly which package
 * changes from which version to which: from its listing (`--print-uris` with
 * `APT::Get::Show-Versions`) or from its simulation (`apt-get -s`, the Inst/Remv/Purg lines).
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

const LISTS: Record<string, 'new' | 'change' | 'remove'> = {
  'The following NEW packages will be installed:': 'new',
  'The following packages will be upgraded:': 'change',
  'The following packages will be DOWNGRADED:': 'change',
  'The following packages will be REMOVED:': 'remove',
};

/**
 * The changes in apt-get's listing ("The following NEW packages will be installed:" and its
 * kin, one `name (version)` or `name (old => new)` a line), or undefined when the listing does
 * not account for every package of apt-get's own count line ("1 upgraded, 2 newly installed,
 * 0 to remove and 5 not upgraded."): a format this parser does not know is never read as
 * "nothing to do".
 */
export function parseListing(output: string): PackageChange[] | undefined {
  const changes = new Map<string, PackageChange>();
  let list: 'new' | 'change' | 'remove' | undefined;
  let expected: number | undefined;
  for (const line of output.split('\n')) {
    if (!line.startsWith(' ')) {
      list = LISTS[line.trimEnd()];
      const counts = /^(\d+) upgraded, (\d+) newly installed, (?:(\d+) reinstalled, )?(?:(\d+) downgraded, )?(\d+) to remove and \d+ not upgraded\.$/.exec(line.trimEnd());
      if (counts) expected = [1, 2, 3, 4, 5].reduce((n, i) => n + Number(counts[i] ?? 0), 0);
      continue;
    }
    if (!list) continue;
    const m = /^\s+(\S+?)\*? \((.+)\)$/.exec(line);
    if (!m) return undefined;
    const [from, to] = m[2]!.split(' => ');
    if (list === 'new') changes.set(m[1]!, { name: m[1]!, to: from });
    else if (list === 'remove') changes.set(m[1]!, { name: m[1]!, from });
    else if (to) changes.set(m[1]!, { name: m[1]!, from, to });
    else return undefined;
  }
  return expected === changes.size ? [...changes.values()] : undefined;
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
