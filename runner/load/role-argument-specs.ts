/**
 * A role's argument specs (meta/argument_specs.yml, or `argument_specs` in meta/main.yml) become
 * its first task, after its dependencies, as in Ansible: "Validating arguments against arg spec
 * 'main'", a validate_argument_spec task tagged `always` that checks the role's variables on each
 * host before any of its own tasks runs. The spec file is schema-checked when the playbook loads;
 * each option's file:line:col travels with the task, so a failure says where the option is written.
 */
import type { RoleInstance, SourcePos, Task } from './ir.js';
import type { LoadContext } from './context.js';
import type { Inheritable } from './keywords.js';
import { keyPos } from './source-map.js';
import { roleFile } from './role-files.js';
import { displayPath } from './errors.js';

type Options = Record<string, Record<string, unknown>>;
const CHECKED = ['type', 'required', 'choices', 'elements', 'aliases'];

function entryPoints(ctx: LoadContext, dir: string): { file: string; specs: Record<string, unknown> } | undefined {
  const own = roleFile(dir, 'meta', 'argument_specs');
  if (own) {
    const loaded = ctx.readFile(own, 'role-argument-specs');
    const specs = (loaded.value as Record<string, unknown> | null)?.['argument_specs'];
    return typeof specs === 'object' && specs !== null ? { file: own, specs: specs as Record<string, unknown> } : undefined;
  }
  const meta = roleFile(dir, 'meta');
  if (!meta) return undefined;
  const specs = (ctx.readFile(meta, 'role-meta').value as Record<string, unknown> | null)?.['argument_specs'];
  return typeof specs === 'object' && specs !== null ? { file: meta, specs: specs as Record<string, unknown> } : undefined;
}

/** The options as the check needs them (no descriptions or defaults, which may hold templates), and where each is written. */
function checkedOptions(options: Options, file: string, path: string[], positions: Record<string, string>): Options {
  const out: Options = {};
  for (const [name, spec] of Object.entries(options)) {
    const p = keyPos(options, name, { file, line: 1, col: 1 });
    positions[[...path, name].join('.')] = `${displayPath(p.file)}:${p.line}:${p.col}`;
    if (typeof spec !== 'object' || spec === null) continue;
    const kept: Record<string, unknown> = {};
    for (const k of CHECKED) if (spec[k] !== undefined) kept[k] = spec[k];
    if (typeof spec['options'] === 'object' && spec['options'] !== null) kept['options'] = checkedOptions(spec['options'] as Options, file, [...path, name], positions);
    out[name] = kept;
  }
  return out;
}

/** The validation task for the role's entry point (`main`, or the tasks_from name), if its specs name it. */
export function argumentSpecTask(ctx: LoadContext, role: RoleInstance, entry: string, keywords: Inheritable): Task | undefined {
  const found = entryPoints(ctx, role.dir);
  const spec = found?.specs[entry] as Record<string, unknown> | undefined;
  if (!found || typeof spec !== 'object' || spec === null) return undefined;
  const pos: SourcePos = keyPos(found.specs, entry, { file: found.file, line: 1, col: 1 });
  const positions: Record<string, string> = {};
  const options = typeof spec['options'] === 'object' && spec['options'] !== null ? checkedOptions(spec['options'] as Options, found.file, [], positions) : {};
  const short = typeof spec['short_description'] === 'string' ? ` - ${spec['short_description']}` : '';
  const { delegateTo: _d, runOnce: _r, ...common } = keywords;
  return {
    kind: 'task', ...common, pos, role,
    name: `Validating arguments against arg spec '${entry}'${short}`,
    tags: [...new Set([...common.tags, 'always'])],
    module: 'validate_argument_spec',
    args: { argument_spec: options, validate_args_context: { argument_spec_name: entry, name: role.name, path: role.dir, type: 'role', positions } },
    notify: [],
  };
}
