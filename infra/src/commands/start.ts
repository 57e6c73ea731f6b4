import { once } from 'node:events';
import { log } from '../install-cache.js';
import { writeEndpointsFile } from '../endpoints-file.js';
import { stopServers, upDeveloperStack } from '../stack.js';
import { describeEndpoint } from '../stack.js';

/**
 * `npm start`: brings up the developer stack (reusing servers that `stack up` left running), writes
 * `.ladder/endpoints.json`, prints where to look, and on Ctrl-C stops what it started itself.
 */
export async function runStart(): Promise<number> {
  log('starting PostgreSQL, Kafka and Temporal');
  const servers = await upDeveloperStack();
  const file = writeEndpointsFile(servers);
  const temporal = servers.find((s) => s.name === 'temporal')?.endpoint as { uiUrl?: string } | undefined;
  const lines = [
    '',
    'Ladder is running.',
    ...servers.map((s) => `  ${s.name.padEnd(9)} ${s.version.padEnd(8)} ${describeEndpoint(s.endpoint)}`),
    `  Temporal Web UI    ${temporal?.uiUrl ?? '(not running)'}`,
    '',
    'Services: none are built yet (the referral, training, employer and ops services and the',
    'journey worker arrive with their issues); the stack above is ready for them.',
    `Addresses for scripts: ${file}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  log('stopping');
  await stopServers(servers.filter((s) => s.startedHere));
  return 0;
}
