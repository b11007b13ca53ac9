/**
 * A link that dies mid-transfer, on three lab hosts through the CLI: lc1's link is slowed (so a
 * 30 MB copy takes seconds) and then drops every packet 3 s into the copy, inside its network
 * namespace (no reset, no error: a cut cable). The run ends within 30 s of the cut with lc1
 * UNREACHABLE and exit code 4 (as ansible-playbook gives for an unreachable host), lc2 and lc3
 * finish every task, and once the link is back no part of the file is left on lc1: neither at its
 * destination nor as a temp beside it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { netnsName, vethName } from '../../runner/lab/paths.js';
import { runCommand } from '../../runner/cli/run-command.js';
import { dropHosts, fixtures, freshHosts, scratch, writeInventory } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { needs } from '../harness/tiers.js';

const SIZE = 30 * 1024 * 1024;
const CUT_AFTER_MS = 3_000;

/** The host's line of the PLAY RECAP as the user reads it, starting with these counts. */
const recapLine = (host: string, counts: string): RegExp => new RegExp(`^${host}\\s+: ${counts.replace(/ /g, '\\s+')}\\b`, 'm');

const inHost = (host: string, ...args: string[]) => execFileSync('ip', ['netns', 'exec', netnsName(host), ...args], { stdio: 'pipe' });
/** Every packet in and out of the host dropped, silently. */
const cutLink = (host: string) => { inHost(host, 'iptables', '-I', 'INPUT', '-j', 'DROP'); inHost(host, 'iptables', '-I', 'OUTPUT', '-j', 'DROP'); };
const restoreLink = (host: string) => { inHost(host, 'iptables', '-F', 'INPUT'); inHost(host, 'iptables', '-F', 'OUTPUT'); };
/** Traffic towards the host at 20 Mbit/s, shaped on the bridge side of its veth: 30 MB take about 12 s. */
const slowLink = (host: string) => execFileSync('tc', ['qdisc', 'replace', 'dev', vethName(host), 'root', 'tbf', 'rate', '20mbit', 'burst', '64kb', 'latency', '500ms']);
const unslowLink = (host: string) => { try { execFileSync('tc', ['qdisc', 'del', 'dev', vethName(host), 'root'], { stdio: 'ignore' }); } catch { /* none set */ } };

describe('a link cut mid-transfer on one of three lab hosts @lab', function () {
  this.timeout(180_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let code = -1;
  let stdout = '';
  let cutAt = 0;
  let endedAt = 0;
  const data = randomBytes(SIZE);
  const digest = createHash('sha256').update(data).digest('hex');

  before(async function () {
    needs(this, 'lab');
    work = scratch();
    lab = await freshHosts(3, 'lc');
    // Each address answers as its own host (a lab of another directory on the bridge could clash).
    for (const h of lab.hosts) assert.equal(await hostOutput(lab, h.name, 'hostname'), `${h.name}\n`);
    const inventory = writeInventory(lab, join(work.dir, 'hosts.ini'));
    const big = join(work.dir, 'big.bin');
    writeFileSync(big, data);
    slowLink('lc1');
    let timer: NodeJS.Timeout | undefined;
    try {
      code = await runCommand([join(fixtures, 'link-cut.yml'), '-i', inventory, '-e', `big_src=${big}`], {
        out: (s) => {
          stdout += s;
          if (!timer && s.includes('TASK [the large copy]')) timer = setTimeout(() => { cutLink('lc1'); cutAt = Date.now(); }, CUT_AFTER_MS);
        },
        err: (s) => { stdout += s; },
        tty: false,
        color: false,
      });
      endedAt = Date.now();
    } finally {
      clearTimeout(timer);
      if (cutAt) restoreLink('lc1');
      unslowLink('lc1');
    }
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('ends within 30 s of the cut, the cut host UNREACHABLE, exit code 4', () => {
    assert.ok(cutAt > 0, `the link was cut during the copy:\n${stdout}`);
    const took = (endedAt - cutAt) / 1000;
    assert.ok(took < 30, `the run ended ${took.toFixed(1)} s after the cut`);
    assert.equal(code, 4, stdout);
    assert.match(stdout, /^fatal: \[lc1\]: UNREACHABLE! => .*connection lost/m);
    assert.match(stdout, recapLine('lc1', 'ok=1 changed=1 unreachable=1 failed=0 skipped=0 rescued=0 ignored=0'));
  });

  it('the other two hosts finish every task', async () => {
    for (const host of ['lc2', 'lc3']) {
      assert.match(stdout, recapLine(host, 'ok=4 changed=4 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0'));
      const out = await hostOutput(lab, host, 'cat /srv/before.txt /srv/after.txt; sha256sum < /srv/big.bin');
      assert.equal(out, `${host}\n${host}\n${digest}  -\n`, host);
    }
  });

  it('leaves no part of the file on the cut host once its link is back', async () => {
    // The host sees the old connection end once its packets flow again (a reset from this side);
    // its login shell then removes the upload's temp. Its sshd retries with growing gaps: allow 60 s.
    const deadline = Date.now() + 60_000;
    let listing = '';
    while (Date.now() < deadline) {
      listing = await hostOutput(lab, 'lc1', 'ls -A /srv');
      if (!listing.includes('showrunner')) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    assert.equal(listing, 'before.txt\n', 'only the task before the copy left a file');
  });
});
