/** --list-hosts and --list-tasks, in ansible-playbook's layout. */
import type { Playbook, TaskNode } from '../load/ir.js';
import type { Inventory } from '../inventory/index.js';
import { matchHosts } from '../inventory/index.js';
import { tagsSelected, type TagFilter } from '../engine/tags.js';

export function listHosts(pb: Playbook, inv: Inventory, limit?: string): string {
  const out = [`\nplaybook: ${pb.path}`];
  const allowed = limit ? new Set(matchHosts(inv, limit)) : undefined;
  pb.plays.forEach((p, i) => {
    const hosts = matchHosts(inv, p.hosts).filter((h) => !allowed || allowed.has(h));
    out.push('', `  play #${i + 1} (${p.hosts}): ${p.name}\tTAGS: [${p.tags.join(', ')}]`, `    pattern: ['${p.hosts}']`, `    hosts (${hosts.length}):`);
    for (const h of hosts) out.push(`      ${h}`);
  });
  return out.join('\n') + '\n';
}

export function listTasks(pb: Playbook, filter: TagFilter): string {
  const out = [`\nplaybook: ${pb.path}`];
  pb.plays.forEach((p, i) => {
    out.push('', `  play #${i + 1} (${p.hosts}): ${p.name}\tTAGS: [${p.tags.join(', ')}]`, '    tasks:');
    const walk = (nodes: TaskNode[]) => {
      for (const n of nodes) {
        if (n.kind === 'block') { walk(n.block); walk(n.rescue); walk(n.always); continue; }
        // An include is listed as itself: what it brings is known only when it runs (as in Ansible).
        if ((n.kind === 'task' && n.module === 'meta') || !tagsSelected(n.tags, filter)) continue;
        const name = n.name ?? (n.kind === 'task' ? n.module : n.action === 'include_role' ? `include_role : ${n.target}` : n.action);
        out.push(`      ${n.role ? `${n.role.name} : ` : ''}${name}\tTAGS: [${n.tags.join(', ')}]`);
      }
    };
    walk(p.preTasks); walk(p.tasks); walk(p.postTasks);
  });
  return out.join('\n') + '\n';
}
