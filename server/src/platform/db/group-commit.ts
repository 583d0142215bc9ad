/**
 * Group commit: callers submit one item each and wait for its result; the items that queue up while
 * a batch is being written go together into the next one, so under load many callers share one
 * transaction and its round trips, and alone a caller waits for nobody. One batch is in flight at a
 * time, which also keeps this process's batches from contending for the same rows.
 */
export class GroupCommitQueue<Item, Result> {
  private waiting: Array<{
    item: Item;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  }> = [];
  private busy = false;

  constructor(
    /** Writes a batch and answers one result per item, in order; throwing fails the whole batch. */
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly maxBatch: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(results[index]!));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.busy = false;
  }
}
