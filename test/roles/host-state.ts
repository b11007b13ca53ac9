/** What a host looks like from outside, to prove a dry run touched nothing: files, rules, processes. */
import type { LabInfo } from '../../runner/lab/index.js';
import { labSsh } from '../helpers/lab-ssh.js';

/** Over plain ssh (not the tool under test): paths, sizes, modes, mtimes; iptables; nginx processes. */
export async function hostFingerprint(lab: LabInfo, address: string): Promise<string> {
  const script = [
    "find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp -o -path /var/log \\) -prune -o -printf '%p %s %m %T@\\n' | sort",
    'iptables-save 2>/dev/null | grep -v "^#"',
    'ps -eo comm= | sort | uniq -c',
  ].join('; echo ---; ');
  const r = await labSsh(lab, `root@${address}`, script);
  if (r.code !== 0) throw new Error(`fingerprint of ${address} failed: ${r.stderr}`);
  return r.stdout.replace(/^\s*\d+ (sshd|sh|find|sort|ps|uniq|bash)\n/gm, '');
}
