import { useTranslation } from 'react-i18next';
import { MARKET_CURRENCY, type Currency, type MarketCode } from '@shared/markets.js';
import { formatMoney } from '@shared/money.js';
import type { Balance } from '../../api/money.js';
import { generalMessage } from '../../components/api-errors.js';
import { useLocale } from '../../components/format.js';
import type { Loaded } from '../../components/use-loader.js';

const CARDS = ['pending', 'available', 'payoutHold', 'paidOut'] as const;
type Card = (typeof CARDS)[number];

function zeroBalance(currency: Currency): Balance {
  const zero = { amountMinor: '0', currency };
  return { currency, pending: zero, available: zero, payoutHold: zero, paidOut: zero, debt: zero };
}

/** Where the shopper's cashback is now, one row of cards per currency. */
export function BalanceSection({
  state,
  market,
  onRetry,
}: {
  state: Loaded<Balance[]>;
  market: MarketCode;
  onRetry: () => void;
}) {
  const { t } = useTranslation();

  let body;
  switch (state.status) {
    case 'loading':
      body = (
        <p className="status status--loading" role="status">
          {t('overview.balance.loading')}
        </p>
      );
      break;
    case 'error':
      body = (
        <div className="status status--error" role="alert">
          <p>
            {t('overview.balance.error')} {generalMessage(state.error, t)}
          </p>
          <button type="button" className="button" onClick={onRetry}>
            {t('shops.retry')}
          </button>
        </div>
      );
      break;
    case 'loaded': {
      // A new account has no balance rows yet: zeros in its market's currency say so plainly.
      const balances = state.data.length > 0 ? state.data : [zeroBalance(MARKET_CURRENCY[market])];
      body = balances.map((balance) => (
        <BalanceCards key={balance.currency} balance={balance} showCurrency={balances.length > 1} />
      ));
      break;
    }
  }

  return (
    <section className="balance" aria-labelledby="balance-title">
      <h2 id="balance-title">{t('overview.balance.title')}</h2>
      {body}
    </section>
  );
}

function BalanceCards({ balance, showCurrency }: { balance: Balance; showCurrency: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (card: Card | 'debt') => formatMoney(balance[card].amountMinor, balance.currency, locale);
  const inDebt = BigInt(balance.debt.amountMinor) > 0n;

  return (
    <div className="balance__currency" data-testid={`balance-${balance.currency}`}>
      {showCurrency && <h3>{t('overview.balance.inCurrency', { currency: balance.currency })}</h3>}
      <dl className="balance-cards">
        {CARDS.map((card) => (
          <div key={card} className={`balance-card balance-card--${card}`} data-testid={`balance-${card}`}>
            <dt className="balance-card__label">{t(`overview.balance.${card}`)}</dt>
            <dd className="balance-card__amount">{money(card)}</dd>
            <dd className="balance-card__hint">{t(`overview.balance.${card}Hint`)}</dd>
          </div>
        ))}
        {inDebt && (
          <div className="balance-card balance-card--debt" data-testid="balance-debt">
            <dt className="balance-card__label">{t('overview.balance.debt')}</dt>
            <dd className="balance-card__amount">{money('debt')}</dd>
            <dd className="balance-card__hint">{t('overview.balance.debtHint')}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
