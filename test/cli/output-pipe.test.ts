/** The showrunner process writing to a pipe: every line arrives, in order, before it exits. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('showrunner output through a pipe', () => {
  it('arrives whole and in order, the recap last, with the exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-pipe-'));
    try {
      const tasks = Array.from({ length: 150 }, (_, i) => `    - name: step ${i}\n      debug: { msg: "line ${i}" }\n`).join('');
      writeFileSync(join(dir, 'site.yml'), `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}    - name: the end\n      fail: { msg: stop }\n`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'runner/cli/main.ts', 'run', join(dir, 'site.yml')], { encoding: 'utf8', env: { ...process.env, SHOWRUNNER_CACHE_DIR: 'off' } });
      assert.equal(r.status, 2, r.stderr);
      const steps = [...r.stdout.matchAll(/^TASK \[step (\d+)\]/gm)].map((m) => Number(m[1]));
      assert.deepEqual(steps, Array.from({ length: 150 }, (_, i) => i));
      assert.match(r.stdout, /"msg": "line 149"\n\}\n\nTASK \[the end\][^\n]*\nfatal: \[localhost\]: FAILED! => \{"changed":false,"msg":"stop"\}/);
      assert.match(r.stdout, /PLAY RECAP \*+\nlocalhost\s+: ok=150\s+changed=0\s+unreachable=0\s+failed=1 .*\n*$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
