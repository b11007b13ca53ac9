/** The `timeout` keyword over SSH: the remote command is stopped and the host's session goes on. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { dropHosts, fixtures, freshHosts, scratch, writeInventory } from './lab-setup.js';
import { onHost } from '../helpers/lab-ssh.js';
import { needs } from '../harness/tiers.js';

const labDir = join(import.meta.dirname, '../../.lab/integration-timeout');

describe('task timeout over SSH @lab', function () {
  this.timeout(120_000);
  let lab: LabInfo;
  const work = scratch();
  before(async function () {
    needs(this, 'lab');
    lab = await freshHosts(1, 'to', labDir);
  });
  after(async () => {
    await dropHosts(labDir);
    work.remove();
  });

  it('stops the remote command, fails the task, and the next task runs on the same connection', async () => {
    const inv = writeInventory(lab, join(work.dir, 'hosts.ini'));
    const r = await runCli([join(fixtures, 'timeout.yml'), '-i', inv, '-v']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /fatal: \[to1\]: FAILED! => .*timeout of 2 s and was stopped/);
    assert.match(r.stdout, /"msg": "still here"/);
    assert.match(r.stdout, /to1: \d+ round trips/);
    const left = await onHost(lab, 'to1', 'pgrep -f "[s]leep 300" || true');
    assert.equal(left.stdout.trim(), '', 'no sleep left running on the host');
  });
});
