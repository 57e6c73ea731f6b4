import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPool } from '@ladder/db';
import {
  eventCatalogue,
  referralSubmittedV1,
  referralSubmittedV3,
  referralWithdrawnV2,
  type EventData,
} from '@ladder/events';
import { createLogger } from '@ladder/logger';
import { createKafka } from './client.js';
import { ConsumerRunner, type ConsumerRunnerOptions } from './consumer-runner.js';
import { on, onBatch, type EventSubscription } from './subscriptions.js';

const logger = createLogger({ name: 'consumer-runner-unit', level: 'silent' });

/** Building a runner opens no connection: nothing here reaches Kafka or PostgreSQL. */
function build(
  handlers: readonly EventSubscription[],
  options: Partial<ConsumerRunnerOptions> = {},
): ConsumerRunner {
  return new ConsumerRunner({
    kafka: createKafka({ brokers: ['127.0.0.1:9'], clientId: 'unit', logger }),
    pool: createPool('postgres://127.0.0.1:9/unit'),
    logger,
    groupId: 'unit',
    topics: [referralSubmittedV3.topic],
    handlers,
    ...options,
  });
}

const nothing = (): Promise<void> => Promise.resolve();

describe('building a consumer runner', () => {
  it('when each handler is for the newest version of its type, then the runner is built', () => {
    expect(() =>
      build([on(referralSubmittedV3, nothing), onBatch(referralWithdrawnV2, nothing)]),
    ).not.toThrow();
  });

  it('when a handler is for an older version than the catalogue upcasts to, then it is refused', () => {
    expect(() => build([on(referralSubmittedV1, nothing)])).toThrow(
      'a handler for ReferralSubmitted v1, but events are upcast to v3 before handlers run: register it for v3',
    );
  });

  it('when a batch handler is for an older version, then it is refused too', () => {
    expect(() => build([onBatch(referralSubmittedV1, nothing)])).toThrow(/register it for v3/);
  });

  it('when a handler is for a type the catalogue does not know, then it is refused', () => {
    const withoutSubmitted = eventCatalogue.filter((d) => d.type !== 'ReferralSubmitted');
    expect(() =>
      build([on(referralSubmittedV3, nothing)], { catalogue: withoutSubmitted }),
    ).toThrow("ReferralSubmitted is not in this consumer's event catalogue");
  });

  it('when a handler is for a version the catalogue knows as a different definition, then it is refused', () => {
    const lookalike = { ...referralSubmittedV3 };
    expect(() => build([on(lookalike, nothing)])).toThrow(/not the definition in this consumer/);
  });

  it('when one type has two handlers, then the runner is refused', () => {
    expect(() =>
      build([on(referralSubmittedV3, nothing), onBatch(referralSubmittedV3, nothing)]),
    ).toThrow('ReferralSubmitted has more than one handler');
  });

  it("when a handler is registered, then its event's data has its schema's output type", () => {
    on(referralSubmittedV3, (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'ReferralSubmitted'>();
      expectTypeOf(event.data).toEqualTypeOf<EventData<typeof referralSubmittedV3>>();
      return Promise.resolve();
    });
    onBatch(referralWithdrawnV2, (events) => {
      expectTypeOf(events[0]!.data.reasonCode).toEqualTypeOf<
        EventData<typeof referralWithdrawnV2>['reasonCode']
      >();
      return Promise.resolve();
    });
  });
});
