/**
 * The play keywords that say how hosts are reached (`connection`, `remote_user`, `port`) fill in
 * what the inventory leaves unset: Ansible's connection variables win over its keywords. The
 * `reach` differential case checks `connection` against ansible-playbook.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reachVars } from '../../runner/engine/connect.js';
import { runCli } from '../helpers/run-cli.js';
import { parseReport, resultOf } from '../harness/report.js';

describe('play connection, remote_user and port', () => {
  const play = { connection: 'ssh', remoteUser: 'deploy', port: 2222 };

  it('fill in what the inventory leaves unset', () => {
    assert.deepEqual(reachVars({ ansible_host: 'a' }, {}, play), { ansible_host: 'a', ansible_connection: 'ssh', ansible_user: 'deploy', ansible_port: 2222 });
  });

  it('lose to the inventory (either spelling) and to -e', () => {
    const v = reachVars({ ansible_connection: 'local', ansible_ssh_user: 'ops', ansible_ssh_port: 22 }, { ansible_port: 2200 }, play);
    assert.equal(v.ansible_connection, 'local');
    assert.equal(v.ansible_user, undefined, 'ansible_ssh_user is set: remote_user does not apply');
    assert.equal(v.ansible_ssh_user, 'ops');
    assert.equal(v.ansible_port, 2200);
  });

  it('a play\'s port is the one dialled', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'sr-reach-'));
    try {
      writeFileSync(join(dir, 'inventory'), 'h1 ansible_host=127.0.0.1 ansible_connection=ssh\n');
      writeFileSync(join(dir, 'site.yml'), JSON.stringify([
        { hosts: 'all', gather_facts: false, port: 1, remote_user: 'nobody-here', tasks: [{ name: 'on port 1', command: 'true' }] },
      ]));
      const r = await runCli(['-i', join(dir, 'inventory'), join(dir, 'site.yml'), '--json'], dir);
      const result = resultOf(parseReport(r.stdout), 'on port 1', 'h1')!;
      assert.equal(r.code, 4);
      assert.equal(result.status, 'unreachable');
      assert.match(result.msg ?? '', /127\.0\.0\.1:1\b|port 1\b/, 'the play\'s port was dialled');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
