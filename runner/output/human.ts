/**
 * The human view: PLAY / TASK headers, one line per host (hosts with the same plain result folded
 * on one line), diffs, the PLAY RECAP, and a live elapsed line while a task runs long on a terminal.
 * Lines are written whole, so results of many hosts never interleave mid-line.
 */
import type { EngineEvent } from '../engine/events.js';
import type { TaskResult } from '../engine/results.js';
import { makeStyle, type Style } from './style.js';
import { resultLines, itemLines, isPlain, statusWord, colour, type LineOptions } from './result-lines.js';
import { LiveLine } from './live-line.js';
import { recapLines } from './recap.js';

export interface HumanOptions {
  write: (text: string) => void;
  color: boolean;
  tty: boolean;
  verbosity: number;
}

export class HumanOutput {
  private readonly style: Style;
  private readonly pending = new Map<string, { host: string; result: TaskResult }[]>();
  private check = false;
  /** Hosts of the current play in inventory order: folded lines list them so. */
  private order = new Map<string, number>();
  private readonly live: LiveLine;

  constructor(private readonly o: HumanOptions) {
    this.style = makeStyle(o.color);
    this.live = new LiveLine(o.tty, o.write, this.style);
  }

  private print(lines: string | string[]): void {
    const text = Array.isArray(lines) ? lines.join('\n') : lines;
    this.live.clear();
    this.o.write(`${text}\n`);
    this.live.redraw();
  }

  private banner(text: string): string {
    return this.style.bold(`${text} ${'*'.repeat(Math.max(3, 79 - text.length))}`);
  }

  readonly handle = (e: EngineEvent): void => {
    switch (e.type) {
      case 'playbook-start':
        this.check = e.check;
        if (e.check) this.print(this.style.dim('Dry run (--check): nothing will be changed; "changed" below means "would change".'));
        break;
      case 'play-start':
        this.order = new Map(e.hosts.map((h, i) => [h, i]));
        this.print(['', this.banner(`PLAY [${e.play.name}]`)]);
        break;
      case 'no-hosts':
        this.print(['', this.banner(`PLAY [${e.play.name}]`), this.style.skipped(`skipping: no hosts matched '${e.pattern}'`)]);
        break;
      case 'task-start':
        this.pending.set(e.id, []);
        this.print(['', this.banner(`${e.handler ? 'RUNNING HANDLER' : 'TASK'} [${e.title}]`)]);
        this.live.start(e.id, e.title);
        break;
      case 'host-start':
        this.live.hostStarted(e.id, e.host);
        break;
      case 'host-result':
        this.live.hostDone(e.id, e.host);
        this.onResult(e.id, e.host, e.result);
        break;
      case 'task-end':
        this.live.stop(e.id);
        this.flushFolded(e.id);
        break;
      case 'progress':
        this.live.progress(e.host, e.line);
        break;
      case 'retry':
        this.print(this.style.failed(`FAILED - RETRYING: [${e.host}]: ${e.title} (${e.retriesLeft} retries left).`));
        break;
      case 'warning':
        this.print(this.style.changed(`[WARNING]: ${e.host ? `${e.host}: ` : ''}${e.message}`));
        break;
      case 'play-abort':
        if (e.reason !== 'end_play') this.print(['', this.style.failed(`NO MORE HOSTS LEFT: ${e.reason}`)]);
        break;
      case 'recap':
        this.live.clear();
        this.print(['', this.banner('PLAY RECAP'), ...recapLines(e.stats, this.style), '']);
        break;
    }
  };

  private lineOptions(): LineOptions {
    return { verbosity: this.o.verbosity, style: this.style, check: this.check };
  }

  /** Plain results wait for the end of the task to be folded; anything with detail prints now. */
  private onResult(id: string, name: string, result: TaskResult): void {
    const lo = this.lineOptions();
    if (result.silent) return;
    for (const item of result.skippedItems ?? []) this.print(itemLines(name, item, lo));
    const host = result.delegatedTo ? `${name} -> ${result.delegatedTo}${result.delegatedAddress ? `(${result.delegatedAddress})` : ''}` : name;
    if (isPlain(result, lo) && this.pending.has(id)) this.pending.get(id)!.push({ host, result });
    else this.print(resultLines(host, result, lo));
  }

  private flushFolded(id: string): void {
    const held = this.pending.get(id);
    this.pending.delete(id);
    if (!held?.length) return;
    const rank = (h: string) => this.order.get(h.split(' -> ')[0]!) ?? Number.MAX_SAFE_INTEGER;
    held.sort((a, b) => rank(a.host) - rank(b.host));
    // One line per status, and per included file and item: "included: FILE for h1, h2 => (item=a)".
    const lines = new Map<string, { hosts: string[]; line: (hosts: string[]) => string }>();
    const add = (key: string, host: string, line: (hosts: string[]) => string) => {
      const l = lines.get(key) ?? lines.set(key, { hosts: [], line }).get(key)!;
      l.hosts.push(host);
    };
    for (const { host, result } of held) {
      if (!result.included) {
        add(statusWord(result), host, (hs) => colour(result, this.style, `${statusWord(result)}: [${hs.join(', ')}]`));
        continue;
      }
      for (const inc of result.included) {
        const item = inc.label !== undefined ? ` => (item=${inc.label})` : '';
        add(`included ${inc.file}${item}`, host, (hs) => this.style.skipped(`included: ${inc.file} for ${hs.join(', ')}${item}`));
      }
    }
    this.print([...lines.values()].map((l) => l.line(l.hosts)));
  }
}
