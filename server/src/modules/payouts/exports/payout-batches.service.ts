import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  MAX_BATCH_PAYOUTS,
  type BatchFileFormat,
  type BatchSkipReason,
  type PayoutBatch as PayoutBatchView,
  type PayoutBatchCreate,
  type PayoutBatchListQuery,
  type PayoutBatchPage,
  type PayoutBatchPaid,
} from '@shared/contracts/payout-batches.js';
import type { PayoutState } from '@shared/contracts/payouts.js';
import type { Currency } from '@shared/markets.js';
import { toMoney } from '@shared/money.js';
import type { DebtorAccount } from '../../../config.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import { isUniqueViolation, TransactionConflict } from '../../../platform/db/errors.js';
import { decodeIdCursor, encodeCursor } from '../../../platform/http/cursor.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AuditService } from '../../audit/index.js';
import type { Payout } from '../payout.entity.js';
import type { PayoutActor, PayoutsService } from '../payouts.service.js';
import { czechDomesticCsv } from './czech-domestic-csv.js';
import { pain001 } from './pain001.js';
import type { PayoutBatch } from './payout-batch.entity.js';
import type { BatchFileInfo, PayoutBatchesRepository } from './payout-batches.repository.js';

export interface PayoutBatchesDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  payouts: PayoutsService;
  repository: PayoutBatchesRepository;
  /** The operator's account per currency (the files' debtor), from the configuration. */
  debtors: { readonly EUR?: DebtorAccount; readonly CZK?: DebtorAccount };
}

/** A batch file as downloaded: the stored bytes and what to call them. */
export interface BatchFileDownload {
  fileName: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
}

/** How many payouts one step of an export moves: the progress a client shows for a large batch. */
export const EXPORT_STEP = 100;

const FILES: Record<
  Currency,
  ReadonlyArray<{ format: BatchFileFormat; suffix: string; mediaType: string }>
> = {
  EUR: [{ format: 'sepa-xml', suffix: 'sepa-pain001.xml', mediaType: 'application/xml; charset=utf-8' }],
  CZK: [
    { format: 'czk-csv', suffix: 'cz-domestic.csv', mediaType: 'text/csv; charset=utf-8' },
    { format: 'czk-xml', suffix: 'czk-pain001.xml', mediaType: 'application/xml; charset=utf-8' },
  ],
};

/**
 * Bank exports. Making a batch is three kinds of transaction, each whole or not at all:
 *
 * 1. **claim** — the batch row and, for each chosen payout, `batch_id` set where it is still
 *    approved and in no batch (a conditional UPDATE, so of two batches made at once each payout
 *    lands in one);
 * 2. **steps** — the next `EXPORT_STEP` claimed payouts move approved → exported (each a
 *    conditional UPDATE on state and revision, and an audit row), the progress is stored;
 * 3. **finish** (with the last step) — the files are made from the batch's payouts, stored with
 *    their SHA-256, and the batch is `ready`.
 *
 * A crash between them leaves a batch `exporting` whose payouts are each claimed-and-approved or
 * exported, never half of either and never in two batches; `advance` carries it on from there.
 */
export class PayoutBatchesService {
  /** Payouts per step; tests make it small to watch the progress. */
  step = EXPORT_STEP;

  constructor(private readonly deps: PayoutBatchesDeps) {}

  /**
   * A new batch of approved payouts, idempotent by the client's key (per staff member): the same
   * key with the same body answers the same batch, with another body 422. Makes the first step;
   * a batch larger than a step is `exporting` until `advance` has moved the rest.
   */
  async create(
    input: PayoutBatchCreate,
    idempotencyKey: string,
    actor: PayoutActor,
  ): Promise<{ batch: PayoutBatchView; replayed: boolean }> {
    const { database, repository } = this.deps;
    const requestHash = hashOf(input);
    const replay = async () => {
      const earlier = await database.run((manager) =>
        repository.findByKey(manager, actor.userId, idempotencyKey),
      );
      if (!earlier) return undefined;
      if (earlier.requestHash !== requestHash)
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          422,
          'This Idempotency-Key was already used for a different batch; use a new key.',
        );
      return { batch: await this.get(earlier.id), replayed: true };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    this.debtorOf(input.currency);
    let batch: PayoutBatch;
    try {
      batch = await database.transaction((manager) =>
        this.claimIn(manager, input, idempotencyKey, requestHash, actor),
      );
    } catch (error) {
      // Another request with this key won the race: answer as it did.
      if (!isUniqueViolation(error)) throw error;
      const raced = await replay();
      if (!raced) throw error;
      return raced;
    }
    return { batch: await this.advance(batch.id, actor), replayed: false };
  }

