/** `--check -v` prints what each plan would do on the host, as data: commands and file writes. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, readlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { parseReport, resultOf } from '../harness/report.js';

describe('plan steps', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sr-steps-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const playbook = (d: string) => JSON.stringify([{
    hosts: 'localhost', gather_facts: false, tasks: [
      { name: 'write', copy: { content: 'hello\n', dest: `${d}/out.txt`, mode: '0640' } },
      { name: 'folder', file: { path: `${d}/sub`, state: 'directory' } },
      { name: 'run', command: `touch ${d}/ran` },
    ],
  }]);

  it('--check -v lists each plan\'s writes and commands; nothing is done', async () => {
    writeFileSync(join(dir, 'play.yml'), playbook(dir));
    const r = await runCli([join(dir, 'play.yml'), '--check', '-v'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, new RegExp(`TASK \\[write\\] \\*+\\nchanged: \\[localhost\\] => .*\\n  would do:\\n    write ${dir}/out.txt \\(6 bytes, mode 0640\\)\\n`));
    assert.match(r.stdout, new RegExp(`TASK \\[folder\\] \\*+\\nchanged: .*\\n  would do:\\n    run: .*mkdir -- ${dir}/sub`, 's'));
    assert.match(r.stdout, new RegExp(`TASK \\[run\\] \\*+\\nchanged: .*\\n  would do:\\n    run: touch ${dir}/ran\\n`));
    assert.equal(existsSync(join(dir, 'out.txt')) || existsSync(join(dir, 'ran')) || existsSync(join(dir, 'sub')), false);
  });

  it('without -v no step is printed; --json carries them for every plan that acts', async () => {
    writeFileSync(join(dir, 'play.yml'), playbook(dir));
    const plain = await runCli([join(dir, 'play.yml'), '--check'], dir);
    assert.doesNotMatch(plain.stdout, /would do:/);
    const report = parseReport((await runCli([join(dir, 'play.yml'), '--check', '--json'], dir)).stdout);
    assert.deepEqual(resultOf(report, 'write', 'localhost')!.steps, [{ write: `${dir}/out.txt`, bytes: 6, sha1: 'f572d396fae9206628714fb2ce00f72e94f2258f', mode: '0640' }]);
    assert.deepEqual(resultOf(report, 'run', 'localhost')!.steps, [{ run: `touch ${dir}/ran` }]);
  });

  it('--check -v lists the steps of cron, sysctl, hostname, timezone and apt_repository; nothing is done', async () => {
    const before = { hostname: hostname(), etc: readdirSync('/etc/apt/sources.list.d').join(' '), zone: readlinkSync('/etc/localtime') };
    writeFileSync(join(dir, 'play.yml'), JSON.stringify([{
      hosts: 'localhost', gather_facts: false, tasks: [
        { name: 'cron', cron: { name: 'nightly', hour: '2', minute: '0', job: '/usr/bin/true', cron_file: `${dir}/cron-job`, user: 'root' } },
        { name: 'sysctl', sysctl: { name: 'vm.swappiness', value: '17', sysctl_file: `${dir}/99-test.conf` } },
        { name: 'hostname', hostname: { name: 'sr-steps-host' } },
        { name: 'timezone', timezone: { name: 'Pacific/Chatham' } },
        { name: 'apt_repository', apt_repository: { repo: 'deb http://example.invalid/debian bookworm main', filename: 'sr-steps-test' } },
      ],
    }]));
    const r = await runCli([join(dir, 'play.yml'), '--check', '-v'], dir);
    assert.equal(r.code, 0, r.stdout);
    const steps = (task: string) => new RegExp(`TASK \\[${task}\\] \\*+\\nchanged: .*\\n  would do:\\n((?:    .*\\n)+)`).exec(r.stdout)?.[1];
    assert.equal(steps('cron'), `    write ${dir}/cron-job (${'#Ansible: nightly\n0 2 * * * root /usr/bin/true\n'.length} bytes, mode 0644)\n`);
    assert.equal(steps('sysctl'), `    write ${dir}/99-test.conf (17 bytes)\n    run: sysctl -p ${dir}/99-test.conf\n`);
    assert.equal(steps('hostname'), "    run: hostname sr-steps-host && printf '%s\\n' sr-steps-host > /etc/hostname\n");
    assert.match(steps('timezone') ?? '', /^    run: printf '%s\\n' Pacific\/Chatham > \/etc\/timezone && ln -sf \/usr\/share\/zoneinfo\/Pacific\/Chatham \/etc\/localtime/);
    assert.equal(steps('apt_repository'), '    write /etc/apt/sources.list.d/sr-steps-test.list (48 bytes, mode 0644)\n    run: apt-get update -q\n');
    assert.deepEqual(readdirSync(dir), ['play.yml']);
    assert.deepEqual({ hostname: hostname(), etc: readdirSync('/etc/apt/sources.list.d').join(' '), zone: readlinkSync('/etc/localtime') }, before);
  });

  it('--check -v lists the steps of raw, tempfile, script and file times; nothing is done', async () => {
    writeFileSync(join(dir, 'hello.sh'), 'echo hello > "$1"\n');
    writeFileSync(join(dir, 'play.yml'), JSON.stringify([{
      hosts: 'localhost', gather_facts: false, tasks: [
        { name: 'raw', raw: `touch ${dir}/raw-ran` },
        { name: 'tempfile', tempfile: { path: dir, suffix: '.tmp' } },
        { name: 'script', script: `hello.sh ${dir}/script-ran` },
        { name: 'times', file: { path: `${dir}/hello.sh`, state: 'file', modification_time: '202001011200.00', access_time: 'preserve' } },
      ],
    }]));
    const r = await runCli([join(dir, 'play.yml'), '--check', '-v'], dir);
    assert.equal(r.code, 0, r.stdout);
    const steps = (task: string) => new RegExp(`TASK \\[${task}\\] \\*+\\nchanged: .*\\n  would do:\\n((?:    .*\\n)+)`).exec(r.stdout)?.[1];
    assert.equal(steps('raw'), `    run: touch ${dir}/raw-ran\n`);
    assert.equal(steps('tempfile'), `    run: mktemp -p ${dir} --suffix=.tmp ansible.XXXXXXXX\n`);
    const tmp = '"${TMPDIR:-/tmp}"/showrunner-script.XXXXXX';
    assert.equal(steps('script'), [
      `    run: mktemp -d ${tmp}`,
      `    write ${tmp}/script (18 bytes, mode 0700)`,
      `    run: ${tmp}/script ${dir}/script-ran`,
      `    run: rm -rf -- ${tmp}`,
      '',
    ].join('\n'));
    assert.match(steps('times') ?? '', new RegExp(`^    run: touch -c -m -d @\\d+ -- ${dir}/hello\\.sh\\n$`));
    assert.deepEqual(readdirSync(dir).sort(), ['hello.sh', 'play.yml']);
  });
});
