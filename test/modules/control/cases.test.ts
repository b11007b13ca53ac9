/** The control modules' cases (cases/<module>/<case>.yml): modules that never change the host. */
import { fileURLToPath } from 'node:url';
import { controlModules } from '../../../runner/modules/control/index.js';
import { runCases } from '../run-cases.js';

describe('control modules', () => {
  runCases(fileURLToPath(new URL('./cases', import.meta.url)), controlModules);
});
