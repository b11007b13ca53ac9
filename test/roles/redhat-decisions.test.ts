/**
 * The RedHat path's decisions, evaluated by the real ansible-playbook against the answers a
 * CentOS 7 host gives (test/fixtures/redhat): whether the module is already compiled in, whether
 * SELinux still needs the port and file-context rules, and the nginx-rtmp.spec edit. The
 * conditions and arguments are read from the role files, not restated here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ansiblePlaybookJson } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';
import { fixtureText, projectRoot, roleDefaults, roleTask } from './role-files.js';

interface CommandAnswer { match: string; rc: number; stdout?: string; stderr?: string }
const host = parse(fixtureText('centos7-host.yml')) as { commands: Record<'fresh' | 'converged', CommandAnswer[]> };
const answer = (state: 'fresh' | 'converged', match: string): CommandAnswer => {
  const found = host.commands[state].find((c) => c.match.startsWith(match));
  if (!found) throw new Error(`fixture has no ${state} answer for ${match}`);
  const text = (v?: string) => (v && v.endsWith('.txt') ? fixtureText(v) : v ?? '');
  return { ...found, stdout: text(found.stdout), stderr: text(found.stderr) };
};

/** Runs a one-play playbook on localhost; returns each task's result. */
async function play(dir: string, vars: Record<string, unknown>, tasks: unknown[]): Promise<Record<string, unknown>[]> {
  const book = join(dir, 'play.yml');
  writeFileSync(book, JSON.stringify([{ hosts: 'localhost', connection: 'local', gather_facts: false, vars, tasks }]));
  const run = await ansiblePlaybookJson(['-i', 'localhost,', book], { cwd: projectRoot });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return run.report.plays[0]!.tasks.map((t) => t.hosts.localhost!);
}

/** Evaluates a bare `when:` expression under Ansible. */
const whenTask = (expr: string, vars: Record<string, unknown>) => ({ debug: { msg: `{{ ${expr} }}` }, vars });

describe('the RedHat path decides as a CentOS 7 host answers @ansible', function () {
  this.timeout(120_000);
  let dir = '';
  before(function () { needs(this, 'ansible'); });
  const rhVars = { ...roleDefaults('nginx-rtmp-build'), ...roleDefaults('nginx-config'), ...roleDefaults('hls-dirs'), ansible_os_family: 'RedHat' };
  before(() => { dir = mkdtempSync(join(tmpdir(), 'roles-redhat-')); });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('rebuilds only while `nginx -V` does not name the RTMP module', async () => {
    const note = roleTask('nginx-rtmp-build', 'main.yml', 'Note whether the RTMP module is compiled in');
    const cases = {
      absent: answer('fresh', '^nginx -V'),
      stock: { rc: 0, stdout: '', stderr: fixtureText('nginx-V-stock.txt') },
      rebuilt: answer('converged', '^nginx -V'),
    };
    const tasks = Object.values(cases).flatMap((registered) => [
      { set_fact: { nginx_rtmp_version_info: registered } },
      { set_fact: note.set_fact },
      { debug: { msg: '{{ nginx_rtmp_compiled_in | bool }}' } },
    ]);
    const results = await play(dir, rhVars, tasks);
    const decided = results.filter((_, i) => i % 3 === 2).map((r) => r.msg);
    assert.deepEqual(decided, [false, false, true]);
  });

  it('labels the rtmp port and the HLS directory only when SELinux lacks the rules', async () => {
    const port = roleTask('nginx-config', 'selinux-port.yml', 'Label the rtmp port http_port_t').when as string;
    const fcontext = roleTask('hls-dirs', 'selinux.yml', 'Add the file-context rule for the HLS directory').when as string;
    const restorecon = roleTask('hls-dirs', 'selinux.yml', 'Apply the file contexts').changed_when as string;
    const tasks = (['fresh', 'converged'] as const).flatMap((state) => [
      whenTask(port, { ...rhVars, nginx_selinux_http_ports: answer(state, '^semanage port -l') }),
      whenTask(fcontext, { ...rhVars, hls_fcontext: answer(state, '^semanage fcontext -l') }),
      whenTask(restorecon, { ...rhVars, hls_restorecon: answer(state, '^restorecon') }),
    ]);
    const results = (await play(dir, rhVars, tasks)).map((r) => r.msg);
    assert.deepEqual(results, [true, true, true, false, false, false]);
  });

  it('adds the module to nginx-rtmp.spec right after --with-stream_ssl_module, once', async () => {
    const edit = roleTask('nginx-rtmp-build', 'redhat-srpm.yml', 'Add the RTMP module after the stream-ssl configure option');
    const spec = join(dir, 'nginx-rtmp.spec');
    writeFileSync(spec, fixtureText('nginx.spec.excerpt'));
    const args = { ...(edit.lineinfile as Record<string, unknown>), path: spec };
    const results = await play(dir, rhVars, [{ lineinfile: args }, { lineinfile: args }]);
    assert.deepEqual(results.map((r) => r.changed), [true, false]);
    const lines = readFileSync(spec, 'utf8').split('\n');
    const at = lines.indexOf('    --with-stream_ssl_module \\');
    assert.equal(lines[at + 1], '    --add-module=/usr/local/src/nginx-rtmp-module-dev \\');
    assert.equal(lines[at + 2], '    --with-stream_ssl_preread_module \\');
    assert.equal(lines.filter((l) => l.includes('--add-module')).length, 1);
  });
});
