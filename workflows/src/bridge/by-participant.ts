import type { EventEnvelope } from '@ladder/events';
import type { EventSubscription } from '@ladder/kafka';

/** Participants signalled at once within a run of events (each participant's events in turn). */
export const bridgeConcurrency = 16;

/**
 * The bridge's subscriptions, handling a run of events participant by participant at once: the
 * run is split by `subject` (the participant, and the Kafka key, so one partition holds a
 * participant's events in order), up to `concurrency` participants are handled side by side, and
 * each participant's events go one after another, in their order, to their own subscription.
 *
 * Every returned subscription shares one handler, so the runner hands it a run of consecutive
 * events of any of these types (it gives consecutive events of one handler together); were it
 * to split runs by type, this would still be correct, only less concurrent.
 *
 * On the first failure no further event is started, the ones in flight are waited for, and the
 * error is thrown: the runner rolls the run's transaction back and retries each event alone, in
 * order. Events signalled before the failure are signalled again then; the journey drops a
 * repeat by its event id, so a milestone is recorded once.
 */
export function concurrentByParticipant(
  subscriptions: readonly EventSubscription[],
  concurrency: number = bridgeConcurrency,
): EventSubscription[] {
  const handlerOf = new Map(subscriptions.map((s) => [s.definition.type, s.handle]));
  const handle: EventSubscription['handle'] = async (events, context) => {
    const waiting = [...eventsBySubject(events).values()];
    let failure: { error: unknown } | undefined;
    const lane = async (): Promise<void> => {
      for (let group = waiting.shift(); group && !failure; group = waiting.shift()) {
        for (const event of group) {
          if (failure) return;
          const handler = handlerOf.get(event.type);
          try {
            if (!handler) throw new Error(`no bridge handler for ${event.type}`);
            await handler([event], context);
          } catch (error) {
            failure ??= { error };
            return;
          }
        }
      }
    };
    const lanes = Math.max(1, Math.min(concurrency, waiting.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    if (failure) throw failure.error;
  };
  return subscriptions.map(({ definition }) => ({ definition, handle }));
}

/** The events of each subject, each list in the run's order. */
function eventsBySubject(events: readonly EventEnvelope[]): Map<string, EventEnvelope[]> {
  const bySubject = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const group = bySubject.get(event.subject);
    if (group) group.push(event);
    else bySubject.set(event.subject, [event]);
  }
  return bySubject;
}
