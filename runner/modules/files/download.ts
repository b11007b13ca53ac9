/**
 * Shell that fetches a URL on the host with whichever of curl and wget it has: either to
 * stdout (so a plan can checksum what it would get without writing anything) or to a file.
 */
import { shq } from '../../connections/connection.js';

export interface FetchOptions {
  url: string;
  timeout: number;
  headers?: Record<string, string>;
  validateCerts?: boolean;
}

/**
 * A command writing the body to `out`, a shell word used as is ('-' = stdout, '"$tmp"');
 * exits non-zero with curl's or wget's message on failure.
 */
export function fetchCommand(o: FetchOptions, out: string): string {
  const t = String(o.timeout);
  const headers = Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  const curl = ['curl', '-fsSL', '--connect-timeout', t, '--speed-time', t, '--speed-limit', '1',
    ...(o.validateCerts === false ? ['-k'] : []), ...headers.flatMap((h) => ['-H', h])];
  const wget = ['wget', '-nv', '-T', t, ...(o.validateCerts === false ? ['--no-check-certificate'] : []),
    ...headers.map((h) => `--header=${h}`)];
  return [
    `if command -v curl >/dev/null 2>&1; then ${curl.map(shq).join(' ')} -o ${out} -- ${shq(o.url)}`,
    `elif command -v wget >/dev/null 2>&1; then ${wget.map(shq).join(' ')} -O ${out} -- ${shq(o.url)}`,
    "else echo 'neither curl nor wget is installed on the host' >&2; exit 127; fi",
  ].join('\n');
}
