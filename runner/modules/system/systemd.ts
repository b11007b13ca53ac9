/** systemd: the service module plus daemon_reload and masked (systemctl only). */
import type { ModuleDefinition } from '../contract.js';
import schema from '../../../schemas/modules/systemd.json' with { type: 'json' };
import { planService } from './service-plan.js';
import type { SystemdArgs } from '../../types/module-args.js';

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
