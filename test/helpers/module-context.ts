/** A ModuleContext for module tests: real connection, fixed facts, no templates unless given. */
import type { Connection } from '../../runner/connections/connection.js';
import type { ModuleContext } from '../../runner/modules/contract.js';
import type { Facts } from '../../runner/facts/facts.js';
import { PromisedState } from '../../runner/engine/promised-state.js';

export const debianFacts: Facts = {
  ansible_os_family: 'Debian',
  ansible_distribution: 'Debian',
  ansible_distribution_version: '12',
  ansible_distribution_major_version: '12',
  ansible_distribution_release: 'bookworm',
  ansible_pkg_mgr: 'apt',
  ansible_service_mgr: 'sysvinit',
  ansible_architecture: 'x86_64',
  ansible_hostname: 'test',
  ansible_fqdn: 'test',
  ansible_nodename: 'test',
  ansible_selinux: { status: 'disabled' },
  ansible_user_id: 'root',
  ansible_kernel: '6',
  ansible_system: 'Linux',
};

export function moduleContext(conn: Connection, over: Partial<ModuleContext> = {}): ModuleContext {
  return {
    conn,
    facts: debianFacts,
    promised: new PromisedState(),
    searchPaths: { files: [], templates: [] },
    renderTemplate: (text) => text,
    vars: {},
    evaluate: () => { throw new Error('evaluate not available in this test'); },
    progress: () => {},
    diffRequested: true,
    ...over,
  };
}
