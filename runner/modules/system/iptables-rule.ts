/**
 * The words of an iptables rule from the module's arguments, in the order Ansible's iptables
 * module puts them (the order matters to `iptables -C` for matches such as conntrack, comment).
 */
import type { IptablesArgs } from '../../types/module-args.js';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',').map((s) => s.trim()).filter(Boolean));

/** `! value` (a leading `!`) negates, as Ansible writes it. */
function param(out: string[], value: unknown, flag: string): void {
  if (value === undefined || value === null || value === '') return;
  const s = String(value);
  if (s.startsWith('!')) out.push('!', flag, s.slice(1).trim());
  else out.push(flag, s);
}

export function ruleWords(a: IptablesArgs): string[] {
  const out: string[] = [];
  const jump = a.jump ?? (a.reject_with ? 'REJECT' : undefined);
  param(out, a.protocol, '-p');
  param(out, a.source, '-s');
  param(out, a.destination, '-d');
  for (const m of list(a.match)) out.push('-m', m);
  param(out, jump, '-j');
  param(out, a.log_prefix, '--log-prefix');
  param(out, a.to_destination, '--to-destination');
  if (a.destination_ports?.length) out.push('-m', 'multiport', '--dports', a.destination_ports.map(String).join(','));
  param(out, a.to_source, '--to-source');
  param(out, a.goto, '-g');
  param(out, a.in_interface, '-i');
  param(out, a.out_interface, '-o');
  param(out, a.source_port, '--source-port');
  param(out, a.destination_port, '--destination-port');
  param(out, a.to_ports, '--to-ports');
  const states = list(a.ctstate);
  if (states.length) out.push('-m', 'conntrack', '--ctstate', states.join(','));
  if (a.limit !== undefined || a.limit_burst !== undefined) out.push('-m', 'limit');
  param(out, a.limit, '--limit');
  param(out, a.limit_burst, '--limit-burst');
  if (a.uid_owner !== undefined) out.push('-m', 'owner');
  param(out, a.uid_owner, '--uid-owner');
  param(out, a.reject_with, '--reject-with');
  param(out, a.icmp_type, a.ip_version === 'ipv6' ? '--icmpv6-type' : '--icmp-type');
  if (a.comment !== undefined) out.push('-m', 'comment', '--comment', a.comment);
  return out;
}
