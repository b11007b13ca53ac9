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
export const INSTALLED_FN = [
  `inst() { case "$1" in *[*?[]*) s=$(dpkg-query -W -f='\${Status}|\${Version}' "$1" 2>/dev/null); s="|$1|$s|";; *) s=\${st#*"|$1|"}; [ "$s" = "$st" ] && return 1; s="|$1|\${s%%"
"*}";; esac`,
  `  case "$s" in *" installed|"*) [ -z "$2" ] && return 0; s=\${s#*" installed|"}; case "\${s%"|"}" in $2) return 0;; esac;; esac; return 1; }`,
].join('\n');

/** The dpkg-query that fills `st` for inst, for these package names. */
export function statusQuery(names: string[]): string {
  const plain = [...new Set(names)].filter((n) => !/[*?[]/.test(n));
  if (!plain.length) return 'st=';
  return `st=$(dpkg-query -W -f='|\${Package}|\${Status}|\${Version}|\n|\${binary:Package}|\${Status}|\${Version}|\n' -- ${plain.map(shq).join(' ')} 2>/dev/null)`;
}

/** What `inst NAME ''` answers from `st`, for a NAME without glob characters. */
export function installedIn(st: string, name: string): boolean {
  const at = st.indexOf(`|${name}|`);
  if (at < 0) return false;
  const rest = st.slice(at + name.length + 2);
  const nl = rest.indexOf('\n');
  return (nl < 0 ? rest : rest.slice(0, nl)).includes(' installed|');
}

/** The cache stamp the probe reads the age of, and the host's clock, as two `::` lines. */
export const CACHE_AGE = [
  'stamp=/var/lib/apt/periodic/update-success-stamp; [ -e "$stamp" ] || stamp=/var/lib/apt/lists',
  'echo "::now $(date +%s)"; echo "::cache $(stat -c %Y "$stamp" 2>/dev/null || echo 0)"',
].join('\n');

/**
 * What a read of the host's package states made earlier holds (engine/known-packages.ts): `st` as
 * statusQuery fills it for `names`, the cache age lines, and when (on this side) it was read.
 */
export interface PackageStates { names: ReadonlySet<string>; st: string; now: number; cacheTime: number; readAtMs: number }

/** The package states read ahead as this user, while nothing may have changed them since. */
export interface KnownPackages { states(become: Become | undefined): PackageStates | undefined }

/**
 * The probe's answer for `req` from states read earlier, when the probe would have asked apt-get
 * nothing: every package to be present is (in any version), every one to be absent is not, and
 * no upgrade or autoremove is asked. `now` is the host's clock then plus the time since, to
 * within 2 seconds (`nowWithin`).
 */
export function answerFrom(s: PackageStates, req: AptProbeRequest): (AptProbe & { nowWithin: number }) | undefined {
  if (req.upgrade || req.autoremove || req.latest.length) return undefined;
  for (const i of [...req.present, ...req.absent]) if (/[*?[]/.test(i.name) || !s.names.has(i.name)) return undefined;
  if (req.present.some((i) => i.version !== undefined || !installedIn(s.st, i.name))) return undefined;
  if (req.absent.some((i) => installedIn(s.st, i.name))) return undefined;
  const sections = new Map([['install', { output: '', rc: 0 }], ['remove', { output: '', rc: 0 }]]);
  return { ask: 'list', now: s.now + Math.floor((Date.now() - s.readAtMs) / 1000), nowWithin: 2, cacheTime: s.cacheTime, sections };
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
    CACHE_AGE,
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
