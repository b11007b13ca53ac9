/** systemd: the service module plus daemon_reload and masked (systemctl only). */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/systemd.json' with { type: 'json' };
import { planService, type ServiceArgs } from './service-plan.js';

export interface SystemdArgs extends ServiceArgs {
  service?: string;
  unit?: string;
  'daemon-reload'?: boolean;
}

const systemd: ModuleDefinition<SystemdArgs> = {
  name: 'systemd',
  aliases: ['systemd_service'],
  schema,
  plan: (ctx, args) => planService(ctx, {
    ...args,
    name: args.name ?? args.service ?? args.unit,
    daemon_reload: args.daemon_reload ?? args['daemon-reload'],
  }),
};

export default systemd;
