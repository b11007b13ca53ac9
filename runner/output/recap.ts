/** PLAY RECAP lines, in ansible-playbook's layout so scripts that parse it keep working. */
import type { HostStats } from '../engine/results.js';
import type { Style } from './style.js';

const keys = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'] as const;

export function recapLines(stats: Map<string, HostStats>, style: Style): string[] {
  return [...stats].map(([host, s]) => {
    const hostCol = s.failed || s.unreachable ? style.failed(host.padEnd(26)) : s.changed ? style.changed(host.padEnd(26)) : style.ok(host.padEnd(26));
    const cells = keys.map((k) => {
      const cell = `${k}=${String(s[k]).padEnd(4)}`;
      if (!s[k]) return cell;
      if (k === 'ok') return style.ok(cell);
      if (k === 'changed') return style.changed(cell);
      if (k === 'skipped' || k === 'rescued' || k === 'ignored') return style.skipped(cell);
      return style.failed(cell);
    });
    return `${hostCol} : ${cells.join(' ')}`;
  });
}
