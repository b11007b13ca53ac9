/**
 * The real `ansible-playbook` / `ansible` against a lab inventory, so the roles are proven under
 * the tool they must stay compatible with (through the one Ansible harness, test/harness/ansible.ts).
 */
import { ansiblePlaybookJson, runAnsible, type AnsibleJsonRun, type AnsibleRun } from '../harness/ansible.js';

/** Runs a playbook with its JSON report; extra vars are passed as one JSON `-e` so types survive. */
export function ansiblePlaybook(
  root: string, inventory: string, playbook: string, extraVars: Record<string, unknown>, more: string[] = [],
): Promise<AnsibleJsonRun> {
  return ansiblePlaybookJson(['-i', inventory, playbook, '-e', JSON.stringify(extraVars), ...more], { cwd: root });
}

/** Runs a shell command on every host of the inventory with the `shell` module. */
export function ansibleShell(root: string, inventory: string, pattern: string, command: string): Promise<AnsibleRun> {
  return runAnsible('ansible', ['-i', inventory, pattern, '-o', '-m', 'shell', '-a', command], { cwd: root });
}

/** Address and name of every host in the inventory (`ansible_host`, else the name). */
export async function inventoryHosts(root: string, inventory: string): Promise<{ name: string; address: string }[]> {
  const listed = await runAnsible('ansible-inventory', ['-i', inventory, '--list'], { cwd: root });
  if (listed.code !== 0) throw new Error(`ansible-inventory failed: ${listed.stderr}`);
  const data = JSON.parse(listed.stdout) as { _meta: { hostvars: Record<string, Record<string, unknown>> } };
  return Object.entries(data._meta.hostvars).map(([name, vars]) => ({
    name, address: String(vars.ansible_host ?? name),
  }));
}
