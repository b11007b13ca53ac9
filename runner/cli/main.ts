#!/usr/bin/env node
/** The command line: the only place that reads argv, prints usage and exits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import { UsageError } from './options.js';
import { usage } from './usage.js';
import { projectRoot } from './project-paths.js';

/**
 * What is printed in one turn of the event loop, written in one piece when the turn ends: Node
 * writes to a pipe synchronously, and a run over many hosts prints a line per host and task.
 */
function batched(stream: NodeJS.WriteStream): (s: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('');
    pending = [];
    stream.write(text);
  };
  return (s) => {
    if (!pending.length) setImmediate(flush);
    pending.push(s);
  };
}

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const tty = !!process.stdout.isTTY;
  const io = {
    out: batched(process.stdout),
    err: batched(process.stderr),
    tty,
    color: tty && !process.env.NO_COLOR,
  };
  try {
    switch (verb) {
      case 'run': return await runCommand(rest, io);
      case 'apply': case 'show': {
        const { applyCommand, showCommand } = await import('./plan-commands.js');
        return await (verb === 'apply' ? applyCommand : showCommand)(rest, io);
      }
      case 'vault': {
        const { runVaultCommand } = await import('../vault/command.js');
        return await runVaultCommand(rest, io.out);
      }
      case 'lab': {
        const { runLabCommand } = await import('../lab/command.js');
        return await runLabCommand(rest, (line) => io.out(`${line}\n`));
      }
      case '--version': case 'version':
        io.out(`showrunner ${JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version}\n`);
        return 0;
      case undefined: case '--help': case '-h': case 'help':
        io.out(usage);
        return verb === undefined ? 5 : 0;
      default:
        throw new UsageError(`unknown command '${verb}'`);
    }
  } catch (e) {
    if (e instanceof Error && (e.name === 'VaultError' || e.name === 'VaultPasswordSourceError' || e.name === 'PlanFileError')) {
      io.err(`showrunner: ${e.message}\n`);
      return 5;
    }
    if (e instanceof UsageError) {
      io.err(`showrunner: ${e.message}\n\n${usage}`);
      return 5;
    }
    io.err(`showrunner: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 1;
  }
}

let finished = false;
// If nothing is left for Node to wait on before the run has finished (a lost promise), say so
// and fail instead of exiting 0 with no recap.
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  process.stderr.write('showrunner: internal error: the run stopped before it finished\n');
  process.exitCode = 1;
});
main(process.argv.slice(2)).then((code) => {
  finished = true;
  process.exitCode = code;
});
