import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import type { BankAccount } from '@shared/contracts/bank-accounts.js';
import { CURRENCIES, MARKET_CURRENCY, type Currency } from '@shared/markets.js';
import { formatMoney, minorToDecimal, parseDecimalToMinor } from '@shared/money.js';
import { listBankAccounts } from '../api/bank-accounts.js';
import { ApiError, getMarkets } from '../api/client.js';
import { getBalances } from '../api/money.js';
import { cancelPayout, getPayouts, requestPayout, type Payout } from '../api/payouts.js';
import { generalMessage, interpretError } from '../components/api-errors.js';
import { ErrorSummary, SelectField, SuccessMessage, TextField, type FieldError } from '../components/form.js';
import { formatDate, formatDateTime, useLocale } from '../components/format.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLoader } from '../components/use-loader.js';
import { PagedList } from '../components/paged-list.js';
import { usePagedList } from '../components/use-paged-list.js';

const IDS = { currency: 'payout-currency', account: 'payout-account', amount: 'payout-amount' } as const;

/** Everything the request form needs, loaded together. */
async function loadPayoutFacts(signal: AbortSignal) {
  const [balances, accounts, markets] = await Promise.all([
    getBalances(signal),
    listBankAccounts(signal),
    getMarkets(signal),
  ]);
  const minimums = new Map<Currency, string>(
    markets.items.map((market) => [market.currency, market.minimumPayout.amountMinor]),
  );
  return { balances, accounts, minimums };
}

/** Payouts per page of the history; older ones come with "show more" (keyset, never offset). */
const HISTORY_PAGE = 20;

/** A new key for each payout the shopper means to make; the same one for a retry of it. */
const newKey = () => crypto.randomUUID();

export function PayoutsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('payouts.title'));
  return <RequireLogin>{(me) => <Payouts me={me} />}</RequireLogin>;
}

