import assert from 'node:assert/strict';
import { GroupCommitQueue } from '../../server/src/platform/db/group-commit.js';

describe('group commit queue', () => {
  it('groups what queues up while batches are in flight, keeps order, and answers each item', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, string>(
      async (items) => {
        batches.push(items);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return items.map((item) => `done ${item}`);
      },
      { maxBatch: 4, maxInFlight: 2 },
    );
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => queue.submit(index)));
    assert.deepEqual(
      results,
      Array.from({ length: 10 }, (_, index) => `done ${index}`),
    );
    // Two start at once (alone), the rest wait and go in batches of at most four, in order.
    assert.deepEqual(batches, [[0], [1], [2, 3, 4, 5], [6, 7, 8, 9]]);
  });

  it('fails every item of a failed batch, and goes on with the next', async () => {
    const queue = new GroupCommitQueue<number, number>(
      (items) => (items.includes(1) ? Promise.reject(new Error('bad batch')) : Promise.resolve(items)),
      { maxBatch: 8, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled([0, 1, 2, 3].map((item) => queue.submit(item)));
    assert.deepEqual(
      settled.map((result) => result.status),
      ['fulfilled', 'rejected', 'rejected', 'rejected'],
    );
    assert.equal(await queue.submit(4), 4);
  });
});
