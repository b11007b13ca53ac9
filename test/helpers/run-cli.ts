/** Runs `showrunner run ...` (and `apply`, `show`) in this process and captures what a user would see. */
import { runCommand, type Io } from '../../runner/cli/run-command.js';
import { applyCommand, showCommand } from '../../runner/cli/plan-commands.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd?: string): Promise<CliRun> {
  return capture((io) => runCommand(args, io), cwd);
}

/** `showrunner apply PLAN ...` */
export function applyCli(args: string[], cwd?: string): Promise<CliRun> {
  return capture((io) => applyCommand(args, io), cwd);
}

/** `showrunner show PLAN ...` */
export function showCli(args: string[], cwd?: string): Promise<CliRun> {
  return capture((io) => showCommand(args, io), cwd);
}

async function capture(command: (io: Io) => Promise<number>, cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await command({
      out: (s) => { stdout += s; },
      err: (s) => { stderr += s; },
      tty: false,
      color: false,
    });
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(before);
  }
}
