import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyChild } from './index.js';

function captured(level: 'info' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { name: 'test', level },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  let children = 0;
  logger.onChild = () => {
    children += 1;
  };
  return { logger, lines, children: () => children };
}

const withoutTime = ({ time: _time, ...line }: Record<string, unknown>) => line;

describe('lazyChild', () => {
  it('when it logs only below the level written, then no child is made and nothing written', () => {
    const { logger, lines, children } = captured('warn');
    const log = lazyChild(logger, { reqId: 'r-1' });
    log.info('incoming request');
    log.debug({ a: 1 }, 'detail');
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
  });

  it('when it logs at a level written, then the line is the real child’s: its bindings, redaction and all', () => {
    const { logger, lines, children } = captured('info');
    const log = lazyChild(logger, { reqId: 'r-1' });
    const person = { givenName: 'Ada', postcode: 'LU1 2AB' };
    log.warn({ referral: { person }, status: 'accepted' }, 'lazy');
    logger.child({ reqId: 'r-1' }).warn({ referral: { person }, status: 'accepted' }, 'lazy');
    expect(children()).toBe(2);
    expect(withoutTime(lines[0]!)).toEqual(withoutTime(lines[1]!));
    expect(lines[0]).toMatchObject({ reqId: 'r-1', referral: { person: '[redacted]' } });
  });

  it('when its own child or level is used, then it stands for the real child', () => {
    const { logger, lines } = captured('info');
    const log = lazyChild(logger, { reqId: 'r-1' });
    expect(log.level).toBe('info');
    log.child({ step: 'two' }).info('nested');
    expect(lines[0]).toMatchObject({ reqId: 'r-1', step: 'two', msg: 'nested' });
    expect(log.bindings()).toMatchObject({ reqId: 'r-1' });
  });

  it('when the child is given a level of its own, then it is made at once with that level', () => {
    const { logger, lines, children } = captured('warn');
    const log = lazyChild(logger, { reqId: 'r-1' }, { level: 'debug' });
    expect(children()).toBe(1);
    log.debug('shown');
    expect(lines[0]).toMatchObject({ reqId: 'r-1', msg: 'shown' });
  });
});
