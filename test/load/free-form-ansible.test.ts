/**
 * Free-form and key=value task arguments split exactly as Ansible's own parser splits them: each
 * expected value was printed by ansible-core 2.14's `parse_kv` (check_raw for command-like modules).
 */
import assert from 'node:assert/strict';
import { parseKv } from '../../runner/load/free-form.js';

const commandOptions = new Set(['creates', 'removes', 'chdir', 'executable', 'warn']);

const cases: [text: string, freeForm: boolean, expected: Record<string, string>][] = [
  ["echo hello world", true, {"_raw_params": "echo hello world"}],
  ["ls -l \"/var/my dir\" chdir=/tmp", true, {"chdir": "/tmp", "_raw_params": "ls -l \"/var/my dir\""}],
  ["echo \"a=b c\" creates=/tmp/x", true, {"creates": "/tmp/x", "_raw_params": "echo \"a=b c\""}],
  ["echo a\"b c\"d", true, {"_raw_params": "echo a\"b c\"d"}],
  ["name=nginx state=present", false, {"name": "nginx", "state": "present"}],
  ["name=\"nginx curl\" state=latest update_cache=yes", false, {"name": "nginx curl", "state": "latest", "update_cache": "yes"}],
  ["msg='hello world'", false, {"msg": "hello world"}],
  ["src={{ item }} dest=/etc/{{ item | basename }}", false, {"src": "{{ item }}", "dest": "/etc/{{ item | basename }}"}],
  ["echo {{ a }} {{ b | default('x y') }} removes=/tmp/y", true, {"removes": "/tmp/y", "_raw_params": "echo {{ a }} {{ b | default('x y') }}"}],
  ["grep -q 'x=1' /etc/f", true, {"_raw_params": "grep -q 'x=1' /etc/f"}],
  ["echo \\\"quoted\\\"", true, {"_raw_params": "echo \\\"quoted\\\""}],
  ["cmd=ls\\ -l", false, {"cmd": "ls\\", "_raw_params": "-l"}],
  ["content=\"demo-pkg==1.0\\n\"", false, {"content": "demo-pkg==1.0\n"}],
  ["msg=a\\tb", false, {"msg": "a\tb"}],
  ["msg=\"x\\\\y\"", false, {"msg": "x\\y"}],
  ["dest=/tmp/x content=\\x41\\u00e9", false, {"dest": "/tmp/x", "content": "A\u00e9"}],
  ["echo a\\nb creates=/x\\n", true, {"creates": "/x", "_raw_params": "echo a\\nb"}],
];

describe('free-form arguments as Ansible splits them', () => {
  for (const [text, freeForm, expected] of cases) {
    it(text, () => {
      const r = freeForm ? parseKv(text, '_raw_params', commandOptions) : parseKv(text);
      const got = freeForm ? r.args : { ...r.args, ...(r.loose.length ? { _raw_params: r.loose.join(' ') } : {}) };
      assert.deepEqual(got, expected);
    });
  }
});
