import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@ladder/logger';

/** A logger that keeps every line it writes, so a test can look for personal data in them. */
export function capturedLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ name: 'ops-test', level: 'debug' }, stream), lines };
}
