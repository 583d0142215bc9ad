import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '@shared/money.js';
import type { Purchase } from '../../api/money.js';
import { generalMessage } from '../../components/api-errors.js';
import { useCashbackText } from '../../components/cashback.js';
import { Drawer } from '../../components/drawer.js';
import { formatDate, formatDateTime, useLocale } from '../../components/format.js';
import type { PagedState } from '../../components/use-paged-list.js';
import { PurchaseStateBadge } from './purchase-state.js';

/** The rate a purchase earns, in words: "3 % z ceny nákupu (kategorie Elektronika)"; null without a rule. */
function useRateText() {
  const { t } = useTranslation();
  const cashback = useCashbackText();
  return (rule: Purchase['rule']): string | null => {
    if (rule === null) return null;
    const category = rule.category === null ? null : cashback.category(rule.category);
    if (rule.kind === 'excluded') return t('overview.purchase.excluded', { category: category ?? '' });
    const terms = cashback.rule(rule);
    return category === null ? terms : t('overview.purchase.rateIn', { terms, category });
  };
}

/** The shopper's purchases, newest first, with a drawer telling one purchase's story. */
export function PurchasesSection({
  state,
  onRetry,
  onMore,
}: {
  state: PagedState<Purchase>;
  onRetry: () => void;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  // The purchase in the drawer and the button that opened it, for focus to return to.
  const [opened, setOpened] = useState<{ id: string; button: HTMLElement }>();
  const open = state.status === 'loaded' ? state.items.find((item) => item.id === opened?.id) : undefined;

  let body;
  switch (state.status) {
    case 'loading':
      body = (
        <p className="status status--loading" role="status">
          {t('overview.purchases.loading')}
        </p>
      );
      break;
    case 'error':
      body = (
        <div className="status status--error" role="alert">
          <p>
            {t('overview.purchases.error')} {generalMessage(state.error, t)}
          </p>
          <button type="button" className="button" onClick={onRetry}>
            {t('shops.retry')}
          </button>
        </div>
      );
      break;
    case 'loaded':
      body =
        state.items.length === 0 ? (
          <div className="status" data-testid="purchases-empty">
            <p>
              <strong>{t('overview.purchases.empty')}</strong>
            </p>
            <p>{t('overview.purchases.emptyNext')}</p>
            <Link className="button" to="/">
              {t('overview.visits.pickShop')}
            </Link>
          </div>
        ) : (
          <>
            <PurchaseTable purchases={state.items} onOpen={(id, button) => setOpened({ id, button })} />
            {state.more === 'error' && (
              <p className="status status--error" role="alert">
                {t('overview.purchases.moreFailed')}
              </p>
            )}
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button--secondary"
                onClick={onMore}
                disabled={state.more === 'loading'}
              >
                {state.more === 'loading'
                  ? t('overview.purchases.loadingMore')
                  : t('overview.purchases.more')}
              </button>
            )}
          </>
        );
      break;
  }

  return (
    <section className="panel" aria-labelledby="purchases-title" id="purchases">
      <h2 id="purchases-title">{t('overview.purchases.title')}</h2>
      {body}
      {open && (
        <PurchaseDrawer
          purchase={open}
          returnFocusTo={opened?.button ?? null}
          onClose={() => setOpened(undefined)}
        />
      )}
    </section>
  );
}

