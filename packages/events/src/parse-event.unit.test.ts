import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEnvelope } from './create-envelope.js';
import { defineEvent, type Upcaster } from './define-event.js';
import { createEventParser } from './parse-event.js';
import { topics } from './topics.js';
import { eventCatalogue, referralSubmittedV1, upcasters } from './index.js';

// Two versions of a test-only event: v2 split `hours` into `minutes`.
const sessionHeldV1 = defineEvent({
  type: 'SessionHeld',
  version: 1,
  topic: topics.referrals,
  description: 'test only',
  data: z.object({ sessionId: z.string(), hours: z.number() }),
});
const sessionHeldV2 = defineEvent({
  type: 'SessionHeld',
  version: 2,
  topic: topics.referrals,
  description: 'test only',
  data: z.object({ sessionId: z.string(), minutes: z.number() }),
});
const hoursToMinutes: Upcaster = {
  type: 'SessionHeld',
  from: 1,
  upcast: (data) => {
    const v1 = sessionHeldV1.data.parse(data);
    return { sessionId: v1.sessionId, minutes: v1.hours * 60 };
  },
};
const context = { source: 'test', subject: 'p-1', correlationId: 'c-1' };

describe('createEventParser', () => {
  const parse = createEventParser([sessionHeldV1, sessionHeldV2], [hoursToMinutes]);

  it('when an older version arrives, then it is upcast to the newest version', () => {
    const result = parse(createEnvelope(sessionHeldV1, { sessionId: 's', hours: 2 }, context));
    expect(result).toMatchObject({
      ok: true,
      event: { version: 2, data: { sessionId: 's', minutes: 120 } },
    });
  });

  it('when the data has fields this consumer does not know, then they are dropped, not rejected', () => {
    const envelope = createEnvelope(sessionHeldV2, { sessionId: 's', minutes: 5 }, context);
    const result = parse({ ...envelope, data: { ...envelope.data, room: 'B2' } });
    expect(result).toMatchObject({ ok: true, event: { data: { sessionId: 's', minutes: 5 } } });
  });

  it('when a field is missing, then the failure names it', () => {
    const envelope = createEnvelope(sessionHeldV2, { sessionId: 's', minutes: 5 }, context);
    expect(parse({ ...envelope, data: { sessionId: 's' } })).toEqual({
      ok: false,
      reason: expect.stringContaining('data.minutes'),
    });
  });

  it('when the envelope is not an event at all, then the failure says what is wrong', () => {
    expect(parse({ hello: 'world' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('envelope.id'),
    });
  });

  it('when a version is newer than the consumer knows, then it is refused rather than guessed', () => {
    const envelope = createEnvelope(sessionHeldV2, { sessionId: 's', minutes: 5 }, context);
    expect(parse({ ...envelope, version: 3 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('newer'),
    });
  });
});

describe('the published catalogue', () => {
  it('when every type is checked, then its versions run 1..n with an upcaster between each pair', () => {
    const byType = Map.groupBy(eventCatalogue, (e) => e.type);
    for (const [type, versions] of byType) {
      const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      for (const v of numbers.slice(0, -1))
        expect(upcasters.some((u) => u.type === type && u.from === v)).toBe(true);
    }
  });

  it('when an event is created with invalid data, then it never becomes an envelope', () => {
    expect(() =>
      createEnvelope(referralSubmittedV1, { referralId: 'not-a-uuid' } as never, context),
    ).toThrow();
  });
});