  private async claimIn(
    manager: EntityManager,
    input: PayoutBatchCreate,
    idempotencyKey: string,
    requestHash: string,
    actor: PayoutActor,
  ): Promise<PayoutBatch> {
    const { repository, clock, audit } = this.deps;
    const { currency } = input;
    const candidates = await repository.approvedUnbatched(manager, currency, input.payoutIds);
    const skipped: Array<{ payoutId: string; reason: BatchSkipReason }> = [];
    if (input.payoutIds !== undefined) {
      // Named payouts: each must be exportable by this person, or nothing is made.
      const missing = input.payoutIds.filter((id) => !candidates.some((payout) => payout.id === id));
      if (missing.length > 0)
        throw new AppError(
          'PAYOUT_NOT_EXPORTABLE',
          409,
          `Payout ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''} is not an approved ${currency} payout outside any batch.`,
          { payoutIds: missing },
        );
      for (const payout of candidates) {
        const reason = skipReason(payout, actor.userId);
        if (reason === 'OWN_PAYOUT')
          throw new AppError('PAYOUT_OWN', 403, `Payout ${payout.id} is your own; a colleague exports it.`);
        if (reason === 'APPROVED_BY_YOU')
          throw new AppError(
            'PAYOUT_FOUR_EYES',
            403,
            `You approved payout ${payout.id}; four eyes: a colleague exports it.`,
            { payoutIds: candidates.filter((one) => one.approvedBy === actor.userId).map((one) => one.id) },
          );
        if (reason)
          throw new AppError(
            'PAYOUT_NOT_CZECH_ACCOUNT',
            409,
            `Payout ${payout.id} goes to a non-Czech account; a CZK batch pays Czech accounts only.`,
            { payoutIds: [payout.id] },
          );
      }
    }
    const eligible: Payout[] = [];
    for (const payout of candidates) {
      const reason = skipReason(payout, actor.userId);
      if (reason) skipped.push({ payoutId: payout.id, reason });
      else eligible.push(payout);
    }
    const chosen = eligible.slice(0, MAX_BATCH_PAYOUTS);
    if (chosen.length === 0) throw batchEmpty(currency, skipped);

    const now = clock.now();
    const batch = await repository.insertBatch(manager, {
      currency,
      state: 'exporting',
      payoutCount: chosen.length,
      exportedCount: 0,
      totalMinor: 0n,
      leftOver: eligible.length - chosen.length,
      skipped,
      idempotencyKey,
      requestHash,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    });
    const claimed = await repository.claim(
      manager,
      batch.id,
      currency,
      chosen.map((payout) => payout.id),
      now,
    );
    // What another batch took meanwhile (or was rejected) is not in this one.
    for (const payout of chosen)
      if (!claimed.some((one) => one.id === payout.id))
        skipped.push({ payoutId: payout.id, reason: 'TAKEN' });
    if (claimed.length === 0) throw batchEmpty(currency, skipped);
    Object.assign(batch, {
      payoutCount: claimed.length,
      totalMinor: claimed.reduce((sum, payout) => sum + payout.amountMinor, 0n),
      skipped,
    });
    await repository.update(manager, batch.id, {
      payoutCount: batch.payoutCount,
      totalMinor: batch.totalMinor,
      skipped,
    });
    await audit.record(
      {
        action: 'payout_batch_created',
        actor: { kind: 'staff', userId: actor.userId },
        subjectUserId: null,
        client: actor.client,
        after: {
          batchId: batch.id,
          currency,
          payouts: batch.payoutCount,
          totalMinor: batch.totalMinor.toString(),
          skipped: skipped.length,
          leftOver: batch.leftOver,
        },
      },
      manager,
    );
    return batch;
  }

