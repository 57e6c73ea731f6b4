import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.js';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('when personal data is logged at any of the first three levels, then it is redacted', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test' }, stream);
    logger.info(
      {
        niNumber: 'QQ123456C',
        referral: { person: { name: 'Ada Lovelace' }, postcode: 'LU1 2AB' },
        req: { headers: { authorization: 'Bearer abc' } },
      },
      'referral accepted',
    );
    const out = lines.join('');
    expect(out).toContain('referral accepted');
    for (const secret of ['QQ123456C', 'Ada Lovelace', 'LU1 2AB', 'Bearer abc'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('when ids and codes are logged, then they pass through', () => {
    const { lines, stream } = capture();
    createLogger({ name: 'test' }, stream).info({ referralId: 'r-1', status: 'accepted' }, 'ok');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      referralId: 'r-1',
      status: 'accepted',
      service: 'test',
    });
  });
});
