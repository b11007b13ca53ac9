/**
 * Variable precedence as Ansible documents it, lowest first; a later layer replaces a top-level
 * key of an earlier one (hash_behaviour=replace: dictionaries are not merged).
 *   role defaults < inventory (group and host vars, see inventory/host-vars) < host facts
 *   < play vars < vars_files < role vars < block vars < task vars < include_vars
 *   < set_fact / register < role params < include params < extra vars (-e)
 */
import type { Vars } from '../load/ir.js';
import { assignMarked } from '../template/unsafe.js';

export interface VarLayers {
  roleDefaults?: Vars;
  inventory?: Vars;
  facts?: Vars;
  play?: Vars;
  varsFiles?: Vars;
  roleVars?: Vars;
  block?: Vars;
  task?: Vars;
  includeVars?: Vars;
  /** set_fact and registered results. */
  hostFacts?: Vars;
  roleParams?: Vars;
  /** The vars of an include_tasks and its loop item, for the tasks it brought. */
  includeParams?: Vars;
  extra?: Vars;
}

/** The layers in the order they are applied; exported so documentation and tests read the same list. */
export const PRECEDENCE: ReadonlyArray<keyof VarLayers> = [
  'roleDefaults',
  'inventory',
  'facts',
  'play',
  'varsFiles',
  'roleVars',
  'block',
  'task',
  'includeVars',
  'hostFacts',
  'roleParams',
  'includeParams',
  'extra',
];

export function mergeVars(layers: VarLayers): Vars {
  return mergeVarsOnto({}, layers);
}

/** The layers given, in precedence order, over `out` (the lower layers already merged). */
export function mergeVarsOnto(out: Vars, layers: VarLayers): Vars {
  for (const name of PRECEDENCE) {
    const layer = layers[name];
    if (layer) assignMarked(out, layer);
  }
  return out;
}
