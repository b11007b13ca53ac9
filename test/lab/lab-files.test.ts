/** The lab's pure parts: address choice, the inventory text, the image's name, the CLI's usage. */
import assert from 'node:assert/strict';
import { allocateAddress } from '../../runner/lab/addresses.js';
import { inventoryText } from '../../runner/lab/inventory.js';
import { macFor } from '../../runner/lab/paths.js';
import { goldenImagePath, systemdLayerPath } from '../../runner/lab/image.js';
import { CACHED_PACKAGES } from '../../runner/lab/image-packages.js';
import { runLabCommand } from '../../runner/lab/command.js';
import type { HostRecord } from '../../runner/lab/state.js';

describe('lab files and names', () => {
  it('gives lab hosts .11 up and other prefixes .131 up, skipping taken addresses', () => {
    assert.equal(allocateAddress('lab', new Set()), '10.77.0.11');
    assert.equal(allocateAddress('lab', new Set(['10.77.0.11', '10.77.0.12'])), '10.77.0.13');
    assert.equal(allocateAddress('sd', new Set(['10.77.0.11'])), '10.77.0.131');
    assert.equal(allocateAddress('sd', new Set(['10.77.0.131'])), '10.77.0.132');
  });

  it('has room for 200 hosts of one prefix beside another lab, all distinct, the other half of 10.77.0.x last', () => {
    const taken = new Set(Array.from({ length: 20 }, (_, i) => `10.77.0.${11 + i}`)); // a `lab` of 20
    const got: string[] = [];
    for (let i = 0; i < 200; i++) {
      const a = allocateAddress('bn', taken);
      taken.add(a);
      got.push(a);
    }
    assert.equal(new Set(got).size, 200);
    assert.equal(got[0], '10.77.0.131');
    assert.equal(got[123], '10.77.0.254');
    assert.equal(got[124], '10.77.1.1');
    assert.equal(got[199], '10.77.1.76');
    assert.ok(got.every((a) => !/\.(0|255)$/.test(a)));
  });

  it('gives each address its own MAC, 10.77.0.x keeping the MACs it had', () => {
    assert.equal(macFor('10.77.0.11'), '02:5a:4c:00:00:0b');
    assert.equal(macFor('10.77.1.11'), '02:5a:4c:00:01:0b');
  });

  it('writes the inventory in the shape ansible-playbook reads', () => {
    const host = (name: string, address: string): HostRecord => ({ name, prefix: 'lab', address, flavour: 'sysv', lower: '/x' });
    assert.equal(inventoryText('/abs/.lab', [host('lab1', '10.77.0.11'), host('lab2', '10.77.0.12')]), [
      '# Lab hosts (throwaway; written by `showrunner lab up`).',
      '[streaming]',
      'lab1 ansible_host=10.77.0.11',
      'lab2 ansible_host=10.77.0.12',
      '',
      '[lab:children]',
      'streaming',
      '',
      '[all:vars]',
      'ansible_user=root',
      'ansible_ssh_private_key_file=/abs/.lab/id_ed25519',
      "ansible_ssh_common_args='-o UserKnownHostsFile=/abs/.lab/known_hosts -o StrictHostKeyChecking=yes'",
      'ansible_python_interpreter=/usr/bin/python3',
      '',
      '# Lab hosts reach no package mirror: packages install from the apt cache in the image.',
      '[streaming:vars]',
      'base_update_cache=false',
      'base_upgrade_packages=false',
      '',
    ].join('\n'));
  });

  it('names the image after its package lists, so a changed list means a new image', () => {
    const before = goldenImagePath('/abs/.lab');
    const layerBefore = systemdLayerPath('/abs/.lab');
    assert.match(before, /\/bookworm-[0-9a-f]{12}$/);
    assert.equal(goldenImagePath('/abs/.lab'), before);
    const list = CACHED_PACKAGES as string[];
    list.push('ffmpeg');
    try {
      assert.notEqual(goldenImagePath('/abs/.lab'), before);
      assert.notEqual(systemdLayerPath('/abs/.lab'), layerBefore, 'the systemd layer sits on the golden image');
    } finally {
      list.pop();
    }
    assert.equal(goldenImagePath('/abs/.lab'), before);
  });

  it('answers an unknown lab command with the usage and exit code 2', async () => {
    const lines: string[] = [];
    assert.equal(await runLabCommand(['frobnicate'], (l) => lines.push(l)), 2);
    assert.match(lines.join('\n'), /usage: showrunner lab up \[N\]/);
    assert.equal(await runLabCommand(['up', '--bogus'], (l) => lines.push(l)), 2);
    assert.equal(await runLabCommand(['up', '0'], (l) => lines.push(l)), 2);
  });
});
