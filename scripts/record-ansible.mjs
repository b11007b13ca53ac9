#!/usr/bin/env node
// Runs each differential case under the real ansible-playbook and records what it printed
// (raw output, exit code) beside the case; the differential test compares Showrunner with it.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../test/fixtures/differential/', import.meta.url).pathname;
const only = process.argv.slice(2);
execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
for (const name of readdirSync(root)) {
  if (only.length && !only.includes(name)) continue;
  const dir = join(root, name);
  const args = existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').trim().split(/\s+/).filter(Boolean) : [];
  const r = spawnSync('ansible-playbook', ['-i', 'inventory', 'site.yml', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_STDOUT_CALLBACK: 'default', ANSIBLE_DEPRECATION_WARNINGS: '0' },
  });
  writeFileSync(join(dir, 'ansible.out'), r.stdout);
  writeFileSync(join(dir, 'ansible.exit'), `${r.status}\n`);
  console.log(`${name}: exit ${r.status}`);
}
