/**
 * stat: describe a path in Ansible's `stat` result shape. Never changes anything. In a dry run,
 * a path an earlier task would have made is reported as existing (with `promised: true`), so
 * `when: st.stat.exists` takes the branch the real run will take. What is read is in stat-probe.ts.
 */
import schema from '../../../schemas/modules/stat.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { statPath } from './stat-probe.js';
import type { StatArgs } from '../../types/module-args.js';

const stat: ModuleDefinition<StatArgs> = {
  name: 'stat',
  schema,
  async plan(ctx, args) {
    const path = args.path ?? args.dest ?? args.name;
    if (!path) throw new ModuleError('path is required');
    const promised = ctx.promised.pathKind(path);
    if (promised === 'absent') return { state: 'ok', result: { stat: { exists: false } } };
    const follow = args.follow === true;
    const s = await statPath(ctx, {
      path, follow,
      checksum: args.get_checksum !== false ? args.checksum_algorithm ?? args.checksum ?? args.checksum_algo ?? 'sha1' : undefined,
      mime: (args.get_mime ?? args.mime ?? args.mime_type ?? args['mime-type']) !== false,
      attributes: (args.get_attributes ?? args.attr ?? args.attributes) !== false,
    });
    if (!s.exists && promised) {
      return { state: 'ok', result: { stat: { exists: true, path, promised: true, isdir: promised === 'directory', isreg: promised === 'file', islnk: promised === 'link' } } };
    }
    return { state: 'ok', result: { stat: s } };
  },
};

export default stat;
