import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@shared/contracts/accounts.js';
import { CLAIM_PROOF_MAX_BYTES } from '@shared/contracts/claims.js';
import { CURRENCIES, MARKET_CURRENCY, type Currency } from '@shared/markets.js';
import { formatMoney, parseDecimalToMinor } from '@shared/money.js';
import {
  attachProof,
  fileClaim,
  getClaim,
  getClaims,
  previewClaim,
  proofUrl,
  writeToSupport,
  type Claim,
  type ClaimDetail,
  type ClaimPreview,
} from '../api/claims.js';
import { ApiError, getMyClicks, type MyClick } from '../api/client.js';
import { generalMessage, interpretError } from '../components/api-errors.js';
import {
  ErrorSummary,
  SelectField,
  SuccessMessage,
  TextAreaField,
  TextField,
  type FieldError,
} from '../components/form.js';
import { formatDate, formatDateTime, useLocale } from '../components/format.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLoader } from '../components/use-loader.js';
import { PagedList } from '../components/paged-list.js';
import { usePagedList } from '../components/use-paged-list.js';

const IDS = {
  shop: 'claim-shop',
  orderDate: 'claim-order-date',
  orderNumber: 'claim-order-number',
  amount: 'claim-amount',
  currency: 'claim-currency',
  visit: 'claim-visit',
  note: 'claim-note',
} as const;

/** A calendar date as the server takes it, from an ISO date (`YYYY-MM-DD`). */
const formatDay = (date: string, locale: string) => formatDate(`${date}T12:00:00Z`, locale);

/** The visits the form offers: the shopper's recent clicks, newest first. */
async function loadVisits(signal: AbortSignal): Promise<MyClick[]> {
  return (await getMyClicks({ limit: 100 }, signal)).items;
}

export function ClaimsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('claims.title'));
  return <RequireLogin>{(me) => <Claims me={me} />}</RequireLogin>;
}

