import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A referrer's webhook receiver on 127.0.0.1 that fails the first `failures` deliveries. */
export async function receiver(
  failures: number,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let left = failures;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = left-- > 0 ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ladder-hooks`,
    received,
    server,
  };
}
