/**
 * get_url on a host that has wget but no curl: the same download, through the other branch of
 * the fetch script. The host's curl is hidden by a connection that answers "no curl here".
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../runner/connections/local.js';
import type { ExecOptions } from '../../../runner/connections/connection.js';
import getUrl from '../../../runner/modules/files/get_url.js';
import { moduleContext } from '../../helpers/module-context.js';
import { serveHttp } from './case-http.js';

class NoCurlConnection extends LocalConnection {
  override exec(command: string, options?: ExecOptions) {
    return super.exec(command.replaceAll('command -v curl >/dev/null 2>&1', 'false'), options);
  }
}

describe('get_url with wget only', () => {
  it('downloads, sets the mode, and is ok the second time; a 404 names the URL', async () => {
    const root = mkdtempSync(join(tmpdir(), 'showrunner-wget-'));
    const server = await serveHttp({ '/stream.key': 'k3y\n' });
    try {
      const ctx = moduleContext(new NoCurlConnection());
      const dest = join(root, 'stream.key');
      const plan = await getUrl.plan(ctx, { url: `${server.url}/stream.key`, dest, mode: '0600', checksum: 'sha1:2f3e0c5fb0d2e4c32ae5e3c2a6e0b8a07ad2b6f0' });
      assert.equal(plan.state, 'change');
      await assert.rejects(plan.apply!(), /The checksum for .* did not match/);
      const good = await getUrl.plan(ctx, { url: `${server.url}/stream.key`, dest, mode: '0600' });
      await good.apply!();
      assert.equal(readFileSync(dest, 'utf8'), 'k3y\n');
      assert.equal((statSync(dest).mode & 0o777).toString(8), '600');
      assert.equal((await getUrl.plan(ctx, { url: `${server.url}/stream.key`, dest, mode: '0600' })).state, 'ok');
      const missing = await getUrl.plan(ctx, { url: `${server.url}/nope`, dest: join(root, 'nope') });
      await assert.rejects(missing.apply!(), (e: Error) => e.message.startsWith(`Request failed for ${server.url}/nope`));
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
