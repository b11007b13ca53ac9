/** package: the host's own package manager (from ansible_pkg_mgr, or `use`) with name and state. */
import type { ModuleDefinition } from '../contract.js';
import { ModuleError } from '../contract.js';
import schema from '../../../schemas/modules/package.json' with { type: 'json' };
import { planApt } from './apt.js';
import { planYum } from './yum-plan.js';
import type { PackageArgs } from '../../types/module-args.js';

const pkg: ModuleDefinition<PackageArgs> = {
  name: 'package',
  schema,
  plan(ctx, args) {
    const mgr = args.use && args.use !== 'auto' ? args.use : ctx.facts.ansible_pkg_mgr;
    const { name, state } = args;
    switch (mgr) {
      case 'apt': return planApt(ctx, { name, state });
      case 'yum': return planYum(ctx, 'yum', { name, state });
      case 'dnf': return planYum(ctx, 'dnf', { name, state });
      default: throw new ModuleError(`Could not find a module for ${mgr || 'this host'}: the package module supports apt, yum and dnf`);
    }
  },
};

export default pkg;
