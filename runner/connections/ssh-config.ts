/**
 * The few `~/.ssh/config` directives a playbook run needs, so an inventory can name hosts by the
 * aliases users already have: HostName, User, Port, IdentityFile, ProxyJump, UserKnownHostsFile,
 * StrictHostKeyChecking. As in ssh, the first value found for a directive wins (IdentityFile and
 * UserKnownHostsFile collect). `Match` blocks are skipped; `Include` of files is followed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join, basename, isAbsolute } from 'node:path';
import { globMatches } from './known-hosts.js';

export interface SshConfigEntry {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  proxyJump?: string;
  knownHostsFiles: string[];
  strictHostKeyChecking?: string;
}

/** Directives that apply to `alias` in the config file at `path` (empty when it does not exist). */
export function resolveSshConfig(alias: string, path = join(homedir(), '.ssh', 'config')): SshConfigEntry {
  const entry: SshConfigEntry = { identityFiles: [], knownHostsFiles: [] };
  const lines = readLines(path, 0);
  let active = true; // directives before the first Host apply to every host
  for (const [keyword, args] of lines) {
    if (keyword === 'host') active = hostPatternsMatch(args, alias);
    else if (keyword === 'match') active = false;
    else if (active) apply(entry, keyword, args, alias);
  }
  return entry;
}

function apply(e: SshConfigEntry, keyword: string, args: string[], alias: string): void {
  const value = args[0];
  if (value === undefined) return;
  switch (keyword) {
    case 'hostname':
      e.hostName ??= expandTokens(value, alias);
      break;
    case 'user':
      e.user ??= value;
      break;
    case 'port':
      e.port ??= Number(value);
      break;
    case 'identityfile':
      if (value.toLowerCase() !== 'none') e.identityFiles.push(expandPath(value, alias));
      break;
    case 'proxyjump':
      e.proxyJump ??= value;
      break;
    case 'userknownhostsfile':
      for (const f of args) if (f.toLowerCase() !== 'none') e.knownHostsFiles.push(expandPath(f, alias));
      break;
    case 'stricthostkeychecking':
      e.strictHostKeyChecking ??= value.toLowerCase();
      break;
  }
}

/** ssh's Host line: any positive pattern matches and no negated one does. */
function hostPatternsMatch(patterns: string[], alias: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatches(p.slice(1), alias)) return false;
    } else if (globMatches(p, alias)) {
      matched = true;
    }
  }
  return matched;
}

/** `[keyword, args]` pairs of a config file, with Include expanded in place. */
function readLines(path: string, depth: number): [string, string[]][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: [string, string[]][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const keyword = m[1]!.toLowerCase();
    const args = splitArgs(m[2]!);
    if (keyword === 'include' && depth < 8) {
      for (const pattern of args) {
        for (const file of expandInclude(pattern, path)) out.push(...readLines(file, depth + 1));
      }
    } else {
      out.push([keyword, args]);
    }
  }
  return out;
}

/** Words of a directive's value; double quotes group words with spaces. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[1] ?? m[2]!);
  return out;
}

/** Include paths are relative to ~/.ssh; a `*` in the last component lists that folder. */
function expandInclude(pattern: string, from: string): string[] {
  let p = pattern.startsWith('~') ? join(homedir(), pattern.slice(1)) : pattern;
  if (!isAbsolute(p)) p = join(dirname(from), p);
  const name = basename(p);
  if (!/[*?]/.test(name)) return [p];
  try {
    return readdirSync(dirname(p)).filter((f) => globMatches(name, f)).sort().map((f) => join(dirname(p), f));
  } catch {
    return [];
  }
}

function expandPath(value: string, alias: string): string {
  const v = expandTokens(value, alias);
  return v.startsWith('~/') || v === '~' ? join(homedir(), v.slice(1)) : v;
}

/** The tokens that make sense before connecting: %h (alias), %d (home), %u (local user), %%. */
function expandTokens(value: string, alias: string): string {
  return value.replace(/%([hdu%])/g, (_, t: string) =>
    t === 'h' ? alias : t === 'd' ? homedir() : t === 'u' ? userInfo().username : '%');
}
