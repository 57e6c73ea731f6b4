import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from './paths.js';
import { endpointsOf, type RunningServer } from './stack.js';

export interface AppEndpoint {
  name: string;
  url: string;
  docs?: string;
  metrics: string;
}

export function endpointsFilePath(): string {
  return join(stateDir(), 'endpoints.json');
}

/** `.ladder/endpoints.json`: the addresses `npm start` prints, for scripts to read. */
export function writeEndpointsFile(servers: RunningServer[], apps: AppEndpoint[] = []): string {
  const file = endpointsFilePath();
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...endpointsOf(servers), apps }, null, 2)}\n`);
  return file;
}
