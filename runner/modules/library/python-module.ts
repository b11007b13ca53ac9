/**
 * A module a role ships in its `library/` folder, written in Python, run on the host through
 * Ansible's module protocol: the arguments in a JSON file named on the command line
 * (`{"ANSIBLE_MODULE_ARGS": ...}` for AnsibleModule modules, the plain arguments for WANT_JSON
 * ones), the result as JSON on stdout. A small bootstrap sent on stdin writes the module and
 * its arguments to a temporary folder, runs it and removes the folder, so nothing stays behind.
 *
 * The plan asks the module itself: one that supports check mode is run with `_ansible_check_mode`
 * and its answer decides ok or change; any other plans "will run", as a command does.
 */
import { readFileSync } from 'node:fs';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult, type Plan } from '../contract.js';
import { runStep } from '../plan-steps.js';
import { shq } from '../../connections/connection.js';
import { moduleUtilsZip } from './module-utils.js';

const BOOTSTRAP = [
  'import sys, json, base64, tempfile, os, subprocess, shutil',
  'd = json.load(sys.stdin)',
  't = tempfile.mkdtemp(prefix="showrunner-module-")',
  'try:',
  '    m = os.path.join(t, d["name"] + ".py")',
  '    open(m, "wb").write(base64.b64decode(d["module"]))',
  '    a = os.path.join(t, "args")',
  '    open(a, "w").write(json.dumps(d["args"]))',
  '    env = dict(os.environ)',
  '    if d.get("utils"):',
  '        z = os.path.join(t, "module_utils.zip")',
  '        open(z, "wb").write(base64.b64decode(d["utils"]))',
  '        env["PYTHONPATH"] = z + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")',
  '    p = subprocess.run([sys.executable, m, a], env=env, cwd=t, stdout=subprocess.PIPE, stderr=subprocess.PIPE)',
  '    sys.stdout.buffer.write(p.stdout)',
  '    sys.stderr.buffer.write(p.stderr)',
  '    sys.exit(p.returncode)',
  'finally:',
  '    shutil.rmtree(t, ignore_errors=True)',
].join('\n');

interface Source { text: string; newStyle: boolean; checkMode: boolean }

function readSource(file: string): Source {
  const text = readFileSync(file, 'utf8');
  const newStyle = /(from|import)\s+ansible\.module_utils/.test(text);
  return { text, newStyle, checkMode: newStyle && /supports_check_mode\s*=\s*True/.test(text) };
}

/** The JSON result a module printed (lines around it, as Ansible tolerates, are left out). */
function parseResult(stdout: string): ModuleResult | undefined {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(stdout.slice(start, end + 1)) as ModuleResult;
  } catch {
    return undefined;
  }
}

export function pythonModule(name: string, file: string): ModuleDefinition {
  const definition: ModuleDefinition = {
    name,
    schema: { type: 'object', description: `${name}: a module from ${file}` },
    async plan(ctx, args): Promise<Plan> {
      const src = readSource(file);
      const python = typeof ctx.vars.ansible_python_interpreter === 'string' ? String(ctx.evaluate('ansible_python_interpreter')) : 'python3';
      const probe = await ctx.conn.exec(`command -v ${shq(python)} >/dev/null 2>&1 && ${shq(python)} -c 'import ansible.module_utils.basic' >/dev/null 2>&1; echo $?; command -v ${shq(python)} || true`, { become: ctx.become });
      const [code, found] = probe.stdout.split('\n');
      if (!found?.trim()) {
        throw new ModuleError(`${name} (${file}) is a Python module and ${ctx.conn.name} has no ${python}: install python3 there, or set ansible_python_interpreter`);
      }
      let utils: Buffer | undefined;
      if (src.newStyle && code?.trim() !== '0') {
        try {
          utils = await moduleUtilsZip();
        } catch (e) {
          throw new ModuleError(`${name} (${file}): ${(e as Error).message}`);
        }
      }
      const run = (check: boolean) => runOnHost(ctx, { name, python, src, args, check, utils });
      const shown = `run the ${name} module from ${file}`;
      if (src.checkMode) {
        const asked = await run(true);
        if (asked.failed) throw new ModuleError(String(asked.msg ?? `${name} failed`), asked);
        const { changed, diff, ...rest } = asked;
        if (!changed) return { state: 'ok', result: rest };
        return {
          state: 'change', summary: shown, steps: [runStep(`${python} ${name}.py`, shown)], result: rest,
          ...(diff ? { diff: (Array.isArray(diff) ? diff : [diff]) as Plan['diff'] } : {}),
          apply: () => run(false),
        };
      }
      return { state: 'run', summary: shown, steps: [runStep(`${python} ${name}.py`, shown)], result: { msg: `${name} would have run if not in check mode` }, apply: () => run(false) };
    },
  };
  return definition;
}

async function runOnHost(ctx: ModuleContext, o: { name: string; python: string; src: Source; args: Record<string, unknown>; check: boolean; utils?: Buffer }): Promise<ModuleResult> {
  const internal = { _ansible_check_mode: o.check, _ansible_diff: ctx.diffRequested, _ansible_no_log: false, _ansible_verbosity: ctx.verbosity ?? 0, _ansible_module_name: o.name, _ansible_version: '2.14.18', _ansible_debug: false, _ansible_keep_remote_files: false };
  const args = o.src.newStyle ? { ANSIBLE_MODULE_ARGS: { ...o.args, ...internal } } : { ...o.args, ...internal };
  const input = JSON.stringify({ name: o.name, module: Buffer.from(o.src.text).toString('base64'), args, ...(o.utils ? { utils: o.utils.toString('base64') } : {}) });
  const r = await ctx.conn.exec(`${shq(o.python)} -c ${shq(BOOTSTRAP)}`, { become: ctx.become, stdin: input });
  const result = parseResult(r.stdout);
  if (!result) {
    return { failed: true, changed: false, rc: r.rc, module_stdout: r.stdout, module_stderr: r.stderr, msg: `MODULE FAILURE\nSee stdout/stderr for the exact error${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').at(-1)}` : ''}` };
  }
  if (r.rc !== 0 && !result.failed) result.failed = true;
  return result;
}
