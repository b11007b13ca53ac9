/** service: start/stop/restart/reload a service and set it to start at boot, on any service manager. */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/service.json' with { type: 'json' };
import { planService } from './service-plan.js';
import type { ServiceArgs } from '../../types/module-args.js';

const service: ModuleDefinition<ServiceArgs> = {
  name: 'service',
  schema,
  plan: (ctx, args) => planService(ctx, args),
};

export default service;
