/**
 * On a terminal, a task that runs longer than two seconds gets a status line under it that counts
 * the seconds and shows the hosts still working and their latest progress (apt, builds).
 */
import type { Style } from './style.js';

export class LiveLine {
  private task?: { id: string; title: string; started: number; hosts: Set<string> };
  private readonly latest = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private shown = false;

  constructor(private readonly tty: boolean, private readonly write: (s: string) => void, private readonly style: Style) {}

  start(id: string, title: string): void {
    this.task = { id, title, started: Date.now(), hosts: new Set() };
    this.latest.clear();
    if (!this.tty) return;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.redraw(), 1000);
    this.timer.unref();
  }

  hostStarted(id: string, host: string): void {
    if (this.task?.id === id) this.task.hosts.add(host);
  }

  hostDone(id: string, host: string): void {
    if (this.task?.id === id) this.task.hosts.delete(host);
    this.latest.delete(host);
  }

  progress(host: string, line: string): void {
    this.latest.set(host, line.trim());
  }

  stop(id: string): void {
    if (this.task?.id !== id) return;
    clearInterval(this.timer);
    this.clear();
    this.task = undefined;
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }

  redraw(): void {
    const t = this.task;
    if (!this.tty || !t || !t.hosts.size) return;
    const secs = Math.floor((Date.now() - t.started) / 1000);
    if (secs < 2) return;
    const hosts = [...t.hosts];
    const last = hosts.map((h) => this.latest.get(h)).find((l) => l);
    const cols = process.stdout.columns || 100;
    let text = `  ${secs}s  running on ${hosts.slice(0, 4).join(', ')}${hosts.length > 4 ? ` +${hosts.length - 4}` : ''}${last ? ` | ${last}` : ''}`;
    if (text.length > cols - 1) text = text.slice(0, cols - 2) + '…';
    this.write(`\r\x1b[2K${this.style.dim(text)}`);
    this.shown = true;
  }
}
