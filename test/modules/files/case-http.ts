/** A tiny HTTP server on loopback for cases that download (get_url) or call (uri): url path -> body. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CaseServer {
  url: string;
  close(): Promise<void>;
}

export async function serveHttp(files: Record<string, string>): Promise<CaseServer> {
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404, 'Not Found', { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // Any other method: 201 and what was received, as JSON (for uri cases).
      let got = '';
      req.on('data', (d: Buffer) => { got += d; });
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body: got })));
      return;
    }
    res.writeHead(200, { 'content-type': req.url!.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