function Claims({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const changed = useCallback(() => setVersion((count) => count + 1), []);
  return (
    <article className="prose">
      <h1>{t('claims.title')}</h1>
      <p>{t('claims.intro')}</p>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <NewClaim
        me={me}
        onFiled={(claim) => {
          setNotice(t('claims.filed', { shop: claim.shop.name, date: claim.deadlineAt.slice(0, 10) }));
          changed();
        }}
      />
      <ClaimList version={version} />
    </article>
  );
}

function NewClaim({ me, onFiled }: { me: Me; onFiled: (claim: ClaimDetail) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state: visits } = useLoader(loadVisits, 0);
  const shops = useMemo(() => {
    if (visits.status !== 'loaded') return [];
    const seen = new Map<string, string>();
    for (const visit of visits.data)
      if (!seen.has(visit.shop.slug)) seen.set(visit.shop.slug, visit.shop.name);
    return [...seen].map(([slug, name]) => ({ value: slug, label: name }));
  }, [visits]);
  const [shop, setShop] = useState('');
  const [orderDate, setOrderDate] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<Currency>(MARKET_CURRENCY[me.market]);
  const [note, setNote] = useState('');
  const [visitId, setVisitId] = useState('');
  const [preview, setPreview] = useState<ClaimPreview>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (shop === '' && shops[0]) setShop(shops[0].value);
  }, [shop, shops]);

  // The window and the visit that would be attached, as soon as the shop and the date are known.
  useEffect(() => {
    setPreview(undefined);
    if (shop === '' || !/^\d{4}-\d{2}-\d{2}$/.test(orderDate)) return;
    const controller = new AbortController();
    previewClaim(shop, orderDate, controller.signal).then(
      (answer) => {
        setPreview(answer);
        setVisitId(answer.click?.id ?? '');
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [shop, orderDate]);

  const candidates =
    visits.status === 'loaded'
      ? visits.data.filter(
          (visit) =>
            visit.shop.slug === shop &&
            orderDate !== '' &&
            visit.createdAt < new Date(Date.parse(`${orderDate}T00:00:00Z`) + 86_400_000).toISOString(),
        )
      : [];

  if (visits.status === 'loading') {
    return (
      <p className="status status--loading" role="status">
        {t('claims.loading')}
      </p>
    );
  }
  if (visits.status === 'error') {
    return (
      <p className="status status--error" role="alert">
        {t('claims.error')} {generalMessage(visits.error, t)}
      </p>
    );
  }
  if (shops.length === 0) {
    return (
      <section aria-labelledby="claim-new-title">
        <h2 id="claim-new-title">{t('claims.newTitle')}</h2>
        <p className="status">{t('claims.noVisits')}</p>
      </section>
    );
  }

  const parsed = parseDecimalToMinor(amount.replace(',', '.').replace(/\s/g, ''));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (orderDate === '') problems.push({ id: IDS.orderDate, message: t('claims.errors.orderDate') });
    if (orderNumber.trim() === '')
      problems.push({ id: IDS.orderNumber, message: t('claims.errors.orderNumber') });
    if (parsed === undefined || parsed <= 0n)
      problems.push({ id: IDS.amount, message: t('claims.errors.amount') });
    setErrors(problems);
    setFormError(undefined);
    if (problems.length > 0 || parsed === undefined) return;
    setBusy(true);
    try {
      const claim = await fileClaim({
        shop,
        orderNumber: orderNumber.trim(),
        orderDate,
        orderValue: { amountMinor: parsed.toString(), currency },
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(visitId ? { clickId: visitId } : {}),
      });
      setOrderNumber('');
      setAmount('');
      setNote('');
      setOrderDate('');
      onFiled(claim);
    } catch (error) {
      // The window the server applied is the one the preview showed (problem details keep only their own fields).
      const window = preview
        ? t('claims.errors.window', {
            opens: formatDay(preview.opensOn, locale),
            closes: formatDay(preview.closesOn, locale),
          })
        : t('claims.errors.windowPlain');
      const interpreted = interpretError(error, t, {
        codes: {
          CLAIM_OUTSIDE_WINDOW: { id: IDS.orderDate, message: window },
          CLAIM_DUPLICATE: { id: IDS.orderNumber, message: t('claims.errors.duplicate') },
          CLAIM_ORDER_TRACKED: { id: IDS.orderNumber, message: t('claims.errors.tracked') },
          CLAIM_NO_CLICK: { id: IDS.visit, message: t('claims.errors.noVisit') },
          CLAIM_CLICK_INVALID: { id: IDS.visit, message: t('claims.errors.noVisit') },
        },
        paths: {
          orderNumber: { id: IDS.orderNumber, message: t('claims.errors.orderNumber') },
          orderDate: { id: IDS.orderDate, message: t('claims.errors.orderDate') },
          'orderValue.amountMinor': { id: IDS.amount, message: t('claims.errors.amount') },
          note: { id: IDS.note, message: t('claims.errors.note') },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (id: string) => errors.find((error) => error.id === id)?.message;
  const optional = (id: string) => (fieldError(id) ? { error: fieldError(id)! } : {});
  return (
    <section aria-labelledby="claim-new-title">
      <h2 id="claim-new-title">{t('claims.newTitle')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} {...(formError ? { formError } : {})} />
        <SelectField id={IDS.shop} label={t('claims.shop')} value={shop} onChange={setShop} choices={shops} />
        <TextField
          id={IDS.orderDate}
          type="date"
          label={t('claims.orderDate')}
          value={orderDate}
          onChange={setOrderDate}
          {...(preview
            ? {
                hint: preview.open
                  ? t('claims.windowOpen', { closes: formatDay(preview.closesOn, locale) })
                  : t('claims.windowClosed', {
                      opens: formatDay(preview.opensOn, locale),
                      closes: formatDay(preview.closesOn, locale),
                    }),
              }
            : {})}
          {...optional(IDS.orderDate)}
        />
        <TextField
          id={IDS.orderNumber}
          label={t('claims.orderNumber')}
          value={orderNumber}
          onChange={setOrderNumber}
          maxLength={128}
          autoComplete="off"
          {...optional(IDS.orderNumber)}
        />
        <TextField
          id={IDS.amount}
          label={t('claims.orderValue', { currency })}
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          hint={t('claims.orderValueHint')}
          {...optional(IDS.amount)}
        />
        <SelectField
          id={IDS.currency}
          label={t('claims.currency')}
          value={currency}
          onChange={setCurrency}
          choices={CURRENCIES.map((value) => ({ value, label: value }))}
        />
        {orderDate !== '' && (
          <SelectField
            id={IDS.visit}
            label={t('claims.visit')}
            value={visitId}
            onChange={setVisitId}
            hint={candidates.length === 0 ? t('claims.noVisitBefore') : t('claims.visitHint')}
            choices={
              candidates.length === 0
                ? [{ value: '', label: '—' }]
                : candidates.map((visit) => ({
                    value: visit.id,
                    label: formatDateTime(visit.createdAt, locale),
                  }))
            }
            {...optional(IDS.visit)}
          />
        )}
        <TextAreaField
          id={IDS.note}
          label={t('claims.note')}
          value={note}
          onChange={setNote}
          maxLength={1000}
          rows={3}
          {...optional(IDS.note)}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('claims.submit')}
        </button>
      </form>
    </section>
  );
}

function ClaimList({ version }: { version: number }) {
  const { t } = useTranslation();
  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) =>
      getClaims({ limit: 20, ...(cursor ? { cursor } : {}) }, signal),
    // `version` is not read, but a new one must load the list again.
    [version],
  );
  const { state: listed, reload, loadMore } = usePagedList(load);
  return (
    <section aria-labelledby="claim-list-title">
      <h2 id="claim-list-title">{t('claims.listTitle')}</h2>
      <PagedList
        state={listed}
        onRetry={reload}
        onMore={loadMore}
        loading={t('claims.loading')}
        failed={t('claims.error')}
        empty={t('claims.empty')}
        more={t('claims.more')}
        moreFailed={t('claims.moreFailed')}
      >
        {(items, moreButton) => (
          <>
            <ul className="claim-list" data-testid="claim-list">
              {items.map((claim) => (
                <ClaimItem key={claim.id} claim={claim} />
              ))}
            </ul>
            {moreButton}
          </>
        )}
      </PagedList>
    </section>
  );
}

const UNDECIDED = new Set(['open', 'needs_info']);

/** One claim: its facts and state, and — opened — the thread with support and the proofs. */
function ClaimItem({ claim: summary }: { claim: Claim }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [detail, setDetail] = useState<ClaimDetail>();
  const [open, setOpen] = useState(() => window.location.hash === `#claim-${summary.id}`);
  const [error, setError] = useState<string>();
  const claim = detail ?? summary;

  useEffect(() => {
    if (!open || detail) return;
    const controller = new AbortController();
    getClaim(summary.id, controller.signal).then(setDetail, (failure: unknown) => {
      if (!controller.signal.aborted) setError(generalMessage(failure, t));
    });
    return () => controller.abort();
  }, [open, detail, summary.id, t]);

  return (
    <li className="claim" id={`claim-${claim.id}`} data-testid="claim">
      <h3 className="claim__title">
        {claim.shop.name} · {claim.orderNumber}
      </h3>
      <dl className="claim__facts">
        <dt>{t('claims.columns.state')}</dt>
        <dd data-testid="claim-state">{t(`claims.states.${claim.state}`)}</dd>
        <dt>{t('claims.columns.orderDate')}</dt>
        <dd>{formatDay(claim.orderDate, locale)}</dd>
        <dt>{t('claims.columns.value')}</dt>
        <dd>{formatMoney(claim.orderValue.amountMinor, claim.orderValue.currency, locale)}</dd>
        <dt>{t('claims.columns.visit')}</dt>
        <dd>{formatDateTime(claim.click.createdAt, locale)}</dd>
        {UNDECIDED.has(claim.state) && (
          <>
            <dt>{t('claims.columns.deadline')}</dt>
            <dd>{formatDate(claim.deadlineAt, locale)}</dd>
          </>
        )}
      </dl>
      {claim.reason && (
        <p className={claim.state === 'needs_info' ? 'notice' : 'field__hint'}>
          {claim.state === 'needs_info' ? t('claims.needsInfo') : t('claims.reason')} {claim.reason}
        </p>
      )}
      {claim.state === 'accepted' && <p className="field__hint">{t('claims.acceptedNote')}</p>}
      {claim.state === 'resolved' && <p className="field__hint">{t('claims.resolvedNote')}</p>}
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? t('claims.hide') : t('claims.show')}
      </button>
      {open && error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {open && detail && <Thread claim={detail} onChanged={setDetail} />}
    </li>
  );
}

function Thread({ claim, onChanged }: { claim: ClaimDetail; onChanged: (claim: ClaimDetail) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [proofError, setProofError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const undecided = UNDECIDED.has(claim.state);
  const messageId = `claim-${claim.id}-message`;
  const proofId = `claim-${claim.id}-proof`;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (message.trim() === '') {
      setFieldError(t('claims.errors.message'));
      return;
    }
    setBusy(true);
    setFieldError(undefined);
    try {
      onChanged(await writeToSupport(claim.id, message.trim()));
      setMessage('');
    } catch (failure) {
      setFieldError(generalMessage(failure, t));
    } finally {
      setBusy(false);
    }
  }

  async function attach(file: File | undefined) {
    if (!file) return;
    setProofError(undefined);
    if (file.size > CLAIM_PROOF_MAX_BYTES) {
      setProofError(t('claims.errors.proofSize'));
      return;
    }
    setBusy(true);
    try {
      await attachProof(claim.id, file);
      onChanged(await getClaim(claim.id));
    } catch (failure) {
      setProofError(
        failure instanceof ApiError && failure.code === 'CLAIM_PROOF_TYPE'
          ? t('claims.errors.proofType')
          : failure instanceof ApiError && failure.code === 'BODY_TOO_LARGE'
            ? t('claims.errors.proofSize')
            : generalMessage(failure, t),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="claim__thread">
      {claim.note && (
        <p>
          <strong>{t('claims.yourNote')}</strong> {claim.note}
        </p>
      )}
      <h4>{t('claims.messagesTitle')}</h4>
      {claim.messages.length === 0 ? (
        <p className="status">{t('claims.noMessages')}</p>
      ) : (
        <ol className="claim__messages">
          {claim.messages.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.author === 'support' ? t('claims.support') : t('claims.you')}</strong>{' '}
              <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, locale)}</time>
              <p>{entry.body}</p>
            </li>
          ))}
        </ol>
      )}
      {undecided && (
        <form noValidate onSubmit={(event) => void send(event)}>
          <TextAreaField
            id={messageId}
            label={t('claims.writeLabel')}
            value={message}
            onChange={setMessage}
            maxLength={2000}
            rows={3}
            {...(fieldError ? { error: fieldError } : {})}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('claims.send')}
          </button>
        </form>
      )}
      <h4>{t('claims.proofsTitle')}</h4>
      {claim.proofs.length > 0 && (
        <ul>
          {claim.proofs.map((proof) => (
            <li key={proof.id}>
              <a href={proofUrl(claim.id, proof.id)} download>
                {proof.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      {undecided && (
        <div className={proofError ? 'field field--error' : 'field'}>
          <label className="field__label" htmlFor={proofId}>
            {t('claims.attach')}
          </label>
          <p className="field__hint" id={`${proofId}-hint`}>
            {t('claims.attachHint')}
          </p>
          {proofError && (
            <p className="field__error" role="alert">
              {proofError}
            </p>
          )}
          <input
            id={proofId}
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby={`${proofId}-hint`}
            disabled={busy}
            onChange={(event) => {
              void attach(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </div>
      )}
    </div>
  );
}
