/** Loading fixtures and reading the messages a user would see. */
import { loadPlaybook, LoadErrors } from '../../runner/load/index.js';
import type { Playbook } from '../../runner/load/ir.js';
import { fakeModules } from './fake-modules.js';

export const FIXTURES = 'test/fixtures/load';

export function load(path: string, roleSearchPaths: string[] = []): Promise<Playbook> {
  return loadPlaybook(`${FIXTURES}/${path}`, { modules: fakeModules(), roleSearchPaths });
}

/** The lines of the error report loading `path` gives (fails the test when it loads fine). */
export async function loadErrorLines(path: string, roleSearchPaths: string[] = []): Promise<string[]> {
  try {
    await load(path, roleSearchPaths);
  } catch (e) {
    if (!(e instanceof LoadErrors)) throw e;
    return e.message.split('\n');
  }
  throw new Error(`${path} loaded without errors`);
}
