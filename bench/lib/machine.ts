import { cpus, totalmem, release, platform, loadavg } from 'node:os';

/**
 * What a benchmark ran on: results from shared, noisy machines mean little without it. The load
 * average (1, 5 and 15 minutes) is the machine's when the result is written.
 */
export function machine(): Record<string, string | number | number[]> {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadAverage(),
  };
}

/** The 1-, 5- and 15-minute load averages, to two decimals. */
export const loadAverage = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);
