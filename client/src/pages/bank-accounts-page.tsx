import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { HOLDER_NAME_MAX_LENGTH, type BankAccount } from '@shared/contracts/bank-accounts.js';
import {
  addBankAccount,
  confirmBankAccount,
  listBankAccounts,
  removeBankAccount,
  resendBankAccountConfirmation,
} from '../api/bank-accounts.js';
import { ApiError } from '../api/client.js';
import { generalMessage, interpretError } from '../components/api-errors.js';
import { ErrorSummary, SuccessMessage, TextField, type FieldError } from '../components/form.js';
import { formatDate, formatDateTime, useLocale } from '../components/format.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLinkToken, useOnce } from '../components/use-link-token.js';
import { useLoader } from '../components/use-loader.js';

const IDS = { holderName: 'bank-holder-name', account: 'bank-account' } as const;
/** The confirmation link's token, kept in this tab across a login (the fragment does not survive it). */
const PENDING_TOKEN_KEY = 'vratka.bankAccountToken';

type Notice = { kind: 'success' | 'error'; text: string };
type AccountProblemKey =
  | 'format'
  | 'prefixChecksum'
  | 'numberChecksum'
  | 'unknownBankCode'
  | 'invalidIban'
  | 'ibanChecksum'
  | 'notSepa'
  | 'exists';

export function BankAccountsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('bankAccounts.title'));
  const { hash } = useLocation();
  // The confirmation link's token is stored during the first render, before the list's effects
  // look for it, and survives the way through the login page. The address bar is cleaned by the
  // list (`useLinkToken`), not here: that would race the redirect to the login page.
  useState(() => {
    const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
    if (token) sessionStorage.setItem(PENDING_TOKEN_KEY, token);
  });
  return <RequireLogin>{() => <BankAccounts />}</RequireLogin>;
}

