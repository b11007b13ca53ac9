/** Reads the roles' own YAML, so tests exercise the exact arguments and conditions shipped. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const redhatFixtures = join(projectRoot, 'test/fixtures/redhat');

type Task = Record<string, unknown> & { name?: string; block?: Task[] };

export function roleDefaults(role: string): Record<string, unknown> {
  return parse(readFileSync(join(projectRoot, 'roles', role, 'defaults/main.yml'), 'utf8')) as Record<string, unknown>;
}

/** The task of that name in a role's task file, looking inside blocks too. */
export function roleTask(role: string, file: string, name: string): Task {
  const tasks = parse(readFileSync(join(projectRoot, 'roles', role, 'tasks', file), 'utf8')) as Task[];
  const walk = (list: Task[]): Task | undefined => {
    for (const t of list) {
      if (t.name === name) return t;
      const inner = t.block ? walk(t.block) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  const found = walk(tasks);
  if (!found) throw new Error(`no task "${name}" in roles/${role}/tasks/${file}`);
  return found;
}

export function fixtureText(name: string): string {
  return readFileSync(join(redhatFixtures, name), 'utf8');
}
