import { mkdirSync, writeFileSync } from 'node:fs';
import { machine } from './machine.js';

export const progress = (message: string): void =>
  void process.stderr.write(`[bench] ${message}\n`);

/** Writes bench/results/<name>.json with the machine it ran on, and prints it. */
export function writeResult(name: string, result: Record<string, unknown>): void {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const report = { benchmark: name, ...result, machine: machine() };
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
