import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  createEnvelope,
  createEventParser,
  eventCatalogue,
  referralWithdrawnV1,
  referralWithdrawnV2,
  upcasters,
  type EventData,
} from '@ladder/events';
import { handlersByType } from './handler-registry.js';
import { createMessageDecoder, eventRunFrom } from './message-decoder.js';
import { onBatch } from './subscriptions.js';

const handlers = handlersByType(
  [onBatch(referralWithdrawnV2, () => Promise.resolve())],
  eventCatalogue,
);
const decode = createMessageDecoder(handlers, createEventParser(eventCatalogue, upcasters));
let offset = 0;
const message = (value: unknown): KafkaMessage => ({
  key: null,
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  offset: String((offset += 1)),
  headers: {},
  timestamp: '0',
  attributes: 0,
});
const withdrawal = {
  referralId: randomUUID(),
  participantId: randomUUID(),
  programmeId: 'blmk',
  withdrawnAt: '2026-04-01T09:00:00Z',
};
const context = { source: 'unit', subject: 'p', correlationId: 'c' };
const withdrawn = (reasonCode: EventData<typeof referralWithdrawnV2>['reasonCode']) =>
  createEnvelope(referralWithdrawnV2, { ...withdrawal, reasonCode }, context);

describe('decoding a consumed message', () => {
  it.each([
    ['not JSON', '{', 'not JSON'],
    ['JSON without a type', { data: {} }, 'no event type'],
    ['JSON that is null', 'null', 'no event type'],
  ])('when it is %s, then it is invalid, saying so', (_what, value, reason) => {
    expect(decode(message(value))).toMatchObject({ kind: 'invalid', reason });
  });

  it('when its type has no handler, then it is skipped unparsed, naming its type', () => {
    expect(decode(message({ type: 'SomethingElse', data: 'not even an object' }))).toMatchObject({
      kind: 'skip',
      type: 'SomethingElse',
    });
  });

  it('when its type has a handler but its data fails the schema, then it is invalid, naming the field', () => {
    const decoded = decode(message({ ...withdrawn('moved-away'), data: { reasonCode: 3 } }));
    expect(decoded.kind).toBe('invalid');
    expect(decoded.kind === 'invalid' && decoded.reason).toMatch(/referralId/);
  });

  it('when it is an older version of a handled type, then it is the event upcast, with its handler', () => {
    const old = createEnvelope(
      referralWithdrawnV1,
      { ...withdrawal, reasonCode: 'health' },
      context,
    );
    const decoded = decode(message(old));
    expect(decoded).toMatchObject({ kind: 'event', event: { id: old.id, version: 2 } });
    expect(decoded.kind === 'event' && decoded.handler).toBe(handlers.get('ReferralWithdrawn'));
  });
});

describe('the run of events from a place in a batch', () => {
  it('when events are followed by a skipped message, then the run stops before it', () => {
    const batch = [
      message(withdrawn('moved-away')),
      message(withdrawn('health')),
      message({ type: 'SomethingElse' }),
      message(withdrawn('other')),
    ].map(decode);
    expect(eventRunFrom(batch, 0).map((m) => m.message.offset)).toEqual([
      batch[0]!.message.offset,
      batch[1]!.message.offset,
    ]);
    expect(eventRunFrom(batch, 2)).toEqual([]);
    expect(eventRunFrom(batch, 3)).toHaveLength(1);
  });
});
