/**
 * Facts about the system and the user that roles read: date_time, env, lsb, dns, uptime, the
 * user's shell and gecos, the machine id. Each comes from one section of the facts script; a
 * missing section leaves it out.
 */
type Sections = (name: string) => string[];

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `date '+%s %N %z %Z'`: Ansible's date_time, local fields from the host's offset, iso8601 in UTC. */
export function dateTimeFacts(line: string | undefined): Record<string, string> | undefined {
  const m = /^(\d+) (\d+|N) ([+-])(\d\d)(\d\d) (\S+)/.exec(line?.trim() ?? '');
  if (!m) return undefined;
  const epoch = Number(m[1]);
  const micro = m[2] === 'N' ? '000000' : m[2]!.padEnd(9, '0').slice(0, 6);
  const offsetMin = (m[3] === '-' ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
  const local = new Date((epoch + offsetMin * 60) * 1000);
  const utc = new Date(epoch * 1000);
  const ymd = (d: Date) => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  const hms = (d: Date) => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const compact = (d: Date) => `${ymd(d).replace(/-/g, '')}T${hms(d).replace(/:/g, '')}`;
  const start = Date.UTC(local.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((local.getTime() - start) / 864e5);
  const weekNumber = Math.floor((dayOfYear + 7 - ((local.getUTCDay() + 6) % 7)) / 7);
  return {
    year: String(local.getUTCFullYear()), month: p2(local.getUTCMonth() + 1), weekday: DAYS[local.getUTCDay()]!,
    weekday_number: String(local.getUTCDay()), weeknumber: p2(weekNumber), day: p2(local.getUTCDate()),
    hour: p2(local.getUTCHours()), minute: p2(local.getUTCMinutes()), second: p2(local.getUTCSeconds()),
    epoch: String(epoch), epoch_int: String(epoch), date: ymd(local), time: hms(local),
    iso8601_micro: `${ymd(utc)}T${hms(utc)}.${micro}Z`, iso8601: `${ymd(utc)}T${hms(utc)}Z`,
    iso8601_basic: `${compact(local)}${micro}`, iso8601_basic_short: compact(local),
    tz: m[6]!, tz_dst: m[6]!, tz_offset: `${m[3]}${m[4]}${m[5]}`,
  };
}

/** `env` output: NAME=value lines (a value's continuation lines are kept with it). */
export function envFacts(lines: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  let last: string | undefined;
  for (const line of lines) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[(last = m[1]!)] = m[2]!;
    else if (last) env[last] += `\n${line}`;
  }
  return env;
}

/**
 * What `lsb_release -a` prints, from os-release (which is what it reads), so the slow command
 * need not run: the distributor, PRETTY_NAME, VERSION_ID and the codename.
 */
export function lsbFromOsRelease(os: Record<string, string>, distribution: string): Record<string, string> {
  const out: Record<string, string> = { id: distribution };
  if (os.PRETTY_NAME) out.description = os.PRETTY_NAME;
  if (os.VERSION_ID) Object.assign(out, { release: os.VERSION_ID, major_release: os.VERSION_ID.split('.')[0]! });
  const codename = os.VERSION_CODENAME ?? os.UBUNTU_CODENAME;
  if (codename) out.codename = codename;
  return out;
}

/** /etc/lsb-release (DISTRIB_ID=...), or `lsb_release -a` output (Description:, Release:...). */
export function lsbFacts(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const keys: Record<string, string> = {
    'Distributor ID': 'id', Description: 'description', Release: 'release', Codename: 'codename',
    DISTRIB_ID: 'id', DISTRIB_DESCRIPTION: 'description', DISTRIB_RELEASE: 'release', DISTRIB_CODENAME: 'codename',
  };
  for (const line of lines) {
    const m = /^([^:=]+)[:=]\s*(.*)$/.exec(line);
    const key = m && keys[m[1]!.trim()];
    if (key) out[key] = m[2]!.trim().replace(/^"(.*)"$/, '$1');
  }
  if (out.release) out.major_release = out.release.split('.')[0]!;
  return out;
}

/** resolv.conf: nameservers, search, domain, options. */
export function dnsFacts(lines: string[]): Record<string, unknown> {
  const dns: Record<string, unknown> = {};
  for (const line of lines) {
    const [key, ...values] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (key === 'nameserver' && values[0]) ((dns.nameservers ??= []) as string[]).push(values[0]);
    else if (key === 'domain' && values[0]) dns.domain = values[0];
    else if (key === 'search') dns.search = values;
    else if (key === 'sortlist') dns.sortlist = values;
    else if (key === 'options') {
      const opts = (dns.options as Record<string, string | boolean> | undefined) ?? {};
      for (const o of values) { const [k, v] = o.split(':'); opts[k!] = v ?? true; }
      dns.options = opts;
    }
  }
  return dns;
}

export function systemFacts(get: Sections): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dt = dateTimeFacts(get('date')[0]);
  if (dt) out.ansible_date_time = dt;
  const env = get('env');
  if (env.length) out.ansible_env = envFacts(env);
  out.ansible_lsb = lsbFacts(get('lsb'));
  out.ansible_dns = dnsFacts(get('resolv'));
  const uptime = Number((get('uptime')[0] ?? '').split(/\s+/)[0]);
  if (Number.isFinite(uptime) && get('uptime').length) out.ansible_uptime_seconds = Math.floor(uptime);
  const [, , , , gecos, , shell] = (get('passwd')[0] ?? '').split(':');
  if (shell !== undefined) Object.assign(out, { ansible_user_gecos: gecos!.split(',')[0], ansible_user_shell: shell });
  const machineId = get('machine-id')[0]?.trim();
  if (machineId) out.ansible_machine_id = machineId;
  return out;
}
