/**
 * pause: wait some seconds or minutes, or for Enter at a prompt. It never touches the host, so the
 * wait is part of the plan and happens in --check too (Ansible pauses in check mode as well).
 * Without a terminal a prompt does not wait: Ansible warns and goes on, and so does this.
 */
import { createInterface } from 'node:readline';
import schema from '../../../schemas/modules/pause.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition, type ModuleResult } from '../contract.js';
import type { PauseArgs } from '../../types/module-args.js';

const pause: ModuleDefinition<PauseArgs> = {
  name: 'pause',
  schema,
  async plan(ctx, args) {
    if (args.seconds !== undefined && args.minutes !== undefined) throw new ModuleError('parameters are mutually exclusive: minutes, seconds');
    const seconds = duration(args.seconds, 1, 'seconds') ?? duration(args.minutes, 60, 'minutes');
    const start = new Date();
    const warnings: string[] = [];
    let userInput = '';
    if (seconds !== undefined) {
      ctx.progress(`${args.prompt ? `${args.prompt}: ` : ''}pausing for ${seconds} seconds`);
      // Ansible waits at least one second, also for minutes: 0.
      const until = start.getTime() + Math.max(seconds, 1) * 1000;
      // A timer may fire a little early by the clock: wait until the clock says so.
      while (Date.now() < until) await new Promise((r) => setTimeout(r, until - Date.now() + 1));
    } else if (process.stdin.isTTY) {
      userInput = await ask(`${args.prompt ?? 'Press enter to continue, Ctrl+C to interrupt'}:\n`);
    } else {
      warnings.push('Not waiting for response to prompt as stdin is not interactive');
    }
    const stop = new Date();
    const elapsed = (stop.getTime() - start.getTime()) / 1000;
    const stdout = args.minutes !== undefined || seconds === undefined
      ? `Paused for ${round(elapsed / 60)} minutes`
      : `Paused for ${round(elapsed)} seconds`;
    const result: ModuleResult = {
      start: stamp(start), stop: stamp(stop), delta: Math.floor(elapsed), echo: args.echo !== false,
      rc: 0, stdout, stderr: '', user_input: userInput,
    };
    if (warnings.length) result.warnings = warnings;
    return { state: 'ok', result };
  },
};

function duration(v: string | number | undefined, unit: number, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new ModuleError(`non-integer value given for prompt duration: ${name}=${v}`);
  return Math.trunc(n * unit);
}

function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => rl.question(question, (answer) => { rl.close(); resolve(answer); }));
}

/** Rounded to 2 places and printed as Python prints a float (1.0, 0.02). */
function round(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Number.isInteger(r) ? r.toFixed(1) : String(r);
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}000`;
}

export default pause;
