/**
 * wait_for: waits for a port to open or close, or a file to appear, disappear or contain a
 * pattern. It never changes the host, so its plan is always 'ok' (as Ansible's result is never
 * changed); when the condition does not hold yet, the wait is the plan's settle step, which a real
 * run does and a dry run skips (Ansible skips the whole task in check mode).
 */
import type { ModuleDefinition, ModuleResult } from '../contract.js';
import { ModuleError } from '../contract.js';
import schema from '../../../schemas/modules/wait_for.json' with { type: 'json' };
import { toInt } from './coerce.js';
import { conditionScript, matchGroups, pollScript, tcpStateCode, timeoutMessage, type WaitCondition } from './wait-for-checks.js';
import { shq } from '../../connections/connection.js';
import type { WaitForArgs } from '../../types/module-args.js';

const waitFor: ModuleDefinition<WaitForArgs> = {
  name: 'wait_for',
  schema,
  async plan(ctx, args) {
    const state = args.state ?? 'started';
    if (args.port !== undefined && args.path !== undefined) throw new ModuleError('port and path parameter can not both be passed to wait_for');
    const cond: WaitCondition = {
      host: args.host ?? '127.0.0.1',
      port: toInt(args.port, 'port'),
      path: args.path,
      state,
      searchRegex: args.search_regex,
      connectTimeout: toInt(args.connect_timeout, 'connect_timeout') ?? 5,
      excludeHosts: args.exclude_hosts,
      activeStates: args.active_connection_states,
    };
    if (args.exclude_hosts !== undefined && state !== 'drained') throw new ModuleError('exclude_hosts should only be with state=drained');
    for (const name of args.active_connection_states ?? []) if (!tcpStateCode(name)) throw new ModuleError(`unknown active_connection_state (${name}) defined`);
    if (state === 'drained' && cond.port === undefined) throw new ModuleError('state=drained should only be used for checking a port in the wait_for module');
    for (const h of cond.excludeHosts ?? []) if (!/^[A-Za-z0-9.:_-]+$/.test(h)) throw new ModuleError(`not a host address: ${h}`);
    if (cond.host && !/^[A-Za-z0-9.:_-]+$/.test(cond.host)) throw new ModuleError(`not a host name: ${cond.host}`);
    const delay = toInt(args.delay, 'delay') ?? 0;
    const timeout = toInt(args.timeout, 'timeout') ?? 300;
    const sleep = toInt(args.sleep, 'sleep') ?? 1;
    const base: ModuleResult = { state, port: cond.port, path: cond.path, search_regex: cond.searchRegex, match_groups: [], match_groupdict: {} };
    // What the pattern matched in the file, once it is there (Ansible returns its groups).
    const groups = async (): Promise<ModuleResult> => {
      if (cond.path === undefined || !cond.searchRegex) return {};
      const r = await ctx.conn.exec(`cat ${shq(cond.path)}`, { become: ctx.become });
      return r.rc === 0 ? matchGroups(cond.searchRegex, r.stdout) : {};
    };
    const check = conditionScript(cond);
    const target = cond.port !== undefined ? `${cond.host}:${cond.port}` : cond.path;
    const holdsNow = target !== undefined && (await ctx.conn.exec(check, { become: ctx.become })).rc === 0;
    if (holdsNow) return { state: 'ok', result: { ...base, ...(await groups()), elapsed: 0 } };
    const what = target === undefined ? `${timeout} s` : `${target} to be ${state}`;
    const script = target === undefined ? `sleep ${delay + timeout}` : pollScript(check, delay, timeout, sleep);
    return {
      state: 'ok',
      summary: `wait for ${what}`,
      result: base,
      steps: [{ run: script, what: `wait for ${what}` }],
      settle: async () => {
        const started = Date.now();
        const r = await ctx.conn.exec(script, { become: ctx.become, timeoutMs: (delay + timeout + cond.connectTimeout + 60) * 1000 });
        const elapsed = Math.round((Date.now() - started) / 1000);
        if (r.rc !== 0 && target !== undefined) return { ...base, elapsed, failed: true, msg: args.msg ?? timeoutMessage(cond) };
        return { ...base, ...(await groups()), elapsed };
      },
    };
  },
};

export default waitFor;
