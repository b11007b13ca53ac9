/**
 * Connection kinds beyond the built-in `local` and `ssh` (Ansible's connection plugins, in
 * spirit): a name for `ansible_connection` and a factory given the host's name and variables.
 * The engine asks here before falling back to its own kinds.
 */
import type { Connection } from './connection.js';

export type ConnectionFactory = (host: string, vars: Record<string, unknown>) => Connection;

const kinds = new Map<string, ConnectionFactory>();

export function registerConnection(kind: string, factory: ConnectionFactory): () => void {
  if (kind === 'local' || kind === 'ssh') throw new Error(`connection kind '${kind}' is built in`);
  kinds.set(kind, factory);
  return () => { kinds.delete(kind); };
}

export function connectionKind(kind: string): ConnectionFactory | undefined {
  return kinds.get(kind);
}
