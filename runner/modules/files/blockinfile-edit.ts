/**
 * Where blockinfile puts, replaces or removes its marked block, on text only, following
 * Ansible's module: an existing BEGIN/END pair is replaced in place; otherwise the block goes
 * after the last line matching insertafter (or before the last matching insertbefore), else at
 * the end (or start for BOF).
 */
import { splitLines, type EditOutcome } from './lineinfile-edit.js';
import { pythonRegex } from './python-regex.js';

export interface BlockEdit {
  block: string;
  present: boolean;
  marker: string;
  marker_begin: string;
  marker_end: string;
  insertafter?: string;
  insertbefore?: string;
  append_newline?: boolean;
  prepend_newline?: boolean;
}

/** `original` null: the file does not exist yet (create). */
export function editBlock(original: string | null, o: BlockEdit): EditOutcome {
  const lines = splitLines(original ?? '');
  let insertafter = o.insertafter;
  const insertbefore = o.insertbefore;
  if (insertafter === undefined && insertbefore === undefined) insertafter = 'EOF';
  const insRe = insertafter !== undefined && insertafter !== 'EOF'
    ? pythonRegex(insertafter, 'insertafter')
    : insertbefore !== undefined && insertbefore !== 'BOF' ? pythonRegex(insertbefore, 'insertbefore') : undefined;

  const begin = o.marker.replaceAll('{mark}', o.marker_begin) + '\n';
  const end = o.marker.replaceAll('{mark}', o.marker_end) + '\n';
  let blockLines: string[] = [];
  if (o.present && o.block) {
    const body = o.block.endsWith('\n') ? o.block : o.block + '\n';
    blockLines = [begin, ...splitLines(body), end];
  }

  let n0: number | undefined;
  let n1: number | undefined;
  lines.forEach((l, i) => {
    if (l === begin) n0 = i;
    if (l === end) n1 = i;
  });

  if (n0 === undefined || n1 === undefined) {
    n0 = undefined;
    if (insRe) {
      if (insRe.multiline) {
        // A multi-line pattern is matched against the whole text; its position counts lines.
        const text = original ?? '';
        const m = insRe.exec(text);
        if (m) n0 = countNewlines(text, insertafter !== undefined ? m.index + m[0].length : m.index);
      } else {
        lines.forEach((l, i) => { if (insRe.test(l.replace(/\n$/, ''))) n0 = i; });
      }
      if (n0 === undefined) n0 = lines.length;
      else if (insertafter !== undefined) n0 += 1;
    } else if (insertbefore !== undefined) n0 = 0;
    else n0 = lines.length;
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1);
  } else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }

  if (n0 > 0 && !lines[n0 - 1]!.endsWith('\n')) lines[n0 - 1] += '\n';
  if (o.prepend_newline && o.present && n0 !== 0 && lines[n0 - 1] !== '\n') {
    lines.splice(n0, 0, '\n');
    n0 += 1;
  }
  lines.splice(n0, 0, ...blockLines);
  if (o.append_newline && o.present) {
    const after = n0 + blockLines.length;
    if (after < lines.length && lines[after] !== '\n') lines.splice(after, 0, '\n');
  }

  const text = lines.join('');
  if (original === text) return { text, msg: '', changed: false };
  if (original === null) return { text, msg: 'File created', changed: true };
  return { text, msg: blockLines.length ? 'Block inserted' : 'Block removed', changed: true };
}

function countNewlines(text: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo; i++) if (text[i] === '\n') n++;
  return n;
}
