/**
 * script: copy a controller script (found in the role's and playbook's files/) to a temp folder on
 * the host, run it there with its arguments (through the shell, as Ansible does), and remove it.
 * creates/removes are checked first; when they say no, the task is skipped with Ansible's message.
 */
import { readControllerFile } from '../../vault/read.js';
import schema from '../../../schemas/modules/script.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult } from '../contract.js';
import { findSource } from '../files/source.js';
import { progressLines } from './progress.js';
import { rawResult } from './raw-result.js';
import { splitWords } from './shell-words.js';
import type { ScriptArgs } from '../../types/module-args.js';
import { runStep, writeStep } from '../plan-steps.js';

const script: ModuleDefinition<ScriptArgs> = {
  name: 'script',
  schema,
  freeForm: '_raw_params',
  async plan(ctx, args) {
    const line = (args._raw_params ?? args.cmd ?? '').trim();
    if (line === '') throw new ModuleError('script requires a script path (free form or cmd)');
    const [name] = splitWords(line);
    const rest = line.slice(line.indexOf(name!) + name!.length).trim();
    const source = findSource(name!, ctx.searchPaths.files);
    for (const [path, skipIfExists] of [[args.creates, true], [args.removes, false]] as const) {
      if (!path) continue;
      const exists = (await ctx.conn.exec(`test -e ${shq(path)} || test -L ${shq(path)}`, { become: ctx.become })).rc === 0
        || (ctx.promised.pathKind(path) !== undefined && ctx.promised.pathKind(path) !== 'absent');
      if (exists === skipIfExists) {
        const msg = skipIfExists ? `${path} exists, matching creates option` : `${path} does not exist, matching removes option`;
        return { state: 'ok', result: { skipped: true, changed: false, msg } };
      }
    }
    const content = readControllerFile(source);
    const where = '"${TMPDIR:-/tmp}"/showrunner-script.XXXXXX';
    return {
      state: 'run',
      steps: [
        runStep(`mktemp -d ${where}`, 'a folder for the script'),
        writeStep(`${where}/script`, content, { mode: '0700' }),
        runStep(`${scriptCommand(`${where}/script`, rest, args)}`, `in ${args.chdir ?? 'the login folder'}`),
        runStep(`rm -rf -- ${where}`),
      ],
      summary: `run ${source}${rest ? ` ${rest}` : ''}`,
      result: { stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], rc: null },
      apply: () => runScript(ctx, content, rest, args),
    };
  },
};

async function runScript(ctx: ModuleContext, content: Buffer, rest: string, args: ScriptArgs): Promise<ModuleResult> {
  const tmp = await ctx.conn.exec('mktemp -d "${TMPDIR:-/tmp}/showrunner-script.XXXXXX"', { become: ctx.become });
  if (tmp.rc !== 0) throw new ModuleError(`cannot make a temp folder on the host: ${tmp.stderr.trim()}`);
  const dir = tmp.stdout.trim();
  const path = `${dir}/script`;
  try {
    await ctx.conn.writeFile(path, content, { become: ctx.become, mode: '0700' });
    const run = scriptCommand(shq(path), rest, args);
    return rawResult(await ctx.conn.exec(run, { become: ctx.become, cwd: args.chdir, onOutput: progressLines(ctx) }));
  } finally {
    await ctx.conn.exec(`rm -rf -- ${shq(dir)}`, { become: ctx.become });
  }
}

/** The command that runs the copied script (its path already quoted), with its arguments. */
function scriptCommand(path: string, rest: string, args: ScriptArgs): string {
  return `${args.executable ? `${shq(args.executable)} ` : ''}${path}${rest ? ` ${rest}` : ''}`;
}

export default script;
