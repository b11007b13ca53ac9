/**
 * cron: one entry of a user's crontab (`crontab -l` / `crontab FILE`, `-u USER` for another
 * user) or of a file under /etc/cron.d (cron_file), marked `#Ansible: NAME` as Ansible writes it,
 * so both tools find each other's entries. The diff is the crontab before and after.
 */
import schema from '../../../schemas/modules/cron.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition } from '../contract.js';
import { editCrontab, type CronEntry } from './crontab-edit.js';
import type { CronArgs } from '../../types/module-args.js';
import { runStep, writeStep } from '../plan-steps.js';

type Args = CronArgs;

const cron: ModuleDefinition<Args> = {
  name: 'cron',
  schema,
  async plan(ctx, args) {
    const present = args.state !== 'absent';
    const job = args.job ?? args.value;
    if (present && job === undefined) throw new ModuleError('job is required with state=present');
    const file = args.cron_file ? (args.cron_file.startsWith('/') ? args.cron_file : `/etc/cron.d/${args.cron_file}`) : undefined;
    const userFlag = args.user ? ` -u ${shq(args.user)}` : '';
    const read = file ? `cat ${shq(file)} 2>/dev/null || true` : `crontab${userFlag} -l 2>/dev/null || true`;
    const needCrontab = file ? '' : "command -v crontab >/dev/null || { echo 'crontab: command not found' >&2; exit 127; }; ";
    const r = await ctx.conn.exec(`${needCrontab}${read}`, { become: ctx.become });
    if (r.rc !== 0) throw new ModuleError(`Failed to find required executable "crontab" in paths: ${r.stderr.trim()}`);
    const before = r.stdout;
    let edit;
    try {
      edit = editCrontab(before, entryOf(args, present, job, file !== undefined));
    } catch (e) {
      throw new ModuleError((e as Error).message);
    }
    const result = { jobs: edit.jobs, envs: edit.envs };
    if (edit.text === normalized(before)) return { state: 'ok', result };
    const removeFile = file !== undefined && !present && edit.jobs.length === 0 && edit.envs.length === 0 && edit.text.trim() === '';
    const what = file ?? (args.user ? `the crontab of ${args.user}` : 'the crontab');
    const step = removeFile ? runStep(`rm -f -- ${shq(file!)}`)
      : file ? writeStep(file, edit.text, { mode: '0644' })
      : runStep(`crontab${userFlag} -`, `the new crontab (${Buffer.byteLength(edit.text)} bytes) on stdin`);
    return {
      state: 'change',
      steps: [step],
      summary: `${present ? 'set' : 'remove'} ${args.env ? 'variable' : 'job'} ${args.name} in ${what}`,
      diff: [{ before, after: edit.text, before_header: file ?? 'crontab', after_header: file ?? 'crontab' }],
      result,
      apply: async () => {
        if (removeFile) await run(ctx, `rm -f -- ${shq(file!)}`);
        else if (file) await ctx.conn.writeFile(file, edit.text, { become: ctx.become, mode: '0644' });
        else await run(ctx, `crontab${userFlag} -`, edit.text);
        return result;
      },
    };
  },
};

function entryOf(args: Args, present: boolean, job: string | undefined, inFile: boolean): CronEntry {
  if (args.env) {
    return { kind: 'env', name: args.name, decl: present ? `${args.name}="${job}"` : undefined, insertafter: args.insertafter, insertbefore: args.insertbefore };
  }
  if (!present) return { kind: 'job', name: args.name };
  const who = inFile ? `${args.user ?? 'root'} ` : '';
  const when = args.special_time
    ? `@${args.special_time}`
    : [args.minute, args.hour, args.day ?? args.dom, args.month, args.weekday ?? args.dow].map((f) => String(f ?? '*')).join(' ');
  return { kind: 'job', name: args.name, line: `${args.disabled ? '#' : ''}${when} ${who}${job}` };
}

function normalized(text: string): string {
  return text === '' ? '' : `${text.replace(/[\r\n]+$/, '')}\n`;
}

async function run(ctx: ModuleContext, command: string, stdin?: string): Promise<void> {
  const r = await ctx.conn.exec(command, { become: ctx.become, stdin });
  if (r.rc !== 0) throw new ModuleError(`cannot write the crontab: ${r.stderr.trim() || `rc ${r.rc}`}`);
}

export default cron;
