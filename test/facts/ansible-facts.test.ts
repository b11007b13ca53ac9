/**
 * The facts public roles read, against Ansible's own: debian12-vm.txt is what our facts script
 * printed on a Debian 12 VM and debian12-vm.ansible.json what `ansible -m setup` gathered there a
 * moment later (values that move with time, such as free memory, left out).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseFacts } from '../../runner/facts/gather.js';

const dir = new URL('./recorded/', import.meta.url);
const ours = parseFacts(readFileSync(new URL('debian12-vm.txt', dir), 'utf8')) as Record<string, unknown>;
const ansible = JSON.parse(readFileSync(new URL('debian12-vm.ansible.json', dir), 'utf8')) as Record<string, unknown>;

/** Our value cut to the shape Ansible's was recorded in. */
function shaped(name: string): unknown {
  const v = ours[name];
  if (name === 'ansible_date_time') return Object.keys(v as object).sort();
  if (name === 'ansible_memory_mb') {
    const m = v as { real: { total: number }; swap: { total: number } };
    return { real: { total: m.real.total }, swap: { total: m.swap.total } };
  }
  if (name === 'ansible_env') return { HOME: (v as Record<string, string>).HOME };
  if (name === 'ansible_mounts') {
    const keys = ['mount', 'device', 'fstype', 'options', 'size_total', 'block_size', 'block_total', 'inode_total', 'uuid'];
    return (v as Record<string, unknown>[]).map((m) => Object.fromEntries(keys.map((k) => [k, m[k]])));
  }
  return v;
}

describe('facts as Ansible gathers them (recorded on the same Debian 12 VM)', () => {
  for (const name of Object.keys(ansible).sort()) {
    it(name, () => assert.deepEqual(shaped(name), ansible[name]));
  }
});
