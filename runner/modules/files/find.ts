/**
 * find: list what is under some directories, with Ansible's filters (see find-filter.ts): one
 * `find -printf` per run lists every entry with its stat fields, `contains` and checksums need
 * the files themselves (read in one more round trip). Changes nothing.
 */
import { posix } from 'node:path';
import schema from '../../../schemas/modules/find.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { toList } from '../system/coerce.js';
import { LISTING_FORMAT, ageFilter, kindMatches, nameMatcher, parseListing, sizeFilter, statFields, type FoundEntry } from './find-filter.js';
import { probePaths } from './probe.js';
import { pythonRegex } from './python-regex.js';
import type { FindArgs } from '../../types/module-args.js';

const find: ModuleDefinition<FindArgs> = {
  name: 'find',
  schema,
  async plan(ctx, args) {
    const paths = toList(args.paths ?? args.path ?? args.name);
    const patterns = toList(args.patterns ?? args.pattern);
    const excludes = toList(args.excludes ?? args.exclude);
    const useRegex = args.use_regex === true;
    const fileType = args.file_type ?? 'file';
    const depth = args.recurse ? (args.depth !== undefined ? Number(args.depth) : undefined) : 1;
    const matchName = patterns.length ? nameMatcher(patterns, useRegex, 'patterns') : () => true;
    const excluded = excludes.length ? nameMatcher(excludes, useRegex, 'excludes') : () => false;
    const bySize = sizeFilter(args.size);
    const byAge = ageFilter(args.age, Date.now() / 1000);
    const stamp = args.age_stamp ?? 'mtime';
    const contains = args.contains !== undefined ? pythonRegex(args.contains, 'contains') : undefined;

    const script = paths.map((p) => [
      `if [ -d ${shq(p)} ]; then printf 'D|%s\\0' ${shq(p)};`,
      `find ${args.follow ? '-L ' : ''}${shq(p)} -mindepth 1 ${depth !== undefined ? `-maxdepth ${depth} ` : ''}-printf '${LISTING_FORMAT}' 2>/dev/null;`,
      `else printf 'X|%s\\0' ${shq(p)}; fi`,
    ].join(' ')).join('\n');
    const r = await ctx.conn.exec(script, { become: ctx.become });
    if (r.rc !== 0) throw new ModuleError(`cannot list ${paths.join(', ')}: ${r.stderr.trim()}`);

    const skipped: Record<string, string> = {};
    const warnings: string[] = [];
    const entries: FoundEntry[] = [];
    let examined = 0;
    for (const rec of r.stdout.split('\0').filter(Boolean)) {
      if (rec.startsWith('D|')) continue;
      if (rec.startsWith('X|')) {
        const p = rec.slice(2);
        skipped[p] = `'${p}' is not a directory`;
        warnings.push(`Skipped '${p}' path due to this access issue: '${p}' is not a directory\n`);
        continue;
      }
      const [e] = parseListing(rec);
      examined++;
      const base = posix.basename(e!.path);
      if (!args.hidden && base.startsWith('.')) continue;
      if (!kindMatches(fileType, e!.type) || !matchName(base) || excluded(base)) continue;
      if (e!.type === 'f' && !bySize(e!.size)) continue;
      if (!byAge(e![stamp])) continue;
      if (contains && e!.type !== 'f') continue;
      entries.push(e!);
    }
    const files = entries.map(statFields);
    if (contains || args.get_checksum) {
      const infos = await probePaths(ctx, entries.map((e) => e.path), { checksum: args.get_checksum === true, contentUpTo: contains ? 64 * 1024 * 1024 : -1 });
      infos.forEach((info, i) => { if (args.get_checksum && info.checksum) files[i]!.checksum = info.checksum; });
      if (contains) {
        const keep = infos.map((info) => {
          const text = info.content?.toString('utf8') ?? '';
          if (args.read_whole_file) return contains.test(text);
          const anchored = new RegExp(`^(?:${contains.source})`, contains.flags);
          return text.split(/(?<=\n)/).some((line) => anchored.test(line));
        });
        const kept = files.filter((_, i) => keep[i]);
        files.splice(0, files.length, ...kept);
      }
    }
    const all = Object.keys(skipped).length === 0;
    const result: Record<string, unknown> = {
      files, matched: files.length, examined, skipped_paths: skipped,
      msg: all ? 'All paths examined' : 'Not all paths examined, check warnings for details',
    };
    if (warnings.length) result.warnings = warnings;
    return { state: 'ok', result };
  },
};

export default find;
