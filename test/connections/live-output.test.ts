/** Long commands report their output while they run (progress lines), over SSH and locally. */
import assert from 'node:assert/strict';
import { SshConnection } from '../../runner/connections/ssh.js';
import { LocalConnection } from '../../runner/connections/local.js';
import type { Connection } from '../../runner/connections/connection.js';
import { startSshd, type Sshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

async function seenBeforeEnd(conn: Connection): Promise<{ early: string[]; stdout: string }> {
  const chunks: { at: number; text: string }[] = [];
  const r = await conn.exec('echo step one; sleep 1; echo step two >&2; sleep 1; echo done', {
    onOutput: (text) => chunks.push({ at: Date.now(), text }),
  });
  const end = Date.now();
  return { early: chunks.filter((c) => end - c.at > 500).map((c) => c.text.trim()), stdout: r.stdout };
}

describe('live output of a running command @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  let sshd: Sshd;
  let ssh: SshConnection;
  before(async () => {
    sshd = await startSshd();
    ssh = new SshConnection(sshd.target());
    await ssh.connect();
  });
  after(async () => {
    await ssh?.close();
    await sshd?.stop();
  });

  for (const [name, conn] of [['ssh', () => ssh], ['local', () => new LocalConnection()]] as const) {
    it(`${name}: the first lines arrive before the command ends, the result is unchanged`, async () => {
      const { early, stdout } = await seenBeforeEnd(conn());
      assert.deepEqual(early, ['step one', 'step two']);
      assert.equal(stdout, 'step one\ndone\n');
    });
  }
});
