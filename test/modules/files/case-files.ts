/**
 * The file side of module cases: create the `before` files, and check the folder against `after`.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';

export interface CaseFile {
  path: string;
  content?: string;
  /** Octal string, or the YAML 1.1 integer an unquoted 0644 becomes. */
  mode?: string | number;
  dir?: boolean;
  link?: string;
  owner?: string;
  group?: string;
}

export interface Expected extends CaseFile {
  absent?: boolean;
  /** Number of paths matching a `*` pattern (default: at least one). */
  count?: number;
}

export function makeFiles(root: string, files: CaseFile[]): void {
  for (const f of files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    if (f.dir) mkdirSync(p, { recursive: true });
    else if (f.link !== undefined) symlinkSync(f.link, p);
    else writeFileSync(p, f.content ?? '');
    if (f.mode !== undefined) chmodSync(p, bits(f.mode));
    if (f.owner || f.group) {
      execFileSync('chown', ['-h', `${f.owner ?? ''}${f.group ? ':' + f.group : ''}`, p]);
    }
  }
}

export async function checkAfter(root: string, expected: Expected[]): Promise<void> {
  for (const e of expected) {
    const paths = e.path.includes('*') ? glob(root, e.path) : [e.path];
    if (e.path.includes('*')) {
      if (e.count !== undefined) assert.equal(paths.length, e.count, `paths matching ${e.path}`);
      else if (!e.absent) assert.ok(paths.length > 0, `nothing matches ${e.path}`);
    }
    for (const rel of paths) checkOne(root, rel, e);
  }
}

function checkOne(root: string, rel: string, e: Expected): void {
  const p = join(root, rel);
  if (e.absent) {
    assert.ok(!existsSync(p) && !isLink(p), `${rel} should not exist`);
    return;
  }
  assert.ok(existsSync(p) || isLink(p), `${rel} should exist`);
  const st = lstatSync(p);
  if (e.link !== undefined) {
    assert.ok(st.isSymbolicLink(), `${rel} should be a symlink`);
    assert.equal(readlinkSync(p), e.link, `${rel} link target`);
  }
  if (e.dir) assert.ok(st.isDirectory(), `${rel} should be a directory`);
  if (e.content !== undefined) assert.equal(readFileSync(p, 'utf8'), e.content, `content of ${rel}`);
  if (e.mode !== undefined) assert.equal((st.mode & 0o7777).toString(8).padStart(4, '0'), bits(e.mode).toString(8).padStart(4, '0'), `mode of ${rel}`);
  if (e.owner || e.group) {
    const [owner, group] = execFileSync('stat', ['-c', '%U %G', p], { encoding: 'utf8' }).trim().split(' ');
    if (e.owner) assert.equal(owner, e.owner, `owner of ${rel}`);
    if (e.group) assert.equal(group, e.group, `group of ${rel}`);
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function glob(root: string, pattern: string): string[] {
  const dir = dirname(pattern);
  const base = basename(pattern);
  const re = new RegExp(`^${base.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).filter((n) => re.test(n)).map((n) => (dir === '.' ? n : `${dir}/${n}`));
}

function bits(mode: string | number): number {
  return typeof mode === 'number' ? mode : parseInt(mode, 8);
}
