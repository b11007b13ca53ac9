/** A few module definitions shaped like the real ones, so loading is tested on its own. */
import type { ModuleDefinition } from '../../runner/modules/contract.js';
import type { ModuleLookup } from '../../runner/load/index.js';

const plan = async () => ({ state: 'ok' as const });

const defs: ModuleDefinition[] = [
  {
    name: 'copy',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['dest'],
      properties: {
        src: { type: 'string' }, content: { type: 'string' }, dest: { type: 'string' },
        mode: { type: ['string', 'integer'] }, owner: { type: 'string' }, backup: { type: 'boolean' },
      },
    },
    plan,
  },
  {
    name: 'service',
    aliases: ['systemd'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        state: { enum: ['started', 'stopped', 'restarted', 'reloaded'] },
        enabled: { type: 'boolean' },
      },
    },
    plan,
  },
  {
    name: 'command',
    freeForm: '_raw_params',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        _raw_params: { type: 'string' }, cmd: { type: 'string' }, chdir: { type: 'string' },
        creates: { type: 'string' }, removes: { type: 'string' },
      },
    },
    plan,
  },
  {
    name: 'apt',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        state: { enum: ['present', 'absent', 'latest'] },
        update_cache: { type: 'boolean' },
        cache_valid_time: { type: 'integer' },
      },
    },
    plan,
  },
  {
    name: 'debug',
    schema: { type: 'object', additionalProperties: false, properties: { msg: {}, var: { type: 'string' } } },
    plan,
  },
  {
    name: 'meta',
    freeForm: '_raw_params',
    schema: { type: 'object', additionalProperties: false, properties: { _raw_params: { enum: ['flush_handlers', 'noop'] } } },
    plan,
  },
];

export function fakeModules(): ModuleLookup {
  const byName = new Map<string, ModuleDefinition>();
  for (const d of defs) for (const n of [d.name, ...(d.aliases ?? [])]) byName.set(n, d);
  // `shell` shares command's definition, as the real one shares its arguments.
  byName.set('shell', { ...defs[2]!, name: 'shell' });
  return { get: (n) => byName.get(n), names: () => [...byName.keys()] };
}
