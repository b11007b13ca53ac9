/** dnf: install, upgrade or remove RPM packages (names, local .rpm paths or globs, URLs). */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/dnf.json' with { type: 'json' };
import { planYum, type YumArgs as Args } from './yum-plan.js';

export type DnfArgs = Args;

const dnf: ModuleDefinition<DnfArgs> = {
  name: 'dnf',
  schema,
  plan: (ctx, args) => planYum(ctx, 'dnf', args),
};

export default dnf;
