import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@ladder/logger';
import { temporalLogger } from './temporal-logger.js';

describe('temporalLogger', () => {
  it('when the SDK logs, then the line goes through pino at its level, with its metadata and redaction', () => {
    const lines: string[] = [];
    const pino = createLogger(
      { name: 'journey-worker', level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const logger = temporalLogger(pino);
    logger.debug('not at info');
    logger.warn('Activity failed', { activityType: 'publishJourneyEvents', person: 'Alex' });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 40,
      msg: 'Activity failed',
      component: 'temporal',
      activityType: 'publishJourneyEvents',
      person: '[redacted]',
    });
  });
});
