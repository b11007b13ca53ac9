/** What a user reads when a template is wrong: exact messages, naming the variable and the place. */
import { strict as assert } from 'node:assert';
import { evaluate, evaluateCondition, render, renderValue, TemplateError, UndefinedVariableError } from '../../runner/template/index.js';

const where = { file: 'roles/x/tasks/main.yml', line: 12 };
const vars = { d: { a: { b: 1 } }, nonev: null, items: [1, 2], s: 'abc', a: '{{ b }}', b: '{{ c }}', c: '{{ a }}', host_url: 'http://{{ missing_host }}/' };

function messageOf(fn: () => unknown): { type: string; message: string; variable?: string } {
  try {
    const v = fn();
    return { type: 'no error', message: JSON.stringify(v) };
  } catch (err) {
    const e = err as Error & { variable?: string };
    return { type: e.constructor.name, message: e.message, ...(e.variable ? { variable: e.variable } : {}) };
  }
}

const CASES: [string, () => unknown, { type: string; message: string; variable?: string }][] = [
  ['an undefined variable in task args', () => renderValue('{{ nginx_port }}', vars, where),
    { type: 'UndefinedVariableError', message: "'nginx_port' is undefined (roles/x/tasks/main.yml:12)", variable: 'nginx_port' }],
  ['an undefined variable inside text', () => renderValue('listen {{ nginx_port }};', vars, where),
    { type: 'UndefinedVariableError', message: "'nginx_port' is undefined (roles/x/tasks/main.yml:12)", variable: 'nginx_port' }],
  ['a missing key names the whole path', () => evaluate('d.a.c', vars, where),
    { type: 'UndefinedVariableError', message: "'d.a.c' is undefined (roles/x/tasks/main.yml:12)", variable: 'd.a.c' }],
  ['a missing middle key names the path up to it', () => evaluate('d.x.y', vars, where),
    { type: 'UndefinedVariableError', message: "'d.x' is undefined (roles/x/tasks/main.yml:12)", variable: 'd.x' }],
  ['an attribute of None', () => evaluate('nonev.port', vars, where),
    { type: 'UndefinedVariableError', message: "'nonev.port' is undefined ('nonev' is None) (roles/x/tasks/main.yml:12)", variable: 'nonev.port' }],
  ['an index past the end', () => evaluate('items[5]', vars),
    { type: 'UndefinedVariableError', message: "'items[5]' is undefined", variable: 'items[5]' }],
  ['a condition on an undefined variable', () => evaluateCondition('nginx_enabled', vars, where),
    { type: 'UndefinedVariableError', message: "'nginx_enabled' is undefined (roles/x/tasks/main.yml:12)", variable: 'nginx_enabled' }],
  ['an undefined variable inside a variable used', () => renderValue('{{ host_url }}', vars, where),
    { type: 'UndefinedVariableError', message: "'missing_host' is undefined (roles/x/tasks/main.yml:12)", variable: 'missing_host' }],
  ['a template file names its own line', () => render('a\nb\n{{ nope }}\n', vars, { file: 'roles/x/templates/n.conf.j2' }),
    { type: 'UndefinedVariableError', message: "'nope' is undefined (roles/x/templates/n.conf.j2:3)", variable: 'nope' }],
  ['a variable that refers to itself', () => renderValue('{{ a }}', vars, where),
    { type: 'TemplateError', message: "recursive loop detected in variable 'a': a -> b -> c -> a (roles/x/tasks/main.yml:12)" }],
  ['a syntax error in task args', () => renderValue('{{ s | }}', vars, where),
    { type: 'TemplateError', message: 'template error in "{{ s | }}": expected symbol, got variable-end (roles/x/tasks/main.yml:12)' }],
  ['a syntax error in a template file', () => render('ok\n{% if %}\n{% endif %}\n', vars, { file: 't.j2' }),
    { type: 'TemplateError', message: 'template error: unexpected token: %} (t.j2:2)' }],
  ['an unknown filter', () => renderValue('{{ s | frobnicate }}', vars, where),
    { type: 'TemplateError', message: 'template error in "{{ s | frobnicate }}": no filter named \'frobnicate\' (roles/x/tasks/main.yml:12)' }],
  ['an unknown test', () => evaluateCondition('s is frobnicated', vars, where),
    { type: 'TemplateError', message: 'template error in "s is frobnicated": no test named \'frobnicated\' (roles/x/tasks/main.yml:12)' }],
  ['adding a number to a string', () => renderValue("{{ 'a' + 1 }}", vars, where),
    { type: 'TemplateError', message: 'can only concatenate str (not "int") to str (roles/x/tasks/main.yml:12)' }],
  ['ordering mixed types', () => evaluate("1 < 'a'", vars),
    { type: 'TemplateError', message: "'<' not supported between instances of 'int' and 'str'" }],
  ['mandatory with a message', () => renderValue("{{ nope | mandatory('set nope in group_vars') }}", vars, where),
    { type: 'TemplateError', message: 'set nope in group_vars (roles/x/tasks/main.yml:12)' }],
  ['mandatory without a message', () => renderValue('{{ nope | mandatory }}', vars, where),
    { type: 'UndefinedVariableError', message: "'nope' is undefined (mandatory) (roles/x/tasks/main.yml:12)", variable: 'nope' }],
  ['from_json on bad text', () => evaluate("'{' | from_json", vars),
    { type: 'TemplateError', message: "from_json: Expected property name or '}' in JSON at position 1" }],
  ['a missing lookup file', () => evaluate("lookup('file', '/nonexistent/x')", vars, where),
    { type: 'TemplateError', message: 'could not locate file in lookup: /nonexistent/x (roles/x/tasks/main.yml:12)' }],
];

describe('template errors', () => {
  for (const [name, fn, expected] of CASES) {
    it(name, () => assert.deepStrictEqual(messageOf(fn), expected));
  }

  it('errors are TemplateError subclasses carrying where', () => {
    try {
      renderValue('{{ nope }}', {}, where);
      assert.fail('no error');
    } catch (err) {
      assert.ok(err instanceof UndefinedVariableError);
      assert.ok(err instanceof TemplateError);
      assert.deepStrictEqual(err.where, where);
    }
  });

  it('undefined is never rendered as an empty string, whatever surrounds it', () => {
    for (const text of ['{{ nope }}', 'a{{ nope }}b', '{{ nope ~ "x" }}', '{% if nope %}x{% endif %}', '{% for i in nope %}{% endfor %}', '{{ [nope] }}', '{{ nope | upper }}']) {
      assert.throws(() => renderValue(text, {}), UndefinedVariableError, text);
    }
  });
});
