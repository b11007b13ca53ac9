/**
 * Plans made from what earlier tasks of a dry run promised (the host does not have it yet) still
 * need an apply: the engine treats a plan without one as nothing to do. Such a plan only exists
 * in --check, where apply is never called; should it be, it plans again against the real host.
 */
import { PromisedState } from '../../engine/promised-state.js';
import type { ModuleContext, ModuleResult, Plan } from '../contract.js';

export function replanOnApply(ctx: ModuleContext, replan: (ctx: ModuleContext) => Promise<Plan>): () => Promise<ModuleResult | void> {
  return async () => {
    const fresh = await replan({ ...ctx, promised: new PromisedState() });
    if (fresh.state === 'ok' || !fresh.apply) return fresh.result;
    return { ...fresh.result, ...((await fresh.apply()) ?? {}) };
  };
}