  /**
   * The next step of an exporting batch: up to `step` claimed payouts move to exported; with the
   * last of them the files are made and the batch is ready. A ready batch is answered as it is.
   * Steps of one batch run one after another (the batch row is locked).
   */
  async advance(batchId: string, actor: PayoutActor): Promise<PayoutBatchView> {
    const { database, repository, clock } = this.deps;
    await database.transaction(async (manager) => {
      const batch = await repository.findByIdForUpdate(manager, batchId);
      if (!batch) throw batchNotFound();
      if (batch.state === 'ready') return;
      const pending = await repository.payoutsOf(manager, batchId, 'approved', this.step);
      for (const payout of pending) {
        const reason = skipReason(payout, actor.userId);
        if (reason === 'OWN_PAYOUT' || reason === 'APPROVED_BY_YOU')
          throw new AppError(
            'PAYOUT_FOUR_EYES',
            403,
            `Batch ${batchId} holds payout ${payout.id}, which you ${reason === 'OWN_PAYOUT' ? 'own' : 'approved'}; a colleague carries it on.`,
          );
        if (!(await this.deps.payouts.markExported(manager, payout, batchId, actor)))
          throw new TransactionConflict(`payout ${payout.id} moved while batch ${batchId} exported it`);
      }
      const now = clock.now();
      const rest =
        pending.length < this.step ? [] : await repository.payoutsOf(manager, batchId, 'approved', 1);
      if (rest.length === 0) await this.finish(manager, batch, now, actor);
      else
        await repository.update(manager, batchId, {
          exportedCount: batch.exportedCount + pending.length,
          updatedAt: now,
        });
    });
    return this.get(batchId);
  }

  /** Makes and stores the batch's files from its exported payouts; the batch is ready. */
  private async finish(
    manager: EntityManager,
    batch: PayoutBatch,
    now: Date,
    actor: PayoutActor,
  ): Promise<void> {
    const { repository, audit } = this.deps;
    const payouts = (await repository.payoutsOf(manager, batch.id)).filter(
      (payout) => payout.state === 'exported',
    );
    const files = batchFilesOf(batch, payouts, this.debtorOf(batch.currency));
    for (const file of files)
      await repository.insertFile(manager, { ...file, batchId: batch.id, createdAt: now });
    if (!(await repository.markReady(manager, batch.id, now)))
      throw new TransactionConflict(`batch ${batch.id} was finished by another step`);
    await repository.update(manager, batch.id, { exportedCount: payouts.length });
    await audit.record(
      {
        action: 'payout_batch_completed',
        actor: { kind: 'staff', userId: actor.userId },
        subjectUserId: null,
        client: actor.client,
        after: {
          batchId: batch.id,
          currency: batch.currency,
          payouts: payouts.length,
          files: files.map((file) => ({ format: file.format, bytes: file.bytes, sha256: file.sha256 })),
        },
      },
      manager,
    );
  }

  async get(batchId: string): Promise<PayoutBatchView> {
    const { database, repository } = this.deps;
    return database.run(async (manager) => {
      const batch = await repository.findById(manager, batchId);
      if (!batch) throw batchNotFound();
      const [files, counts] = await Promise.all([
        repository.filesOf(manager, [batch.id]),
        repository.stateCounts(manager, [batch.id]),
      ]);
      return toView(batch, files, counts.get(batch.id) ?? {});
    });
  }

