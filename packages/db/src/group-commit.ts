import DataLoader from 'dataloader';

export interface GroupCommitOptions {
  /** Groups being written at once; while they all are, new items wait and go in the next. */
  maxInFlight: number;
  /** Items in one group at most. */
  maxBatch: number;
}

/**
 * Hands items to `writeGroup` in groups (group commit): an item that arrives while `maxInFlight`
 * groups are being written waits for one of them to finish and then goes with every other item
 * that waited, in one call. Under no load an item goes at once, alone; under load the round trips
 * and the commit of a group are shared by all its items, which is most of what PostgreSQL spends
 * on a short write.
 *
 * `writeGroup` answers each item in its place: a value, or an Error for that item alone. If it
 * throws, every item of the group gets the error.
 */
export class GroupCommit<T, R> {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly loader: DataLoader<T, R>;

  constructor(
    writeGroup: (group: readonly T[]) => Promise<(R | Error)[]>,
    private readonly options: GroupCommitOptions,
  ) {
    this.loader = new DataLoader((group) => this.run(group, writeGroup), {
      cache: false,
      maxBatchSize: options.maxBatch,
      batchScheduleFn: (dispatch) => this.schedule(dispatch),
    });
  }

  write(item: T): Promise<R> {
    return this.loader.load(item);
  }

  /** A new group goes once a slot is free; the items arriving until then join it. */
  private schedule(dispatch: () => void): void {
    if (this.inFlight < this.options.maxInFlight) {
      this.inFlight += 1;
      process.nextTick(dispatch);
    } else {
      this.waiting.push(dispatch);
    }
  }

  private async run(
    group: readonly T[],
    writeGroup: (group: readonly T[]) => Promise<(R | Error)[]>,
  ): Promise<(R | Error)[]> {
    try {
      return await writeGroup(group);
    } catch (error) {
      // DataLoader rejects a load only for an Error in its place; anything else would resolve it.
      const failure = error instanceof Error ? error : new Error(String(error));
      return group.map(() => failure);
    } finally {
      // The slot passes to the group that waited longest, if any.
      const next = this.waiting.shift();
      if (next) process.nextTick(next);
      else this.inFlight -= 1;
    }
  }
}
