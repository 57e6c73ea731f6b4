import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeEndpoint,
  developerStackDir,
  developerStackStatus,
  downDeveloperStack,
  serverNames,
  upDeveloperStack,
} from '../stack.js';
import { writeEndpointsFile } from '../endpoints-file.js';

/** `npm run stack -- up|down|status|logs [--follow] [server...]` */
export async function runStack([action, ...rest]: string[]): Promise<number> {
  switch (action) {
    case 'up': {
      const running = await upDeveloperStack();
      writeEndpointsFile(running);
      for (const s of running) {
        const how = s.startedHere ? 'started' : 'already running';
        process.stdout.write(
          `${s.name.padEnd(9)} ${s.version.padEnd(8)} ${describeEndpoint(s.endpoint)} (${how})\n`,
        );
      }
      return 0;
    }
    case 'down': {
      const stopped = await downDeveloperStack();
      process.stdout.write(
        stopped.length ? `stopped ${stopped.join(', ')}\n` : 'nothing was running\n',
      );
      return 0;
    }
    case 'status':
      return printStatus();
    case 'logs':
      return showLogs(rest);
    default:
      throw new Error('stack needs one of: up, down, status, logs');
  }
}

async function printStatus(): Promise<number> {
  const statuses = await developerStackStatus();
  process.stdout.write(
    `${'component'.padEnd(10)}${'version'.padEnd(9)}${'health'.padEnd(8)}address\n`,
  );
  for (const s of statuses) {
    const health = s.healthy ? 'up' : 'DOWN';
    process.stdout.write(
      `${s.name.padEnd(10)}${s.version.padEnd(9)}${health.padEnd(8)}${s.address}\n`,
    );
  }
  return statuses.every((s) => s.healthy) ? 0 : 1;
}

function showLogs(args: string[]): Promise<number> {
  const follow = args.includes('--follow') || args.includes('-f');
  const wanted = args.filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : serverNames;
  const files = names
    .map((n) => join(developerStackDir(n as never), 'server.log'))
    .filter(existsSync);
  if (files.length === 0)
    throw new Error('no logs yet: start the stack with `npm run stack -- up`');
  return new Promise((resolve) => {
    const tail = spawn('tail', ['-n', '50', ...(follow ? ['-F'] : []), ...files], {
      stdio: 'inherit',
    });
    tail.once('exit', (code) => resolve(code ?? 0));
  });
}