  /** Batches, newest first. */
  async list(query: PayoutBatchListQuery): Promise<PayoutBatchPage> {
    const { database, repository } = this.deps;
    const afterId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await repository.page(query.currency, afterId, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const ids = page.map((batch) => batch.id);
    const [files, counts] = await database.run((manager) =>
      Promise.all([repository.filesOf(manager, ids), repository.stateCounts(manager, ids)]),
    );
    return {
      items: page.map((batch) =>
        toView(
          batch,
          files.filter((file) => file.batchId === batch.id),
          counts.get(batch.id) ?? {},
        ),
      ),
      nextCursor: rows.length > query.limit && page.length > 0 ? encodeCursor({ id: page.at(-1)!.id }) : null,
    };
  }

  /**
   * A batch's file, exactly as it was stored (its SHA-256 is checked first), and an audit row of
   * who took which file when — written before a byte is sent.
   */
  async download(batchId: string, format: BatchFileFormat, actor: PayoutActor): Promise<BatchFileDownload> {
    const { database, repository, audit } = this.deps;
    return database.transaction(async (manager) => {
      const batch = await repository.findById(manager, batchId);
      if (!batch) throw batchNotFound();
      if (batch.state !== 'ready') throw batchUnfinished(batchId);
      const file = await repository.file(manager, batchId, format);
      if (!file)
        throw new AppError('PAYOUT_BATCH_FILE_NOT_FOUND', 404, `Batch ${batchId} has no ${format} file.`);
      const content = Buffer.from(file.content, 'utf8');
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (sha256 !== file.sha256 || content.length !== file.bytes)
        throw new Error(`batch ${batchId} ${format}: the stored file no longer matches its SHA-256`);
      await audit.record(
        {
          action: 'payout_batch_downloaded',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          after: { batchId, format, fileName: file.fileName, bytes: file.bytes, sha256 },
        },
        manager,
      );
      return { fileName: file.fileName, mediaType: file.mediaType, sha256, content };
    });
  }

  /**
   * The bank paid the batch: every payout of it still `exported` is marked paid, each in its own
   * transaction with its own transfer `payout:<id>:paid` (so at most once, I7); those marked paid
   * or failed before stay as they are. Nothing left to pay is 409 and posts nothing.
   */
  async markPaid(batchId: string, actor: PayoutActor): Promise<PayoutBatchPaid> {
    const { database, repository } = this.deps;
    const payouts = await database.run(async (manager) => {
      const batch = await repository.findById(manager, batchId);
      if (!batch) throw batchNotFound();
      if (batch.state !== 'ready') throw batchUnfinished(batchId);
      return repository.payoutsOf(manager, batchId);
    });
    if (payouts.some((payout) => payout.userId === actor.userId))
      throw new AppError('PAYOUT_OWN', 403, 'This batch holds your own payout; a colleague marks it paid.');
    const open = payouts.filter((payout) => payout.state === 'exported');
    if (open.length === 0)
      throw new AppError(
        'PAYOUT_BATCH_SETTLED',
        409,
        `Every payout of batch ${batchId} is paid or failed already.`,
      );
    let paid = 0;
    for (const payout of open) {
      try {
        await this.deps.payouts.paid(payout.id, actor);
        paid += 1;
      } catch (error) {
        // Marked paid or failed on its own meanwhile: it stays as that step left it.
        if (!(error instanceof AppError && error.code === 'PAYOUT_STATE_CONFLICT')) throw error;
      }
    }
    return { paid, alreadyResolved: payouts.length - paid, batch: await this.get(batchId) };
  }

  private debtorOf(currency: Currency): DebtorAccount {
    const debtor = this.deps.debtors[currency];
    if (!debtor)
      throw new AppError(
        'PAYOUT_DEBTOR_NOT_CONFIGURED',
        409,
        `No account to pay ${currency} from is configured (PAYOUT_DEBTOR_${currency}_IBAN and _BIC).`,
      );
    return debtor;
  }
}

/** Why `actor` may not export this payout, if they may not. */
function skipReason(payout: Payout, actorId: string): BatchSkipReason | null {
  if (payout.userId === actorId) return 'OWN_PAYOUT';
  if (payout.approvedBy === actorId) return 'APPROVED_BY_YOU';
  if (payout.currency === 'CZK' && !payout.iban.startsWith('CZ')) return 'NOT_CZECH_ACCOUNT';
  return null;
}

/** The files of a batch, made from its payouts in order; the same payouts always make the same bytes. */
export function batchFilesOf(
  batch: Pick<PayoutBatch, 'id' | 'currency' | 'createdAt'>,
  payouts: ReadonlyArray<
    Pick<Payout, 'id' | 'reference' | 'endToEndId' | 'amountMinor' | 'holderName' | 'iban' | 'bic'>
  >,
  debtor: DebtorAccount,
) {
  type Item = (typeof payouts)[number];
  const message = (payout: Item) => `Vratka cashback ${payout.reference}`;
  const references = (payout: Item) => {
    if (!payout.reference || !payout.endToEndId)
      throw new Error(`payout ${payout.id} has no bank references`);
    return { reference: payout.reference, endToEndId: payout.endToEndId };
  };
  const xml = () =>
    pain001({
      messageId: `VRATKA-BATCH-${batch.id}`,
      createdAt: batch.createdAt,
      currency: batch.currency,
      debtor,
      transfers: payouts.map((payout) => ({
        ...references(payout),
        amountMinor: payout.amountMinor,
        creditorName: payout.holderName,
        creditorIban: payout.iban,
        creditorBic: payout.bic,
        message: message(payout),
      })),
    });
  const csv = () =>
    czechDomesticCsv(
      payouts.map((payout) => ({
        iban: payout.iban,
        amountMinor: payout.amountMinor,
        reference: references(payout).reference,
        message: message(payout),
        payeeName: payout.holderName,
      })),
    );
  return FILES[batch.currency].map(({ format, suffix, mediaType }) => {
    const content = format === 'czk-csv' ? csv() : xml();
    const bytes = Buffer.from(content, 'utf8');
    return {
      format,
      fileName: `vratka-payouts-${batch.id}-${suffix}`,
      mediaType,
      content,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
}

function toView(
  batch: PayoutBatch,
  files: readonly BatchFileInfo[],
  counts: Partial<Record<PayoutState, number>>,
): PayoutBatchView {
  return {
    id: batch.id,
    currency: batch.currency,
    state: batch.state,
    payoutCount: batch.payoutCount,
    exportedCount: batch.exportedCount,
    total: toMoney(batch.totalMinor, batch.currency),
    payouts: { exported: counts.exported ?? 0, paid: counts.paid ?? 0, failed: counts.failed ?? 0 },
    skipped: batch.skipped,
    leftOver: batch.leftOver,
    files: files.map((file) => ({
      format: file.format,
      fileName: file.fileName,
      mediaType: file.mediaType,
      bytes: file.bytes,
      sha256: file.sha256,
    })),
    createdBy: batch.createdBy,
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
  };
}

/** The request's fingerprint: a replay must ask for the same currency and the same payouts. */
function hashOf(input: PayoutBatchCreate): string {
  const ids = input.payoutIds ? [...new Set(input.payoutIds)].sort() : null;
  return createHash('sha256')
    .update(JSON.stringify([input.currency, ids]))
    .digest('hex');
}

function batchEmpty(
  currency: Currency,
  skipped: Array<{ payoutId: string; reason: BatchSkipReason }>,
): AppError {
  return new AppError(
    'PAYOUT_BATCH_EMPTY',
    422,
    skipped.length > 0
      ? `No approved ${currency} payout can go into a batch made by you: ${skipped.length} left out (four eyes, own payouts, non-Czech accounts).`
      : `There is no approved ${currency} payout to export.`,
    { skipped },
  );
}

function batchNotFound(): AppError {
  return new AppError('PAYOUT_BATCH_NOT_FOUND', 404, 'There is no such batch.');
}

function batchUnfinished(batchId: string): AppError {
  return new AppError(
    'PAYOUT_BATCH_UNFINISHED',
    409,
    `Batch ${batchId} is still exporting; carry it on until its files are ready.`,
  );
}
