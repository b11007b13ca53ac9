/**
 * What is knowable before the run is refused before anything connects or changes: exit 5, the
 * file, line and column, and the close name for a typo. `--syntax-check` says the same.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { needs } from '../harness/tiers.js';
import { runAnsible } from '../harness/ansible.js';

const fx = (f: string) => new URL(`../fixtures/preflight/${f}`, import.meta.url).pathname;
const rel = (f: string) => `test/fixtures/preflight/${f}`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_FOUND = 'was not found in either the main handlers list nor in the listening handlers list';

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'sr-preflight-')); });
afterEach(() => { rmSync(root, { recursive: true, force: true }); });

/** Runs the playbook for real and with --syntax-check: both refuse it with the same words, and nothing ran. */
async function refused(args: string[]): Promise<CliRun> {
  const run = await runCli([...args, '-e', `root=${root}`]);
  assert.equal(run.code, 5, run.stdout + run.stderr);
  assert.equal(run.stdout, '', 'nothing ran');
  assert.equal(existsSync(join(root, 'ran')), false, 'the first task did not run');
  const syntax = await runCli([...args, '-e', `root=${root}`, '--syntax-check']);
  assert.equal(syntax.code, 5);
  assert.equal(syntax.stderr, run.stderr, '--syntax-check reports the same errors');
  return run;
}

/** `stderr` holds this line (file:line:col: reason), whole. */
function says(r: CliRun, line: string): void {
  assert.match(r.stderr, new RegExp(`(^ERROR: |\\n)${esc(line)}(\\n|$)`), r.stderr);
}

