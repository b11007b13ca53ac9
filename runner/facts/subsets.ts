/**
 * `gather_subset` and `filter`, as Ansible's setup reads them (checked against ansible-core 2.14
 * on this machine): `min` (distribution, platform, user, env, dns, lsb, date_time, pkg_mgr,
 * service_mgr, selinux, python) is always in unless `!min`; `all` adds every collector not
 * excluded; `!all` drops all but min; a collector named on its own is in even when a `!all` or
 * `!min` would drop it. `filter`: shell-style patterns on the fact names.
 */
import type { Vars } from '../load/ir.js';

const MIN = ['distribution', 'platform', 'user', 'env', 'dns', 'lsb', 'date_time', 'pkg_mgr', 'service_mgr', 'selinux', 'python'];
const OTHER = ['hardware', 'network', 'virtual'];
export const COLLECTORS = [...MIN, ...OTHER];

/** The collector each fact we gather belongs to (facts not named here are platform facts). */
function collectorOf(fact: string): string {
  const k = fact.replace(/^ansible_/, '');
  if (/^(distribution|os_family)/.test(k)) return 'distribution';
  if (/^(user_|effective_|real_)/.test(k)) return 'user';
  if (/^(processor|mem|swap|mounts|uptime_seconds)/.test(k)) return 'hardware';
  if (/^(default_ipv|all_ipv|interfaces)/.test(k)) return 'network';
  if (k.startsWith('virtualization_')) return 'virtual';
  if (k === 'python_version') return 'python';
  if (MIN.includes(k)) return k;
  return 'platform';
}

/** The collectors a gather_subset list asks for. Throws on a name Ansible does not know. */
export function collectorsFor(subset: string[]): Set<string> {
  const named = new Set<string>();
  const excluded = new Set<string>();
  let all = false;
  for (const raw of subset) {
    const item = raw.trim();
    const not = item.startsWith('!');
    const name = not ? item.slice(1) : item;
    const group = name === 'all' ? (not ? OTHER : COLLECTORS) : name === 'min' ? MIN : [name];
    for (const g of group) if (!COLLECTORS.includes(g)) throw new Error(`Bad subset '${name}' given to Ansible. gather_subset options allowed: all, ${COLLECTORS.join(', ')}`);
    if (not) for (const g of group) excluded.add(g);
    else if (name === 'all') all = true;
    else if (name === 'min') for (const g of MIN) named.add(g);
    else named.add(name);
  }
  const out = new Set(named);
  for (const c of all ? COLLECTORS : MIN) if (!excluded.has(c)) out.add(c);
  return out;
}

/** gather_subset as written: a list, or comma-separated text. */
export function subsetList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return ['all'];
}

function globRe(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The facts a subset and filter select; `gather_subset` and `module_setup` added as Ansible does (not with a filter). */
export function selectFacts(facts: Vars, subset: string[], filter: string[] = []): Vars {
  const wanted = collectorsFor(subset);
  const patterns = filter.filter((f) => f !== '' && f !== '*').map(globRe);
  const out: Vars = {};
  for (const [k, v] of Object.entries(facts)) {
    if (!wanted.has(collectorOf(k))) continue;
    if (patterns.length && !patterns.some((p) => p.test(k))) continue;
    out[k] = v;
  }
  if (!patterns.length) Object.assign(out, { gather_subset: subset, module_setup: true });
  return out;
}
