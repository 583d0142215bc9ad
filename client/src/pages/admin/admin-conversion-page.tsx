import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminConversionDetail } from '@shared/contracts/admin-money.js';
import { formatMoney } from '@shared/money.js';
import { getConversion } from '../../api/admin-money.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { useLoader } from '../../components/use-loader.js';
import { AdjustmentForm, AssignForm, DismissForm } from './conversion-actions.js';
import { AttributionLabel, ConversionStateBadge } from './conversion-labels.js';

type Money = AdminConversionDetail['conversion']['share'];

/** `/admin/conversions/:id`: everything we know about one purchase, and what staff can do with it. */
export function AdminConversionPage({ canMoveMoney }: { canMoveMoney: boolean }) {
  const { id = '' } = useParams();
  return <ConversionDetail key={id} id={id} canMoveMoney={canMoveMoney} />;
}

function ConversionDetail({ id, canMoveMoney }: { id: string; canMoveMoney: boolean }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const load = useCallback((signal: AbortSignal) => getConversion(id, signal), [id]);
  const { state, reload } = useLoader(load, version);
  const [notice, setNotice] = useState<string>();
  useDocumentTitle(
    t('admin.conversion.title', {
      orderId: state.status === 'loaded' ? state.data.conversion.orderId : id,
    }),
  );

  if (state.status === 'loading') {
    return (
      <p className="status status--loading" role="status">
        {t('admin.loading')}
      </p>
    );
  }
  if (state.status === 'error') {
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return (
      <article className="prose">
        <h1>{notFound ? t('admin.conversion.notFound') : generalMessage(state.error, t)}</h1>
        {!notFound && (
          <button type="button" className="button" onClick={reload}>
            {t('shops.retry')}
          </button>
        )}
        <p className="form-aside">
          <Link to="/admin/conversions">{t('admin.conversion.back')}</Link>
        </p>
      </article>
    );
  }

  const detail = state.data;
  const { conversion } = detail;
  const changed = (message: string) => {
    setNotice(message);
    setVersion((count) => count + 1);
  };

  return (
    <section aria-labelledby="admin-conversion-title" className="admin-conversion">
      <p className="form-aside">
        <Link to="/admin/conversions">{t('admin.conversion.back')}</Link>
      </p>
      <h1 id="admin-conversion-title">{t('admin.conversion.title', { orderId: conversion.orderId })}</h1>
      {notice && (
        <div className="notice notice--success" role="status">
          <p>{notice}</p>
        </div>
      )}
      <Summary detail={detail} />
      <History detail={detail} />
      <Transfers detail={detail} />
      <Inbox detail={detail} />
      {canMoveMoney && (
        <>
          {conversion.userId !== null ? (
            <AdjustmentForm key={`adjust-${version}`} conversion={conversion} onDone={changed} />
          ) : (
            conversion.attribution !== 'unattributed' && (
              <p className="status">{t('admin.conversion.adjust.noUser')}</p>
            )
          )}
          {conversion.attribution === 'unattributed' && (
            <>
              <AssignForm conversion={conversion} onDone={changed} />
              <DismissForm conversion={conversion} onDone={changed} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function useMoney() {
  const locale = useLocale();
  return (value: Money) => formatMoney(value.amountMinor, value.currency, locale);
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Summary({ detail }: { detail: AdminConversionDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const { conversion, user } = detail;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—');

  return (
    <section className="panel" aria-labelledby="conversion-summary">
      <h2 id="conversion-summary">{t('admin.conversion.summary')}</h2>
      <dl className="facts" data-testid="conversion-facts">
        <Fact term={t('admin.conversions.state')}>
          <ConversionStateBadge state={conversion.state} />
        </Fact>
        <Fact term={t('admin.conversions.attribution')}>
          <AttributionLabel attribution={conversion.attribution} />
        </Fact>
        <Fact term={t('admin.conversions.orderId')}>
          <code>{conversion.orderId}</code>
        </Fact>
        <Fact term={t('admin.conversions.clickId')}>
          {conversion.clickId ? <code>{conversion.clickId}</code> : '—'}
        </Fact>
        <Fact term={t('admin.conversions.network')}>
          <Link to={`/admin/networks/${conversion.network.slug}`}>{conversion.network.name}</Link>
        </Fact>
        <Fact term={t('admin.conversions.shop')}>
          {conversion.shop ? (
            <Link to={`/admin/shops/${conversion.shop.slug}`}>{conversion.shop.name}</Link>
          ) : (
            t('admin.conversions.noShop')
          )}
        </Fact>
        <Fact term={t('admin.conversion.shopper')}>
          {user ? (
            <>
              {user.email} <span className="table__secondary">ID {user.id}</span>
            </>
          ) : (
            (conversion.userId ?? '—')
          )}
        </Fact>
        <Fact term={t('admin.conversions.orderAmount')}>{money(conversion.orderAmount)}</Fact>
        <Fact term={t('admin.conversions.commission')}>{money(conversion.commission)}</Fact>
        <Fact term={t('admin.conversions.share')}>{money(conversion.share)}</Fact>
        <Fact term={t('admin.conversion.ledgerState')}>
          {t(`admin.conversion.ledgerStates.${conversion.ledgerState}`)}
        </Fact>
        <Fact term={t('admin.conversion.settled')}>
          {conversion.settled ? t('admin.conversion.yes') : t('admin.conversion.no')}
        </Fact>
        <Fact term={t('admin.conversion.revision')}>{conversion.revision}</Fact>
        <Fact term={t('admin.conversion.occurredAt')}>{when(conversion.occurredAt)}</Fact>
        <Fact term={t('admin.conversion.clickedAt')}>{when(conversion.clickedAt)}</Fact>
        <Fact term={t('admin.conversion.expectedConfirmationAt')}>
          {when(conversion.expectedConfirmationAt)}
        </Fact>
        <Fact term={t('admin.conversions.received')}>{when(conversion.createdAt)}</Fact>
        <Fact term={t('admin.conversion.updatedAt')}>{when(conversion.updatedAt)}</Fact>
        {conversion.reason && <Fact term={t('admin.conversion.reason')}>{conversion.reason}</Fact>}
      </dl>
    </section>
  );
}

function History({ detail }: { detail: AdminConversionDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <section className="panel" aria-labelledby="conversion-history">
      <h2 id="conversion-history">{t('admin.conversion.history.title')}</h2>
      {detail.events.length === 0 ? (
        <p className="status">{t('admin.conversion.history.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="conversion-history">
            <caption>{t('admin.conversion.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.conversion.revision')}</th>
                <th scope="col">{t('admin.conversion.history.at')}</th>
                <th scope="col">{t('admin.conversions.state')}</th>
                <th scope="col" className="table__number">
                  {t('admin.conversions.orderAmount')}
                </th>
                <th scope="col" className="table__number">
                  {t('admin.conversions.commission')}
                </th>
                <th scope="col" className="table__number">
                  {t('admin.conversions.share')}
                </th>
                <th scope="col">{t('admin.conversion.history.source')}</th>
                <th scope="col">{t('admin.conversion.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.events.map((event) => (
                <tr key={event.revision}>
                  <th scope="row">{event.revision}</th>
                  <td>{formatDateTime(event.createdAt, locale)}</td>
                  <td>
                    <ConversionStateBadge state={event.state} />
                  </td>
                  <td className="table__number">{money(event.orderAmount)}</td>
                  <td className="table__number">{money(event.commission)}</td>
                  <td className="table__number">{money(event.share)}</td>
                  <td>
                    {t(`admin.conversion.history.sources.${event.source}`)}
                    {event.source === 'postback' && event.sourceReference && (
                      <span className="table__secondary">
                        <a href={`#inbox-${event.sourceReference}`}>
                          {t('admin.conversion.history.inbox', { id: event.sourceReference })}
                        </a>
                      </span>
                    )}
                    <span className="table__secondary">{event.actor}</span>
                  </td>
                  <td>{event.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Transfers({ detail }: { detail: AdminConversionDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <section className="panel" aria-labelledby="conversion-transfers">
      <h2 id="conversion-transfers">{t('admin.conversion.transfers.title')}</h2>
      {detail.transfers.length === 0 ? (
        <p className="status">{t('admin.conversion.transfers.empty')}</p>
      ) : (
        <ol className="record-list" data-testid="conversion-transfers">
          {detail.transfers.map((transfer) => (
            <li key={transfer.id} className="record">
              <h3 className="record__title">
                <code>{transfer.code}</code>{' '}
                <span className="table__secondary">{formatDateTime(transfer.createdAt, locale)}</span>
              </h3>
              <dl className="facts">
                <Fact term={t('admin.conversion.transfers.key')}>
                  <code className="break">{transfer.idempotencyKey}</code>
                </Fact>
                <Fact term={t('admin.conversion.transfers.reference')}>
                  {transfer.reference ? <code>{transfer.reference}</code> : '—'}
                </Fact>
                <Fact term={t('admin.conversion.transfers.createdBy')}>{transfer.createdBy}</Fact>
                {transfer.reason && <Fact term={t('admin.conversion.reason')}>{transfer.reason}</Fact>}
              </dl>
              <div className="table-wrap">
                <table className="table">
                  <caption>{t('admin.conversion.transfers.entries', { id: transfer.id })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.conversion.transfers.account')}</th>
                      <th scope="col">{t('admin.conversion.transfers.kind')}</th>
                      <th scope="col" className="table__number">
                        {t('admin.conversion.transfers.amount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {transfer.entries.map((entry, index) => (
                      <tr key={`${entry.account}-${index}`}>
                        <th scope="row">
                          <code className="break">{entry.account}</code>
                        </th>
                        <td>{entry.kind}</td>
                        <td className="table__number">{money(entry.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Pretty-prints JSON bodies for reading; anything else is shown exactly as it came. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Inbox({ detail }: { detail: AdminConversionDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="conversion-inbox">
      <h2 id="conversion-inbox">{t('admin.conversion.inbox.title')}</h2>
      <p className="panel__intro">{t('admin.conversion.inbox.intro')}</p>
      {detail.inbox.length === 0 ? (
        <p className="status">{t('admin.conversion.inbox.empty')}</p>
      ) : (
        <ol className="record-list" data-testid="conversion-inbox">
          {detail.inbox.map((message) => (
            <li key={message.id} id={`inbox-${message.id}`} className="record" tabIndex={-1}>
              <h3 className="record__title">
                {t('admin.conversion.inbox.message', { id: message.id })}{' '}
                <span className="table__secondary">{formatDateTime(message.receivedAt, locale)}</span>
              </h3>
              <dl className="facts">
                <Fact term={t('admin.conversion.inbox.request')}>
                  <code>{message.method}</code>
                </Fact>
                <Fact term={t('admin.conversion.inbox.sourceIp')}>{message.sourceIp ?? '—'}</Fact>
                <Fact term={t('admin.conversion.inbox.verified')}>
                  {message.verified ? t('admin.conversion.yes') : t('admin.conversion.no')}
                </Fact>
                <Fact term={t('admin.conversion.inbox.outcome')}>
                  {message.outcome ?? '—'}
                  {message.httpStatus !== null && ` (HTTP ${message.httpStatus})`}
                </Fact>
                {message.errorCode && (
                  <Fact term={t('admin.conversion.inbox.errorCode')}>
                    <code>{message.errorCode}</code>
                  </Fact>
                )}
                <Fact term={t('admin.conversion.inbox.processedAt')}>
                  {message.processedAt ? formatDateTime(message.processedAt, locale) : '—'}
                </Fact>
              </dl>
              <RawBlock label={t('admin.conversion.inbox.headers')}>
                {Object.entries(message.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n')}
              </RawBlock>
              {message.query !== '' && (
                <RawBlock label={t('admin.conversion.inbox.query')}>{message.query}</RawBlock>
              )}
              <RawBlock label={t('admin.conversion.inbox.body')} testId="inbox-body">
                {readable(message.body)}
              </RawBlock>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Raw text from outside, as text: React escapes it, the block keeps its lines and scrolls. */
function RawBlock({ label, children, testId }: { label: string; children: string; testId?: string }) {
  return (
    <div className="raw">
      <p className="raw__label">{label}</p>
      {/* Focusable so a keyboard can scroll a long body sideways. */}
      <pre className="raw__text" tabIndex={0} aria-label={label} data-testid={testId}>
        {children === '' ? '—' : children}
      </pre>
    </div>
  );
}