function Payouts({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const { state, reload } = useLoader(loadPayoutFacts, version);
  const [notice, setNotice] = useState<string>();
  const changed = useCallback(() => setVersion((count) => count + 1), []);

  let body;
  switch (state.status) {
    case 'loading':
      body = (
        <p className="status status--loading" role="status">
          {t('payouts.loading')}
        </p>
      );
      break;
    case 'error':
      body = (
        <div className="status status--error" role="alert">
          <p>
            {t('payouts.error')} {generalMessage(state.error, t)}
          </p>
          <button type="button" className="button" onClick={reload}>
            {t('shops.retry')}
          </button>
        </div>
      );
      break;
    case 'loaded':
      body = (
        <>
          <RequestForm
            // Fresh (amount prefilled again) whenever what is available changed.
            key={state.data.balances
              .map((balance) => `${balance.currency}:${balance.available.amountMinor}`)
              .join()}
            me={me}
            facts={state.data}
            onRequested={(payout) => {
              setNotice(t('payouts.requested', { reference: payout.reference }));
              changed();
            }}
          />
          <History version={version} onChanged={changed} onNotice={setNotice} />
        </>
      );
      break;
  }

  return (
    <article className="prose">
      <h1>{t('payouts.title')}</h1>
      <p>{t('payouts.intro')}</p>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      {body}
    </article>
  );
}

type Facts = Awaited<ReturnType<typeof loadPayoutFacts>>;

function RequestForm({
  me,
  facts,
  onRequested,
}: {
  me: Me;
  facts: Facts;
  onRequested: (payout: Payout) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const available = useMemo(
    () =>
      new Map<Currency, bigint>(
        facts.balances.map((balance) => [balance.currency, BigInt(balance.available.amountMinor)]),
      ),
    [facts.balances],
  );
  const currencies = CURRENCIES.filter((currency) => (available.get(currency) ?? 0n) > 0n);
  const [currency, setCurrency] = useState<Currency>(
    currencies.includes(MARKET_CURRENCY[me.market]) ? MARKET_CURRENCY[me.market] : (currencies[0] ?? 'CZK'),
  );
  const usable = facts.accounts.items.filter((account: BankAccount) => account.verifiedAt !== null);
  const [accountId, setAccountId] = useState(usable[0]?.id ?? '');
  const [key, setKey] = useState(newKey);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const availableMinor = available.get(currency) ?? 0n;
  const minimumMinor = BigInt(facts.minimums.get(currency) ?? '0');
  // Prefilled with everything available in the chosen currency.
  const prefill = (chosen: Currency) => {
    const minor = available.get(chosen) ?? 0n;
    return minor > 0n ? minorToDecimal(minor).replace('.', locale.startsWith('en') ? '.' : ',') : '';
  };
  const [amount, setAmount] = useState(() => prefill(currency));
  const chooseCurrency = (chosen: Currency) => {
    setCurrency(chosen);
    setAmount(prefill(chosen));
  };
  // Another payout in mind: a new key.
  useEffect(() => setKey(newKey()), [currency, accountId, amount]);

  const blockedUntil = facts.accounts.payoutsBlockedUntil;
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  const parsed = parseDecimalToMinor(amount.replace(',', '.').replace(/\s/g, ''));

  if (!me.emailVerified) return <p className="notice">{t('payouts.emailNotVerified')}</p>;
  if (usable.length === 0) {
    return (
      <p className="notice">
        {t('payouts.noAccount')} <Link to="/bank-accounts">{t('payouts.addAccount')}</Link>
      </p>
    );
  }
  if (currencies.length === 0) return <p className="status">{t('payouts.nothingAvailable')}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors([]);
    setFormError(undefined);
    if (parsed === undefined || parsed <= 0n) {
      setErrors([{ id: IDS.amount, message: t('payouts.errors.amount') }]);
      return;
    }
    setBusy(true);
    try {
      const payout = await requestPayout(
        { bankAccountId: accountId, amount: { amountMinor: parsed.toString(), currency } },
        key,
      );
      setKey(newKey());
      onRequested(payout);
    } catch (error) {
      const recentlyChanged =
        error instanceof ApiError && error.code === 'BANK_ACCOUNT_RECENTLY_CHANGED' && blockedUntil
          ? t('payouts.errors.recentlyChanged', { date: formatDateTime(blockedUntil, locale) })
          : t('payouts.errors.recentlyChangedSoon');
      const interpreted = interpretError(error, t, {
        codes: {
          PAYOUT_BELOW_MINIMUM: {
            id: IDS.amount,
            message: t('payouts.errors.belowMinimum', { minimum: money(minimumMinor) }),
          },
          PAYOUT_INSUFFICIENT_FUNDS: {
            id: IDS.amount,
            message: t('payouts.errors.insufficient', { available: money(availableMinor) }),
          },
          EMAIL_NOT_VERIFIED: t('payouts.emailNotVerified'),
          BANK_ACCOUNT_NOT_VERIFIED: { id: IDS.account, message: t('payouts.errors.accountNotVerified') },
          BANK_ACCOUNT_NOT_FOUND: { id: IDS.account, message: t('payouts.errors.accountNotVerified') },
          BANK_ACCOUNT_RECENTLY_CHANGED: { id: IDS.account, message: recentlyChanged },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (id: string) => errors.find((error) => error.id === id)?.message;
  return (
    <section aria-labelledby="payout-request-title">
      <h2 id="payout-request-title">{t('payouts.requestTitle')}</h2>
      <ul>
        <li>{t('payouts.verifiedRule')}</li>
        <li>{t('payouts.firstPayoutRule')}</li>
        {blockedUntil && <li>{t('payouts.blockedUntil', { date: formatDateTime(blockedUntil, locale) })}</li>}
      </ul>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} {...(formError ? { formError } : {})} />
        {currencies.length > 1 && (
          <SelectField
            id={IDS.currency}
            label={t('payouts.currency')}
            value={currency}
            onChange={chooseCurrency}
            choices={currencies.map((value) => ({ value, label: value }))}
          />
        )}
        <SelectField
          id={IDS.account}
          label={t('payouts.account')}
          value={accountId}
          onChange={setAccountId}
          choices={usable.map((account) => ({
            value: account.id,
            label: `${account.maskedIban} · ${account.holderName}`,
          }))}
          {...(fieldError(IDS.account) ? { error: fieldError(IDS.account) } : {})}
        />
        <TextField
          id={IDS.amount}
          label={t('payouts.amount', { currency })}
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          hint={t('payouts.amountHint', { available: money(availableMinor), minimum: money(minimumMinor) })}
          {...(fieldError(IDS.amount) ? { error: fieldError(IDS.amount) } : {})}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {parsed !== undefined && parsed > 0n
            ? t('payouts.submit', { amount: money(parsed) })
            : t('payouts.submitPlain')}
        </button>
      </form>
    </section>
  );
}

/** The shopper's payouts, newest first, a page at a time; from the first page again after a change. */
function History({
  version,
  onChanged,
  onNotice,
}: {
  /** Moves on with every change the page made (a request, a cancel): the list loads anew. */
  version: number;
  onChanged: () => void;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) =>
      getPayouts({ limit: HISTORY_PAGE, ...(cursor ? { cursor } : {}) }, signal),
    // `version` is not read, but a new one must load the list again.
    [version],
  );
  const { state: listed, reload, loadMore } = usePagedList(load);

  async function cancel(payout: Payout) {
    setBusy(payout.id);
    setError(undefined);
    try {
      await cancelPayout(payout.id);
      onNotice(t('payouts.cancelled', { reference: payout.reference }));
      onChanged();
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === 'PAYOUT_STATE_CONFLICT'
          ? t('payouts.errors.tooLateToCancel')
          : generalMessage(failure, t),
      );
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="payout-history-title">
      <h2 id="payout-history-title">{t('payouts.historyTitle')}</h2>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      <PagedList
        state={listed}
        onRetry={reload}
        onMore={loadMore}
        loading={t('payouts.loading')}
        failed={t('payouts.error')}
        empty={t('payouts.empty')}
        more={t('payouts.more')}
        moreFailed={t('payouts.moreFailed')}
      >
        {(items, moreButton) => (
          <div className="table-wrap">
            <table className="table" data-testid="payout-history">
              <thead>
                <tr>
                  <th scope="col">{t('payouts.columns.date')}</th>
                  <th scope="col" className="table__number">
                    {t('payouts.columns.amount')}
                  </th>
                  <th scope="col">{t('payouts.columns.account')}</th>
                  <th scope="col">{t('payouts.columns.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('payouts.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((payout) => (
                  <tr key={payout.id}>
                    <td>{formatDate(payout.createdAt, locale)}</td>
                    <td className="table__number">
                      {formatMoney(payout.amount.amountMinor, payout.amount.currency, locale)}
                    </td>
                    <td>
                      <code>{payout.bankAccount.iban}</code>
                      <br />
                      {t('payouts.reference', { reference: payout.reference })}
                    </td>
                    <td>
                      {t(`payouts.states.${payout.state}`)}
                      {payout.resolvedAt && ` · ${formatDate(payout.resolvedAt, locale)}`}
                      {payout.reason && (
                        <p className="field__hint">{t('payouts.reason', { reason: payout.reason })}</p>
                      )}
                    </td>
                    <td>
                      {payout.state === 'requested' && (
                        <button
                          type="button"
                          className="button"
                          disabled={busy === payout.id}
                          onClick={() => void cancel(payout)}
                        >
                          {t('payouts.cancel')}
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
