import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { progress } from './report.js';

/**
 * With BENCH_PROFILE set to a folder, records a CPU profile of this process while `work` runs
 * and writes it there as `<name>.cpuprofile` (open it in Chrome DevTools or VS Code). Without it,
 * just runs `work`. Only this process: child processes started with `runTs` write their own (`lib/child.ts`).
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${name}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    progress(`CPU profile written to ${file}`);
  }
}
