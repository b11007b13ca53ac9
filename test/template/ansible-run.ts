/**
 * Runs the case table under real ansible-playbook (one playbook, localhost, connection local)
 * and returns what Ansible produced for each case, in the table's shape.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansiblePlaybookJsonSync } from '../harness/ansible.js';

export interface AnsibleObserved {
  values: unknown[];
  conditions: (boolean | string)[];
  texts: string[];
}

interface TaskResult {
  skipped?: boolean;
  failed?: boolean;
  msg?: string;
  ansible_facts?: Record<string, unknown>;
}

/**
 * `fixture`, when given, is copied into the folder the playbook runs from (its files/ and
 * templates/ are what lookups find); `gatherFacts` makes the facts part of the variables.
 */
export function runUnderAnsible(
  vars: Record<string, unknown>,
  values: string[],
  conditions: string[],
  texts: string[],
  env: Record<string, string>,
  options: { fixture?: string; gatherFacts?: boolean } = {},
): AnsibleObserved {
  const dir = mkdtempSync(join(tmpdir(), 'sr-ansible-'));
  try {
    if (options.fixture) cpSync(options.fixture, dir, { recursive: true });
    const tasks: unknown[] = [];
    values.forEach((t, i) => tasks.push({ name: `v${i}`, set_fact: { [`r${i}`]: t }, ignore_errors: true }));
    conditions.forEach((c, i) => tasks.push({ name: `c${i}`, debug: { msg: 'ran' }, when: c, ignore_errors: true }));
    texts.forEach((t, i) => {
      writeFileSync(join(dir, `t${i}.j2`), t);
      tasks.push({ name: `t${i}`, template: { src: join(dir, `t${i}.j2`), dest: join(dir, `t${i}.out`) }, ignore_errors: true });
    });
    const play = [{ hosts: 'localhost', gather_facts: !!options.gatherFacts, vars, tasks }];
    writeFileSync(join(dir, 'play.yml'), JSON.stringify(play));
    const report = ansiblePlaybookJsonSync(['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], env);
    const byName = new Map<string, TaskResult>();
    for (const t of report.plays[0]!.tasks) byName.set(t.task.name, t.hosts.localhost as TaskResult);
    return {
      values: values.map((_t, i) => {
        const r = byName.get(`v${i}`)!;
        return r.failed ? { error: r.msg } : r.ansible_facts![`r${i}`];
      }),
      conditions: conditions.map((_c, i) => {
        const r = byName.get(`c${i}`)!;
        return r.failed ? `error: ${r.msg}` : !r.skipped;
      }),
      texts: texts.map((_t, i) => (byName.get(`t${i}`)!.failed ? `error: ${byName.get(`t${i}`)!.msg}` : readFileSync(join(dir, `t${i}.out`), 'utf8'))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
