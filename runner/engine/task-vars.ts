/** The variables one task sees on one host, in Ansible's precedence, plus the magic variables. */
import { dirname } from 'node:path';
import type { Play, RoleInstance, Task, TaskNode, Vars } from '../load/ir.js';
import { mergeVars, mergeVarsOnto } from '../vars/precedence.js';
import { groupNamesOf, groupsMagicVar } from '../inventory/index.js';
import { holdsTemplate, isUnsafeName, noteUnsafe, OMIT, renderedOnRead, renderLenient } from '../template/index.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';

/** The Ansible release whose behaviour Showrunner follows (what `ansible_version` reports). */
const ANSIBLE_VERSION = { full: '2.14.18', major: 2, minor: 14, revision: 18, string: '2.14.18' };

/** `params`: include params (the vars of the includes the task came from, their loop items). */
export function taskVars(ctx: PlayContext, host: HostState, task: Pick<Task, 'role' | 'vars' | 'pos'>, params?: Vars): Vars {
  const role = task.role;
  const merged = mergeVarsOnto({ ...baseVars(ctx, host, role) }, {
    task: task.vars,
    includeVars: host.includedVars,
    hostFacts: host.hostFacts,
    roleParams: role?.params,
    includeParams: params,
    extra: ctx.options.extraVars,
  });
  return Object.assign(merged, magicVars(ctx, host), host.rescueVars, {
    ansible_search_path: searchPath(ctx, task),
    ...(role ? { role_name: role.name, role_path: role.dir } : {}),
  });
}

interface Base { version: number; facts?: Vars; ctx: PlayContext; vars: Vars }

/** Per host, per role (undefined: the play's own tasks). */
const bases = new WeakMap<HostState, Map<RoleInstance | undefined, Base>>();

/**
 * The layers below task vars, merged: the same for every task of a role on a host until one of
 * them changes (facts gathered, a role's vars seen, inventory vars reloaded), so an earlier merge
 * is reused. Most of what a task sees (the facts above all) comes from here.
 */
function baseVars(ctx: PlayContext, host: HostState, role: RoleInstance | undefined): Vars {
  const facts = host.visibleFacts;
  let byRole = bases.get(host);
  if (!byRole) bases.set(host, (byRole = new Map()));
  const last = byRole.get(role);
  if (last && last.version === host.varsVersion && last.facts === facts && last.ctx === ctx) return last.vars;
  const vars = mergeVars({
    roleDefaults: { ...playRoleDefaults(ctx.play), ...host.roleDefaultsSeen, ...(role?.defaults ?? {}) },
    inventory: host.inventoryVars,
    facts,
    play: ctx.play.vars,
    varsFiles: ctx.varsFiles,
    roleVars: { ...host.roleVarsSeen, ...(role?.vars ?? {}) },
  });
  byRole.set(role, { version: host.varsVersion, facts, ctx, vars });
  return vars;
}

const playDefaults = new WeakMap<Play, Vars>();

/**
 * The defaults of every role the play names (`roles:` and `import_role`, in order), which
 * Ansible shows to every task of the play, pre_tasks and other roles included; a task's own
 * role's defaults still win over them. Not across plays.
 */
function playRoleDefaults(play: Play): Vars {
  let out = playDefaults.get(play);
  if (out) return out;
  const roles = new Set<RoleInstance>();
  const walk = (nodes: TaskNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'block') { walk(n.block); walk(n.rescue); walk(n.always); }
      else if (n.kind === 'task' && n.role && !n.role.private) roles.add(n.role);
    }
  };
  walk(play.preTasks); walk(play.tasks); walk(play.postTasks);
  out = Object.assign({}, ...[...roles].map((r) => r.defaults)) as Vars;
  playDefaults.set(play, out);
  return out;
}

/** Where lookups look for files, as Ansible's `ansible_search_path`: the role, the task file's folder, the playbook's. */
function searchPath(ctx: PlayContext, task: Pick<Task, 'role' | 'pos'>): string[] {
  const dirs = [...(task.role ? [task.role.dir] : []), dirname(task.pos.file), ctx.playbook.dir];
  return [...new Set(dirs)];
}

