/** Module names as users write them, collection-qualified or not, resolved through one table. */
import { strict as assert } from 'node:assert';
import { modules } from '../../runner/modules/registry.js';
import { resolveModule } from '../../runner/load/modules.js';
import { COLLECTION_MODULES } from '../../runner/modules/collections.js';

describe('collection names of modules', () => {
  it('ansible.builtin. and ansible.legacy. qualify every module', () => {
    for (const name of ['copy', 'ping', 'find', 'cron', 'systemd_service', 'ini_file', 'sysctl']) {
      for (const prefix of ['', 'ansible.builtin.', 'ansible.legacy.']) {
        const found = resolveModule(`${prefix}${name}`, modules);
        assert.ok(found, `${prefix}${name}`);
        assert.equal(found.name, name);
      }
    }
  });

  it('ansible.posix.sysctl, community.general.ini_file and community.general.timezone are ours', () => {
    assert.equal(resolveModule('ansible.posix.sysctl', modules)?.def.name, 'sysctl');
    assert.equal(resolveModule('community.general.ini_file', modules)?.def.name, 'ini_file');
    assert.equal(resolveModule('community.general.timezone', modules)?.def.name, 'timezone');
  });

  it('another collection does not lend its prefix to our modules', () => {
    for (const key of ['community.general.copy', 'ansible.posix.ping', 'community.general.sysctl', 'ansible.builtin.nope', 'x.y.z']) {
      assert.equal(resolveModule(key, modules), undefined, key);
    }
  });

  it('every module the table lists exists', () => {
    for (const names of Object.values(COLLECTION_MODULES)) for (const n of names) assert.ok(modules.get(n), n);
  });

  it('systemd_service is the systemd module, with daemon_reload', () => {
    const def = resolveModule('ansible.builtin.systemd_service', modules)!.def;
    assert.equal(def.name, 'systemd');
    assert.ok('daemon_reload' in (def.schema as { properties: object }).properties);
  });
});
