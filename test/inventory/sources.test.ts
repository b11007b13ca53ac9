/** What loadInventory hands the engine: hosts in file order, direct groups, depths, implicit localhost. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory, hostInventoryVars, matchHosts } from '../../runner/inventory/index.js';
import { fixture } from './ansible-diff.js';

describe('loadInventory', () => {
  it('keeps hosts in file order with their direct groups, and group depths', async () => {
    const inv = await loadInventory([fixture('basic.yml')]);
    assert.deepStrictEqual([...inv.hosts.keys()].slice(0, 4), ['lone.example.com', 'bastion', 'edge01.example.com', 'edge02.example.com']);
    assert.deepStrictEqual(inv.hosts.get('origin1')!.groups, ['origin', 'db']);
    assert.deepStrictEqual(inv.hosts.get('origin1')!.vars, { ansible_host: '10.0.0.5', flags: { a: 1, b: ['x'] } });
    assert.equal(inv.groups.get('all')!.depth, 0);
    assert.equal(inv.groups.get('streaming')!.depth, 1);
    assert.equal(inv.groups.get('edge')!.depth, 2);
    assert.deepStrictEqual(inv.groups.get('ungrouped')!.hosts, ['lone.example.com', 'bastion']);
  });

  it('reads a file without extension as YAML when it is a mapping, else as INI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-inv-src-'));
    writeFileSync(join(dir, 'yamlish'), 'all:\n  hosts:\n    y1:\n');
    writeFileSync(join(dir, 'iniish'), '[g]\ni1 x=1\n');
    const inv = await loadInventory([join(dir, 'yamlish'), join(dir, 'iniish')]);
    assert.deepStrictEqual([...inv.hosts.keys()], ['y1', 'i1']);
    assert.deepStrictEqual(inv.sources, [join(dir, 'yamlish'), join(dir, 'iniish')]);
  });

  it('gives localhost, when the inventory lacks it, a local connection and the all-group vars', async () => {
    const inv = await loadInventory([fixture('basic.yml')]);
    assert.deepStrictEqual(matchHosts(inv, 'localhost'), ['localhost']);
    assert.deepStrictEqual(matchHosts(inv, 'all'), matchHosts(inv, '*'));
    assert.ok(!matchHosts(inv, 'all').includes('localhost'));
    const v = await hostInventoryVars(inv, 'localhost');
    assert.equal(v['ansible_connection'], 'local');
    assert.equal(v['region'], 'eu');
    assert.deepStrictEqual(v['group_names'], []);
  });

  it('a host defined twice merges its inline vars, later wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-inv-src-'));
    writeFileSync(join(dir, 'h.ini'), 'h1 a=1 b=1\n[g]\nh1 b=2\n');
    const inv = await loadInventory([join(dir, 'h.ini')]);
    assert.deepStrictEqual(inv.hosts.get('h1')!.vars, { a: 1, b: 2 });
    assert.deepStrictEqual(inv.groups.get('ungrouped')!.hosts, []);
  });
});
