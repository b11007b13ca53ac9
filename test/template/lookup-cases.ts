/**
 * Lookups, and the filters and string methods public roles use, recorded from real Ansible
 * (ansible-core 2.14.18, Debian 12) running a playbook in test/fixtures/lookups/ (its files/ and
 * templates/ are what the lookups find). Paths Ansible prints absolute are cut to what does not
 * depend on where the folder is. lookup-diff.test.ts re-runs the table under ansible-playbook
 * (@ansible).
 */

export const LOOKUP_VARS: Record<string, unknown> = {
  who: 'world',
  nested: [1, [2, 3], [[4]]],
  d: { b: 1, a: 2 },
  users: [
    { name: 'ann', groups: ['wheel', 'adm'], home: { shell: { list: ['zsh'] } } },
    { name: 'bob', groups: ['users'] },
  ],
  words: ['b', 'A', 'a', 'B'],
  ports: { http: 80 },
};

export const LOOKUP_CASES: [string, unknown][] = [
  // file / template: the files/ and templates/ folders first, then the playbook's folder
  ["{{ lookup('file', 'motd.txt') }}", 'line1\nline2'],
  ["{{ lookup('file', 'motd.txt', 'conf.d/a.conf') }}", 'line1\nline2,worker_processes 2;'],
  ["{{ query('file', 'motd.txt', 'conf.d/a.conf') }}", ['line1\nline2', 'worker_processes 2;']],
  ["{{ lookup('file', 'motd.txt', wantlist=True) }}", ['line1\nline2']],
  ["{{ lookup('file', 'files/motd.txt', rstrip=False) }}", 'line1\nline2\n\n'],
  ["{{ lookup('file', 'padded.txt', lstrip=True) }}", 'padded'],
  ["{{ lookup('file', 'top.txt') }}", 'from the top'],
  ["{{ lookup('file', 'nope.txt', errors='ignore') }}", ''],
  ["{{ lookup('file', 'nope.txt', errors='warn') }}", ''],
  ["{{ query('file', 'nope.txt', errors='ignore') }}", []],
  ["{{ lookup('template', 'hello.j2') }}", 'hello world\n'],
  ["{{ lookup('template', 'hello.j2', template_vars={'who': 'you'}) }}", 'hello you\n'],
  ["{{ lookup('template', 'managed.j2') }}", 'Ansible managed / managed.j2\n'],
  // fileglob (files only, searched in files/), first_found (a path)
  ["{{ query('fileglob', 'conf.d/*.conf') | map('basename') | sort }}", ['a.conf', 'b.conf']],
  ["{{ query('fileglob', '*.txt') | map('basename') | sort }}", ['motd.txt', 'padded.txt']],
  ["{{ query('fileglob', 'nothing-*') }}", []],
  ["{{ lookup('first_found', 'nope.txt', 'motd.txt') | relpath(playbook_dir) }}", 'files/motd.txt'],
  ["{{ lookup('first_found', ['nope.txt', 'top.txt']) | relpath(playbook_dir) }}", 'top.txt'],
  ["{{ lookup('first_found', {'files': ['x', 'a.conf'], 'paths': ['files/conf.d']}) | relpath(playbook_dir) }}", 'files/conf.d/a.conf'],
  ["{{ lookup('first_found', 'b.conf', paths=['files/conf.d']) }}", { error: 'No file was found when using first_found.' }],
  ["{{ lookup('first_found', 'x', files=['b.conf'], paths=['files/conf.d']) | relpath(playbook_dir) }}", 'files/conf.d/b.conf'],
  ["{{ lookup('first_found', 'nope', errors='ignore') }}", ''],
  ["{{ query('first_found', ['nope'], skip=True) }}", []],
  // variables and the controller
  ["{{ lookup('vars', 'who') }}", 'world'],
  ["{{ query('vars', 'who', 'd') }}", ['world', { b: 1, a: 2 }]],
  ["{{ lookup('vars', 'nope', default='dflt') }}", 'dflt'],
  ["{{ lookup('varnames', '^wh') }}", 'who'],
  ["{{ lookup('varnames', '^nest', '^po') }}", 'nested,ports'],
  ["{{ lookup('env', 'SHOWRUNNER_LOOKUP_TEST') }}", 'from-env'],
  ["{{ lookup('env', 'SHOWRUNNER_LOOKUP_TEST', 'SHOWRUNNER_LOOKUP_UNSET') }}", 'from-env,'],
  ["{{ lookup('env', 'SHOWRUNNER_LOOKUP_UNSET', default='dd') }}", 'dd'],
  ["{{ lookup('pipe', 'printf \"a\\nb\\n\"') }}", 'a\nb'],
  ["{{ lookup('pipe', 'ls files/motd.txt') }}", 'files/motd.txt'],
  ["{{ lookup('lines', 'printf \"a\\nb\\n\"') }}", 'a,b'],
  ["{{ query('lines', 'cat files/motd.txt') }}", ['line1', 'line2', '']],
  // sequence: text, from key=value or the short form
  ["{{ lookup('sequence', 'start=1 end=3') }}", '1,2,3'],
  ["{{ query('sequence', 'start=1 end=10 stride=3 format=web%02d') }}", ['web01', 'web04', 'web07', 'web10']],
  ["{{ query('sequence', 'count=3') }}", ['1', '2', '3']],
  ["{{ query('sequence', 'start=5 end=1 stride=-2') }}", ['5', '3', '1']],
  ["{{ query('sequence', '4-6') }}", ['4', '5', '6']],
  ["{{ query('sequence', '2-10/4:n%d') }}", ['n2', 'n6', 'n10']],
  ["{{ query('sequence', 'start=0x0a end=0x0c format=%x') }}", ['a', 'b', 'c']],
  ["{{ query('sequence', 'count=0') }}", []],
  // lists: items flattens one level, list keeps them, the rest combine
  ["{{ query('items', nested) }}", [1, [2, 3], [[4]]]],
  ["{{ lookup('items', nested) }}", [1, [2, 3], [[4]]]],
  ["{{ query('items', 'abc') }}", ['abc']],
  ["{{ lookup('list', [1, [2]]) }}", [1, [2]]],
  ["{{ query('list', [1, [2]]) }}", [[1, [2]]]],
  ["{{ query('indexed_items', ['a', 'b']) }}", [[0, 'a'], [1, 'b']]],
  ["{{ query('indexed_items', [[1, 2], 3]) }}", [[0, [1, 2]], [1, 3]]],
  ["{{ query('together', [1, 2, 3], ['a', 'b']) }}", [[1, 'a'], [2, 'b'], [3, null]]],
  ["{{ query('together', [1], ['a', 'b'], ['x']) }}", [[1, 'a', 'x'], [null, 'b', null]]],
  ["{{ query('nested', [1, 2], ['a', 'b']) }}", [[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']]],
  ["{{ query('nested', ['a'], [1, 2], ['x', 'y']) }}", [['a', 1, 'x'], ['a', 1, 'y'], ['a', 2, 'x'], ['a', 2, 'y']]],
  ["{{ query('dict', d) }}", [{ key: 'b', value: 1 }, { key: 'a', value: 2 }]],
  ["{{ lookup('dict', ports) }}", { key: 'http', value: 80 }],
  ["{{ query('subelements', users, 'groups') | map('last') | list }}", ['wheel', 'adm', 'users']],
  ["{{ query('subelements', users, 'groups') | map('first') | map('dict2items') | map('map', attribute='key') | map('list') | list }}",
    [['name', 'home'], ['name', 'home'], ['name']]],
  ["{{ query('subelements', users, 'home.shell.list', {'skip_missing': True}) }}",
    [[{ name: 'ann', groups: ['wheel', 'adm'], home: { shell: {} } }, 'zsh']]],
  ["{{ query('subelements', users, 'nope', skip_missing=True) | default('err') }}", { error: "could not find 'nope' key in iterated item" }],
  // lookup() joins text with commas, keeps a lone value, else the list
  ["{{ lookup('items', 'a', 'b') }}", 'a,b'],
  ["{{ lookup('items', 1) }}", '1'],
  ["{{ lookup('items', 1, 2) }}", [1, 2]],
  ["{{ q('items', 1) }}", [1]],
  ["{{ lookup('nosuchlookup', 'x') }}", { error: 'lookup plugin (nosuchlookup) not found' }],
];

/** Filters, tests and Python string methods, as Ansible's Jinja2 has them. */
export const FILTER_CASES: [string, unknown][] = [
  ["{{ 'a,b'.split(',') }}", ['a', 'b']],
  ["{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith('x') }}", 'True|False'],
  ["{{ '{}-{}'.format(1, 'x') }}|{{ '{0}{0}'.format('y') }}|{{ '{n}!'.format(n=3) }}", '1-x|yy|3!'],
  ["{{ 'x' ~ 1 ~ true }}", 'x1True'],
  ["{{ 'A b'.lower().title() }}|{{ 'a.b.c'.rsplit('.', 1) }}|{{ 'x'.center(5) }}|", "A B|['a.b', 'c']|  x  |"],
  ["{{ 'k=v'.partition('=') | list }}", ['k', '=', 'v']],
  ["{{ 'abc'.find('c') }}|{{ 'a-b'.count('-') }}|{{ '42'.isdigit() }}|{{ 'ab'.zfill(4) }}", '2|1|True|00ab'],
  ["{{ ['b', 'A', 'a', 'B'] | sort }}", ['A', 'a', 'b', 'B']],
  ["{{ words | sort(case_sensitive=true) }}", ['A', 'B', 'a', 'b']],
  ["{{ words | unique }}", ['b', 'A']],
  ["{{ words | unique(case_sensitive=true) }}", ['b', 'A', 'a', 'B']],
  ["{{ users | unique(attribute='name') | map(attribute='name') | list }}", ['ann', 'bob']],
  ["{{ [{'n': 2}, {'n': 1}] | sort(attribute='n') | map(attribute='n') | list }}", [1, 2]],
  ["{{ [1, 2, 3] | select('gt', 1) | list }}|{{ [1, 2, 3] | reject('eq', 2) | list }}", '[2, 3]|[1, 3]'],
  ["{{ users | map(attribute='home.shell.list', default=['sh']) | list }}", [['zsh'], ['sh']]],
  ["{{ {'a': 1} | combine({'b': 2}, {'a': 3}) }}", { a: 3, b: 2 }],
  ["{{ {'a': [1]} | combine({'a': [2]}, list_merge='append') }}", { a: [1, 2] }],
  ["{{ d | dict2items(key_name='k', value_name='v') }}", [{ k: 'b', v: 1 }, { k: 'a', v: 2 }]],
  ["{{ '1.10' is version('1.9', '>') }}|{{ '2.14.18' is version('2.9', 'ge') }}", 'True|True'],
  ["{{ '1.0.0-rc1' is version('1.0.0', '<', version_type='semver') }}|{{ '1.2' is version('1.2.0', '==') }}", 'True|False'],
  ["{{ 'x' | comment }}", '#\n# x\n#'],
  ["{{ 'x' | comment('cblock') }}", '/*\n *\n * x\n *\n */'],
  ["{{ 'x' | comment('xml') }}", '<!--\n -\n - x\n -\n-->'],
  ["{{ 'x' | comment('erlang') }}|{{ 'x' | comment('c') }}", '%\n% x\n%|//\n// x\n//'],
  ["{{ 'x' | comment(decoration='; ') }}", ';\n; x\n;'],
  ["{{ 'x' | comment('plain', prefix='#!', prefix_count=2, postfix_count=0) }}", '#!\n#!\n# x'],
  ["{{ 'x' | comment(beginning='BEGIN', end='END', decoration='| ') }}", 'BEGIN\n|\n| x\n|\nEND'],
  ["{{ '' | comment }}", '#\n# \n#'],
  ["{{ [[1, 'a'], [2, 'b']] | map('first') | list }}|{{ [[1, 'a']] | map('last') | list }}", "[1, 2]|['a']"],
];

/** Template files (template module in the Ansible run) that use other templates of the folder. */
export const LOOKUP_TEXT_CASES: [string, string][] = [
  ['{% extends "base.j2" %}\n{% block body %}\nchild {{ who }} / {{ super() }}\n{% endblock %}\n', '# Ansible managed\nhead default\nchild world / body default\n\nend\n'],
  ['{% include "hello.j2" %}\nafter\n', 'hello worldafter\n'],
  ['{% import "macros.j2" as m %}\n{{ m.server("a") }}\n{{ m.server("b", port=81) }}\n', 'server a:80;\nserver b:81;\n'],
  ['{% from "macros.j2" import server %}\n{{ server("c") }}\n', 'server c:80;\n'],
  ['{{ ansible_managed | comment }}\n', '#\n# Ansible managed\n#\n'],
];
