/**
 * One HTTP request made on the host with curl, and its answer read back as Ansible's uri module
 * reports it: status, the last response's headers (lower case, `-` as `_`), the body (base64 over
 * the connection, so any bytes survive), and curl's message when no answer came (status -1).
 */
import { shq } from '../../connections/connection.js';

export interface UriRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeout: number;
  followRedirects: boolean;
  validateCerts: boolean;
  user?: string;
  password?: string;
}

export interface UriAnswer {
  status: number;
  reason: string;
  url: string;
  redirects: number;
  headers: Record<string, string>;
  body: Buffer;
  /** curl's message when the request failed without an answer. */
  error?: string;
}

export function requestScript(q: UriRequest): string {
  const args = ['curl', '-sS', '-X', q.method, '--max-time', String(q.timeout), '-D', '"$d/h"', '-o', '"$d/b"',
    '-w', shq('%{http_code} %{num_redirects} %{url_effective}')];
  if (q.followRedirects) args.push('-L');
  if (!q.validateCerts) args.push('-k');
  if (q.user !== undefined) args.push('-u', shq(`${q.user}:${q.password ?? ''}`));
  for (const [k, v] of Object.entries(q.headers)) args.push('-H', shq(`${k}: ${v}`));
  if (q.body !== undefined) args.push('--data-binary', '@-');
  args.push('--', shq(q.url));
  return [
    "command -v curl >/dev/null || { echo 'uri needs curl on the host' >&2; exit 127; }",
    'd=$(mktemp -d) || exit 1',
    `w=$(${args.join(' ')} 2>"$d/e"); rc=$?`,
    'printf "W|%s|%s\\n" "$rc" "$w"',
    'printf "E|"; tr "\\n" " " < "$d/e"; printf "\\n"',
    'printf "H|"; [ -f "$d/h" ] && base64 < "$d/h" | tr -d "\\n"; printf "\\n"',
    'printf "B|"; [ -f "$d/b" ] && base64 < "$d/b" | tr -d "\\n"; printf "\\n"',
    'rm -rf -- "$d"',
  ].join('\n');
}

export function parseAnswer(stdout: string, url: string): UriAnswer {
  const rec: Record<string, string> = {};
  for (const line of stdout.split('\n')) if (line[1] === '|') rec[line[0]!] = line.slice(2);
  const [rc = '1', w = ''] = (rec.W ?? '').split(/\|(.*)/s);
  const [code, redirects, effective] = w.split(' ');
  const blocks = Buffer.from(rec.H ?? '', 'base64').toString('latin1').split(/\r?\n\r?\n/).filter((b) => b.startsWith('HTTP/'));
  const last = blocks.at(-1) ?? '';
  const [statusLine = '', ...headerLines] = last.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const h of headerLines) {
    const i = h.indexOf(':');
    if (i > 0) headers[h.slice(0, i).trim().toLowerCase().replace(/-/g, '_')] = h.slice(i + 1).trim();
  }
  const status = rc === '0' || Number(code) > 0 ? Number(code) : -1;
  return {
    status, reason: statusLine.replace(/^HTTP\/\S+\s+\d+\s*/, ''), url: effective || url, redirects: Number(redirects ?? 0) || 0,
    headers, body: Buffer.from(rec.B ?? '', 'base64'),
    ...(status === -1 && { error: (rec.E ?? '').trim().replace(/^curl: \(\d+\) /, '') || `curl exited ${rc}` }),
  };
}
