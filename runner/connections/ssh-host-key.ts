/**
 * Host key checking for one connection: the verdict on the key a host offers, the message that
 * tells the user what to do about it, and the host key algorithm order that makes a host offer
 * the key type we already know (as ssh does), so a known host never looks unknown.
 */
import { fingerprint, keyBlobType, keyLabel, keysForHost, knownHostsName, verifyHostKey } from './known-hosts.js';
import { shq } from './connection.js';
import type { SshTarget } from './ssh-target.js';

/** Returns the refusal message for an offered key, or undefined when the key is accepted. */
export function hostKeyRefusal(target: SshTarget, offered: Buffer): string | undefined {
  if (!target.hostKeyChecking) return undefined;
  const verdict = verifyHostKey(target.knownHostsFiles, target.host, target.port, offered);
  const where = target.port === 22 ? target.host : `${target.host} port ${target.port}`;
  const label = `${keyLabel(keyBlobType(offered))} ${fingerprint(offered)}`;
  switch (verdict.kind) {
    case 'match':
      return undefined;
    case 'unknown': {
      const others = verdict.otherTypes.length
        ? ` (known keys of other types: ${verdict.otherTypes.map((k) => keyLabel(k.type)).join(', ')})`
        : '';
      const scan = `ssh-keyscan -H${target.port === 22 ? '' : ` -p ${target.port}`} ${shq(target.host)} >> ~/.ssh/known_hosts`;
      return [
        `host key of ${target.name} (${where}) is not known${others}; it offered ${label}.`,
        `Nothing was run. If that fingerprint is the host's, record its key with:`,
        `    ${scan}`,
        `or name a known_hosts file that has it (showrunner_known_hosts, or -o UserKnownHostsFile=... in ansible_ssh_common_args).`,
        `Checking can be turned off explicitly (ansible_host_key_checking: false), which lets anyone on the path pose as the host.`,
      ].join('\n');
    }
    case 'changed': {
      const e = verdict.expected;
      const name = knownHostsName(target.host, target.port);
      return [
        `@@@ HOST KEY CHANGED for ${target.name} (${where}) @@@`,
        `The key this host offers is NOT the one recorded for it. Someone may be intercepting the`,
        `connection (man-in-the-middle), or the host was reinstalled and got a new key.`,
        `    recorded: ${keyLabel(e.type)} ${fingerprint(e.blob)} (${e.file}:${e.line})`,
        `    offered:  ${label}`,
        `Nothing was run on this host. If the change is expected, remove the old key and record the new one:`,
        `    ssh-keygen -R ${shq(name)} -f ${shq(e.file)}`,
      ].join('\n');
    }
    case 'revoked':
      return `host key of ${target.name} (${where}) is marked @revoked in ${verdict.entry.file}:${verdict.entry.line} (${label}); refusing to connect.`;
  }
}

const ALGORITHMS_BY_TYPE: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};
const DEFAULT_ORDER = [
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
];

/** Host key algorithms with the types recorded for this host first; undefined = ssh2's default. */
export function preferredHostKeyAlgorithms(target: SshTarget): string[] | undefined {
  if (!target.hostKeyChecking) return undefined;
  const known = keysForHost(target.knownHostsFiles, target.host, target.port).filter((k) => !k.revoked);
  if (known.length === 0) return undefined;
  const first = known.flatMap((k) => ALGORITHMS_BY_TYPE[k.type] ?? []);
  return [...new Set([...first, ...DEFAULT_ORDER])];
}
