/** meta: run-control actions; the engine carries them out (flush_handlers, end_play...). */
import schema from '../../../schemas/modules/meta.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import type { MetaArgs } from '../../types/module-args.js';

const meta: ModuleDefinition<MetaArgs> = {
  name: 'meta',
  schema,
  freeForm: '_raw_params',
  async plan() {
    return { state: 'ok' };
  },
};
export default meta;
