/**
 * The variables Ansible adds when it renders a template file (template module, template
 * lookup): ansible_managed ("Ansible managed", Ansible's default), template_path,
 * template_fullpath, template_host, template_uid, template_mtime, template_run_date and, for the
 * module, template_destpath.
 */
import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';

export const ANSIBLE_MANAGED = 'Ansible managed';

function owner(uid: number): string {
  try {
    const me = userInfo();
    return me.uid === uid ? me.username : String(uid);
  } catch {
    return String(uid);
  }
}

export function templateVars(sourcePath: string, destPath?: string): Record<string, unknown> {
  const st = statSync(sourcePath, { throwIfNoEntry: false });
  const out: Record<string, unknown> = {
    ansible_managed: ANSIBLE_MANAGED,
    template_path: sourcePath,
    template_fullpath: resolve(sourcePath),
    template_host: hostname(),
    template_uid: st ? owner(st.uid) : '',
    template_run_date: new Date().toISOString().replace('T', ' ').replace('Z', ''),
  };
  if (st) out.template_mtime = st.mtime.toISOString().replace('T', ' ').replace('Z', '');
  if (destPath !== undefined) out.template_destpath = destPath;
  return out;
}
