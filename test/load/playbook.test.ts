import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import type { Block, Include, Play, Task, TaskNode } from '../../runner/load/ir.js';
import { FIXTURES, load } from './load-helpers.js';

const good = (p: string) => resolve(FIXTURES, 'good', p);

function task(n: TaskNode | undefined): Task {
  assert.ok(n && n.kind === 'task', 'expected a task');
  return n;
}
function named(play: Play, name: string): Task {
  const found = play.tasks.find((t) => t.name === name);
  return task(found);
}

describe('loadPlaybook: a playbook with roles, blocks, imports and loops', () => {
  let plays: Play[];
  before(async () => {
    plays = (await load('good/site.yml', [`${FIXTURES}/shared-roles`])).plays;
  });

  it('reads play keywords into the IR form', () => {
    const p = plays[0]!;
    assert.equal(p.name, 'Streaming servers');
    assert.equal(p.hosts, 'streaming:edge');
    assert.equal(p.become, true);
    assert.deepEqual(p.serial, [1, '50%']);
    assert.deepEqual(p.varsFiles, [good('vars/common.yml'), good('vars/common.yml')]);
    assert.deepEqual(p.pos, { file: good('site.yml'), line: 2, col: 3 });
  });

  it('reads scalars as Ansible (YAML 1.1 with PyYAML fixes) does', () => {
    assert.deepEqual(plays[0]!.vars['flags'], { short: 'y', exp: '1e3', day: '2026-01-01', on_flag: true });
  });

  it('expands roles (dependencies first, once per params) before the play tasks', () => {
    const show = (t: TaskNode) => t.kind === 'include'
      ? `${t.role?.name}:include ${t.preloaded!.file.split('/').pop()} (${t.preloaded!.tasks.map((c) => c.name).join(', ')})`
      : `${t.role?.name}:${t.name}`;
    const order = plays[0]!.tasks.slice(0, 6).map(show);
    assert.deepEqual(order, [
      'common:common task', 'web:web config', 'web:include setup.yml (web setup)', 'web:web config', 'web:include setup.yml (web setup)', 'logging:logging task',
    ]);
    const [, web1, , web2] = plays[0]!.tasks.slice(0, 6).map((t) => (t.kind === 'task' ? t : undefined));
    assert.deepEqual(web1!.role!.params, {});
    assert.deepEqual(web1!.role!.defaults, { site: 'default', web_content: 'hello' });
    assert.deepEqual(web1!.role!.vars, { web_user: 'www-data' });
    assert.deepEqual(web2!.role!.params, { site: 'two' });
    assert.deepEqual(web2!.when, ['second_site']);
    assert.deepEqual(web2!.tags, ['stream', 'second']);
    assert.deepEqual(task(plays[0]!.tasks[0]).role!.params, { level: 1 });
  });

  it('puts role handlers before play handlers, once per role', () => {
    assert.deepEqual(plays[0]!.handlers.map((h) => `${h.role?.name ?? ''}:${h.name}:${h.listen.join(',')}`), [
      'web:reload nginx:', ':restart all:restart everything',
    ]);
  });

  it('strips FQCN prefixes and splits free-form arguments', () => {
    const ls = named(plays[0]!, 'list files');
    assert.equal(ls.module, 'command');
    assert.deepEqual(ls.args, { _raw_params: 'ls -l "/var/my dir"', chdir: '/tmp' });
    assert.equal(ls.register, 'listing');
    assert.equal(ls.changedWhen, false);
    const sh = named(plays[0]!, 'multi-line shell');
    assert.deepEqual(sh.args, { _raw_params: 'ffmpeg -i in.mp4 -f flv rtmp://127.0.0.1/live/test\n', creates: '/tmp/done' });
    assert.deepEqual(task(plays[0]!.preTasks[0]).args, { update_cache: true, cache_valid_time: 3600 });
  });

  it('keeps a with_<lookup> as the lookup to run and its terms, and reads loop_control', () => {
    const packages = named(plays[0]!, 'packages');
    assert.deepEqual([packages.loopWith, packages.loop], ['items', [['nginx', 'ffmpeg'], 'curl']]);
    assert.deepEqual(named(plays[0]!, 'by dict').loopWith, 'dict');
    assert.equal(named(plays[0]!, 'by dict template').loop, '{{ settings }}');
    assert.equal(named(plays[0]!, 'looped').loopWith, undefined);
    const looped = named(plays[0]!, 'looped');
    assert.equal(looped.loop, '{{ services }}');
    assert.deepEqual(looped.loopControl, { loopVar: 'svc', label: '{{ svc }}', indexVar: 'i' });
  });

  it('reads action and local_action forms', () => {
    const tasks = plays[0]!.tasks.filter((t): t is Task => t.kind === 'task');
    const action = tasks.find((t) => t.module === 'copy' && t.args['dest'] === '/tmp/a');
    assert.deepEqual(action?.args, { dest: '/tmp/a', content: 'x' });
    const local = tasks.find((t) => t.args['msg'] === 'local');
    assert.equal(local?.delegateTo, 'localhost');
  });

  it('pushes block keywords into the tasks inside, imports inlined', () => {
    const block = plays[0]!.tasks.find((t): t is Block => t.kind === 'block')!;
    assert.deepEqual(block.when, ['outer']);
    const [inner, imported] = block.block.map(task);
    assert.deepEqual(inner!.when, ['outer', 'inner']);
    assert.deepEqual(inner!.tags, ['stream', 'outer', 'block', 'inner']);
    assert.equal(inner!.becomeUser, 'www-data');
    assert.equal(inner!.become, true);
    assert.deepEqual(inner!.vars, { block_var: 1 });
    assert.equal(imported!.module, 'systemd');
    assert.deepEqual(imported!.args, { name: 'nginx', enabled: true });
    assert.deepEqual(imported!.vars, { block_var: 1, from_import: 1 });
    assert.equal(imported!.pos.file, good('tasks/extra.yml'));
    assert.deepEqual(task(block.rescue[0]).args, { msg: 'rescued' });
    assert.deepEqual(task(block.always[0]).args, { _raw_params: 'flush_handlers' });
  });

  it('an include_tasks inside a role carries the role\'s condition, and so do its tasks (once each)', () => {
    const inc = plays[0]!.tasks.slice(0, 6).filter((t): t is Include => t.kind === 'include')[1]!;
    assert.deepEqual(inc.when, ['second_site']);
    assert.deepEqual(task(inc.preloaded!.tasks[0]).when, ['second_site']);
  });

  it('import_role brings the chosen tasks file with the import condition', () => {
    const t = named(plays[0]!, 'common extra');
    assert.deepEqual(t.when, ['use_common']);
    assert.equal(t.role?.name, 'common');
  });

  it('keeps octal modes as written and notify lists', () => {
    const t = named(plays[0]!, 'mode as typed');
    assert.equal(t.args['mode'], '0644');
    assert.deepEqual(t.notify, ['reload nginx', 'restart all']);
    assert.deepEqual(task(plays[0]!.postTasks[0]).failedWhen, ['a', 'b']);
  });

  it('imports playbooks with their tags', () => {
    const other = plays[1]!;
    assert.equal(other.hosts, 'all');
    assert.equal(other.gatherFacts, false);
    assert.equal(other.strategy, 'free');
    assert.deepEqual(task(other.tasks[0]).tags, ['imported']);
    assert.equal(other.pos.file, good('other.yml'));
  });
});
