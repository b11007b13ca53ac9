/** The file modules' cases (cases/<module>/<case>.yml), run against this machine in temp folders. */
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { fileModules } from '../../../runner/modules/files/index.js';
import { runCases } from '../run-cases.js';

const env = new nunjucks.Environment(null, { trimBlocks: true, autoescape: false, throwOnUndefined: true });

describe('file modules', () => {
  runCases(fileURLToPath(new URL('./cases', import.meta.url)), fileModules, {
    // Templates render with the case's vars; the real renderer (Ansible filters...) is tested elsewhere.
    context: (c) => ({ renderTemplate: (text: string) => env.renderString(text, c.vars ?? {}), vars: c.vars ?? {} }),
  });
});
