/**
 * Runs module cases written as data (`cases/<module>/<case>.yml`) against the local machine in a
 * temp folder: plan, compare with the expected plan, check that planning changed nothing (that is
 * the whole of --check), apply, compare the folder with `after`, then plan again: it must be ok.
 *
 * Case keys: description, before/controller (files: path, content, mode, dir, link, owner, group),
 * setup (shell, with $ROOT and $CONTROLLER), search ({files, templates} under the controller
 * folder), vars (for templates), http (url path -> body, served on 127.0.0.1), promised (path ->
 * kind, from earlier tasks of a dry run), diff (false: no --diff), args, plan (state, summary, diff
 * list of partial before/after pairs, result), promise (path -> kind), error (exact message),
 * after (path + content/mode/dir/link/absent/owner/group; `*` in the last part of a path), result,
 * idempotent (false for touch-like cases), check_only (plan only), needs (tiers: [root] to chown).
 * A list of mappings in plan.result or result is checked entry by entry, for the keys each entry gives.
 * `{{root}}`, `{{controller}}` and `{{http}}` are replaced everywhere.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '../../runner/load/yaml.js';
import { LocalConnection } from '../../runner/connections/local.js';
import type { ModuleContext, ModuleDefinition, Plan } from '../../runner/modules/contract.js';
import { PromisedState, type PathKind } from '../../runner/engine/promised-state.js';
import { moduleContext } from '../helpers/module-context.js';
import { type CaseFile, type Expected, checkAfter, makeFiles } from './files/case-files.js';
import { snapshot, snapshotChanges } from '../harness/snapshot.js';
import { serveHttp } from './files/case-http.js';
import { runThroughEngine } from './engine-cases.js';
import { needs, type Tier } from '../harness/tiers.js';

export interface ModuleCase {
  description?: string;
  before?: CaseFile[];
  controller?: CaseFile[];
  setup?: string;
  search?: { files?: string[]; templates?: string[] };
  vars?: Record<string, unknown>;
  http?: Record<string, string>;
  promised?: Record<string, PathKind>;
  diff?: boolean;
  args: Record<string, unknown>;
  plan?: { state: Plan['state']; summary?: string; diff?: Record<string, string>[]; result?: Record<string, unknown> };
  promise?: Record<string, PathKind>;
  error?: string;
  after?: Expected[];
  result?: Record<string, unknown>;
  idempotent?: boolean;
  check_only?: boolean;
  /** Tiers the case needs (`root` to change owners). */
  needs?: Tier[];
}

export interface RunCasesOptions {
  /** Extra context per case (a template renderer for `vars`, facts...). */
  context?: (c: ModuleCase, base: ModuleContext) => Partial<ModuleContext>;
}

/** One mocha `describe` per module folder under `casesDir`, one `it` per case file. */
export function runCases(casesDir: string, modules: ModuleDefinition<any>[], options: RunCasesOptions = {}): void {
  for (const dir of readdirSync(casesDir).sort()) {
    const mod = modules.find((m) => m.name === dir);
    describe(`${dir} cases`, () => {
      it('has a module of that name', () => assert.ok(mod, `no module named ${dir}`));
      for (const file of readdirSync(join(casesDir, dir)).filter((f) => f.endsWith('.yml')).sort()) {
        const path = join(casesDir, dir, file);
        const c = parseYaml(readFileSync(path, 'utf8'), path) as ModuleCase;
        const tags = (c.needs ?? []).map((t) => ` @${t}`).join('');
        const title = `${file.replace(/\.yml$/, '')}${c.description ? `: ${c.description}` : ''}`;
        it(`${title}${tags}`, function () { needs(this, ...(c.needs ?? [])); return runCase(mod!, c, options); });
        if (!c.promised) {
          it(`${title} (through the engine: --check, run, run again)${tags}`, function () { needs(this, ...(c.needs ?? [])); return runCase(mod!, c, options, true); });
        }
      }
    });
  }
}

