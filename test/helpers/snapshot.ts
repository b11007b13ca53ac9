/** A folder's whole state (paths, kinds, modes, contents, link targets) to compare before and after. */
import { readdirSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[p] = `link ${readlinkSync(p)}`;
      else if (st.isDirectory()) { out[p] = `dir ${mode}`; walk(p); }
      else out[p] = `file ${mode} ${readFileSync(p, 'base64')}`;
    }
  };
  walk(root);
  return out;
}
