import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BatchSkipReason } from '@shared/contracts/payout-batches.js';
import { CURRENCIES, type Currency } from '@shared/markets.js';
import { formatMoney } from '@shared/money.js';
import {
  advancePayoutBatch,
  createPayoutBatch,
  getPayoutBatches,
  markPayoutBatchPaid,
  payoutBatchFileUrl,
  type PayoutBatch,
} from '../../api/admin-payout-batches.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { SuccessMessage } from '../../components/form.js';
import { formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { PagedList } from '../../components/paged-list.js';
import { usePagedList } from '../../components/use-paged-list.js';

/** A batch being exported here and now: how far it got. */
interface Progress {
  batchId: string;
  exported: number;
  total: number;
}

/**
 * `/admin/payout-batches`: finance exports the approved payouts of a currency as a bank batch
 * (SEPA XML for EUR; a domestic CSV and a CZK XML for CZK), watches a large one progress step by
 * step, downloads the files again and marks a batch paid once the bank has paid it.
 */
export function AdminPayoutBatchesPage({ canMoveMoney }: { canMoveMoney: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('adminPayoutBatches.title'));
  const { state: loaded, reload, loadMore } = usePagedList(getPayoutBatches);
  const [busy, setBusy] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const [notice, setNotice] = useState<string>();
  const [skippedNote, setSkippedNote] = useState<string>();
  const [error, setError] = useState<string>();
  // One key per intended batch: a retry after a lost answer must not make a second batch.
  const keys = useRef<Partial<Record<Currency, string>>>({});

  const skippedText = (skipped: Array<{ reason: BatchSkipReason }>) =>
    skipped.length === 0
      ? undefined
      : t('adminPayoutBatches.skipped', {
          count: skipped.length,
          reasons: [
            ...new Set(skipped.map((skip) => t(`adminPayoutBatches.skipReasons.${skip.reason}`))),
          ].join('; '),
        });

  /** Steps through an exporting batch until its files are made, showing the progress. */
  async function carryOn(batch: PayoutBatch): Promise<PayoutBatch> {
    let current = batch;
    while (current.state === 'exporting') {
      setProgress({ batchId: current.id, exported: current.exportedCount, total: current.payoutCount });
      current = await advancePayoutBatch(current.id);
    }
    setProgress({ batchId: current.id, exported: current.exportedCount, total: current.payoutCount });
    return current;
  }

  function failed(failure: unknown) {
    if (failure instanceof ApiError && failure.code === 'PAYOUT_BATCH_EMPTY') {
      setError(t('adminPayoutBatches.errors.empty'));
    } else if (failure instanceof ApiError && failure.code === 'PAYOUT_DEBTOR_NOT_CONFIGURED') {
      setError(t('adminPayoutBatches.errors.debtor'));
    } else if (failure instanceof ApiError && failure.code === 'PAYOUT_FOUR_EYES') {
      setError(t('adminPayoutBatches.errors.fourEyes'));
    } else if (failure instanceof ApiError && failure.code === 'PAYOUT_OWN') {
      setError(t('adminPayoutBatches.errors.own'));
    } else if (failure instanceof ApiError && failure.code === 'PAYOUT_BATCH_SETTLED') {
      setError(t('adminPayoutBatches.errors.settled'));
    } else {
      setError(generalMessage(failure, t));
    }
  }

  function start(label: string) {
    setBusy(label);
    setError(undefined);
    setNotice(undefined);
    setSkippedNote(undefined);
  }

  async function exportCurrency(currency: Currency) {
    start(currency);
    try {
      const key = (keys.current[currency] ??= crypto.randomUUID());
      const created = await createPayoutBatch(currency, key);
      const ready = await carryOn(created);
      delete keys.current[currency];
      setNotice(
        t('adminPayoutBatches.done', {
          id: ready.id,
          count: ready.payoutCount,
          total: formatMoney(ready.total.amountMinor, ready.total.currency, locale),
        }),
      );
      setSkippedNote(skippedText(ready.skipped));
      reload();
    } catch (failure) {
      // A refused request made nothing; its key may go with the next try. A lost answer keeps it.
      if (failure instanceof ApiError && failure.status < 500 && failure.code !== 'NETWORK_ERROR')
        delete keys.current[currency];
      failed(failure);
      reload();
    } finally {
      setBusy(undefined);
      setProgress(undefined);
    }
  }

  async function continueBatch(batch: PayoutBatch) {
    start(batch.id);
    try {
      const ready = await carryOn(batch);
      setNotice(
        t('adminPayoutBatches.done', {
          id: ready.id,
          count: ready.payoutCount,
          total: formatMoney(ready.total.amountMinor, ready.total.currency, locale),
        }),
      );
      reload();
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(undefined);
      setProgress(undefined);
    }
  }

  async function markPaid(batch: PayoutBatch) {
    start(`paid-${batch.id}`);
    try {
      const result = await markPayoutBatchPaid(batch.id);
      setNotice(t('adminPayoutBatches.paidDone', { id: batch.id, count: result.paid }));
      reload();
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="admin-payout-batches-title">
      <div className="admin__header">
        <h1 id="admin-payout-batches-title">{t('adminPayoutBatches.title')}</h1>
      </div>
      <p className="lead">{t('adminPayoutBatches.intro')}</p>
      <p>
        <Link to="/admin/payouts">{t('adminPayoutBatches.toQueue')}</Link>
      </p>
      {canMoveMoney && (
        <div className="button-row" role="group" aria-label={t('adminPayoutBatches.create')}>
          {CURRENCIES.map((currency) => (
            <button
              key={currency}
              type="button"
              className="button"
              disabled={busy !== undefined}
              onClick={() => void exportCurrency(currency)}
            >
              {t('adminPayoutBatches.exportCurrency', { currency })}
            </button>
          ))}
        </div>
      )}
      {progress && (
        <div role="status" className="status status--loading">
          <label htmlFor="payout-batch-progress">
            {t('adminPayoutBatches.progress', {
              id: progress.batchId,
              exported: progress.exported,
              total: progress.total,
            })}
          </label>{' '}
          <progress id="payout-batch-progress" value={progress.exported} max={progress.total} />
        </div>
      )}
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {skippedNote && <p className="notice">{skippedNote}</p>}

      <h2>{t('adminPayoutBatches.listTitle')}</h2>
      <PagedList
        state={loaded}
        onRetry={reload}
        onMore={loadMore}
        loading={t('admin.loading')}
        empty={t('adminPayoutBatches.empty')}
        more={t('adminPayouts.more')}
        moreFailed={t('adminPayouts.moreFailed')}
      >
        {(items, moreButton) => (
          <div className="table-wrap">
            <table className="table" data-testid="payout-batches">
              <thead>
                <tr>
                  <th scope="col">{t('adminPayoutBatches.columns.batch')}</th>
                  <th scope="col" className="table__number">
                    {t('adminPayoutBatches.columns.total')}
                  </th>
                  <th scope="col">{t('adminPayoutBatches.columns.state')}</th>
                  <th scope="col">{t('adminPayoutBatches.columns.files')}</th>
                  <th scope="col">{t('adminPayoutBatches.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((batch) => (
                  <tr key={batch.id}>
                    <th scope="row">
                      {t('adminPayoutBatches.batch', { id: batch.id, currency: batch.currency })}
                      <span className="table__secondary">
                        {formatDateTime(batch.createdAt, locale)} ·{' '}
                        {t('adminPayoutBatches.createdBy', { id: batch.createdBy })}
                      </span>
                    </th>
                    <td className="table__number">
                      {formatMoney(batch.total.amountMinor, batch.total.currency, locale)}
                      <span className="table__secondary">
                        {t('adminPayoutBatches.payoutCount', { count: batch.payoutCount })}
                      </span>
                    </td>
                    <td>
                      {batch.state === 'exporting'
                        ? t('adminPayoutBatches.states.exporting', {
                            exported: batch.exportedCount,
                            total: batch.payoutCount,
                          })
                        : t('adminPayoutBatches.states.ready', {
                            exported: batch.payouts.exported,
                            paid: batch.payouts.paid,
                            failed: batch.payouts.failed,
                          })}
                    </td>
                    <td>
                      <ul>
                        {batch.files.map((file) => (
                          <li key={file.format}>
                            <a href={payoutBatchFileUrl(batch.id, file.format)} download={file.fileName}>
                              {t(`adminPayoutBatches.formats.${file.format}`)}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {canMoveMoney && batch.state === 'exporting' && (
                        <button
                          type="button"
                          className="button"
                          disabled={busy !== undefined}
                          onClick={() => void continueBatch(batch)}
                        >
                          {t('adminPayoutBatches.continue')}
                        </button>
                      )}
                      {canMoveMoney && batch.state === 'ready' && batch.payouts.exported > 0 && (
                        <button
                          type="button"
                          className="button"
                          disabled={busy !== undefined}
                          onClick={() => void markPaid(batch)}
                        >
                          {t('adminPayoutBatches.markPaid')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {moreButton}
          </div>
        )}
      </PagedList>
    </section>
  );
}
