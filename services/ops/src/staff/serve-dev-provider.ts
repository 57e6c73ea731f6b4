import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevProvider, type DevProviderOptions } from './dev-provider.js';

/** Runs the development provider on 127.0.0.1 (port 0: any free one); returns its issuer. */
export async function serveDevProvider(
  port: number,
  options: Omit<DevProviderOptions, 'issuer'> & { issuer?: string },
): Promise<{ issuer: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = options.issuer ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = createDevProvider({ ...options, issuer });
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));
  return { issuer, server };
}
