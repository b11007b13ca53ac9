/**
 * sysctl: a kernel parameter kept in a sysctl file (reloaded with `sysctl -p FILE` after a change)
 * and, with sysctl_set, in the running kernel. Changed as ansible.posix.sysctl decides: the file's
 * value differs, or (reload) the running value differs, or (sysctl_set) the running value differs.
 * An unknown key fails before anything is written (Ansible writes the file, then fails to reload).
 */
import schema from '../../../schemas/modules/sysctl.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition } from '../contract.js';
import { probePath } from '../files/probe.js';
import { writeContent } from '../files/write.js';
import { editSysctlFile, sameValue, sysctlValue } from './sysctl-file.js';
import type { SysctlArgs } from '../../types/module-args.js';
import { runStep, writeStep } from '../plan-steps.js';

const RELOAD_ERRORS = /^sysctl: setting key "[^"]+": (Invalid argument|Read-only file system)$/m;

const sysctl: ModuleDefinition<SysctlArgs> = {
  name: 'sysctl',
  schema,
  async plan(ctx, args) {
    const name = (args.name ?? args.key ?? '').trim();
    if (name === '') throw new ModuleError('name cannot be blank');
    const present = args.state !== 'absent';
    const raw = args.value ?? args.val;
    if (present && (raw === undefined || raw === null)) throw new ModuleError('value cannot be None');
    const value = sysctlValue(raw);
    if (present && value === '') throw new ModuleError('value cannot be blank');
    const file = args.sysctl_file ?? '/etc/sysctl.conf';
    const reload = args.reload !== false;

    const live = await probePath(ctx, file, { follow: true, contentUpTo: 4 * 1024 * 1024 });
    const current = await ctx.conn.exec(`sysctl -e -n ${shq(name)}`, { become: ctx.become });
    const running = current.rc === 0 && current.stdout !== '' ? current.stdout.replace(/\n$/, '') : undefined;
    const content = live.content?.toString('utf8') ?? '';
    const edit = editSysctlFile(content, name, present ? value : undefined);

    const writeFile = present ? edit.before !== value : edit.before !== undefined;
    let changed = writeFile || (present && reload && !sameValue(running, value));
    const setRunning = present && args.sysctl_set === true && running !== undefined && !sameValue(running, value);
    if (present && args.sysctl_set === true && !sameValue(running, value)) changed = true;
    if (!changed) return { state: 'ok', result: {} };
    if (present && running === undefined && !args.ignoreerrors && (reload || args.sysctl_set)) {
      throw new ModuleError(`sysctl: cannot stat /proc/sys/${name.replace(/\./g, '/')}: No such file or directory (nothing was written)`);
    }
    const what = [
      writeFile ? `${present ? `${name}=${value} in` : `${name} removed from`} ${file}` : '',
      setRunning ? `${name} set to ${value} in the running kernel` : '',
      reload ? `${file} reloaded` : '',
    ].filter(Boolean).join(', ');
    const set = `sysctl ${args.ignoreerrors ? '-e ' : ''}-w ${shq(`${name}=${value}`)}`;
    const load = `sysctl ${args.ignoreerrors ? '-e ' : ''}-p ${shq(file)}`;
    return {
      state: 'change',
      steps: [
        ...(setRunning ? [runStep(set)] : []),
        ...(writeFile ? [writeStep(live.realPath ?? file, edit.text)] : []),
        ...(reload ? [runStep(load)] : []),
      ],
      summary: what,
      diff: writeFile ? [{ before: content, after: edit.text, before_header: file, after_header: file }] : [],
      apply: async () => {
        if (setRunning) await run(ctx, set, `setting ${name} failed: `);
        if (writeFile) await writeContent(ctx, live.realPath ?? file, edit.text, live, {});
        if (reload) await run(ctx, load, 'Failed to reload sysctl: ');
        return {};
      },
    };
  },
};

async function run(ctx: ModuleContext, command: string, failure: string): Promise<void> {
  const r = await ctx.conn.exec(command, { become: ctx.become });
  if (r.rc !== 0 || RELOAD_ERRORS.test(r.stderr)) throw new ModuleError(`${failure}${r.stdout}${r.stderr}`);
}

export default sysctl;