function BankAccounts() {
  const { t } = useTranslation();
  useLinkToken();
  const locale = useLocale();
  const [version, setVersion] = useState(0);
  const { state, reload } = useLoader(listBankAccounts, version);
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState<string>();
  const [removing, setRemoving] = useState<string>();
  const changed = () => setVersion((count) => count + 1);

  useOnce(() => {
    const pending = sessionStorage.getItem(PENDING_TOKEN_KEY);
    if (!pending) return;
    sessionStorage.removeItem(PENDING_TOKEN_KEY);
    setBusy('confirm');
    confirmBankAccount(pending).then(
      (account) => {
        setNotice({ kind: 'success', text: t('bankAccounts.confirmed', { account: account.maskedIban }) });
        setBusy(undefined);
        changed();
      },
      (error: unknown) => {
        const invalid =
          error instanceof ApiError && (error.code === 'LINK_INVALID' || error.code === 'VALIDATION_FAILED');
        setNotice({
          kind: 'error',
          text: invalid ? t('bankAccounts.confirmInvalid') : generalMessage(error, t),
        });
        setBusy(undefined);
      },
    );
  });

  async function resend(account: BankAccount) {
    setBusy(account.id);
    setNotice(undefined);
    try {
      await resendBankAccountConfirmation(account.id);
      setNotice({ kind: 'success', text: t('bankAccounts.resent', { account: account.maskedIban }) });
    } catch (error) {
      setNotice({ kind: 'error', text: generalMessage(error, t) });
    } finally {
      setBusy(undefined);
    }
  }

  async function remove(account: BankAccount) {
    setBusy(account.id);
    setNotice(undefined);
    try {
      await removeBankAccount(account.id);
      setRemoving(undefined);
      setNotice({ kind: 'success', text: t('bankAccounts.removed', { account: account.maskedIban }) });
      changed();
    } catch (error) {
      setNotice({ kind: 'error', text: generalMessage(error, t) });
    } finally {
      setBusy(undefined);
    }
  }

  function list() {
    switch (state.status) {
      case 'loading':
        return (
          <p className="status status--loading" role="status">
            {t('bankAccounts.loading')}
          </p>
        );
      case 'error':
        return (
          <div className="status status--error" role="alert">
            <p>{t('bankAccounts.error')}</p>
            <button type="button" className="button" onClick={reload}>
              {t('shops.retry')}
            </button>
          </div>
        );
      case 'loaded':
        if (state.data.items.length === 0) {
          return (
            <p className="status" role="status">
              {t('bankAccounts.empty')}
            </p>
          );
        }
        return (
          <ul
            className="session-list"
            data-testid="bank-account-list"
            aria-label={t('bankAccounts.listLabel')}
          >
            {state.data.items.map((account) => (
              <li key={account.id} className="session">
                <h3 className="session__title">
                  <code>{account.maskedIban}</code>
                </h3>
                <dl className="facts">
                  <div>
                    <dt>{t('bankAccounts.holderName')}</dt>
                    <dd>{account.holderName}</dd>
                  </div>
                  {account.bankName && (
                    <div>
                      <dt>{t('bankAccounts.bank')}</dt>
                      <dd>{account.bankName}</dd>
                    </div>
                  )}
                  {account.maskedDomestic && (
                    <div>
                      <dt>{t('bankAccounts.domestic')}</dt>
                      <dd>
                        <code>{account.maskedDomestic}</code>
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('bankAccounts.addedAt')}</dt>
                    <dd>{formatDate(account.createdAt, locale)}</dd>
                  </div>
                  <div>
                    <dt>{t('bankAccounts.state')}</dt>
                    <dd data-testid="bank-account-state">
                      {account.verifiedAt
                        ? t('bankAccounts.verifiedOn', { date: formatDate(account.verifiedAt, locale) })
                        : t('bankAccounts.unverified')}
                    </dd>
                  </div>
                </dl>
                <div className="actions">
                  {!account.verifiedAt && (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== undefined}
                      onClick={() => void resend(account)}
                    >
                      {t('bankAccounts.resend')}
                    </button>
                  )}
                  {removing === account.id ? (
                    <div className="notice" role="group" aria-label={t('bankAccounts.removeQuestion')}>
                      <p>{t('bankAccounts.removeQuestion')}</p>
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== undefined}
                        onClick={() => void remove(account)}
                      >
                        {t('bankAccounts.removeConfirm')}
                        <span className="visually-hidden"> {account.maskedIban}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => setRemoving(undefined)}
                      >
                        {t('bankAccounts.removeCancel')}
                      </button>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== undefined}
                      onClick={() => setRemoving(account.id)}
                    >
                      {t('bankAccounts.remove')}
                      <span className="visually-hidden"> {account.maskedIban}</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        );
    }
  }

  const blockedUntil = state.status === 'loaded' ? state.data.payoutsBlockedUntil : null;

  return (
    <div className="settings">
      <h1>{t('bankAccounts.title')}</h1>
      <p className="lead">{t('bankAccounts.intro')}</p>
      <section className="panel" aria-labelledby="bank-rules-title">
        <h2 id="bank-rules-title">{t('bankAccounts.rulesTitle')}</h2>
        <p>
          <strong>{t('bankAccounts.verifiedTerm')}</strong> {t('bankAccounts.verifiedMeaning')}
        </p>
        <p>
          <strong>{t('bankAccounts.holdTerm')}</strong> {t('bankAccounts.holdMeaning')}
        </p>
        <p>{t('bankAccounts.firstPayout')}</p>
      </section>
      {busy === 'confirm' && (
        <p className="status status--loading" role="status">
          {t('bankAccounts.confirming')}
        </p>
      )}
      {notice?.kind === 'success' && (
        <SuccessMessage>
          <p>{notice.text}</p>
        </SuccessMessage>
      )}
      {notice?.kind === 'error' && (
        <p className="notice notice--error" role="alert">
          {notice.text}
        </p>
      )}
      {blockedUntil && (
        <p className="notice" data-testid="payout-hold">
          {t('bankAccounts.holdUntil', { date: formatDateTime(blockedUntil, locale) })}
        </p>
      )}
      <section className="panel" aria-labelledby="bank-list-title">
        <h2 id="bank-list-title">{t('bankAccounts.listTitle')}</h2>
        {list()}
      </section>
      <AddBankAccountForm
        onAdded={(account) => {
          setNotice({ kind: 'success', text: t('bankAccounts.added', { account: account.maskedIban }) });
          changed();
        }}
      />
    </div>
  );
}

function AddBankAccountForm({ onAdded }: { onAdded: (account: BankAccount) => void }) {
  const { t } = useTranslation();
  const [holderName, setHolderName] = useState('');
  const [account, setAccount] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const found: FieldError[] = [];
    if (holderName.trim() === '')
      found.push({ id: IDS.holderName, message: t('bankAccounts.errors.holderMissing') });
    else if (holderName.trim().length > HOLDER_NAME_MAX_LENGTH)
      found.push({ id: IDS.holderName, message: t('bankAccounts.errors.holderTooLong') });
    if (account.trim() === '')
      found.push({ id: IDS.account, message: t('bankAccounts.errors.accountMissing') });
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      const added = await addBankAccount({ account: account.trim(), holderName: holderName.trim() });
      setAccount('');
      onAdded(added);
    } catch (error) {
      const field = (key: AccountProblemKey): FieldError => ({
        id: IDS.account,
        message: t(`bankAccounts.errors.${key}`),
      });
      const interpreted = interpretError(error, t, {
        paths: {
          account: field('format'),
          holderName: { id: IDS.holderName, message: t('bankAccounts.errors.holderTooLong') },
        },
        codes: {
          BANK_ACCOUNT_FORMAT: field('format'),
          BANK_ACCOUNT_PREFIX_CHECKSUM: field('prefixChecksum'),
          BANK_ACCOUNT_NUMBER_CHECKSUM: field('numberChecksum'),
          BANK_ACCOUNT_UNKNOWN_BANK_CODE: field('unknownBankCode'),
          BANK_ACCOUNT_INVALID_IBAN: field('invalidIban'),
          BANK_ACCOUNT_IBAN_CHECKSUM: field('ibanChecksum'),
          BANK_ACCOUNT_NOT_SEPA: field('notSepa'),
          BANK_ACCOUNT_EXISTS: field('exists'),
          TOO_MANY_BANK_ACCOUNTS: t('bankAccounts.errors.tooMany'),
          SESSION_REQUIRED: t('bankAccounts.errors.sessionRequired'),
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <form
      className="panel"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      aria-labelledby="bank-add-title"
    >
      <h2 id="bank-add-title">{t('bankAccounts.addTitle')}</h2>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField
        id={IDS.holderName}
        label={t('bankAccounts.holderName')}
        hint={t('bankAccounts.holderHint')}
        autoComplete="name"
        value={holderName}
        onChange={setHolderName}
        error={errorOf(IDS.holderName)}
      />
      <TextField
        id={IDS.account}
        label={t('bankAccounts.account')}
        hint={t('bankAccounts.accountHint')}
        autoComplete="off"
        spellCheck={false}
        inputMode="text"
        value={account}
        onChange={setAccount}
        error={errorOf(IDS.account)}
      />
      <p className="field__hint">{t('bankAccounts.addNote')}</p>
      <button type="submit" className="button" disabled={sending}>
        {sending ? t('bankAccounts.adding') : t('bankAccounts.add')}
      </button>
    </form>
  );
}
