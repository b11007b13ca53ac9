/** yum: install, upgrade or remove RPM packages (names, local .rpm paths or globs, URLs). */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/yum.json' with { type: 'json' };
import { planYum } from './yum-plan.js';
import type { YumArgs } from '../../types/module-args.js';

const yum: ModuleDefinition<YumArgs> = {
  name: 'yum',
  schema,
  plan: (ctx, args) => planYum(ctx, 'yum', args),
};

export default yum;
