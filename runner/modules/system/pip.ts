/**
 * pip: Python packages in the system's Python or a virtualenv. One probe reads what pip has
 * installed and, where pip has `install --dry-run` (22.2 and later), what `pip install` would
 * install, dependencies included; so the plan names each package and version, and a package that
 * is already as asked is ok without running pip at all. Apply creates a missing virtualenv, then
 * runs the same pip command Ansible's module runs.
 */
import schema from '../../../schemas/modules/pip.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { runStep } from '../plan-steps.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult, type Plan } from '../contract.js';
import { toBool, toList } from './coerce.js';
import { splitWords } from './shell-words.js';
import { parseFreeze, parseRequirement, recoverNames, satisfies, withVersion, type Requirement } from './pip-requirement.js';
import { installChanges, removalChanges, changeLines, describeChanges, type PipChange } from './pip-changes.js';
import type { PipArgs } from '../../types/module-args.js';

type State = NonNullable<PipArgs['state']>;

const STATE_ARGS: Record<State, string[]> = {
  present: ['install'],
  absent: ['uninstall', '-y'],
  latest: ['install', '-U'],
  forcereinstall: ['install', '-U', '--force-reinstall'],
};

interface Setup {
  state: State;
  chdir: string;
  env?: string;
  packages: Requirement[];
  requirements?: string;
  extra: string[];
  umask?: string;
  /** The Python that runs pip when neither virtualenv nor executable is given (and that virtualenv's -p names). */
  python?: string;
  executable?: string;
  environment: Record<string, string>;
}

/** Shell lines that set "$@" to the pip command (Ansible's choice of pip), or print @nopip and stop. */
function findPip(s: Setup): string {
  if (s.env) {
    const bin = `${s.env}/bin`;
    return `if [ -x ${shq(`${bin}/pip3`)} ]; then set -- ${shq(`${bin}/pip3`)}; elif [ -x ${shq(`${bin}/pip`)} ]; then set -- ${shq(`${bin}/pip`)}; else echo @nopip; exit 0; fi`;
  }
  if (s.executable?.startsWith('/')) return `set -- ${shq(s.executable)}`;
  if (s.executable) return `p=$(command -v ${shq(s.executable)}) || { echo @nopip; exit 0; }; set -- "$p"`;
  return `${pythonLine(s)}; if "$py" -c 'import pip' >/dev/null 2>&1; then set -- "$py" -m pip.__main__; elif p=$(command -v pip3); then set -- "$p"; else echo @nopip; exit 0; fi`;
}

/** Sets $py: the task's ansible_python_interpreter, else the first Python of Ansible's discovery that the host has. */
function pythonLine(s: Setup): string {
  if (s.python) return `py=${shq(s.python)}`;
  return `py=$(command -v /usr/bin/python3 || command -v python3 || echo python3)`;
}

function envLine(s: Setup): string {
  const lines = s.env ? [`PATH=${shq(`${s.env}/bin`)}:"$PATH"; export PATH`] : [];
  for (const [k, v] of Object.entries(s.environment)) lines.push(`${k}=${shq(v)}; export ${k}`);
  return lines.join('; ');
}

function targets(s: Setup): string[] {
  return s.packages.length ? s.packages.map((p) => p.text) : ['-r', s.requirements!];
}

/** The pip arguments after the pip command itself, as Ansible builds them. */
const pipArgs = (s: Setup): string[] => [...STATE_ARGS[s.state], ...s.extra, ...targets(s)];

/** The command that creates the virtualenv, as Ansible's setup_virtualenv builds it. */
function venvCommand(s: Setup, args: PipArgs): string[] {
  const command = splitWords(args.virtualenv_command ?? 'virtualenv');
  if (toBool(args.virtualenv_site_packages)) command.push('--system-site-packages');
  if (!isVenvCommand(command)) command.push(`-p${args.virtualenv_python ?? '$py'}`);
  return [...command, s.env!];
}

/** `python3 -m venv` or pyvenv: no -p option (Ansible's _is_venv_command). */
function isVenvCommand(words: string[]): boolean {
  if (words[0] === 'pyvenv') return true;
  const m = words.indexOf('-m');
  return (m > 0 && words[m + 1] === 'venv') || words.slice(1).includes('-mvenv');
}

const cd = (s: Setup): string => `cd ${shq(s.chdir)} || exit 96`;

interface Probe {
  venvMissing: boolean;
  noPip: boolean;
  pip: string[];
  installed: Map<string, string>;
  dry?: { rc: number; output: string };
}

function probeScript(s: Setup): string {
  const lines = [cd(s)];
  if (s.env) lines.push(`if [ ! -e ${shq(`${s.env}/bin/activate`)} ]; then echo @venv-missing; exit 0; fi`);
  lines.push(findPip(s), 'echo @pip', `printf '%s\\n' "$@"`, 'echo @list');
  lines.push(`if LANG=C LC_ALL=C "$@" list --format=freeze 2>/dev/null; then echo '@rc list'; else "$@" freeze 2>&1; echo "@rc freeze $?"; fi`);
  if (s.state === 'present' || s.state === 'latest') {
    const dry = [...STATE_ARGS[s.state], '--dry-run', '--quiet', '--report', '-', ...s.extra, ...targets(s)];
    lines.push(envLine(s), 'echo @dry', `"$@" ${dry.map(shq).join(' ')} 2>&1; echo "@dryrc $?"`);
  }
  return lines.filter((l) => l).join('\n');
}

