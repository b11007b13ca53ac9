/** The system modules' cases (cases/<module>/<case>.yml) that a temp folder can hold, run on this machine. */
import { fileURLToPath } from 'node:url';
import { systemModules } from '../../../runner/modules/system/index.js';
import { runCases } from '../run-cases.js';

describe('system modules', () => {
  runCases(fileURLToPath(new URL('./cases', import.meta.url)), systemModules);
});
