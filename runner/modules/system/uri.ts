/**
 * uri: an HTTP request from the host (curl), answered as Ansible's uri answers: status, headers,
 * `json` for a JSON answer, `content` with return_content, failure when the status is not one of
 * status_code. GET and HEAD only read, so they are made while planning (and answer in --check,
 * where Ansible skips uri); any other method plans `run`: what it changes cannot be known.
 */
import schema from '../../../schemas/modules/uri.json' with { type: 'json' };
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult } from '../contract.js';
import { parseAnswer, requestScript, type UriRequest } from './uri-request.js';
import type { UriArgs } from '../../types/module-args.js';

const uri: ModuleDefinition<UriArgs> = {
  name: 'uri',
  schema,
  async plan(ctx, args) {
    const method = (args.method ?? 'GET').toUpperCase();
    const q = request(args, method);
    const expect = [args.status_code ?? 200].flat().map(Number);
    const go = () => call(ctx, q, expect, args.return_content === true);
    if (method === 'GET' || method === 'HEAD') return { state: 'ok', result: await go() };
    // A request that may change the server ran: changed, where Ansible says ok unless changed_when says otherwise.
    return { state: 'run', summary: `${method} ${args.url}`, result: { url: args.url, status: null }, apply: go };
  },
};

function request(args: UriArgs, method: string): UriRequest {
  const headers: Record<string, string> = { ...(args.headers as Record<string, string> | undefined) };
  let body: string | undefined;
  if (args.body !== undefined) {
    const format = args.body_format ?? 'raw';
    if (format === 'json') {
      body = typeof args.body === 'string' ? args.body : JSON.stringify(args.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    } else if (format === 'form-urlencoded') {
      body = typeof args.body === 'string' ? args.body : new URLSearchParams(Object.entries(args.body as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else body = typeof args.body === 'string' ? args.body : JSON.stringify(args.body);
  }
  const user = args.url_username ?? args.user;
  return {
    url: args.url, method, headers, body, timeout: args.timeout ?? 30,
    followRedirects: (args.follow_redirects ?? 'safe') === 'all' || ((args.follow_redirects ?? 'safe') === 'safe' && (method === 'GET' || method === 'HEAD')) || args.follow_redirects === 'yes',
    validateCerts: args.validate_certs !== false, user, password: args.url_password ?? args.password,
  };
}

async function call(ctx: ModuleContext, q: UriRequest, expect: number[], returnContent: boolean): Promise<ModuleResult> {
  const r = await ctx.conn.exec(requestScript(q), { become: ctx.become, stdin: q.body });
  if (r.rc !== 0) throw new ModuleError(r.stderr.trim() || `uri: rc ${r.rc}`);
  const a = parseAnswer(r.stdout, q.url);
  const cookies = Object.fromEntries((a.headers.set_cookie ?? '').split(/,(?=[^;]+=)/).map((c) => c.split(';')[0]!.trim()).filter((c) => c.includes('='))
    .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]));
  const result: ModuleResult = {
    ...a.headers, status: a.status, url: a.url, redirected: a.redirects > 0, elapsed: 0,
    cookies, cookies_string: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '),
  };
  if (a.status === -1) {
    result.msg = `Status code was -1 and not [${expect.join(', ')}]: Request failed: ${a.error}`;
    result.failed = true;
    return result;
  }
  const text = a.body.toString('utf8');
  const ok = a.status >= 200 && a.status < 300;
  if (/json/.test(a.headers.content_type ?? '')) {
    try { result.json = JSON.parse(text); } catch { /* not JSON after all: no json key, as in Ansible */ }
  }
  if (ok) {
    result.msg = `OK (${a.headers.content_length ?? a.body.length} bytes)`;
    if (returnContent) result.content = text;
  } else {
    result.msg = `HTTP Error ${a.status}: ${a.reason}`;
    if (expect.includes(a.status)) result.body = text;
  }
  if (!expect.includes(a.status)) {
    result.failed = true;
    result.msg = `Status code was ${a.status} and not [${expect.join(', ')}]: ${result.msg}`;
  }
  return result;
}

export default uri;
