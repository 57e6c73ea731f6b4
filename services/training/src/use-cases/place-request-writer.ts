import { GroupCommit, poolLike, withTransaction, type Pool } from '@ladder/db';
import type { IdempotentResult } from '@ladder/idempotency';
import type { TrainingDeps } from './deps.js';
import { requestPlaces, type PlaceAsk, type PlaceView } from './places.js';

type Answer = IdempotentResult<PlaceView> | Error;

/**
 * Place requests are decided in groups (group commit): those that arrive while a group is being
 * decided wait for it, then go together in one transaction (`requestPlaces`), which takes each
 * intake's lock once for all of them and writes what they create in one statement. A burst of
 * requests then costs PostgreSQL a few statements a group instead of ten a request, and an
 * intake's lock is held for one transaction instead of once per request in a queue.
 *
 * One group at a time, so the groups of one process never wait on each other's intake locks; up
 * to 200 requests in a group.
 */
export class PlaceRequestWriter {
  private readonly groups: GroupCommit<PlaceAsk, IdempotentResult<PlaceView>>;
  /** Its own connection, which pipelines: a group's look-ups go in one round trip. */
  private readonly pool: Pool;

  constructor(private readonly deps: TrainingDeps) {
    this.pool = poolLike(deps.pool, {
      max: 1,
      pipeline: true,
      applicationName: 'training-service-place-requests',
    });
    this.groups = new GroupCommit((group) => this.decide(group), { maxInFlight: 1, maxBatch: 200 });
  }

  /** Ends its connection (once no request is being decided). */
  close(): Promise<void> {
    return this.pool.end();
  }

  /** The request's answer under its key; rejects with the ProblemError of a refusal. */
  request(ask: PlaceAsk): Promise<IdempotentResult<PlaceView>> {
    return this.groups.write(ask);
  }

  private async decide(group: readonly PlaceAsk[]): Promise<Answer[]> {
    try {
      return await withTransaction(this.pool, (tx) => requestPlaces(tx, this.deps, group));
    } catch (error) {
      if (group.length === 1) throw error;
      // A group fails as one (nothing of it is written): each of its requests goes again alone,
      // in order, so one request's failure fails only that request.
      const answers: Answer[] = [];
      for (const ask of group)
        answers.push(
          await this.decide([ask]).then(
            ([answer]) => answer!,
            (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
          ),
        );
      return answers;
    }
  }
}
