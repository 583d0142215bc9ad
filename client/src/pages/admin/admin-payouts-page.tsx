import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PAYOUT_STATES } from '@shared/contracts/payouts.js';
import { CURRENCIES, type Currency } from '@shared/markets.js';
import { formatMoney } from '@shared/money.js';
import { ApiError } from '../../api/client.js';
import {
  getAdminPayouts,
  movePayout,
  type AdminPayout,
  type PayoutState,
  type PayoutStep,
} from '../../api/payouts.js';
import { generalMessage } from '../../components/api-errors.js';
import { CheckboxField, SelectField, SuccessMessage, TextField } from '../../components/form.js';
import { formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { PagedList } from '../../components/paged-list.js';
import { usePagedList } from '../../components/use-paged-list.js';

/**
 * Which steps each state offers. An approved payout goes to the bank through an export (the bank
 * exports page, by a colleague of the approver); only an exported one is marked paid or failed.
 */
const STEPS: Partial<Record<PayoutState, PayoutStep[]>> = {
  requested: ['approve', 'reject'],
  approved: ['reject'],
  exported: ['paid', 'failed'],
};
const NEEDS_REASON: PayoutStep[] = ['reject', 'failed'];

/** `/admin/payouts`: the finance queue — approve, reject, mark paid or failed. */
export function AdminPayoutsPage({ canMoveMoney }: { canMoveMoney: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('adminPayouts.title'));
  const [state, setState] = useState<PayoutState | ''>('requested');
  const [currency, setCurrency] = useState<Currency | ''>('');
  const [firstOnly, setFirstOnly] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [reasonFor, setReasonFor] = useState<{ id: string; step: PayoutStep }>();
  const [reason, setReason] = useState('');

  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) =>
      getAdminPayouts(
        {
          ...(state ? { state } : {}),
          ...(currency ? { currency } : {}),
          ...(firstOnly ? { firstPayout: true } : {}),
          ...(cursor ? { cursor } : {}),
        },
        signal,
      ),
    [state, currency, firstOnly],
  );
  const { state: loaded, reload, loadMore } = usePagedList(load);

  async function move(payout: AdminPayout, step: PayoutStep, withReason?: string) {
    setBusy(payout.id);
    setError(undefined);
    setNotice(undefined);
    try {
      await movePayout(payout.id, step, withReason);
      setNotice(t(`adminPayouts.done.${step}`, { reference: payout.reference }));
      setReasonFor(undefined);
      setReason('');
      reload();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'PAYOUT_STATE_CONFLICT') {
        setError(t('adminPayouts.errors.conflict'));
      } else if (
        failure instanceof ApiError &&
        (failure.code === 'PAYOUT_BEING_EXPORTED' || failure.code === 'PAYOUT_BATCH_UNFINISHED')
      ) {
        setError(t('adminPayoutBatches.errors.beingExported'));
      } else if (failure instanceof ApiError && failure.code === 'PAYOUT_OWN') {
        setError(t('adminPayouts.errors.own'));
      } else if (failure instanceof ApiError && failure.code === 'VALIDATION_FAILED') {
        setError(t('adminPayouts.errors.reason'));
      } else {
        setError(generalMessage(failure, t));
      }
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="admin-payouts-title">
      <div className="admin__header">
        <h1 id="admin-payouts-title">{t('adminPayouts.title')}</h1>
      </div>
      <p className="lead">{t('adminPayouts.intro')}</p>
      <p>
        <Link to="/admin/payout-batches">{t('adminPayoutBatches.fromQueue')}</Link>
      </p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="payout-filter-state"
          label={t('adminPayouts.filters.state')}
          value={state}
          onChange={setState}
          choices={[
            { value: '', label: t('adminPayouts.filters.any') },
            ...PAYOUT_STATES.map((value) => ({ value, label: t(`payouts.states.${value}`) })),
          ]}
        />
        <SelectField
          id="payout-filter-currency"
          label={t('adminPayouts.filters.currency')}
          value={currency}
          onChange={setCurrency}
          choices={[
            { value: '', label: t('adminPayouts.filters.any') },
            ...CURRENCIES.map((value) => ({ value, label: value })),
          ]}
        />
        <CheckboxField
          id="payout-filter-first"
          label={t('adminPayouts.filters.firstPayout')}
          checked={firstOnly}
          onChange={setFirstOnly}
        />
      </form>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      <PagedList
        state={loaded}
        onRetry={reload}
        onMore={loadMore}
        loading={t('admin.loading')}
        empty={t('adminPayouts.empty')}
        more={t('adminPayouts.more')}
        moreFailed={t('adminPayouts.moreFailed')}
      >
        {(items, moreButton) => (
          <div className="table-wrap">
            <table className="table" data-testid="admin-payouts">
              <thead>
                <tr>
                  <th scope="col">{t('adminPayouts.columns.requested')}</th>
                  <th scope="col" className="table__number">
                    {t('payouts.columns.amount')}
                  </th>
                  <th scope="col">{t('adminPayouts.columns.account')}</th>
                  <th scope="col">{t('payouts.columns.state')}</th>
                  <th scope="col">{t('payouts.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((payout) => (
                  <tr key={payout.id}>
                    <td>
                      {formatDateTime(payout.createdAt, locale)}
                      <br />
                      {t('adminPayouts.user', { id: payout.userId })}
                    </td>
                    <td className="table__number">
                      {formatMoney(payout.amount.amountMinor, payout.amount.currency, locale)}
                    </td>
                    <td>
                      <code>{payout.bankAccount.iban}</code>
                      {payout.bankAccount.bic && ` · ${payout.bankAccount.bic}`}
                      <br />
                      {payout.bankAccount.holderName}
                      <br />
                      {t('payouts.reference', { reference: payout.reference })}
                      {payout.firstPayout && (
                        <p>
                          <strong>{t('adminPayouts.firstPayout')}</strong>
                        </p>
                      )}
                    </td>
                    <td>
                      {t(`payouts.states.${payout.state}`)}
                      {payout.reason && <p className="field__hint">{payout.reason}</p>}
                    </td>
                    <td>
                      {canMoveMoney &&
                        (STEPS[payout.state] ?? []).map((step) =>
                          reasonFor?.id === payout.id && reasonFor.step === step ? (
                            <form
                              key={step}
                              onSubmit={(event) => {
                                event.preventDefault();
                                void move(payout, step, reason);
                              }}
                            >
                              <TextField
                                id={`payout-reason-${payout.id}`}
                                label={t('adminPayouts.reason')}
                                value={reason}
                                onChange={setReason}
                              />
                              <button type="submit" className="button" disabled={busy === payout.id}>
                                {t(`adminPayouts.steps.${step}`)}
                              </button>
                            </form>
                          ) : (
                            <button
                              key={step}
                              type="button"
                              className="button"
                              disabled={busy === payout.id}
                              onClick={() => {
                                if (NEEDS_REASON.includes(step)) {
                                  setReasonFor({ id: payout.id, step });
                                  setReason('');
                                } else void move(payout, step);
                              }}
                            >
                              {t(`adminPayouts.steps.${step}`)}
                            </button>
                          ),
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
