/**
 * One-line apt sources (`deb [options] URI SUITE COMPONENTS`) as apt_repository reads and edits
 * them (seen in Ansible's runs): lines compare by their words, so spacing does not matter; a
 * line that is there commented out (`# deb ...`) is enabled in place instead of added again; a
 * new line goes to the repo's own file, named from its URI unless `filename` is given.
 */
export interface SourceFile {
  path: string;
  /** null: the file does not exist. */
  content: string | null;
}

/** The words of a source line, options kept together; undefined for anything else. */
export function sourceKey(line: string): string | undefined {
  const m = /^\s*(deb|deb-src)\s+(\[[^\]]*\]\s+)?(\S+)\s+(\S+)((?:\s+\S+)*)\s*$/.exec(line);
  if (!m) return undefined;
  const opts = m[2] ? `[${m[2].trim().slice(1, -1).trim().split(/\s+/).join(' ')}] ` : '';
  return `${m[1]} ${opts}${m[3]} ${m[4]}${m[5]!.trim() ? ` ${m[5]!.trim().split(/\s+/).join(' ')}` : ''}`;
}

/** Ansible's file name for a repo: the URI's host and path, every other character `_`. */
export function sourceFileName(repo: string, filename?: string): string {
  if (filename) return `${filename}.list`;
  const words = repo.replace(/\[[^\]]+\]/g, '').replace(/\w+:\/\//g, '').split(/\s+/).filter((w) => w && w !== 'deb' && w !== 'deb-src');
  const uri = (words[0] ?? 'repo').replace(/^.*@/, '');
  return `${uri.replace(/[^a-zA-Z0-9]/g, ' ').trim().split(/\s+/).join('_')}.list`;
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const joined = (ls: string[]) => (ls.length ? `${ls.join('\n')}\n` : '');

/** The files that change (new content, or null to remove the file) so that `repo` is present or absent. */
export function editSources(files: SourceFile[], repo: string, present: boolean, target: string): Map<string, string | null> {
  const key = sourceKey(repo);
  if (!key) throw new Error(`Invalid repository string: ${repo}`);
  const out = new Map<string, string | null>();
  const disabled = (l: string) => (/^\s*#/.test(l) ? sourceKey(l.replace(/^\s*#+\s*/, '')) : undefined);
  if (present) {
    if (files.some((f) => lines(f.content ?? '').some((l) => sourceKey(l) === key))) return out;
    for (const f of files) {
      const ls = lines(f.content ?? '');
      const i = ls.findIndex((l) => disabled(l) === key);
      if (i >= 0) {
        ls[i] = ls[i]!.replace(/^\s*#+\s*/, '');
        out.set(f.path, joined(ls));
        return out;
      }
    }
    const t = files.find((f) => f.path === target);
    out.set(target, `${t?.content ?? ''}${t?.content && !t.content.endsWith('\n') ? '\n' : ''}${repo.trim()}\n`);
    return out;
  }
  for (const f of files) {
    const ls = lines(f.content ?? '');
    const kept = ls.filter((l) => sourceKey(l) !== key);
    if (kept.length === ls.length) continue;
    out.set(f.path, kept.length || !f.path.includes('/sources.list.d/') ? joined(kept) : null);
  }
  return out;
}