async function probe(ctx: ModuleContext, s: Setup): Promise<Probe> {
  const r = await ctx.conn.exec(probeScript(s), { become: ctx.become });
  if (r.rc === 96) throw new ModuleError(`Unable to change directory before execution: ${s.chdir}: ${r.stderr.trim()}`);
  if (r.rc !== 0) throw new ModuleError(`pip probe failed: ${r.stderr.trim() || r.stdout.trim()}`);
  const out = r.stdout;
  const p: Probe = { venvMissing: out.startsWith('@venv-missing'), noPip: /^@nopip$/m.test(out), pip: [], installed: new Map() };
  if (p.venvMissing || p.noPip) return p;
  const section = (from: string, to: RegExp): string => {
    const start = out.indexOf(`${from}\n`);
    const rest = out.slice(start + from.length + 1);
    const end = rest.search(to);
    return end < 0 ? rest : rest.slice(0, end);
  };
  p.pip = section('@pip', /^@list$/m).split('\n').filter((l) => l !== '');
  p.installed = parseFreeze(section('@list', /^@rc /m));
  const dryRc = /^@dryrc (\d+)$/m.exec(out);
  if (dryRc) p.dry = { rc: Number(dryRc[1]), output: section('@dry', /^@dryrc \d+$/m) };
  return p;
}

/** The option pip before 22.2 does not know: the plan falls back to the installed list. */
const noDryRun = (output: string): boolean => /no such option: --(dry-run|report)/.test(output);

function failure(cmd: string[] | string, out: string, err = ''): ModuleError {
  let msg = '';
  if (out) msg += `stdout: ${out}`;
  if (err) msg += `\n:stderr: ${err}`;
  return new ModuleError(msg, { msg, cmd });
}

function setupOf(ctx: ModuleContext, args: PipArgs): Setup {
  const state = args.state ?? 'present';
  const names = toList(args.name);
  if (!names.length && !args.requirements) throw new ModuleError('one of the following is required: name, requirements');
  if (names.length && args.requirements) throw new ModuleError('parameters are mutually exclusive: name|requirements');
  if (args.executable && args.virtualenv) throw new ModuleError('parameters are mutually exclusive: executable|virtualenv');
  if (args.umask !== undefined && !/^[0-7]+$/.test(args.umask)) throw new ModuleError('umask must be an octal integer');
  if (state === 'latest' && args.version !== undefined) throw new ModuleError('version is incompatible with state=latest');
  const packages = names.length ? recoverNames(names).map(parseRequirement) : [];
  if (args.version !== undefined && packages.length) {
    if (packages.length > 1) {
      throw new ModuleError("'version' argument is ambiguous when installing multiple package distributions. Please specify version restrictions next to each package in 'name' argument.");
    }
    if (packages[0]!.specs.length) {
      throw new ModuleError("The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument.");
    }
    packages[0] = withVersion(packages[0]!, args.version);
  }
  let extraText = args.extra_args ?? '';
  if (toBool(args.editable) && !extraText.split(' ').includes('-e')) extraText = [...(extraText ? extraText.split(' ') : []), '-e'].join(' ');
  const chdir = args.chdir ?? '/tmp';
  const env = args.virtualenv ? (args.virtualenv.startsWith('/') || !args.chdir ? args.virtualenv : `${chdir.replace(/\/$/, '')}/${args.virtualenv}`) : undefined;
  if (env && args.virtualenv_python && isVenvCommand(splitWords(args.virtualenv_command ?? 'virtualenv'))) {
    throw new ModuleError('virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command');
  }
  const python = typeof ctx.vars.ansible_python_interpreter === 'string' ? String(ctx.evaluate('ansible_python_interpreter')) : undefined;
  return {
    state, chdir, env, packages, requirements: args.requirements, extra: extraText ? splitWords(extraText) : [],
    umask: args.umask, python, executable: args.executable,
    environment: toBool(args.break_system_packages) ? { PIP_BREAK_SYSTEM_PACKAGES: '1' } : {},
  };
}

function noPipMessage(s: Setup): string {
  if (s.env) return `Unable to find pip in the virtualenv, ${s.env}, under any of these names: pip3, pip. Make sure pip is present in the virtualenv.`;
  return `Unable to find any of ${s.executable ?? 'pip3'} to use.  pip needs to be installed.`;
}