describe('pre-flight: errors before the run', () => {
  it('a notify naming no handler nor listen topic: where, Ansible\'s words, and the close name', async () => {
    const r = await refused([fx('notify-typo.yml')]);
    says(r, `${rel('notify-typo.yml')}:13:15: the requested handler 'restart ngnix' ${NOT_FOUND} (did you mean 'restart nginx'?)`);
    says(r, `${rel('notify-typo.yml')}:18:11: the requested handler 'web configs changed' ${NOT_FOUND} (did you mean 'web config changed'?)`);
    assert.doesNotMatch(r.stderr, /'restart nginx' was not found/);
  });

  it('handlers found by name, role-qualified name, topic, import in handlers, role, include_role and a role an included file imports: no error, every one runs', async () => {
    const r = await runCli([fx('notify-found.yml'), '-e', `root=${root}`]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const h of ['reload nginx', 'restart nginx', 'on the topic', 'restart the stream', 'restart the packager', 'restart the relay']) {
      assert.match(r.stdout, new RegExp(`"handler ${h} ran"`));
    }
    // Also in the last play, whose role is named only at run time.
    assert.equal(r.stdout.match(/"handler restart the relay ran"/g)?.length, 2);
    // A missing src under a rescue or ignore_errors is left to the run, where the failure is handled.
    assert.match(r.stdout, /rescued=1\s+ignored=1/);
  });

  it('a bad notify in an included file fails a host that reaches the include, as the include\'s other errors do', async () => {
    const r = await runCli([fx('include-notify.yml'), '-e', `root=${root}`]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`fatal: \\[localhost\\]: FAILED! => .*${esc(rel('tasks/bad-notify.yml'))}:3:11: the requested handler 'restart ngnix' ${NOT_FOUND} \\(did you mean 'restart nginx'\\?\\)`));
    const syntax = await runCli([fx('include-notify.yml'), '--syntax-check']);
    assert.equal(syntax.code, 0);
    assert.match(syntax.stdout, new RegExp(`\\[WARNING\\]: ${esc(rel('include-notify.yml'))}:9:22: include_tasks 'tasks/bad-notify.yml' has errors; it fails a host that reaches it:\n  ${esc(rel('tasks/bad-notify.yml'))}:3:11: the requested handler 'restart ngnix'`));
  });

  it('--limit matching no host: Ansible\'s words, the close host, exit 5, also with --syntax-check', async () => {
    const r = await refused([fx('ping.yml'), '-i', fx('hosts'), '--limit', 'wbe1']);
    says(r, `Specified inventory, host pattern and/or --limit leaves us with no hosts to target: --limit 'wbe1' matches no host (did you mean 'web1'?)`);
    const partly = await runCli([fx('ping.yml'), '-i', fx('hosts'), '--limit', 'web1:nohost']);
    assert.equal(partly.code, 0, partly.stderr);
  });

  it('an inventory port that is not a number: the inventory line and column', async () => {
    const r = await refused([fx('ping.yml'), '-i', fx('hosts-bad-port')]);
    says(r, `${rel('hosts-bad-port')}:2:31: invalid value for ansible_port: "abc" is not a port number (a whole number from 1 to 65535)`);
    const yaml = await refused([fx('ping.yml'), '-i', fx('hosts-bad-port.yml')]);
    says(yaml, `${rel('hosts-bad-port.yml')}:8:9: invalid value for ansible_port: 22.5 is not a port number (a whole number from 1 to 65535)`);
  });

  it('a template file with an unknown filter or an unclosed block: the template\'s own line', async () => {
    const r = await refused([fx('template-file.yml')]);
    says(r, `${rel('templates/bad-filter.j2')}:3:18: template error: no filter named 'to_jsno' (did you mean 'to_json'?)`);
    says(r, `${rel('templates/unclosed.j2')}:3:1: template error: expected elif, else, or endif, got end of file`);
  });

  it('an inline expression with an unknown filter, a syntax error, an unknown test, in an argument, a condition, a loop', async () => {
    const r = await refused([fx('inline-template.yml')]);
    says(r, `${rel('inline-template.yml')}:13:14: template error in "port {{ port | to_jsno }}": no filter named 'to_jsno' (did you mean 'to_json'?)`);
    says(r, `${rel('inline-template.yml')}:16:14: template error in "port {{ port ": expected variable end`);
    says(r, `${rel('inline-template.yml')}:19:13: template error in "port is defind": no test named 'defind' (did you mean 'defined'?)`);
    says(r, `${rel('inline-template.yml')}:22:13: template error in "{{ [port] | flattn }}": no filter named 'flattn' (did you mean 'flatten'?)`);
  });

  it('a missing local src of copy, template, script and unarchive, searched where the run searches; a bad mode', async () => {
    const r = await refused([fx('missing-src.yml')]);
    const dir = rel('');
    says(r, `${rel('missing-src.yml')}:10:14: src file 'nginx.conf' not found in ${dir}files/, ${dir}, ./`);
    says(r, `${rel('missing-src.yml')}:13:14: src file 'site.conf.j2' not found in ${dir}templates/, ${dir}, ./`);
    says(r, `${rel('missing-src.yml')}:15:7: src file 'setup.sh' not found in ${dir}files/, ${dir}, ./`);
    says(r, `${rel('missing-src.yml')}:17:14: src file 'player.tar.gz' not found in ${dir}files/, ${dir}, ./`);
    says(r, `${rel('missing-src.yml')}:22:15: mode 'u+rwz' is neither octal nor symbolic (like u=rw,g=r,o=r)`);
    // Unquoted 0899 is not octal, so YAML 1.1 keeps it as the text "0899", as PyYAML does.
    says(r, `${rel('missing-src.yml')}:26:15: mode '0899' is neither octal nor symbolic (like u=rw,g=r,o=r)`);
  });

  it('typos get the close name: a play keyword, a role, a choice, a module; exclusive arguments are both named', async () => {
    const r = await refused([fx('did-you-mean.yml')]);
    says(r, `${rel('did-you-mean.yml')}:4:3: unknown play keyword 'taks' (did you mean 'tasks'?)`);
    assert.match(r.stderr, new RegExp(`${esc(rel('did-you-mean.yml'))}:10:7: role 'nginxx' not found \\(looked in [^\\n]*\\) \\(did you mean 'nginx'\\?\\)`));
    says(r, `${rel('did-you-mean.yml')}:14:16: 'state' of service must be one of started, stopped, restarted, reloaded, got "runing" (did you mean 'started'?)`);
    says(r, `${rel('did-you-mean.yml')}:15:7: unknown module 'servce' (did you mean 'service'?)`);
    says(r, `${rel('did-you-mean.yml')}:16:7: copy takes only one of 'src' and 'content', not both`);
  });

  it('a tab in YAML indentation is called a tab, at its line and column', async () => {
    const r = await refused([fx('tab.yml')]);
    says(r, `${rel('tab.yml')}:6:1: a tab character in the indentation: YAML indents with spaces only`);
  });
});

describe('pre-flight next to ansible-playbook 2.14 @ansible', function () {
  before(function () { needs(this, 'ansible'); });

  it('Ansible refuses the same notify, but only once the task ran; the same handlers are found', async () => {
    const typo = await runAnsible('ansible-playbook', [fx('notify-typo.yml'), '-e', `root=${root}`]);
    assert.notEqual(typo.code, 0);
    assert.match(typo.stdout + typo.stderr, new RegExp(`The requested handler 'restart ngnix' ${esc(NOT_FOUND)}`));
    assert.equal(existsSync(join(root, 'ran')), true, 'Ansible ran the tasks before the bad notify');
    const found = await runAnsible('ansible-playbook', [fx('notify-found.yml'), '-e', `root=${root}`]);
    assert.equal(found.code, 0, found.stdout + found.stderr);
    assert.equal(found.stdout.match(/"handler restart the relay ran"/g)?.length, 2);
    for (const h of ['reload nginx', 'restart nginx', 'on the topic', 'restart the stream', 'restart the packager', 'restart the relay']) {
      assert.match(found.stdout, new RegExp(`"handler ${h} ran"`));
    }
  });

  it('Ansible refuses a --limit that matches nothing with the same sentence (exit 1)', async () => {
    const r = await runAnsible('ansible-playbook', [fx('ping.yml'), '-i', fx('hosts'), '--limit', 'web2']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Specified inventory, host pattern and\/or --limit leaves us with no hosts to target\./);
  });
});
