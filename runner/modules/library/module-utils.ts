/**
 * Python modules written with Ansible's AnsibleModule import `ansible.module_utils`, which a
 * host without Ansible lacks. As Ansible ships them with each module, Showrunner takes them from
 * the Ansible installed on this machine (found through `ansible --version`), zipped once per run
 * with an empty `ansible/__init__.py`, and sends the zip along; without Ansible here it says so.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
let bundle: Promise<Buffer> | undefined;

async function ansiblePackageDir(): Promise<string> {
  const { stdout } = await run('ansible', ['--version'], { timeout: 30_000 }).catch(() => ({ stdout: '' }));
  const dir = /ansible python module location = (.+)/.exec(stdout)?.[1]?.trim();
  if (!dir || !existsSync(join(dir, 'module_utils', 'basic.py'))) {
    throw new Error('it imports ansible.module_utils, which the host lacks, and no Ansible is installed on this machine to send them from (install ansible-core here, or Ansible on the host)');
  }
  return dir;
}

/** The zip of ansible.module_utils to put on the module's PYTHONPATH. */
export function moduleUtilsZip(): Promise<Buffer> {
  bundle ??= (async () => {
    const dir = await ansiblePackageDir();
    const work = mkdtempSync(join(tmpdir(), 'sr-module-utils-'));
    try {
      const zip = join(work, 'module_utils.zip');
      const script = [
        'import sys, os, zipfile',
        'src, out = sys.argv[1], sys.argv[2]',
        'with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:',
        '    z.writestr("ansible/__init__.py", "")',
        '    base = os.path.dirname(src)',
        '    for root, dirs, files in os.walk(os.path.join(src, "module_utils")):',
        '        dirs[:] = [d for d in dirs if d != "__pycache__"]',
        '        for f in files:',
        '            if f.endswith(".py"):',
        '                p = os.path.join(root, f)',
        '                z.write(p, os.path.relpath(p, base))',
      ].join('\n');
      await run('python3', ['-c', script, dir, zip], { timeout: 60_000 });
      return readFileSync(zip);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  })();
  bundle.catch(() => { bundle = undefined; });
  return bundle;
}