async function planPip(ctx: ModuleContext, args: PipArgs): Promise<Plan> {
  const s = setupOf(ctx, args);
  const p = await probe(ctx, s);
  if (p.noPip) throw new ModuleError(noPipMessage(s));
  const base: ModuleResult = { name: args.name === undefined ? null : toList(args.name), version: args.version ?? null, state: s.state, requirements: s.requirements ?? null, virtualenv: s.env ?? null };
  const what = s.packages.length ? s.packages.map((r) => r.text).join(', ') : `the requirements in ${s.requirements}`;
  const apply = () => applyPip(ctx, s, args, p);

  if (p.venvMissing) {
    const venv = venvCommand(s, args);
    const summary = `create the virtualenv ${s.env}, then ${s.state === 'absent' ? 'remove' : 'install'} ${what}`;
    return {
      state: 'change', summary, result: { ...base, cmd: venv },
      steps: [runStep(venv.join(' '), `create the virtualenv ${s.env}`), runStep([`${s.env}/bin/pip3`, ...pipArgs(s)].join(' '), `pip ${STATE_ARGS[s.state][0]} ${what}`)],
      promise: (state) => state.paths.set(s.env!, 'directory'),
      apply,
    };
  }

  const cmd = [...p.pip, ...pipArgs(s)];
  const result: ModuleResult = { ...base, cmd };
  let changes: PipChange[] | undefined;
  if (s.state === 'forcereinstall') {
    changes = s.packages.map((r) => ({ name: r.name ?? r.text, from: r.name ? p.installed.get(r.name) : undefined, to: 'reinstalled' }));
    if (!changes.length) changes = [{ name: `-r ${s.requirements}`, to: 'reinstalled' }];
  } else if (s.state === 'absent') {
    if (s.packages.every((r) => r.name)) changes = removalChanges(s.packages, p.installed);
  } else if (p.dry && !noDryRun(p.dry.output)) {
    if (p.dry.rc !== 0) throw failure(cmd, p.dry.output);
    changes = installChanges(p.dry.output, p.installed);
  } else if (s.state === 'present' && !s.extra.length && s.packages.length && s.packages.every((r) => r.name)) {
    // pip before 22.2: the installed list decides, as Ansible's check mode does.
    const missing = s.packages.filter((r) => !satisfiedBy(r, p.installed));
    changes = missing.map((r) => ({ name: r.name!, from: p.installed.get(r.name!), to: r.specs.map(([op, v]) => op + v).join(',') || 'any version' }));
  }

  if (changes === undefined) {
    return { state: 'run', summary: `pip ${pipArgs(s).join(' ')}`, result, steps: [runStep(cmd.join(' '))], apply };
  }
  if (!changes.length) return { state: 'ok', result };
  const lines = changeLines(changes);
  return {
    state: 'change',
    summary: describeChanges(changes),
    diff: [{ before: lines.before, after: lines.after, before_header: `pip packages${s.env ? ` in ${s.env}` : ''}`, after_header: `after pip ${STATE_ARGS[s.state][0]}` }],
    result,
    steps: [runStep(cmd.join(' '))],
    apply,
  };
}

function satisfiedBy(r: Requirement, installed: Map<string, string>): boolean {
  const v = installed.get(r.name!);
  return v !== undefined && satisfies(v, r.specs);
}

async function applyPip(ctx: ModuleContext, s: Setup, args: PipArgs, p: Probe): Promise<ModuleResult> {
  const umask = s.umask ? `umask ${s.umask}` : '';
  let out = '';
  let err = '';
  let pip = p.pip;
  if (p.venvMissing) {
    const venv = venvCommand(s, args);
    const [exe, ...rest] = venv;
    const resolve = exe!.includes('/') ? `c=${shq(exe!)}` : `c=$(command -v ${shq(exe!)}) || { echo "Failed to find required executable \\"${exe}\\" in paths: $PATH" >&2; exit 97; }`;
    const script = [cd(s), umask, pythonLine(s), resolve, `"$c" ${rest.map((w) => (w === '-p$py' ? '-p"$py"' : shq(w))).join(' ')}`].filter(Boolean).join('\n');
    const r = await ctx.conn.exec(script, { become: ctx.become });
    out += r.stdout;
    err += r.stderr;
    if (r.rc === 97) throw new ModuleError(r.stderr.trim());
    if (r.rc !== 0) throw failure(venv, out, err);
    const found = await ctx.conn.exec(`${findPip(s)}\nprintf '%s\\n' "$@"`, { become: ctx.become });
    if (found.stdout.trim() === '@nopip') throw new ModuleError(noPipMessage(s));
    pip = found.stdout.split('\n').filter((l) => l !== '');
  }
  const cmd = [...pip, ...pipArgs(s)];
  ctx.progress(`pip ${STATE_ARGS[s.state][0]} ${targets(s).join(' ')}`);
  const r = await ctx.conn.exec([cd(s), umask, envLine(s), cmd.map(shq).join(' ')].filter(Boolean).join('\n'), { become: ctx.become });
  out += r.stdout;
  err += r.stderr;
  const notInstalled = s.state === 'absent' && r.rc === 1 && /not installed/.test(r.stdout + r.stderr);
  if (r.rc !== 0 && !notInstalled) throw failure(cmd, out, err);
  return { cmd, stdout: out, stderr: err, stdout_lines: out.split('\n').filter((l) => l), stderr_lines: err.split('\n').filter((l) => l) };
}

const pip: ModuleDefinition<PipArgs> = {
  name: 'pip',
  schema,
  plan: planPip,
};

export default pip;
