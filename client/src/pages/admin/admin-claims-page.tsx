import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_STATES } from '@shared/contracts/claims.js';
import { formatMoney, parseDecimalToMinor } from '@shared/money.js';
import {
  acceptClaim,
  askForInformation,
  claimsExportUrl,
  getAdminClaim,
  getAdminClaims,
  proofUrl,
  rejectClaim,
  type AdminClaim,
  type AdminClaimDetail,
  type ClaimState,
} from '../../api/claims.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { CheckboxField, SelectField, SuccessMessage, TextField } from '../../components/form.js';
import { formatDate, formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { PagedList } from '../../components/paged-list.js';
import { usePagedList } from '../../components/use-paged-list.js';

const UNDECIDED = new Set<ClaimState>(['open', 'needs_info']);

/** `/admin/claims`: support's queue — ask for more, accept (the purchase is recorded), reject. */
export function AdminClaimsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('adminClaims.title'));
  const [state, setState] = useState<ClaimState | ''>('open');
  const [network, setNetwork] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [opened, setOpened] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [version, setVersion] = useState(0);

  const networkFilter = /^[a-z0-9-]{1,64}$/.test(network) ? network : '';
  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) =>
      getAdminClaims(
        {
          ...(state ? { state } : {}),
          ...(networkFilter ? { network: networkFilter } : {}),
          ...(overdueOnly ? { overdue: true } : {}),
          ...(cursor ? { cursor } : {}),
        },
        signal,
      ),
    // `version` is not read, but a decision must load the queue again.
    [state, networkFilter, overdueOnly, version],
  );
  const { state: loaded, reload, loadMore } = usePagedList(load);

  return (
    <article className="prose prose--wide">
      <h1>{t('adminClaims.title')}</h1>
      <p>{t('adminClaims.intro')}</p>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="claims-state"
          label={t('adminClaims.filters.state')}
          value={state}
          onChange={setState}
          choices={[
            { value: '', label: t('adminClaims.filters.all') },
            ...CLAIM_STATES.map((value) => ({ value, label: t(`claims.states.${value}`) })),
          ]}
        />
        <TextField
          id="claims-network"
          label={t('adminClaims.filters.network')}
          value={network}
          onChange={(value) => setNetwork(value.trim().toLowerCase())}
          hint={t('adminClaims.filters.networkHint')}
        />
        <CheckboxField
          id="claims-overdue"
          label={t('adminClaims.filters.overdue')}
          checked={overdueOnly}
          onChange={setOverdueOnly}
        />
        {networkFilter && (
          <p>
            <a href={claimsExportUrl(networkFilter)} download>
              {t('adminClaims.export', { network: networkFilter })}
            </a>
          </p>
        )}
      </form>
      <PagedList
        state={loaded}
        onRetry={reload}
        onMore={loadMore}
        loading={t('adminClaims.loading')}
        failed={t('adminClaims.error')}
        empty={t('adminClaims.empty')}
        more={t('adminClaims.more')}
      >
        {(items, moreButton) => (
          <div className="table-wrap">
            <table className="table" data-testid="admin-claims">
              <thead>
                <tr>
                  <th scope="col">{t('adminClaims.columns.filed')}</th>
                  <th scope="col">{t('adminClaims.columns.shop')}</th>
                  <th scope="col">{t('adminClaims.columns.order')}</th>
                  <th scope="col" className="table__number">
                    {t('adminClaims.columns.value')}
                  </th>
                  <th scope="col">{t('adminClaims.columns.state')}</th>
                  <th scope="col">{t('adminClaims.columns.deadline')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('adminClaims.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((claim) => (
                  <ClaimRow
                    key={claim.id}
                    claim={claim}
                    locale={locale}
                    opened={opened === claim.id}
                    onToggle={() => setOpened(opened === claim.id ? undefined : claim.id)}
                    onDecided={(text) => {
                      setNotice(text);
                      setOpened(undefined);
                      setVersion((count) => count + 1);
                    }}
                  />
                ))}
              </tbody>
            </table>
            {moreButton}
          </div>
        )}
      </PagedList>
    </article>
  );
}

