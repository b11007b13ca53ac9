/** A tiny HTTP server on loopback for cases that download (get_url): url path -> body. */
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
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
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
