/** The run options a user scripts with: --limit, --tags, --skip-tags, --start-at-task, the listings. */
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';

const dir = new URL('../fixtures/cli/', import.meta.url).pathname;
const run = (...args: string[]) => runCli(['site.yml', '-i', 'inventory', ...args], dir);
const tasksRun = (out: string) => [...out.matchAll(/^TASK \[(.+?)\]/gm)].map((m) => m[1]);

describe('run options', () => {
  it('--limit narrows every play to matching hosts', async () => {
    const r = await run('--limit', 'web1');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ok: \[web1\] =>/m);
    assert.doesNotMatch(r.stdout, /web2|db1/);
    assert.match(r.stdout, /skipping: no hosts matched 'db'/);
  });

  it('--tags runs only tagged tasks, --skip-tags leaves them out', async () => {
    assert.deepEqual(tasksRun((await run('--tags', 'one')).stdout), ['first', 'db task']);
    assert.deepEqual(tasksRun((await run('--skip-tags', 'one,two')).stdout), ['third']);
  });

  it('--start-at-task starts the play at that task', async () => {
    assert.deepEqual(tasksRun((await run('--start-at-task', 'second', '--limit', 'web')).stdout), ['second', 'third']);
  });

  it('--list-hosts and --list-tasks show what would run, and run nothing', async () => {
    const hosts = await run('--list-hosts');
    assert.equal(hosts.code, 0);
    assert.match(hosts.stdout, /play #1 \(web\): web servers\tTAGS: \[\]\n {4}pattern: \['web'\]\n {4}hosts \(2\):\n {6}web1\n {6}web2/);
    assert.doesNotMatch(hosts.stdout, /TASK \[/);
    const tasks = await run('--list-tasks', '--tags', 'one');
    assert.match(tasks.stdout, /play #1 \(web\): web servers\tTAGS: \[\]\n {4}tasks:\n {6}first\tTAGS: \[one\]\n/);
    assert.doesNotMatch(tasks.stdout, /second/);
  });

  it('--syntax-check loads and validates only', async () => {
    const r = await run('--syntax-check');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\nplaybook: .*site\.yml\n$/);
  });

  it('--json writes one report with every host and the recap', async () => {
    const r = await run('--json', '--limit', 'web');
    const report = JSON.parse(r.stdout);
    assert.equal(report.exit_code, 0);
    assert.deepEqual(Object.keys(report.stats).sort(), ['web1', 'web2']);
    assert.equal(report.plays[0].tasks[0].hosts.web1.result.msg, 'first');
  });
});