function ClaimRow({
  claim,
  locale,
  opened,
  onToggle,
  onDecided,
}: {
  claim: AdminClaim;
  locale: string;
  opened: boolean;
  onToggle: () => void;
  onDecided: (notice: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <tr className={claim.overdue ? 'table__row--warning' : undefined} data-testid="admin-claim">
        <td>{formatDate(claim.createdAt, locale)}</td>
        <td>
          {claim.shop.name}
          <br />
          <span className="field__hint">{claim.network.name}</span>
        </td>
        <td>
          <code>{claim.orderNumber}</code>
          <br />
          {formatDate(`${claim.orderDate}T12:00:00Z`, locale)}
        </td>
        <td className="table__number">
          {formatMoney(claim.orderValue.amountMinor, claim.orderValue.currency, locale)}
        </td>
        <td>{t(`claims.states.${claim.state}`)}</td>
        <td>
          {formatDate(claim.deadlineAt, locale)}
          {claim.overdue && (
            <>
              {' '}
              <strong className="badge badge--rejected">{t('adminClaims.overdue')}</strong>
            </>
          )}
        </td>
        <td>
          <button type="button" className="button" aria-expanded={opened} onClick={onToggle}>
            {opened ? t('adminClaims.close') : t('adminClaims.open')}
          </button>
        </td>
      </tr>
      {opened && (
        <tr>
          <td colSpan={7}>
            <ClaimDetailPanel id={claim.id} locale={locale} onDecided={onDecided} />
          </td>
        </tr>
      )}
    </>
  );
}

type Decision = 'ask' | 'accept' | 'reject';

function ClaimDetailPanel({
  id,
  locale,
  onDecided,
}: {
  id: string;
  locale: string;
  onDecided: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const [claim, setClaim] = useState<AdminClaimDetail>();
  const [error, setError] = useState<string>();
  const [decision, setDecision] = useState<Decision>('accept');
  const [reason, setReason] = useState('');
  const [commission, setCommission] = useState('');
  const [orderValue, setOrderValue] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getAdminClaim(id, controller.signal).then(setClaim, (failure: unknown) => {
      if (!controller.signal.aborted) setError(generalMessage(failure, t));
    });
    return () => controller.abort();
  }, [id, t]);

  if (!claim) {
    return error ? (
      <p className="status status--error" role="alert">
        {error}
      </p>
    ) : (
      <p className="status status--loading" role="status">
        {t('adminClaims.loading')}
      </p>
    );
  }

  const minor = (text: string) => parseDecimalToMinor(text.replace(',', '.').replace(/\s/g, ''));

  async function decide(event: FormEvent) {
    event.preventDefault();
    if (!claim) return;
    setError(undefined);
    setBusy(true);
    try {
      if (decision === 'accept') {
        const commissionMinor = minor(commission);
        const corrected = orderValue.trim() === '' ? undefined : minor(orderValue);
        if (commissionMinor === undefined || (orderValue.trim() !== '' && !corrected)) {
          setError(t('adminClaims.errors.amount'));
          return;
        }
        await acceptClaim(claim.id, {
          commissionMinor: commissionMinor.toString(),
          ...(corrected ? { orderAmountMinor: corrected.toString() } : {}),
        });
        onDecided(t('adminClaims.accepted', { order: claim.orderNumber }));
      } else if (decision === 'ask') {
        await askForInformation(claim.id, reason.trim());
        onDecided(t('adminClaims.asked', { order: claim.orderNumber }));
      } else {
        await rejectClaim(claim.id, reason.trim());
        onDecided(t('adminClaims.rejected', { order: claim.orderNumber }));
      }
    } catch (failure) {
      setError(
        failure instanceof ApiError &&
          ['CLAIM_STATE_CONFLICT', 'CLAIM_OWN', 'CLAIM_CONVERSION_CONFLICT', 'VALIDATION_FAILED'].includes(
            failure.code,
          )
          ? failure.message
          : generalMessage(failure, t),
      );
    } finally {
      setBusy(false);
    }
  }

  const currency = claim.orderValue.currency;
  return (
    <div className="claim__thread" data-testid="admin-claim-detail">
      <dl className="claim__facts">
        <dt>{t('adminClaims.shopper')}</dt>
        <dd>{claim.userId}</dd>
        <dt>{t('adminClaims.visit')}</dt>
        <dd>
          <code>{claim.click.id}</code> · {formatDateTime(claim.click.createdAt, locale)}
        </dd>
        {claim.purchase && (
          <>
            <dt>{t('adminClaims.purchase')}</dt>
            <dd>
              <a href={`/admin/conversions/${claim.purchase.conversionId}`}>{claim.purchase.conversionId}</a>
            </dd>
          </>
        )}
        {claim.reason && (
          <>
            <dt>{t('adminClaims.reason')}</dt>
            <dd>{claim.reason}</dd>
          </>
        )}
      </dl>
      {claim.note && <p>{t('adminClaims.note', { note: claim.note })}</p>}
      <h3>{t('claims.messagesTitle')}</h3>
      {claim.messages.length === 0 ? (
        <p className="status">{t('claims.noMessages')}</p>
      ) : (
        <ol className="claim__messages">
          {claim.messages.map((message) => (
            <li key={message.id}>
              <strong>{message.author === 'support' ? t('claims.support') : t('adminClaims.shopper')}</strong>{' '}
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>
              <p>{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <h3>{t('claims.proofsTitle')}</h3>
      {claim.proofs.length === 0 ? (
        <p className="status">{t('adminClaims.noProofs')}</p>
      ) : (
        <ul>
          {claim.proofs.map((proof) => (
            <li key={proof.id}>
              <a href={proofUrl(claim.id, proof.id, true)} download>
                {proof.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      {UNDECIDED.has(claim.state) && (
        <form noValidate onSubmit={(event) => void decide(event)}>
          {error && (
            <p className="status status--error" role="alert">
              {error}
            </p>
          )}
          <SelectField
            id={`claim-${claim.id}-decision`}
            label={t('adminClaims.decision')}
            value={decision}
            onChange={setDecision}
            choices={[
              { value: 'accept', label: t('adminClaims.decisions.accept') },
              { value: 'ask', label: t('adminClaims.decisions.ask') },
              { value: 'reject', label: t('adminClaims.decisions.reject') },
            ]}
          />
          {decision === 'accept' ? (
            <>
              <TextField
                id={`claim-${claim.id}-commission`}
                label={t('adminClaims.commission', { currency })}
                inputMode="decimal"
                value={commission}
                onChange={setCommission}
                hint={t('adminClaims.commissionHint')}
              />
              <TextField
                id={`claim-${claim.id}-value`}
                label={t('adminClaims.correctedValue', { currency })}
                inputMode="decimal"
                value={orderValue}
                onChange={setOrderValue}
                hint={t('adminClaims.correctedValueHint', {
                  value: formatMoney(claim.orderValue.amountMinor, currency, locale),
                })}
              />
            </>
          ) : (
            <TextField
              id={`claim-${claim.id}-reason`}
              label={decision === 'ask' ? t('adminClaims.question') : t('adminClaims.rejectReason')}
              value={reason}
              onChange={setReason}
              maxLength={500}
              hint={t('adminClaims.reasonHint')}
            />
          )}
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(`adminClaims.submit.${decision}`)}
          </button>
        </form>
      )}
    </div>
  );
}
