/**
 * The inventory library the engine and the command line call: load `-i` sources, select hosts
 * with a pattern, and give a host its inventory variables.
 */
export type { Inventory, InventoryHost, InventoryGroup } from './model.js';
export { loadInventory } from './sources.js';
export { matchHosts, splitHostPattern } from './patterns.js';
export { groupNamesOf, hostInventoryVars, groupsMagicVar } from './host-vars.js';
export { hostsOfGroup } from './relations.js';
export { addDynamicGroup, addDynamicHost } from './dynamic.js';
export { clearVarsFileCache } from './vars-dirs.js';