function PurchaseTable({
  purchases,
  onOpen,
}: {
  purchases: Purchase[];
  onOpen: (id: string, button: HTMLElement) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (value: Purchase['share']) => formatMoney(value.amountMinor, value.currency, locale);
  const rateText = useRateText();

  // The columns a shopper checks first come first, so a phone shows them without scrolling.
  return (
    <>
      <p className="field__hint">{t('overview.purchases.openHint')}</p>
      <div className="table-wrap">
        <table className="table purchases" data-testid="purchase-table">
          <caption>{t('overview.purchases.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.purchases.shop')}</th>
              <th scope="col" className="table__number">
                {t('overview.purchases.share')}
              </th>
              <th scope="col">{t('overview.purchases.state')}</th>
              <th scope="col">{t('overview.purchases.date')}</th>
              <th scope="col">{t('overview.purchases.orderId')}</th>
              <th scope="col" className="table__number">
                {t('overview.purchases.orderAmount')}
              </th>
              <th scope="col" className="table__number">
                {t('overview.purchases.commission')}
              </th>
            </tr>
          </thead>
          <tbody>
            {purchases.map((purchase) => {
              const when = purchase.occurredAt ?? purchase.createdAt;
              return (
                <tr key={purchase.id} data-testid="purchase-row" data-order-id={purchase.orderId}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={(event) => onOpen(purchase.id, event.currentTarget)}
                    >
                      {purchase.shop?.name ?? t('overview.purchases.unknownShop')}
                      <span className="visually-hidden">
                        {' '}
                        {t('overview.purchases.detailFor', { orderId: purchase.orderId })}
                      </span>
                    </button>
                  </th>
                  <td className="table__number table__strong">
                    <span data-testid="purchase-share">{money(purchase.share)}</span>
                    {purchase.rule && (
                      <span className="table__secondary" data-testid="purchase-rate">
                        {rateText(purchase.rule)}
                      </span>
                    )}
                  </td>
                  <td data-testid="purchase-state">
                    <PurchaseStateBadge state={purchase.state} />
                    {purchase.state === 'pending' && purchase.expectedConfirmationAt && (
                      <span className="table__secondary">
                        {t('overview.purchases.expected', {
                          date: formatDate(purchase.expectedConfirmationAt, locale),
                        })}
                      </span>
                    )}
                    {purchase.state === 'rejected' && purchase.reason && (
                      <span className="table__secondary">{purchase.reason}</span>
                    )}
                  </td>
                  <td className="table__nowrap">
                    <time dateTime={when}>{formatDate(when, locale)}</time>
                  </td>
                  <td>
                    <code>{purchase.orderId}</code>
                  </td>
                  <td className="table__number">{money(purchase.orderAmount)}</td>
                  <td className="table__number">{money(purchase.commission)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PurchaseDrawer({
  purchase,
  returnFocusTo,
  onClose,
}: {
  purchase: Purchase;
  returnFocusTo: HTMLElement | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (value: Purchase['share']) => formatMoney(value.amountMinor, value.currency, locale);
  const shopName = purchase.shop?.name ?? t('overview.purchases.unknownShop');
  const when = purchase.occurredAt ?? purchase.createdAt;
  const rate = useRateText()(purchase.rule);

  return (
    <Drawer
      title={t('overview.purchase.title', { shop: shopName })}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      testId="purchase-drawer"
    >
      <p>
        <PurchaseStateBadge state={purchase.state} />
      </p>
      <p className="drawer__lead">{t(`overview.purchase.explain.${purchase.state}`)}</p>
      <dl className="facts facts--stacked">
        <div>
          <dt>{t('overview.purchases.share')}</dt>
          <dd>
            <strong>{money(purchase.share)}</strong>
          </dd>
        </div>
        {rate !== null && (
          <div>
            <dt>{t('overview.purchase.rate')}</dt>
            <dd data-testid="purchase-drawer-rate">{rate}</dd>
          </div>
        )}
        <div>
          <dt>{t('overview.purchases.orderId')}</dt>
          <dd>
            <code>{purchase.orderId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('overview.purchases.date')}</dt>
          <dd>
            <time dateTime={when}>{formatDateTime(when, locale)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('overview.purchases.orderAmount')}</dt>
          <dd>{money(purchase.orderAmount)}</dd>
        </div>
        <div>
          <dt>{t('overview.purchases.commission')}</dt>
          <dd>{money(purchase.commission)}</dd>
        </div>
        {purchase.state === 'pending' && purchase.expectedConfirmationAt && (
          <div>
            <dt>{t('overview.purchase.expectedAt')}</dt>
            <dd>
              <time dateTime={purchase.expectedConfirmationAt}>
                {formatDate(purchase.expectedConfirmationAt, locale)}
              </time>
            </dd>
          </div>
        )}
        {purchase.reason && (
          <div>
            <dt>{t('overview.purchase.reason')}</dt>
            <dd data-testid="purchase-reason">{purchase.reason}</dd>
          </div>
        )}
      </dl>
      <h3>{t('overview.purchase.history')}</h3>
      {purchase.history.length === 0 ? (
        <p>{t('overview.purchase.noHistory')}</p>
      ) : (
        <ol className="timeline" data-testid="purchase-history">
          {purchase.history.map((event, index) => (
            <li key={`${event.at}-${index}`} className="timeline__item" data-state={event.state}>
              <p className="timeline__what">
                <strong>{t(`overview.purchase.events.${event.state}`)}</strong>
                {' · '}
                {money(event.share)}
              </p>
              <p className="timeline__when">
                <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
              </p>
              {event.reason && (
                <p className="timeline__reason">
                  {t('overview.purchase.eventReason', { reason: event.reason })}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className="field__hint">{t('overview.purchase.help')}</p>
    </Drawer>
  );
}
