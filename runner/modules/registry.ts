/** Every module Showrunner knows, by name and alias. */
import type { ModuleDefinition } from './contract.js';
import { controlModules } from './control/index.js';
import { fileModules } from './files/index.js';
import { systemModules } from './system/index.js';

const all: ModuleDefinition<any>[] = [...controlModules, ...fileModules, ...systemModules];
const byName = new Map<string, ModuleDefinition<any>>();
for (const m of all) {
  byName.set(m.name, m);
  for (const a of m.aliases ?? []) byName.set(a, m);
}

export const modules = {
  get(name: string): ModuleDefinition | undefined {
    return byName.get(name);
  },
  names(): string[] {
    return [...byName.keys()].sort();
  },
};
