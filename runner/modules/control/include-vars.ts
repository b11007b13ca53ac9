/**
 * include_vars: variables from a file or a directory of files, read on the controller when the
 * task runs, with the playbook's YAML reader and checks (errors name file, line and column).
 * The engine keeps them in their own layer (above task vars, below set_fact), as Ansible does.
 */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import schema from '../../../schemas/modules/include_vars.json' with { type: 'json' };
import { ModuleError, type ModuleContext, type ModuleDefinition } from '../contract.js';
import type { IncludeVarsArgs } from '../../types/module-args.js';
import { loadVarsFileSync } from '../../load/index.js';

type Source = NonNullable<ModuleContext['source']>;
const DEFAULT_EXTENSIONS = ['yaml', 'yml', 'json'];

/** A relative file: the role's vars/ and the role, beside the task's file, then the playbook dir (each with vars/ first). */
export function varsFileCandidates(name: string, src: Source): string[] {
  if (isAbsolute(name)) return [name];
  const underVars = name.split('/')[0] !== 'vars';
  const bases = [...(src.roleDir ? [src.roleDir] : []), dirname(src.file), src.playbookDir];
  const out = bases.flatMap((b) => [...(underVars ? [join(b, 'vars', name)] : []), join(b, name)]);
  return [...new Set(out)];
}

/** `dir:` in a role is below its vars/ (unless it starts with vars/ and exists); otherwise beside the task's file. */
export function varsDirOf(dir: string, src: Source): string {
  if (isAbsolute(dir)) return dir;
  if (src.roleDir) {
    const direct = join(src.roleDir, dir);
    return dir.split('/')[0] === 'vars' && existsSync(direct) ? direct : join(src.roleDir, 'vars', dir);
  }
  return join(dirname(src.file), dir);
}

/** Directories below `root` (itself included) in sorted path order, the first `depth` of them (0: all), each with its sorted files. */
function walk(root: string, depth: number): { dir: string; files: string[] }[] {
  const all: { dir: string; files: string[] }[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    all.push({ dir, files: entries.filter((e) => !e.isDirectory()).map((e) => e.name).sort() });
    for (const e of entries) if (e.isDirectory()) visit(join(dir, e.name));
  };
  visit(root);
  all.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return depth > 0 ? all.slice(0, depth) : all;
}

function loadFile(path: string, loaded: string[]): Record<string, unknown> {
  try {
    const vars = loadVarsFileSync(path);
    loaded.push(path);
    return vars;
  } catch (e) {
    throw new ModuleError((e as Error).message, { ansible_included_var_files: loaded });
  }
}

function fromDir(args: IncludeVarsArgs, src: Source, loaded: string[]): Record<string, unknown> {
  const root = varsDirOf(args.dir!, src);
  if (!existsSync(root)) throw new ModuleError(`${root} directory does not exist`);
  if (!statSync(root).isDirectory()) throw new ModuleError(`${root} is not a directory`);
  const ignore = typeof args.ignore_files === 'string' ? args.ignore_files.split(/\s+/).filter(Boolean) : args.ignore_files ?? [];
  const matching = args.files_matching !== undefined ? new RegExp(args.files_matching) : undefined;
  const extensions = args.extensions ?? DEFAULT_EXTENSIONS;
  const out: Record<string, unknown> = {};
  for (const { dir, files } of walk(root, args.depth ?? 0)) {
    for (const f of files) {
      if (matching && !matching.test(f)) continue;
      if (ignore.some((p) => new RegExp(`${p}$`).test(f))) continue;
      if (!extensions.includes(extname(f).slice(1))) {
        if (args.ignore_unknown_extensions) continue;
        throw new ModuleError(`${join(dir, f)} does not have a valid extension: ${extensions.join(', ')}`, { ansible_included_var_files: loaded });
      }
      Object.assign(out, loadFile(join(dir, f), loaded));
    }
  }
  return out;
}

function merge(old: unknown, value: unknown): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(old) || !isMap(value)) return value;
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(value)) out[k] = merge(old[k], v);
  return out;
}

const includeVars: ModuleDefinition<IncludeVarsArgs> = {
  name: 'include_vars',
  schema,
  freeForm: '_raw_params',
  async plan(ctx, args) {
    const src: Source = ctx.source ?? { file: join(process.cwd(), 'playbook.yml'), playbookDir: process.cwd() };
    const dirArgs = (['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions'] as const).filter((k) => args[k] !== undefined);
    const file = args.file ?? args._raw_params?.trimEnd();
    if (dirArgs.length && file !== undefined) throw new ModuleError(`file and dir arguments cannot be mixed (${[args.file !== undefined ? 'file' : '_raw_params', ...dirArgs].join(', ')})`);
    const loaded: string[] = [];
    let vars: Record<string, unknown>;
    if (args.dir !== undefined) vars = fromDir(args, src, loaded);
    else if (file !== undefined) {
      const candidates = varsFileCandidates(file, src);
      const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
      if (!found) throw new ModuleError(`could not find vars file '${file}' (looked for ${candidates.join(', ')})`);
      vars = loadFile(found, loaded);
    } else throw new ModuleError('include_vars needs a file (free form or file=) or dir=');
    if (args.name !== undefined) vars = { [args.name]: vars };
    if (args.hash_behaviour === 'merge') for (const [k, v] of Object.entries(vars)) vars[k] = merge(ctx.vars[k], v);
    return { state: 'ok', summary: `loaded ${loaded.map((f) => basename(f)).join(', ')}`, result: { ansible_facts: vars, ansible_included_var_files: loaded } };
  },
};
export default includeVars;
