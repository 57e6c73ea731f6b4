import { once } from 'node:events';
import { startApp, stopApps, type RunningApp } from '../app-runner.js';
import { apps, demoCredentialsFile } from '../apps.js';
import { writeEndpointsFile } from '../endpoints-file.js';
import { log } from '../install-cache.js';
import { localSecrets } from '../secrets.js';
import { describeEndpoint, endpointsOf, stopServers, upDeveloperStack } from '../stack.js';

/**
 * `npm start`: brings up the developer stack (reusing servers that `stack up` left running), runs
 * every service and worker with demo data, writes `.ladder/endpoints.json`, prints where to look,
 * and on Ctrl-C stops what it started itself.
 */
export async function runStart(): Promise<number> {
  log('starting PostgreSQL, Kafka, Temporal and Jaeger');
  const servers = await upDeveloperStack();
  const stack = endpointsOf(servers);
  const secrets = localSecrets();
  const running: RunningApp[] = [];
  const stopAll = async (): Promise<void> => {
    await stopApps(running);
    await stopServers(servers.filter((s) => s.startedHere));
  };
  try {
    for (const app of apps) running.push(await startApp(app, stack, secrets));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const file = writeEndpointsFile(
    servers,
    running.map((a) => ({
      name: a.name,
      url: a.url,
      ...(a.docs ? { docs: a.docs } : {}),
      metrics: a.metrics,
    })),
  );
  const lines = [
    '',
    'Ladder is running.',
    '',
    ...running.flatMap((a) => [
      `  ${a.name.padEnd(18)} ${a.url}${a.docs ? `   (API docs: ${a.docs})` : ''}`,
      `  ${''.padEnd(18)} metrics: ${a.metrics}`,
      ...a.notes.map((note) => `  ${''.padEnd(18)} ${note}`),
    ]),
    `  ${'Temporal Web UI'.padEnd(18)} ${stack.temporal.uiUrl ?? '(not running)'}`,
    `  ${'Jaeger (traces)'.padEnd(18)} ${stack.jaeger?.uiUrl ?? '(not running)'}   (query API: /api/traces?service=<name>)`,
    ...servers.map((s) => `  ${s.name.padEnd(18)} ${describeEndpoint(s.endpoint)}  (${s.version})`),
    '',
    `Demo API keys:        ${demoCredentialsFile()}`,
    `Service logs:         ${running.map((a) => a.logFile).join(', ')}`,
    `Addresses for scripts: ${file}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  log('stopping');
  await stopAll();
  return 0;
}
