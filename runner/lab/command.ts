/** `showrunner lab up [N] [--systemd] [--fresh] [--prefix P] | down | status | image [--systemd]`. */
import { labUp, labDown, labStatus, buildImage, type LabInfo } from './index.js';
import { buildSystemdLayer } from './image.js';

const USAGE = [
  'usage: showrunner lab up [N] [--systemd] [--fresh] [--prefix NAME]   start N throwaway Debian hosts (default 2)',
  '       showrunner lab down                                            remove every lab host (keeps the image)',
  '       showrunner lab status                                          list lab hosts',
  '       showrunner lab image [--systemd]                               build the golden image now',
];

function describe(info: LabInfo, up: Set<string>, print: (line: string) => void): void {
  for (const h of info.hosts) print(`  ${h.name.padEnd(8)} ${h.address.padEnd(12)} ${h.flavour.padEnd(8)} ${up.has(h.name) ? 'up' : 'down'}`);
  print(`inventory:   ${info.inventoryPath}`);
  print(`key:         ${info.keyPath}`);
  print(`known_hosts: ${info.knownHostsPath}`);
  const first = info.hosts[0];
  if (first) print(`try:         ssh -i ${info.keyPath} -o UserKnownHostsFile=${info.knownHostsPath} root@${first.address}`);
}

/** Runs a lab subcommand; returns the process exit code (0 ok, 1 failed, 2 usage). */
export async function runLabCommand(args: string[], print: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  const flags = new Set(rest.filter((a) => a.startsWith('--') && !a.includes('=')));
  const prefixArg = rest.find((a) => a.startsWith('--prefix='))?.slice('--prefix='.length)
    ?? (rest.includes('--prefix') ? rest[rest.indexOf('--prefix') + 1] : undefined);
  const positional = rest.filter((a, i) => !a.startsWith('--') && rest[i - 1] !== '--prefix');
  const known = new Set(['--systemd', '--fresh', '--prefix']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (!sub || sub === 'help' || sub === '--help' || unknown.length) {
    if (unknown.length) print(`unknown option ${unknown.join(' ')}`);
    USAGE.forEach((l) => print(l));
    return sub === 'help' || sub === '--help' ? 0 : 2;
  }
  const started = Date.now();
  try {
    switch (sub) {
      case 'up': {
        const count = positional[0] === undefined ? 2 : Number(positional[0]);
        if (!Number.isInteger(count) || count < 1) {
          print(`lab up: N must be a positive whole number, not ${positional[0]}`);
          return 2;
        }
        const info = await labUp(count, {
          flavour: flags.has('--systemd') ? 'systemd' : 'sysv',
          fresh: flags.has('--fresh'),
          ...(prefixArg ? { prefix: prefixArg } : {}),
          onProgress: print,
        });
        print(`lab up: ${info.hosts.length} host(s) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
        describe(info, new Set(info.hosts.filter((h) => h.pid).map((h) => h.name)), print);
        return 0;
      }
      case 'down':
        await labDown(prefixArg ? { prefix: prefixArg } : {});
        print(`lab down: every lab host removed in ${((Date.now() - started) / 1000).toFixed(1)}s (image kept)`);
        return 0;
      case 'status': {
        const status = await labStatus();
        if (!status.hosts.length) {
          print('no lab hosts (start some with: showrunner lab up N)');
          return 0;
        }
        print(`${status.up.length} of ${status.hosts.length} lab host(s) up`);
        describe(status, new Set(status.up), print);
        return 0;
      }
      case 'image': {
        const path = flags.has('--systemd') ? await buildSystemdLayer({ onProgress: print }) : await buildImage({ onProgress: print });
        print(`image: ${path}`);
        return 0;
      }
      default:
        print(`unknown lab command: ${sub}`);
        USAGE.forEach((l) => print(l));
        return 2;
    }
  } catch (e) {
    print(`lab ${sub} failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
