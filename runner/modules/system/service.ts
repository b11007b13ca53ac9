/** service: start/stop/restart/reload a service and set it to start at boot, on any service manager. */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/service.json' with { type: 'json' };
import { planService, type ServiceArgs } from './service-plan.js';

export type { ServiceArgs };

const service: ModuleDefinition<ServiceArgs> = {
  name: 'service',
  schema,
  plan: (ctx, args) => planService(ctx, args),
};

export default service;
