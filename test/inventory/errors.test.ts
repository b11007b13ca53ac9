/**
 * Bad inventories stop the run with the file, line and what was wrong. Ansible refuses the same
 * files (the @ansible suite), though it only warns and carries on empty.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../runner/inventory/index.js';
import { runAnsibleSync } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';

const dir = mkdtempSync(join(tmpdir(), 'sr-inv-err-'));

const CASES: Array<{ name: string; file: string; text: string; message: RegExp }> = [
  { name: 'a host word without =', file: 'a.ini', text: '[g]\nh1 a=1 b\n', message: /a\.ini:2:\d+: expected key=value after the host name, got 'b'/ },
  { name: ':vars line without =', file: 'b.ini', text: '[g]\nh1\n[g:vars]\nx=1\nnoequals\n', message: /b\.ini:5:1: expected key=value in \[g:vars\], got 'noequals'/ },
  { name: ':children naming an undeclared group', file: 'c.ini', text: '[g]\nh1\n[g:children]\nnope\n', message: /c\.ini:4:1: section \[g:children\] names group 'nope', which is not declared/ },
  { name: ':vars of an undeclared group', file: 'd.ini', text: '[ghost:vars]\nx=1\n', message: /d\.ini:1:1: section \[ghost:vars\] is for group 'ghost'/ },
  { name: 'an unknown section type', file: 'e.ini', text: '[g:host]\nh1\n', message: /e\.ini:1:1: section \[g:host\] has an unknown type 'host'/ },
  { name: 'spaces in a section', file: 'f.ini', text: 'h0\n[my group]\nh1\n', message: /f\.ini:2:1: invalid section '\[my group\]'/ },
  { name: 'an unclosed quote', file: 'g.ini', text: '[g]\nh1 a="x\n', message: /g\.ini:2:1: cannot read host line .*No closing quotation/ },
  { name: 'a bad range', file: 'h.ini', text: '[g]\nweb[01:3]\n', message: /h\.ini:2:1: host 'web\[01:3\]': host range must specify equal-length/ },
  { name: 'a group loop', file: 'i.ini', text: '[a:children]\nb\n[b:children]\na\n', message: /i\.ini:4:1: adding group 'a' as a child of 'b' creates a loop/ },
  { name: 'a YAML typo in a group key', file: 'j.yml', text: 'all:\n  children:\n    web:\n      host:\n        w1:\n', message: /j\.yml:4:7: unknown key 'host' in a group \(expected hosts, vars or children\) \(did you mean 'hosts'\?\)/ },
  { name: 'YAML vars that are a list', file: 'k.yml', text: 'all:\n  vars:\n    - a\n', message: /k\.yml:3:5: 'vars' of group 'all' must be a mapping/ },
  { name: 'YAML host vars that are text', file: 'l.yml', text: 'all:\n  hosts:\n    h1: text\n', message: /l\.yml:3:9: the variables of host 'h1' must be/ },
  { name: 'a YAML syntax error', file: 'm.yml', text: 'all:\n  hosts: [a\n', message: /m\.yml:\d+:\d+/ },
  { name: 'a YAML list at the top', file: 'n.yaml', text: '- a\n- b\n', message: /n\.yaml:1:1: a YAML inventory must be a mapping of groups/ },
  { name: 'plugin configuration', file: 'o.yml', text: 'plugin: aws_ec2\n', message: /o\.yml:1:1: inventory plugin configuration/ },
];

describe('inventory errors name the file and line', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const file = join(dir, c.file);
      writeFileSync(file, c.text);
      await assert.rejects(loadInventory([file]), (e: Error) => {
        assert.match(e.message, c.message);
        return true;
      });
    });
  }

  it('a missing source is an error, not an empty inventory', async () => {
    await assert.rejects(loadInventory([join(dir, 'nope.ini')]), /nope\.ini:1:1: inventory source does not exist/);
  });
});

describe('the same inventories are refused by Ansible @ansible', function () {
  before(function () { needs(this, 'ansible'); });
  for (const c of CASES.filter((k) => k.file !== 'o.yml')) {
    it(c.name, () => {
      const file = join(dir, `ansible-${c.file}`);
      writeFileSync(file, c.text);
      let out = '';
      try {
        out = runAnsibleSync('ansible-inventory', ['-i', file, '--list']);
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? '');
      }
      assert.equal((JSON.parse(out) as { _meta: { hostvars: object } })._meta !== undefined, true);
      const hosts = JSON.stringify(JSON.parse(out));
      assert.ok(!/"h1"|"w1"/.test(hosts) || c.file.endsWith('.yml'), `Ansible accepted ${c.file}: ${hosts}`);
    });
  }
});
