/**
 * Group commit: callers submit one item each and wait for its result; the items that queue up while
 * batches are being written go together into the next one, so under load many callers share one
 * transaction and its round trips, and alone a caller waits for nobody. A few batches may be in
 * flight at once, so that one batch's commit (its log flush) overlaps the next one's statements.
 */
export class GroupCommitQueue<Item, Result> {
  private waiting: Array<{
    item: Item;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  }> = [];
  private inFlight = 0;

  constructor(
    /** Writes a batch and answers one result per item, in order; throwing fails the whole batch. */
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly limits: { maxBatch: number; maxInFlight: number },
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.limits.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.limits.maxBatch);
      this.inFlight += 1;
      this.write(batch.map((entry) => entry.item))
        .then(
          (results) => batch.forEach((entry, index) => entry.resolve(results[index]!)),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
