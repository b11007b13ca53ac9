/**
 * The single read of a yum/dnf plan: for each name whether rpm knows it installed (a local .rpm
 * path or glob is resolved to its package name with rpm -qp), and for `latest` which of them
 * check-update lists as upgradable.
 */
import type { Connection, Become } from '../../connections/connection.js';
import { shq } from '../../connections/connection.js';
import { quoteGlob } from './shell-words.js';

export interface RpmItem {
  /** What the user wrote: a name, name-version, a path/glob of .rpm files, or a URL. */
  spec: string;
  /** The package name (for a file: the name inside it). */
  name: string;
  /** The file to install, for paths and URLs. */
  file?: string;
  installed: boolean;
  version?: string;
}

export interface RpmProbe { items: RpmItem[]; updates: Map<string, string>; checkFailed?: string }

export function isFileSpec(spec: string): boolean {
  return spec.endsWith('.rpm') || spec.includes('/') || /^(https?|ftp|file):/.test(spec);
}

function itemScript(spec: string): string {
  const q = shq(spec);
  const check = (n: string) => `if v=$(rpm -q --qf '%{VERSION}-%{RELEASE}\\n' ${n} 2>/dev/null || rpm -q --whatprovides --qf '%{VERSION}-%{RELEASE}\\n' ${n} 2>/dev/null); then echo "|installed|$(echo "$v" | head -n 1)"; else echo "|missing|"; fi`;
  if (!isFileSpec(spec)) return `printf '%s|%s' ${q} ${q}; ${check(q)}`;
  const src = /^(https?|ftp|file):/.test(spec) ? q : quoteGlob(spec);
  return `for f in ${src}; do n=$(rpm -qp --qf '%{NAME}' "$f" 2>/dev/null) || n=''; printf '%s|%s|%s' ${q} "$f" "$n"; ${check('"$n"')}; done`;
}

export async function probeRpm(conn: Connection, become: Become | undefined, specs: string[], checkUpdate?: string): Promise<RpmProbe> {
  const script = [
    'PATH="$PATH:/usr/sbin:/sbin"; LC_ALL=C; export LC_ALL',
    'echo ::items', ...specs.map(itemScript),
    checkUpdate ? `echo ::updates; ${checkUpdate} 2>&1; echo "::rc $?"` : '',
  ].join('\n');
  const r = await conn.exec(script, { become });
  const probe: RpmProbe = { items: [], updates: new Map() };
  let section = '';
  const updateLines: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (line === '::items' || line === '::updates') { section = line.slice(2); continue; }
    const rc = /^::rc (\d+)/.exec(line);
    if (rc) {
      // check-update: 0 nothing to update, 100 updates listed, anything else an error
      if (rc[1] !== '0' && rc[1] !== '100') probe.checkFailed = updateLines.join('\n').trim();
      continue;
    }
    if (section === 'items' && line) {
      const f = line.split('|');
      if (f.length === 4) probe.items.push({ spec: f[0]!, name: f[1]!, installed: f[2] === 'installed', version: f[3] || undefined });
      else if (f.length === 5) probe.items.push({ spec: f[0]!, file: f[1]!, name: f[2]!, installed: f[3] === 'installed', version: f[4] || undefined });
    } else if (section === 'updates') {
      updateLines.push(line);
      const m = /^(\S+)\.(\w+)\s+(\S+)\s+\S+\s*$/.exec(line);
      if (m) probe.updates.set(m[1]!, m[3]!);
    }
  }
  return probe;
}
