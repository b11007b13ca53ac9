/**
 * Runs showrunner as its own process, as a user does: unlike an in-process run, the process ends
 * when nothing is left to wait for, so a run that forgets a pending promise shows up here.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../runner/cli/main.ts');

export interface ProcessRun { code: number; stdout: string; stderr: string }

export function showrunner(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessRun> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', cli, 'run', ...args], { maxBuffer: 64 << 20, env }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
