/** What the machine itself shows of the lab: namespaces, links, mounts, processes. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';

export function netnsList(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
}

export function linkExists(name: string): boolean {
  try {
    execFileSync('ip', ['link', 'show', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Mount points, in any mount namespace of any process, that lie under `dir`. */
export function mountsUnder(dir: string): string[] {
  const found = new Set<string>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let text = '';
    try { text = readFileSync(`/proc/${pid}/mounts`, 'utf8'); } catch { continue; }
    for (const line of text.split('\n')) {
      const point = line.split(' ')[1];
      if (point?.startsWith(dir)) found.add(point);
    }
  }
  return [...found];
}

export const pidAlive = (pid: number): boolean => existsSync(`/proc/${pid}`);
