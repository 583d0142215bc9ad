import { useTranslation } from 'react-i18next';
import type { Attribution } from '@shared/contracts/admin-money.js';
import type { ConversionState } from '../../api/admin-money.js';

/** A conversion's state for staff: "settled" (the network paid us) is told apart from "approved". */
export function ConversionStateBadge({ state }: { state: ConversionState }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${state}`}>{t(`admin.conversions.states.${state}`)}</span>;
}

/** How the conversion found its shopper; the ones waiting for a person stand out. */
export function AttributionLabel({ attribution }: { attribution: Attribution }) {
  const { t } = useTranslation();
  const label = t(`admin.conversions.attributions.${attribution}`);
  switch (attribution) {
    case 'unattributed':
      return <span className="badge badge--pending">{label}</span>;
    case 'dismissed':
      return <span className="badge badge--muted">{label}</span>;
    case 'click':
    case 'manual':
      return <>{label}</>;
  }
}
