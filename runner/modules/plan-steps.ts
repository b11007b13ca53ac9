/** Building a plan's steps (the commands and file writes apply does), as data `-v` can print. */
import { createHash } from 'node:crypto';
import type { PlanStep } from './contract.js';

export function runStep(command: string, what?: string): PlanStep {
  return what ? { run: command, what } : { run: command };
}

export function writeStep(path: string, data: string | Buffer, o: { mode?: string; owner?: string | number; group?: string | number } = {}): PlanStep {
  const bytes = Buffer.byteLength(data);
  const step: PlanStep = { write: path, bytes, sha1: createHash('sha1').update(data).digest('hex') };
  if (o.mode !== undefined) step.mode = o.mode;
  if (o.owner !== undefined) step.owner = String(o.owner);
  if (o.group !== undefined) step.group = String(o.group);
  return step;
}

/** One line a user reads: `run: systemctl start nginx`, `write /etc/x (120 bytes, mode 0644)`. */
export function stepLine(s: PlanStep): string {
  if ('run' in s) return `run: ${s.run.length > 300 ? `${s.run.slice(0, 297)}...` : s.run}`;
  const attrs = [`${s.bytes} bytes`, s.mode && `mode ${s.mode}`, s.owner && `owner ${s.owner}`, s.group && `group ${s.group}`].filter(Boolean);
  return `write ${s.write} (${attrs.join(', ')})`;
}
