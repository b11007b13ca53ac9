/** The human view: folded host lines, the live line on a terminal, the recap layout. */
import assert from 'node:assert/strict';
import { HumanOutput } from '../../runner/output/human.js';
import { emptyStats } from '../../runner/engine/results.js';

function view(tty: boolean) {
  let text = '';
  const out = new HumanOutput({ write: (s) => { text += s; }, color: false, tty, verbosity: 0 });
  return { out, text: () => text };
}

describe('human output', () => {
  it('folds hosts with the same plain result on one line, after the task ends', () => {
    const v = view(false);
    v.out.handle({ type: 'task-start', id: '1', title: 'install nginx', handler: false });
    for (const host of ['web1', 'web2', 'web3']) v.out.handle({ type: 'host-result', id: '1', host, title: 'install nginx', handler: false, result: { status: host === 'web2' ? 'ok' : 'changed' } });
    v.out.handle({ type: 'task-end', id: '1' });
    assert.match(v.text(), /^TASK \[install nginx\] \*+$/m);
    assert.match(v.text(), /^changed: \[web1, web3\]$/m);
    assert.match(v.text(), /^ok: \[web2\]$/m);
  });

  it('shows elapsed seconds, the hosts still working and their latest progress on a terminal', async function () {
    this.timeout(10_000);
    const v = view(true);
    v.out.handle({ type: 'task-start', id: '7', title: 'rebuild nginx', handler: false });
    v.out.handle({ type: 'host-start', id: '7', host: 'cent1' });
    v.out.handle({ type: 'progress', host: 'cent1', line: 'Wrote: /root/rpmbuild/RPMS/x86_64/nginx-1.20.1.rpm' });
    const line = /\r\x1b\[2K {2}2s {2}running on cent1 \| Wrote: \/root\/rpmbuild\/RPMS\/x86_64\/nginx-1\.20\.1\.rpm/;
    // The line is repainted every second; a loaded machine may paint the 2 s line a little late.
    for (let waited = 0; waited < 6000 && !line.test(v.text()); waited += 100) await new Promise((r) => setTimeout(r, 100));
    assert.match(v.text(), line);
    v.out.handle({ type: 'host-result', id: '7', host: 'cent1', title: 'rebuild nginx', handler: false, result: { status: 'changed' } });
    v.out.handle({ type: 'task-end', id: '7' });
    assert.match(v.text(), /\r\x1b\[2Kchanged: \[cent1\]\n$/);
  });

  it('prints no live line when not on a terminal', async () => {
    const v = view(false);
    v.out.handle({ type: 'task-start', id: '1', title: 'slow', handler: false });
    v.out.handle({ type: 'host-start', id: '1', host: 'h' });
    await new Promise((r) => setTimeout(r, 2200));
    v.out.handle({ type: 'task-end', id: '1' });
    assert.doesNotMatch(v.text(), /running on/);
  });

  it('writes the recap in ansible-playbook\'s layout', () => {
    const v = view(false);
    v.out.handle({ type: 'recap', stats: new Map([['web1', { ...emptyStats(), ok: 12, changed: 3 }]]), elapsedMs: 1 });
    assert.match(v.text(), /^web1 {23}: ok=12 {3}changed=3 {4}unreachable=0 {4}failed=0 {4}skipped=0 {4}rescued=0 {4}ignored=0 {3}$/m);
  });
});
