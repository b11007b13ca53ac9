import { strict as assert } from 'node:assert';
import { LoadErrors, LoadError, loadErrorsToText } from '../../runner/load/index.js';
import { FIXTURES, load, loadErrorLines } from './load-helpers.js';

const bad = (name: string) => `${FIXTURES}/bad/${name}`;

describe('load errors: file, line, column, what was expected, the close name', () => {
  it('broken YAML gives the position and the parser reason on one line', async () => {
    assert.deepEqual(await loadErrorLines('bad/broken-yaml.yml'), [
      `${bad('broken-yaml.yml')}:3:3: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  it('an unknown module suggests the close one', async () => {
    assert.deepEqual(await loadErrorLines('bad/unknown-module.yml'), [
      `${bad('unknown-module.yml')}:4:7: unknown module 'servce' (did you mean 'service'?)`,
    ]);
  });

  it('poll: 0 is refused on a module that runs more than one command, at the poll value', async () => {
    assert.deepEqual(await loadErrorLines('bad/async-poll-zero.yml'), [
      `${bad('async-poll-zero.yml')}:7:13: 'poll: 0' is supported on command, shell, raw, script (copy runs more than one command); use a poll interval above 0`,
    ]);
  });

  it('an unknown task keyword suggests the close one', async () => {
    assert.deepEqual(await loadErrorLines('bad/unknown-keyword.yml'), [
      `${bad('unknown-keyword.yml')}:5:7: unknown task keyword 'whne' (did you mean 'when'?)`,
    ]);
  });

  it('a wrong argument type points into the role file at the value', async () => {
    assert.deepEqual(await loadErrorLines('bad/wrong-type.yml'), [
      `${bad('roles/web/tasks/main.yml')}:4:11: 'mode' of copy must be a string or integer, got a list`,
    ]);
  });

  it('a missing required argument points at the module', async () => {
    assert.deepEqual(await loadErrorLines('bad/missing-required.yml'), [
      `${bad('missing-required.yml')}:3:7: missing required argument 'dest' in copy`,
    ]);
  });

  it('an unknown argument (in key=value form) suggests the close one', async () => {
    assert.deepEqual(await loadErrorLines('bad/unknown-arg.yml'), [
      `${bad('unknown-arg.yml')}:3:7: missing required argument 'dest' in copy`,
      `${bad('unknown-arg.yml')}:3:7: unknown argument 'dst' of copy (did you mean 'dest'?)`,
    ]);
  });

  it('a duplicate key names both lines', async () => {
    assert.deepEqual(await loadErrorLines('bad/duplicate-key.yml'), [
      `${bad('duplicate-key.yml')}:5:7: duplicate key 'name' (first at line 3)`,
    ]);
  });

  it('a missing role lists where it looked, the extra role paths included', async () => {
    assert.deepEqual(await loadErrorLines('bad/missing-role.yml', [`${FIXTURES}/shared-roles`]), [
      `${bad('missing-role.yml')}:3:7: role 'nginx_rtmp' not found (looked in ${bad('roles/nginx_rtmp')}, ` +
        `${FIXTURES}/shared-roles/nginx_rtmp, ${bad('nginx_rtmp')})`,
    ]);
  });

  it('an import of a missing file says which file it looked for', async () => {
    assert.deepEqual(await loadErrorLines('bad/missing-import.yml'), [
      `${bad('missing-import.yml')}:3:21: import_tasks: file 'tasks/nope.yml' not found (looked for ${bad('tasks/nope.yml')})`,
    ]);
  });

  it('a mapping where plays are expected', async () => {
    assert.deepEqual(await loadErrorLines('bad/not-a-list.yml'), [
      `${bad('not-a-list.yml')}:3:1: expected a list of plays, got a mapping`,
    ]);
  });

  it('imports are static (no templated name, no loop); an include takes only the keywords Ansible allows on it (run_once not yet)', async () => {
    assert.deepEqual(await loadErrorLines('bad/static-import.yml'), [
      `${bad('static-import.yml')}:3:21: a templated name is not possible (import_tasks is static: use include_tasks)`,
      `${bad('static-import.yml')}:5:7: 'loop' is not possible (import_tasks is static: use include_tasks)`,
      `${bad('static-import.yml')}:8:7: 'become' is not a valid keyword for include_tasks (put it under 'include_tasks: apply:' to set it on the included tasks)`,
      `${bad('static-import.yml')}:10:7: 'run_once' on include_tasks is not supported yet`,
    ]);
  });

  it('reports every problem of a playbook at once, in file order', async () => {
    assert.deepEqual(await loadErrorLines('bad/several.yml'), [
      `${bad('several.yml')}:2:17: 'gather_facts' of play must be a boolean, got a list`,
      `${bad('several.yml')}:4:7: unknown module 'servce' (did you mean 'service'?)`,
      `${bad('several.yml')}:6:7: unknown task keyword 'whne' (did you mean 'when'?)`,
      `${bad('several.yml')}:7:3: missing required 'hosts' in play`,
      `${bad('several.yml')}:7:3: unknown play keyword 'hsots' (did you mean 'hosts'?)`,
    ]);
  });

  it('errors carry their parts as fields', async () => {
    const err = await load('bad/unknown-module.yml').then(
      () => assert.fail('loaded'),
      (e: unknown) => e as LoadErrors,
    );
    assert.ok(err instanceof AggregateError);
    const [first] = err.errors;
    assert.ok(first instanceof LoadError);
    assert.deepEqual(
      { file: first.file, line: first.line, col: first.col, suggestion: first.suggestion },
      { file: bad('unknown-module.yml'), line: 4, col: 7, suggestion: 'service' },
    );
    assert.equal(loadErrorsToText(err.errors), err.message);
  });

  it('templated values are not type-checked but satisfy required', async () => {
    const pb = await load('bad/templated.yml');
    const [copy, service] = pb.plays[0]!.tasks;
    assert.deepEqual(copy && copy.kind === 'task' && copy.args, { dest: '{{ target }}', mode: '{{ file_mode }}', backup: '{{ keep }}' });
    assert.deepEqual(service && service.kind === 'task' && service.args, { name: '{{ svc }}', enabled: '{{ on }}' });
  });
});
