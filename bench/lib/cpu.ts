import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux builds we run on). */
const ticksPerSecond = 100;

/**
 * CPU seconds (user + system, including reaped children) used so far by the process `root` and
 * all its descendants: a stack server and its workers (PostgreSQL's backends, which each lead
 * their own process group; Kafka's JVM under its start script). Linux only; undefined elsewhere.
 * Take the difference of two readings to cost one phase.
 */
export function processTreeCpuSeconds(root: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const processes = new Map<number, { parent: number; ticks: number }>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone already
    }
    // After the command (which may hold spaces): state ppid pgrp ... utime(14) stime cutime cstime
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    processes.set(Number(entry), { parent: Number(fields[1]), ticks });
  }
  if (!processes.has(root)) return undefined;
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops += 1) {
      if (p === root) return true;
      p = processes.get(p)?.parent ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, info] of processes) if (inTree(pid)) ticks += info.ticks;
  return ticks / ticksPerSecond;
}

/** CPU seconds of this process so far (all its threads). */
export const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Meters the CPU seconds that each named process tree (e.g. a stack server's pid), and this
 * process as `bench`, spend in a phase: `const done = meter.start(); ...; done()`.
 * On a shared, noisy machine, CPU per event says more about cost than wall time does.
 */
export class CpuMeter {
  constructor(private readonly roots: Record<string, number>) {}

  start(): () => Record<string, number> {
    const before = this.read();
    return () => {
      const after = this.read();
      const spent = Object.entries(after).map(([name, value]) => [
        name,
        Math.round((value - (before[name] ?? 0)) * 100) / 100,
      ]);
      return Object.fromEntries(spent) as Record<string, number>;
    };
  }

  private read(): Record<string, number> {
    const readings: Record<string, number> = { bench: ownCpuSeconds() };
    for (const [name, pid] of Object.entries(this.roots))
      readings[name] = processTreeCpuSeconds(pid) ?? Number.NaN;
    return readings;
  }
}

/** CPU milliseconds per item (event, request) of each process in a reading, and their total. */
export function cpuMsPer(
  cpuSeconds: Record<string, number>,
  items: number,
): Record<string, number> {
  const ms = (seconds: number): number => Math.round((seconds * 1e6) / items) / 1000;
  const total = Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  return {
    ...Object.fromEntries(Object.entries(cpuSeconds).map(([name, s]) => [name, ms(s)])),
    total: ms(total),
  };
}
