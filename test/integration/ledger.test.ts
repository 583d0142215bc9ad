import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  Ledger,
  type AccountRef,
  type TransferRequest,
} from '../../server/src/modules/ledger/ledger.service.js';
import { AppError } from '../../server/src/platform/http/errors.js';
import { ctx } from '../helpers/context.js';

type Currency = 'CZK' | 'EUR';

/** User and network ids far above anything the suite creates; the ledger has no foreign keys. */
function freshId(): string {
  return String(7_000_000_000_000 + randomInt(0, 2 ** 40));
}
function freshKey(label: string): string {
  return `test:${label}:${randomBytes(8).toString('hex')}`;
}

const user = (
  kind: 'pending' | 'available' | 'payout_hold' | 'paid_out' | 'debt',
  userId: string,
  currency: Currency = 'CZK',
) => ({ kind, userId, currency }) as const;
const system = (kind: 'platform_pending' | 'platform_revenue' | 'bank', currency: Currency = 'CZK') =>
  ({ kind, currency }) as const;
const receivable = (networkId: string, currency: Currency = 'CZK') =>
  ({ kind: 'network_receivable', networkId, currency }) as const;

function request(
  userId: string | null,
  postings: TransferRequest['postings'],
  overrides: Partial<TransferRequest> = {},
): TransferRequest {
  return {
    idempotencyKey: freshKey('transfer'),
    code: 'adjustment',
    currency: 'CZK',
    userId,
    createdBy: 'test:ledger',
    postings,
    ...overrides,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: string, status?: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

async function scalar(sql: string, parameters: unknown[] = []): Promise<number> {
  const rows = await ctx().database.run((manager) =>
    manager.query<Array<{ n: string | number }>>(sql, parameters),
  );
  return Number(rows[0]!.n);
}

async function accountId(key: string): Promise<string> {
  const rows = await ctx().database.run((manager) =>
    manager.query<Array<{ id: string | number }>>('SELECT id FROM ledger_accounts WHERE account_key = ?', [
      key,
    ]),
  );
  assert.ok(rows[0], `account ${key} exists`);
  return String(rows[0].id);
}

/** Changes a cached balance behind the ledger's back (allowed: only entries and transfers are append-only). */
async function tamper(id: string, deltaMinor: number): Promise<void> {
  await ctx().database.run((manager) =>
    manager.query('UPDATE ledger_accounts SET balance_minor = balance_minor + ? WHERE id = ?', [
      deltaMinor,
      id,
    ]),
  );
}

describe('ledger', () => {
  let ledger: Ledger;
  const post = (transfer: TransferRequest) =>
    ctx().database.transaction((manager) => ledger.post(manager, transfer));
  const balanceOf = (ref: AccountRef) =>
    ctx().database.transaction((manager) => ledger.balanceOf(manager, ref));
  /** Gives a shopper `amount` available (an adjustment against platform revenue). */
  const fund = (userId: string, amount: bigint, currency: Currency = 'CZK') =>
    post(
      request(
        userId,
        [
          { account: system('platform_revenue', currency), amountMinor: -amount },
          { account: user('available', userId, currency), amountMinor: amount },
        ],
        { currency },
      ),
    );

  before(async () => {
    ledger = new Ledger(ctx().database, ctx().clock);
    await ctx().database.run((manager) =>
      manager.query(
        'CREATE TABLE ledger_test_causes (id bigint NOT NULL PRIMARY KEY, note varchar(40) NOT NULL)',
      ),
    );
  });
  after(async () => {
    await ctx().database.run((manager) => manager.query('DROP TABLE ledger_test_causes'));
  });

  it('when a balanced transfer is posted, then it is stored with its entries and moves the cached balances', async () => {
    const userId = freshId();
    const networkId = freshId();
    const platformBefore = await balanceOf(system('platform_pending'));
    const result = await post(
      request(
        userId,
        [
          { account: receivable(networkId), amountMinor: -1000n },
          { account: user('pending', userId), amountMinor: 700n },
          { account: system('platform_pending'), amountMinor: 300n },
        ],
        { code: 'conversion_pending', reference: 'conversion:test' },
      ),
    );
    assert.equal(result.duplicate, false);
    assert.match(result.transferId, /^\d+$/);
    assert.deepEqual(await ledger.balancesOf(userId), [
      { currency: 'CZK', pending: 700n, available: 0n, payoutHold: 0n, paidOut: 0n, debt: 0n },
    ]);
    assert.equal(await balanceOf(receivable(networkId)), -1000n);
    assert.equal((await balanceOf(system('platform_pending'))) - platformBefore, 300n);
    assert.equal(
      await scalar('SELECT COUNT(*) AS n FROM ledger_entries WHERE transfer_id = ?', [result.transferId]),
      3,
    );
    assert.equal(
      await scalar('SELECT COUNT(*) AS n FROM ledger_entries WHERE transfer_id = ? AND user_id = ?', [
        result.transferId,
        userId,
      ]),
      1,
    );
    const [transfer] = await ctx().database.run((manager) =>
      manager.query<Array<{ code: string; user_id: string | number; reference: string }>>(
        'SELECT code, user_id, reference FROM ledger_transfers WHERE id = ?',
        [result.transferId],
      ),
    );
    assert.deepEqual(
      [transfer!.code, String(transfer!.user_id), transfer!.reference],
      ['conversion_pending', userId, 'conversion:test'],
    );
  });

  it('when the same idempotency key is posted twice, then there is one transfer and the second is a duplicate', async () => {
    const userId = freshId();
    const transfer = request(userId, [
      { account: system('platform_revenue'), amountMinor: -250n },
      { account: user('available', userId), amountMinor: 250n },
    ]);
    const first = await post(transfer);
    const second = await post(transfer);
    assert.deepEqual(second, { transferId: first.transferId, duplicate: true });
    assert.equal(
      await scalar('SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key = ?', [
        transfer.idempotencyKey,
      ]),
      1,
    );
    assert.equal((await ledger.balancesOf(userId))[0]!.available, 250n);

    // The same key with other content is a caller's bug, not a duplicate.
    await rejectsWith(
      post({
        ...transfer,
        postings: [
          { account: system('platform_revenue'), amountMinor: -300n },
          { account: user('available', userId), amountMinor: 300n },
        ],
      }),
      'LEDGER_IDEMPOTENCY_CONFLICT',
      409,
    );
    await rejectsWith(post({ ...transfer, code: 'clawback' }), 'LEDGER_IDEMPOTENCY_CONFLICT', 409);
    assert.equal((await ledger.balancesOf(userId))[0]!.available, 250n);
  });

  it('when a duplicate is posted inside a larger transaction, then the caller’s transaction goes on', async () => {
    const userId = freshId();
    const transfer = request(userId, [
      { account: system('platform_revenue'), amountMinor: -40n },
      { account: user('available', userId), amountMinor: 40n },
    ]);
    await post(transfer);
    const causeId = randomInt(1, 2 ** 47);
    await ctx().database.transaction(async (manager) => {
      assert.equal((await ledger.post(manager, transfer)).duplicate, true);
      await manager.query('INSERT INTO ledger_test_causes (id, note) VALUES (?, ?)', [
        causeId,
        'after duplicate',
      ]);
    });
    assert.equal(await scalar('SELECT COUNT(*) AS n FROM ledger_test_causes WHERE id = ?', [causeId]), 1);
  });

  it('when a request is malformed, then it is refused and nothing is written', async () => {
    const userId = freshId();
    const cases: Array<[string, TransferRequest]> = [
      [
        'LEDGER_UNBALANCED',
        request(userId, [
          { account: system('platform_revenue'), amountMinor: -100n },
          { account: user('available', userId), amountMinor: 99n },
        ]),
      ],
      [
        'LEDGER_TOO_FEW_POSTINGS',
        request(userId, [{ account: user('available', userId), amountMinor: 100n }]),
      ],
      [
        'LEDGER_CURRENCY_MISMATCH',
        request(userId, [
          { account: system('platform_revenue', 'EUR'), amountMinor: -100n },
          { account: user('available', userId, 'CZK'), amountMinor: 100n },
        ]),
      ],
      [
        'LEDGER_DUPLICATE_ACCOUNT',
        request(userId, [
          { account: system('platform_revenue'), amountMinor: -100n },
          { account: user('available', userId), amountMinor: 60n },
          { account: user('available', userId), amountMinor: 40n },
        ]),
      ],
      [
        'LEDGER_INVALID_AMOUNT',
        request(userId, [
          { account: system('platform_revenue'), amountMinor: 0n },
          { account: user('available', userId), amountMinor: 0n },
        ]),
      ],
      [
        'LEDGER_USER_MISMATCH',
        request(freshId(), [
          { account: system('platform_revenue'), amountMinor: -100n },
          { account: user('available', userId), amountMinor: 100n },
        ]),
      ],
    ];
    for (const [code, transfer] of cases) {
      await rejectsWith(post(transfer), code, 500);
      assert.equal(
        await scalar('SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key = ?', [
          transfer.idempotencyKey,
        ]),
        0,
        code,
      );
    }
    assert.equal(await scalar('SELECT COUNT(*) AS n FROM ledger_accounts WHERE user_id = ?', [userId]), 0);
    assert.deepEqual(await ledger.balancesOf(userId), []);
  });

  it('when post is called outside a transaction, then it is refused', async () => {
    const userId = freshId();
    await rejectsWith(
      ctx().database.run((manager: EntityManager) =>
        ledger.post(
          manager,
          request(userId, [
            { account: system('platform_revenue'), amountMinor: -1n },
            { account: user('available', userId), amountMinor: 1n },
          ]),
        ),
      ),
      'LEDGER_NO_TRANSACTION',
    );
  });

  it('when a debit would make available negative, then it is refused with 409 and the whole caller transaction rolls back', async () => {
    const userId = freshId();
    await fund(userId, 100n);
    const causeId = randomInt(1, 2 ** 47);
    const credit = request(userId, [
      { account: system('platform_revenue'), amountMinor: -50n },
      { account: user('available', userId), amountMinor: 50n },
    ]);
    const overdraft = request(
      userId,
      [
        { account: user('available', userId), amountMinor: -500n },
        { account: user('payout_hold', userId), amountMinor: 500n },
      ],
      { code: 'payout_hold' },
    );
    await rejectsWith(
      ctx().database.transaction(async (manager) => {
        await manager.query('INSERT INTO ledger_test_causes (id, note) VALUES (?, ?)', [causeId, 'cause']);
        await ledger.post(manager, credit);
        await ledger.post(manager, overdraft);
      }),
      'LEDGER_INSUFFICIENT_FUNDS',
      409,
    );
    assert.equal(await scalar('SELECT COUNT(*) AS n FROM ledger_test_causes WHERE id = ?', [causeId]), 0);
    for (const key of [credit.idempotencyKey, overdraft.idempotencyKey]) {
      assert.equal(
        await scalar('SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key = ?', [key]),
        0,
      );
    }
    assert.deepEqual(await ledger.balancesOf(userId), [
      { currency: 'CZK', pending: 0n, available: 100n, payoutHold: 0n, paidOut: 0n, debt: 0n },
    ]);
  });

  it('when a reversal comes after a payout, then the shortfall goes to debt, and debt never goes above zero', async () => {
    const userId = freshId();
    await fund(userId, 30n);
    await post(
      request(
        userId,
        [
          { account: user('available', userId), amountMinor: -30n },
          { account: user('debt', userId), amountMinor: -70n },
          { account: system('platform_revenue'), amountMinor: 100n },
        ],
        { code: 'clawback' },
      ),
    );
    assert.deepEqual(await ledger.balancesOf(userId), [
      { currency: 'CZK', pending: 0n, available: 0n, payoutHold: 0n, paidOut: 0n, debt: 70n },
    ]);
    assert.equal(await balanceOf(user('debt', userId)), -70n, 'balanceOf is raw: a debt is negative');
    await rejectsWith(
      post(
        request(userId, [
          { account: system('platform_revenue'), amountMinor: -71n },
          { account: user('debt', userId), amountMinor: 71n },
        ]),
      ),
      'LEDGER_INSUFFICIENT_FUNDS',
      409,
    );
  });

  it('reports balances per currency, with accounts created only where used', async () => {
    const userId = freshId();
    await fund(userId, 1234n, 'EUR');
    await fund(userId, 5n, 'CZK');
    assert.deepEqual(await ledger.balancesOf(userId), [
      { currency: 'CZK', pending: 0n, available: 5n, payoutHold: 0n, paidOut: 0n, debt: 0n },
      { currency: 'EUR', pending: 0n, available: 1234n, payoutHold: 0n, paidOut: 0n, debt: 0n },
    ]);
    assert.equal(await balanceOf(user('pending', freshId())), 0n);
  });

  it('when a transaction that created accounts rolls back, then later transfers still land on the right accounts', async () => {
    const first = freshId();
    const second = freshId();
    const credit = (userId: string, amount: bigint) =>
      request(userId, [
        { account: system('platform_revenue'), amountMinor: -amount },
        { account: user('available', userId), amountMinor: amount },
      ]);
    await assert.rejects(
      ctx().database.transaction(async (manager) => {
        await ledger.post(manager, credit(first, 11n));
        throw new Error('cause failed');
      }),
      /cause failed/,
    );
    // On SQLite the rolled-back row ids are handed out again: to the second user's accounts here.
    await post(credit(second, 22n));
    await post(credit(first, 33n));
    assert.equal((await ledger.balancesOf(first))[0]!.available, 33n);
    assert.equal((await ledger.balancesOf(second))[0]!.available, 22n);
    assert.equal((await ledger.verify()).ok, true);
  });

  it('when 50 transfers of 1 race for a balance of 30, then exactly 30 succeed and it never goes negative', async () => {
    const userId = freshId();
    await fund(userId, 30n);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        post(
          request(
            userId,
            [
              { account: user('available', userId), amountMinor: -1n },
              { account: user('payout_hold', userId), amountMinor: 1n },
            ],
            { code: 'payout_hold' },
          ),
        ),
      ),
    );
    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.equal(fulfilled.length, 30);
    for (const outcome of rejected) {
      assert.ok(outcome.reason instanceof AppError, String(outcome.reason));
      assert.equal(outcome.reason.code, 'LEDGER_INSUFFICIENT_FUNDS');
    }
    assert.deepEqual(await ledger.balancesOf(userId), [
      { currency: 'CZK', pending: 0n, available: 0n, payoutHold: 30n, paidOut: 0n, debt: 0n },
    ]);
    assert.equal(
      await scalar("SELECT COUNT(*) AS n FROM ledger_transfers WHERE user_id = ? AND code = 'payout_hold'", [
        userId,
      ]),
      30,
    );
  });

  it('when 50 posts with the same idempotency key race, then exactly one transfer is written', async () => {
    const userId = freshId();
    const transfer = request(userId, [
      { account: system('platform_revenue'), amountMinor: -7n },
      { account: user('available', userId), amountMinor: 7n },
    ]);
    const results = await Promise.all(Array.from({ length: 50 }, () => post(transfer)));
    assert.equal(results.filter((result) => !result.duplicate).length, 1);
    assert.equal(new Set(results.map((result) => result.transferId)).size, 1);
    assert.equal(
      await scalar('SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key = ?', [
        transfer.idempotencyKey,
      ]),
      1,
    );
    assert.equal((await ledger.balancesOf(userId))[0]!.available, 7n);
  });

  it('refuses to update or delete entries and transfers (I6)', async () => {
    const userId = freshId();
    const { transferId } = await fund(userId, 10n);
    const statements = [
      'UPDATE ledger_entries SET amount_minor = amount_minor + 1 WHERE transfer_id = ?',
      'DELETE FROM ledger_entries WHERE transfer_id = ?',
      "UPDATE ledger_transfers SET reason = 'edited' WHERE id = ?",
      'DELETE FROM ledger_transfers WHERE id = ?',
    ];
    for (const statement of statements) {
      await assert.rejects(
        ctx().database.run((manager) => manager.query(statement, [transferId])),
        /ledger rows are append-only/,
        statement,
      );
    }
    assert.equal(
      await scalar('SELECT COUNT(*) AS n FROM ledger_entries WHERE transfer_id = ?', [transferId]),
      2,
    );
  });

  describe('verification', () => {
    const verifyCommand = () => {
      const { target } = ctx();
      return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/ledger-verify.ts'], {
        env: { PATH: process.env.PATH, NODE_ENV: 'test', DB_TYPE: target.type, DATABASE_URL: target.url },
        encoding: 'utf8',
        timeout: 60_000,
      });
    };

    it('when the ledger is consistent, then every check passes', async () => {
      const report = await ledger.verify();
      assert.equal(report.ok, true, JSON.stringify(report, null, 2));
      assert.deepEqual(
        report.checks.map((check) => check.name.split(' ')[0]),
        ['I1', 'I2', 'I3', 'I5', 'I6'],
      );
    });

    it('when a cached balance is tampered with, then I5 fails naming the account', async () => {
      const userId = freshId();
      await fund(userId, 500n);
      const id = await accountId(`user:${userId}:available:CZK`);
      await tamper(id, 1);
      try {
        const report = await ledger.verify();
        assert.equal(report.ok, false);
        const failed = report.checks.filter((check) => !check.ok);
        assert.deepEqual(
          failed.map((check) => check.name.split(' ')[0]),
          ['I5'],
        );
        assert.deepEqual(failed[0]!.violations, [
          `account ${id} (user:${userId}:available:CZK): cached 501, entries sum to 500`,
        ]);
      } finally {
        await tamper(id, -1);
      }
      assert.equal((await ledger.verify()).ok, true);
    });

    it('npm run ledger:verify exits 0 on a consistent ledger and 1 after tampering', async function () {
      this.timeout(120_000);
      const clean = verifyCommand();
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /All \d+ checks passed/);

      const userId = freshId();
      await fund(userId, 80n);
      const id = await accountId(`user:${userId}:available:CZK`);
      await tamper(id, -5);
      try {
        const tampered = verifyCommand();
        assert.equal(tampered.status, 1, tampered.stdout + tampered.stderr);
        assert.match(tampered.stdout, /FAIL {2}I5/);
        assert.match(
          tampered.stdout,
          new RegExp(`account ${id} \\(user:${userId}:available:CZK\\): cached 75`),
        );
      } finally {
        await tamper(id, 5);
      }
    });
  });
});
