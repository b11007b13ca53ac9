/**
 * Reading a service's state in one command, for each service manager: systemd (systemctl),
 * and sysvinit-style hosts (`service` and /etc/init.d; rc?.d links on Debian, chkconfig on
 * RedHat). The same names drive the commands that change it.
 */
import { shq } from '../../connections/connection.js';
import type { Connection, Become } from '../../connections/connection.js';

export interface ServiceState {
  exists: boolean;
  running: boolean;
  enabled: boolean;
  masked?: boolean;
  needsDaemonReload?: boolean;
}

export type Manager = 'systemd' | 'sysv';

export function managerOf(serviceMgr: string): Manager {
  return serviceMgr === 'systemd' ? 'systemd' : 'sysv';
}

function probeScript(mgr: Manager, name: string): string {
  const n = shq(name);
  if (mgr === 'systemd') {
    return `systemctl show ${n} --property=LoadState,ActiveState,UnitFileState,NeedDaemonReload 2>/dev/null; echo "IsEnabled=$(systemctl is-enabled ${n} 2>/dev/null)"`;
  }
  return [
    `PATH="$PATH:/usr/sbin:/sbin"`,
    // The init script itself, as `service` runs it on a host without systemd (without that wrapper's own processes).
    `if [ -x /etc/init.d/${n} ]; then echo Exists=yes; /etc/init.d/${n} status >/dev/null 2>&1 </dev/null; echo "Status=$?";`,
    `elif [ -f /etc/init/${n}.conf ]; then echo Exists=yes; service ${n} status >/dev/null 2>&1; echo "Status=$?"; fi`,
    `if command -v chkconfig >/dev/null 2>&1; then chkconfig --list ${n} 2>/dev/null | grep -q '[2-5]:on' && echo Enabled=yes;`,
    `else for f in /etc/rcS.d/S??${n} /etc/rc2.d/S??${n} /etc/rc3.d/S??${n} /etc/rc4.d/S??${n} /etc/rc5.d/S??${n}; do [ -e "$f" ] && { echo Enabled=yes; break; }; done; fi`,
    `exit 0`,
  ].join('\n');
}

export async function probeService(conn: Connection, become: Become | undefined, mgr: Manager, name: string): Promise<ServiceState> {
  const r = await conn.exec(probeScript(mgr, name), { become });
  const kv = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) kv.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  if (mgr === 'systemd') {
    const load = kv.get('LoadState') ?? 'not-found';
    const enabled = kv.get('IsEnabled') ?? '';
    return {
      exists: load !== 'not-found' && load !== '',
      running: ['active', 'activating', 'reloading'].includes(kv.get('ActiveState') ?? ''),
      enabled: ['enabled', 'enabled-runtime', 'alias', 'indirect', 'generated'].includes(enabled),
      masked: load === 'masked' || enabled === 'masked',
      needsDaemonReload: kv.get('NeedDaemonReload') === 'yes',
    };
  }
  return { exists: kv.get('Exists') === 'yes', running: kv.get('Status') === '0', enabled: kv.get('Enabled') === 'yes' };
}

export type Action = 'start' | 'stop' | 'restart' | 'reload';

export function actionCommand(mgr: Manager, name: string, action: Action): string {
  return mgr === 'systemd' ? `systemctl ${action} ${shq(name)}` : `service ${shq(name)} ${action}`;
}

/** Enable or disable at boot; on Debian sysvinit, `update-rc.d defaults` first creates the links. */
export function enableCommand(mgr: Manager, name: string, enable: boolean): string {
  const n = shq(name);
  if (mgr === 'systemd') return `systemctl ${enable ? 'enable' : 'disable'} ${n}`;
  return [
    `PATH="$PATH:/usr/sbin:/sbin"`,
    `if command -v chkconfig >/dev/null 2>&1; then chkconfig --list ${n} >/dev/null 2>&1 || chkconfig --add ${n}; chkconfig ${n} ${enable ? 'on' : 'off'};`,
    `else update-rc.d ${n} defaults >/dev/null && update-rc.d ${n} ${enable ? 'enable' : 'disable'}; fi`,
  ].join('\n');
}
