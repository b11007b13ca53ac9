/**
 * The before/after pair for a file whose content changes. Binary or large files get a one-line
 * note instead of their bytes, as Ansible skips those diffs ("appears to be binary").
 */
import type { FileDiff } from '../contract.js';

/** Ansible's default max_file_size_for_diff. */
export const MAX_DIFF_BYTES = 104448;

export function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8192).includes(0);
}

/**
 * `before`: the current content, null when the file does not exist, undefined when it exists but
 * was not read (too large); `beforeSize` describes it then.
 */
export function contentDiff(
  dest: string, before: Buffer | null | undefined, after: Buffer, afterHeader = dest, beforeSize?: number,
): FileDiff {
  const d: FileDiff = { before_header: dest, after_header: afterHeader, before: '', after: '' };
  if (before === undefined) d.before = (beforeSize ?? 0) > MAX_DIFF_BYTES ? note(beforeSize!, 'large') : '(current content not read: no diff asked for)\n';
  else if (before !== null) d.before = describe(before);
  d.after = describe(after);
  return d;
}

function describe(data: Buffer): string {
  if (data.length > MAX_DIFF_BYTES) return note(data.length, 'large');
  if (isBinary(data)) return note(data.length, 'binary');
  return data.toString('utf8');
}

function note(size: number, why: 'large' | 'binary'): string {
  return why === 'binary'
    ? `(binary content, ${size} bytes: diff not shown)\n`
    : `(${size} bytes, more than ${MAX_DIFF_BYTES}: diff not shown)\n`;
}