function magicVars(ctx: PlayContext, host: HostState): Vars {
  return {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    group_names: groupNamesOf(ctx.inventory, host.name),
    groups: groupsMagicVar(ctx.inventory),
    hostvars: hostvarsOf(ctx),
    ansible_check_mode: ctx.options.check,
    ansible_diff_mode: ctx.options.diff,
    ansible_play_hosts: ctx.playHosts.filter((h) => !ctx.hosts.get(h)?.out),
    ansible_play_hosts_all: ctx.playHosts,
    ansible_play_batch: ctx.batchHosts.filter((h) => !ctx.hosts.get(h)?.out),
    ansible_play_name: ctx.play.name,
    playbook_dir: ctx.playbook.dir,
    ansible_facts: ansibleFacts(host),
    omit: OMIT,
    ansible_version: ANSIBLE_VERSION,
    ansible_run_tags: ctx.options.tags?.length ? ctx.options.tags : ['all'],
    ansible_skip_tags: ctx.options.skipTags ?? [],
  };
}

/**
 * hostvars[name]: that host's inventory vars, facts and set_facts, computed when asked. As in
 * Ansible, a value is rendered when read, with that host's variables (not the play's): a name
 * they do not define leaves the text as it is; an unsafe value (a registered result, a fact set
 * from a lookup) is given as it is.
 */
function hostvarsProxy(ctx: PlayContext): Vars {
  const stateOf = (key: string | symbol) => (typeof key === 'string' ? ctx.hosts.get(key) ?? ctx.delegates.ready.get(key) : undefined);
  const all: Vars = new Proxy({} as Vars, {
    get(_t, key) {
      const h = stateOf(key);
      if (!h) return undefined;
      const own = mergeVars({
        inventory: h.inventoryVars,
        facts: h.visibleFacts,
        includeVars: h.includedVars,
        hostFacts: h.hostFacts,
      });
      let scope: Vars | undefined;
      return renderedOnRead(new Proxy(own, {
        get(t, name) {
          const v = t[name as string];
          if (typeof name !== 'string') return v;
          if (isUnsafeName(t, name)) {
            noteUnsafe();
            return v;
          }
          if (!holdsTemplate(v)) return v;
          scope ??= Object.assign({}, t, magicVars(ctx, h), { hostvars: all });
          return renderLenient(v, scope);
        },
      }));
    },
    has: (_t, key) => stateOf(key) !== undefined,
    ownKeys: () => [...new Set([...ctx.hosts.keys(), ...ctx.delegates.ready.keys()])],
    getOwnPropertyDescriptor: (_t, key) => (stateOf(key) ? { enumerable: true, configurable: true } : undefined),
  });
  return renderedOnRead(all);
}

const hostvarsByCtx = new WeakMap<PlayContext, Vars>();

/** One hostvars view per play context: it reads every host's state when asked, so it never goes stale. */
function hostvarsOf(ctx: PlayContext): Vars {
  let out = hostvarsByCtx.get(ctx);
  if (!out) hostvarsByCtx.set(ctx, (out = hostvarsProxy(ctx)));
  return out;
}

const factsViews = new WeakMap<HostState, { facts?: Vars; version: number; view: Vars }>();

/** `ansible_facts`: the gathered facts without `ansible_`, and the facts modules returned; rebuilt when either changes. */
function ansibleFacts(host: HostState): Vars {
  const facts = host.visibleFacts;
  const last = factsViews.get(host);
  if (last && last.facts === facts && last.version === host.varsVersion) return last.view;
  const view = { ...gatheredUnprefixed(facts), ...stripPrefix(host.moduleFacts) };
  factsViews.set(host, { facts, version: host.varsVersion, view });
  return view;
}

const unprefixed = new WeakMap<Vars, Vars>();

/** The gathered facts without `ansible_`, once per facts object (facts are replaced when gathered again, never changed). */
function gatheredUnprefixed(facts: Vars | undefined): Vars {
  if (!facts) return {};
  let out = unprefixed.get(facts);
  if (!out) unprefixed.set(facts, (out = stripPrefix(facts)));
  return out;
}

function stripPrefix(facts: Vars): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(facts)) out[k.replace(/^ansible_/, '')] = v;
  return out;
}
