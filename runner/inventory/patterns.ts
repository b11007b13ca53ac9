/**
 * Host patterns as in `hosts:` and `--limit`: `all` or `*`, host and group names, shell globs
 * (`web*`), regular expressions (`~web\d+`), subscripts (`web[0]`, `web[1:2]`), and lists joined
 * with `,` or `:` where `!x` removes and `&y` intersects. As in Ansible, plain patterns are applied
 * first, then every `&`, then every `!`, whatever order they were written in.
 */
import type { Inventory } from './model.js';
import { hostsOfGroup } from './relations.js';

const LOCALHOST = new Set(['localhost', '127.0.0.1', '::1']);

/** Ansible's split: on commas when there are any, else on colons outside [brackets]. */
export function splitHostPattern(pattern: string): string[] {
  let parts: string[];
  if (pattern.includes(',')) parts = pattern.split(',');
  else if (isSingleAddress(pattern)) parts = [pattern];
  else parts = pattern.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? [];
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** An IPv6 address or `name:port` is one pattern, not a colon list. */
function isSingleAddress(p: string): boolean {
  if (/^\[[^\]]+\]:\d+$/.test(p)) return true;
  if (/^[0-9a-f]*:[0-9a-f:]*:[0-9a-f]*$/i.test(p) && (p.match(/:/g) ?? []).length >= 2) return true;
  return /^[\w.-]+(?:\[[^\]]*\][\w.-]*)*:\d+$/.test(p);
}

/** Patterns reordered: plain ones, then `&`, then `!`; only modifiers means they apply to `all`. */
function orderPatterns(patterns: string[]): string[] {
  const plain = patterns.filter((p) => p[0] !== '!' && p[0] !== '&');
  const and = patterns.filter((p) => p[0] === '&');
  const not = patterns.filter((p) => p[0] === '!');
  return [...(plain.length ? plain : ['all']), ...and, ...not];
}

/** fnmatch: `*`, `?`, `[abc]`, `[!abc]`, anchored at both ends, case-sensitive (also the fileglob lookup's). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        if (body[0] === '!') body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's');
}

/** `~regex` matches from the start of the name (Python re.match); anything else is a glob. */
function matcher(pattern: string): (name: string) => boolean {
  if (pattern[0] === '~') {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern.slice(1)})`);
    } catch {
      return () => false; // Ansible: "Invalid host list pattern"; here it simply matches nothing
    }
    return (n) => re.test(n);
  }
  const re = globToRegExp(pattern);
  return (n) => re.test(n);
}

const SUBSCRIPT = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/;

function splitSubscript(pattern: string): [string, [number, number | undefined] | undefined] {
  if (pattern[0] === '~') return [pattern, undefined];
  const m = SUBSCRIPT.exec(pattern);
  if (!m) return [pattern, undefined];
  if (m[2] !== undefined) return [m[1]!, [Number(m[2]), undefined]];
  return [m[1]!, [Number(m[3]), m[5] ? Number(m[5]) : -1]];
}

function applySubscript(hosts: string[], sub: [number, number | undefined] | undefined): string[] {
  if (!sub || !hosts.length) return hosts;
  const [start, end] = sub;
  if (end !== undefined) return hosts.slice(start, (end === -1 ? hosts.length - 1 : end) + 1);
  // Ansible stops with "No hosts matched the subscripted pattern"; here the caller reports no hosts.
  const one = hosts[start < 0 ? hosts.length + start : start];
  return one === undefined ? [] : [one];
}

/** Hosts one pattern (without its `!`/`&`) names: groups it matches (with their children), then hosts. */
function matchOne(inv: Inventory, pattern: string): string[] {
  const [expr, sub] = splitSubscript(pattern);
  const test = matcher(expr);
  const out: string[] = [];
  const groups = [...inv.groups.keys()].filter(test);
  for (const g of groups) out.push(...hostsOfGroup(inv, g));
  if (!groups.length || expr[0] === '~' || /[.?*[]/.test(expr)) {
    for (const h of inv.hosts.keys()) if (test(h)) out.push(h);
  }
  if (!out.length && LOCALHOST.has(expr)) out.push(expr);
  return applySubscript([...new Set(out)], sub);
}

/** Host names a pattern selects, in Ansible's order; [] when nothing matches (the caller says so). */
export function matchHosts(inventory: Inventory, pattern: string): string[] {
  let hosts: string[] = [];
  for (const p of orderPatterns(splitHostPattern(pattern))) {
    if (inventory.hosts.has(p)) {
      if (!hosts.includes(p)) hosts.push(p);
      continue;
    }
    const body = p[0] === '!' || p[0] === '&' ? p.slice(1) : p;
    const that = new Set(matchOne(inventory, body));
    if (p[0] === '!') hosts = hosts.filter((h) => !that.has(h));
    else if (p[0] === '&') hosts = hosts.filter((h) => that.has(h));
    else for (const h of that) if (!hosts.includes(h)) hosts.push(h);
  }
  return hosts;
}
