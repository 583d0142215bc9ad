import { useTranslation } from 'react-i18next';
import type { PurchaseState } from '../../api/money.js';

/** The shopper's word for a purchase's state, as a coloured badge with the word in it. */
export function PurchaseStateBadge({ state }: { state: PurchaseState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${state}`} data-state={state}>
      {t(`overview.purchases.states.${state}`)}
    </span>
  );
}