async function runCase(mod: ModuleDefinition<any>, raw: ModuleCase, options: RunCasesOptions, engine = false): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'showrunner-case-'));
  const controller = mkdtempSync(join(tmpdir(), 'showrunner-ctl-'));
  const server = raw.http ? await serveHttp(raw.http) : undefined;
  try {
    const c = substitute(raw, { root, controller, http: server?.url ?? '' }) as ModuleCase;
    const conn = new LocalConnection();
    makeFiles(root, c.before ?? []);
    makeFiles(controller, c.controller ?? []);
    if (c.setup) {
      const r = await conn.exec(c.setup, { env: { ROOT: root, CONTROLLER: controller } });
      assert.equal(r.rc, 0, `setup failed: ${r.stderr}`);
    }
    if (engine) return await runThroughEngine(mod.name, c, root, controller);
    const context = (promised = new PromisedState()): ModuleContext => {
      const base = moduleContext(conn, {
        promised,
        diffRequested: c.diff !== false,
        searchPaths: {
          files: (c.search?.files ?? []).map((d) => join(controller, d)),
          templates: (c.search?.templates ?? []).map((d) => join(controller, d)),
        },
      });
      return { ...base, ...options.context?.(c, base) };
    };
    const promised = new PromisedState();
    for (const [p, kind] of Object.entries(c.promised ?? {})) promised.paths.set(p, kind);

    const before = snapshot(root);
    let plan: Plan;
    try {
      plan = await mod.plan(context(promised), c.args);
    } catch (e) {
      if (c.error === undefined) throw e;
      assert.equal((e as Error).message, c.error);
      assert.deepEqual(snapshotChanges(before, snapshot(root)), [], 'a failing plan changed the host');
      return;
    }
    assert.deepEqual(snapshotChanges(before, snapshot(root)), [], 'planning changed the host (a dry run would not be dry)');
    if (c.plan) checkPlan(plan, c.plan);
    if (plan.state !== 'ok') assert.ok(plan.apply, 'a plan that changes something needs apply (without one the engine reports ok)');
    if (c.promise) {
      const s = new PromisedState();
      plan.promise?.(s);
      assert.deepEqual(Object.fromEntries(s.paths), c.promise, 'paths promised for a dry run');
    }
    if (c.check_only) return;

    const result: Record<string, unknown> = { ...plan.result };
    if (plan.state !== 'ok') {
      let failure: Error | undefined;
      try {
        Object.assign(result, await plan.apply!());
      } catch (e) {
        failure = e as Error;
      }
      if (c.error !== undefined) {
        assert.equal(failure?.message, c.error, 'apply should have failed with this message');
        await checkAfter(root, c.after ?? []);
        return;
      }
      if (failure) throw failure;
    }
    assert.equal(c.error, undefined, `expected the error "${c.error}", but the plan was ${plan.state}`);
    await checkAfter(root, c.after ?? []);
    if (c.result) partialEqual(result, c.result, 'result');
    if (c.idempotent !== false) {
      const again = await mod.plan(context(), c.args);
      assert.equal(again.state, 'ok', `second run is not ok: ${again.summary ?? ''}`);
    }
  } finally {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(controller, { recursive: true, force: true });
  }
}

function checkPlan(plan: Plan, want: NonNullable<ModuleCase['plan']>): void {
  assert.equal(plan.state, want.state, `plan state (summary: ${plan.summary ?? ''})`);
  if (want.summary !== undefined) assert.equal(plan.summary, want.summary);
  if (want.diff) {
    assert.equal(plan.diff?.length ?? 0, want.diff.length, `number of diffs: ${JSON.stringify(plan.diff)}`);
    want.diff.forEach((d, i) => partialEqual(plan.diff![i] as unknown as Record<string, unknown>, d, `diff[${i}]`));
  }
  if (want.result) partialEqual(plan.result ?? {}, want.result, 'plan result');
}

function partialEqual(actual: Record<string, unknown>, want: Record<string, unknown>, where: string): void {
  for (const [k, v] of Object.entries(want)) {
    const a = actual[k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) partialEqual((a ?? {}) as Record<string, unknown>, v as Record<string, unknown>, `${where}.${k}`);
    else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) && Array.isArray(a)) {
      // A list of mappings (find's files): same length, each entry checked for the keys given.
      assert.equal(a.length, v.length, `${where}.${k}: ${JSON.stringify(a).slice(0, 300)}`);
      v.forEach((x, i) => partialEqual(a[i] as Record<string, unknown>, x as Record<string, unknown>, `${where}.${k}[${i}]`));
    } else assert.deepEqual(a, v, `${where}.${k}`);
  }
}

function substitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{\{(root|controller|http)\}\}/g, (_, k: string) => vars[k]!);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, vars) as string, substitute(v, vars)]));
  }
  return value;
}
