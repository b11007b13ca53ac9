/** dnf: install, upgrade or remove RPM packages (names, local .rpm paths or globs, URLs). */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/dnf.json' with { type: 'json' };
import { planYum } from './yum-plan.js';
import type { DnfArgs } from '../../types/module-args.js';

const dnf: ModuleDefinition<DnfArgs> = {
  name: 'dnf',
  schema,
  plan: (ctx, args) => planYum(ctx, 'dnf', args),
};

export default dnf;
