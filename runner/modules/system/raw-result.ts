/** The result raw and script give: output as the host wrote it (not stripped), with its lines. */
import type { ExecResult } from '../../connections/connection.js';
import type { ModuleResult } from '../contract.js';

export function rawResult(r: ExecResult): ModuleResult {
  const lines = (s: string) => (s === '' ? [] : s.replace(/\r?\n$/, '').split(/\r?\n/));
  const result: ModuleResult = { rc: r.rc, stdout: r.stdout, stderr: r.stderr, stdout_lines: lines(r.stdout), stderr_lines: lines(r.stderr) };
  if (r.rc !== 0) {
    result.failed = true;
    result.msg = 'non-zero return code';
  }
  return result;
}
