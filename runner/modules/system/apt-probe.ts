/**
 * The single read an apt plan makes: cache age, and what apt-get would do for each step asked
 * (upgrade, install, remove, autoremove). Which packages need installing (missing, or not the
 * requested version) is decided on the host, so one exec is enough.
 *
 * apt-get is asked in one of two read-only ways. `list` (the default) resolves the request and
 * prints its listing without going further (`--print-uris`: no download, no dpkg, no lock);
 * `simulate` is `apt-get -s`, which also plays every dpkg step through, a pass over the whole
 * package cache per package: about twice the time (0.85 s against 0.45 s for nginx on Debian 12).
 * The listing is read only when its counts add up (apt-simulation.ts); otherwise the plan asks
 * again with `simulate`.
 */
import type { Connection, Become } from '../../connections/connection.js';
import { shq } from '../../connections/connection.js';

export interface AptItem { name: string; version?: string }

export interface AptProbeRequest {
  present: AptItem[];
  latest: AptItem[];
  absent: AptItem[];
  purge: boolean;
  upgrade?: 'safe' | 'full' | 'dist';
  autoremove: boolean;
  /** apt-get options shared by simulation and apply (recommends, default release...). */
  options: string[];
}

export interface AptProbe {
  ask: AptAsk;
  now: number;
  cacheTime: number;
  sections: Map<string, { output: string; rc: number }>;
}

/**
 * `inst NAME VERSION-GLOB`: whether NAME is installed (in a version matching the glob, if given),
 * read from one dpkg-query of every package the task names (`st`, `|name|status|version|` lines
 * under both the plain and the arch-qualified name); names with glob characters ask dpkg-query themselves.
 */
const INSTALLED_FN = [
  `inst() { case "$1" in *[*?[]*) s=$(dpkg-query -W -f='\${Status}|\${Version}' "$1" 2>/dev/null); s="|$1|$s|";; *) s=\${st#*"|$1|"}; [ "$s" = "$st" ] && return 1; s="|$1|\${s%%"
"*}";; esac`,
  `  case "$s" in *" installed|"*) [ -z "$2" ] && return 0; s=\${s#*" installed|"}; case "\${s%"|"}" in $2) return 0;; esac;; esac; return 1; }`,
].join('\n');

/** The dpkg-query that fills `st` for inst, for these package names. */
function statusQuery(names: string[]): string {
  const plain = [...new Set(names)].filter((n) => !/[*?[]/.test(n));
  if (!plain.length) return 'st=';
  return `st=$(dpkg-query -W -f='|\${Package}|\${Status}|\${Version}|\n|\${binary:Package}|\${Status}|\${Version}|\n' -- ${plain.map(shq).join(' ')} 2>/dev/null)`;
}

export const APT_ENV = 'DEBIAN_FRONTEND=noninteractive; export DEBIAN_FRONTEND; LC_ALL=C; export LC_ALL;';

function arg(i: AptItem): string {
  return shq(i.version ? `${i.name}=${i.version}` : i.name);
}

export function upgradeCommand(kind: 'safe' | 'full' | 'dist'): string {
  return kind === 'safe' ? 'upgrade --with-new-pkgs' : 'dist-upgrade';
}

export type AptAsk = 'list' | 'simulate';

export function probeScript(req: AptProbeRequest, ask: AptAsk = 'list'): string {
  // No planner log: a simulation otherwise rewrites /var/log/apt/eipp.log.xz, and a dry run writes nothing.
  const how = ask === 'list' ? '-q --print-uris -o APT::Get::Show-Versions=1' : '-s';
  const sim = `apt-get ${how} -o Debug::NoLocking=1 -o Dir::Log::Planner= ${req.options.join(' ')}`;
  const lines = [
    APT_ENV,
    INSTALLED_FN,
    statusQuery([...req.present, ...req.absent].map((i) => i.name)),
    'stamp=/var/lib/apt/periodic/update-success-stamp; [ -e "$stamp" ] || stamp=/var/lib/apt/lists',
    'echo "::now $(date +%s)"; echo "::cache $(stat -c %Y "$stamp" 2>/dev/null || echo 0)"',
    section('upgrade', req.upgrade ? `${sim} ${upgradeCommand(req.upgrade)}` : ''),
    'set --',
    ...req.present.map((i) => `inst ${shq(i.name)} ${i.version ? shq(i.version) : "''"} || set -- "$@" ${arg(i)}`),
    ...req.latest.map((i) => `set -- "$@" ${arg(i)}`),
    section('install', `[ $# -eq 0 ] || ${sim} install "$@"`),
    'set --',
    ...req.absent.map((i) => `inst ${shq(i.name)} '' && set -- "$@" ${shq(i.name)}`),
    section('remove', `[ $# -eq 0 ] || ${sim} remove${req.purge ? ' --purge' : ''} "$@"`),
    section('autoremove', req.autoremove ? `${sim} autoremove${req.purge ? ' --purge' : ''}` : ''),
  ];
  return lines.join('\n');
}

function section(name: string, command: string): string {
  return command ? `echo ::${name}; ${command} 2>&1 </dev/null; echo "::rc $?"` : '';
}

export async function probeApt(conn: Connection, become: Become | undefined, req: AptProbeRequest, ask: AptAsk = 'list'): Promise<AptProbe> {
  const r = await conn.exec(probeScript(req, ask), { become });
  const probe: AptProbe = { ask, now: 0, cacheTime: 0, sections: new Map() };
  let current: string[] | undefined;
  let name = '';
  for (const line of r.stdout.split('\n')) {
    const m = /^::(\w+)(?: (.*))?$/.exec(line);
    if (!m) { current?.push(line); continue; }
    if (m[1] === 'now') probe.now = Number(m[2]);
    else if (m[1] === 'cache') probe.cacheTime = Number(m[2]);
    else if (m[1] === 'rc' && current) { probe.sections.set(name, { output: current.join('\n'), rc: Number(m[2]) }); current = undefined; }
    else { name = m[1]!; current = []; }
  }
  return probe;
}
