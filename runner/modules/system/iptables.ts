/**
 * iptables: one rule of the running firewall, a chain's policy, or a flushed chain, as Ansible's
 * iptables module. The plan asks iptables itself: `-C` says whether the rule is there, `-S` shows
 * the policy and the rules, so a second run is ok. A flush of an empty chain is ok too (Ansible
 * reports every flush as a change).
 */
import schema from '../../../schemas/modules/iptables.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type Plan } from '../contract.js';
import { runStep } from '../plan-steps.js';
import { ruleWords } from './iptables-rule.js';
import type { IptablesArgs } from '../../types/module-args.js';

const iptables: ModuleDefinition<IptablesArgs> = {
  name: 'iptables',
  schema,
  async plan(ctx, args) {
    const bin = args.ip_version === 'ipv6' ? 'ip6tables' : 'iptables';
    const table = args.table ?? 'filter';
    const wait = args.wait !== undefined ? ` -w ${shq(String(args.wait))}` : '';
    const base = `${bin}${wait} -t ${shq(table)}`;
    const found = await ctx.conn.exec(`command -v ${bin}`, { become: ctx.become });
    if (found.rc !== 0) {
      if (ctx.promised.packages.get('iptables') === 'present') return { state: 'unknown', summary: `${bin} from a package an earlier task installs`, apply: async () => {} };
      throw new ModuleError(`${bin} is not installed on ${ctx.conn.name} (install the iptables package)`);
    }
    const chain = args.chain;
    const shown = (words: string[]) => words.map(shq).join(' ');

    if (args.flush) {
      const listing = await exec(ctx, `${base} -S${chain ? ` ${shq(chain)}` : ''}`);
      const rules = listing.split('\n').filter((l) => l.startsWith('-A '));
      if (!rules.length) return { state: 'ok', result: { chain, table, flush: true, rule: '' } };
      const cmd = `${base} -F${chain ? ` ${shq(chain)}` : ''}`;
      return change(ctx, cmd, `flush ${chain ?? `every chain of ${table}`} (${rules.length} rule${rules.length > 1 ? 's' : ''})`, { chain, table, flush: true },
        { before: `${listing.trim()}\n`, after: `${listing.split('\n').filter((l) => l && !l.startsWith('-A ')).join('\n')}\n`, header: `${bin} -t ${table} -S${chain ? ` ${chain}` : ''}` });
    }
    if (!chain) throw new ModuleError('chain is required unless flush is set');

    if (args.policy) {
      const listing = await exec(ctx, `${base} -S ${shq(chain)}`);
      const current = /^-P \S+ (\S+)/m.exec(listing)?.[1];
      if (current === undefined) throw new ModuleError(`chain ${chain} of ${table} has no policy (only built-in chains have one)`);
      if (current === args.policy) return { state: 'ok', result: { chain, table, policy: args.policy } };
      return change(ctx, `${base} -P ${shq(chain)} ${shq(args.policy)}`, `policy of ${chain} ${current} -> ${args.policy}`, { chain, table, policy: args.policy },
        { before: `-P ${chain} ${current}\n`, after: `-P ${chain} ${args.policy}\n`, header: `${bin} -t ${table} -S ${chain}` });
    }

    const words = ruleWords(args);
    const present = args.state !== 'absent';
    const exists = await ctx.conn.exec(`${base} -S ${shq(chain)} >/dev/null 2>&1`, { become: ctx.become });
    const result = { chain, table, state: args.state ?? 'present', rule: shown(words), ip_version: args.ip_version ?? 'ipv4' };
    if (exists.rc !== 0) {
      if (!present) return { state: 'ok', result };
      if (!args.chain_management) throw new ModuleError(`chain ${chain} does not exist in table ${table} (set chain_management to create it)`);
      const add = words.length ? ` && ${base} -A ${shq(chain)} ${shown(words)}` : '';
      return change(ctx, `${base} -N ${shq(chain)}${add}`, `create chain ${chain}${words.length ? ` with ${shown(words)}` : ''}`, { ...result, chain_management: true });
    }
    if (!words.length && !present && args.chain_management) {
      return change(ctx, `${base} -X ${shq(chain)}`, `delete chain ${chain}`, result);
    }
    if (!words.length) return { state: 'ok', result };
    const check = await ctx.conn.exec(`${base} -C ${shq(chain)} ${shown(words)}`, { become: ctx.become });
    if (check.rc !== 0 && check.rc !== 1) throw new ModuleError(`${bin} refused the rule: ${check.stderr.trim() || `rc ${check.rc}`}`, { rule: shown(words) });
    const there = check.rc === 0;
    if (there === present) return { state: 'ok', result };
    if (!present) return change(ctx, `${base} -D ${shq(chain)} ${shown(words)}`, `remove from ${chain}: ${shown(words)}`, result);
    const insert = args.action === 'insert';
    const at = insert ? ` ${shq(chain)}${args.rule_num !== undefined ? ` ${shq(String(args.rule_num))}` : ''}` : ` ${shq(chain)}`;
    return change(ctx, `${base} ${insert ? '-I' : '-A'}${at} ${shown(words)}`, `${insert ? 'insert into' : 'append to'} ${chain}: ${shown(words)}`, result);
  },
};

async function exec(ctx: ModuleContext, cmd: string): Promise<string> {
  const r = await ctx.conn.exec(cmd, { become: ctx.become });
  if (r.rc !== 0) throw new ModuleError(`${cmd} failed: ${r.stderr.trim() || `rc ${r.rc}`}`);
  return r.stdout;
}

function change(ctx: ModuleContext, cmd: string, summary: string, result: Record<string, unknown>, diff?: { before: string; after: string; header: string }): Plan {
  return {
    state: 'change', summary, steps: [runStep(cmd)], result,
    ...(diff ? { diff: [{ before: diff.before, after: diff.after, before_header: diff.header, after_header: diff.header }] } : {}),
    apply: async () => {
      const r = await ctx.conn.exec(cmd, { become: ctx.become });
      if (r.rc !== 0) throw new ModuleError(`${cmd} failed: ${r.stderr.trim() || `rc ${r.rc}`}`, { cmd });
      return {};
    },
  };
}

export default iptables;
