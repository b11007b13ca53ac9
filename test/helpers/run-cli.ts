/** Runs `showrunner run ...` in this process and captures what a user would see. */
import { runCommand } from '../../runner/cli/run-command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await runCommand(args, {
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
