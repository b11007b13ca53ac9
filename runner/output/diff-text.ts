/** Plans' before/after pairs as unified diffs, the shape `--diff` users know. */
import { createTwoFilesPatch } from 'diff';
import type { FileDiff } from '../modules/contract.js';
import type { Style } from './style.js';

export function diffText(diffs: FileDiff[], style: Style): string {
  const out: string[] = [];
  for (const d of diffs) {
    if (d.before === d.after) continue;
    const patch = createTwoFilesPatch(
      d.before_header ?? 'before', d.after_header ?? 'after', withNewline(d.before), withNewline(d.after), undefined, undefined, { context: 3 },
    );
    for (const line of patch.split('\n').slice(1)) {
      if (line === '' || /^=+$/.test(line) || line === '\\ No newline at end of file') continue;
      if (line.startsWith('+++') || line.startsWith('---')) out.push(style.bold(line));
      else if (line.startsWith('+')) out.push(style.added(line));
      else if (line.startsWith('-')) out.push(style.removed(line));
      else if (line.startsWith('@@')) out.push(style.header(line));
      else out.push(line);
    }
  }
  return out.join('\n');
}

function withNewline(s: string): string {
  return s === '' || s.endsWith('\n') ? s : `${s}\n`;
}
