import { useTranslation } from 'react-i18next';
import { MARKET_CODES, type MarketCode } from '@shared/markets.js';

interface MarketSwitchProps {
  value: MarketCode;
  onChange: (market: MarketCode) => void;
}

/** Radio buttons rather than a select: two options, both visible, one tap on a phone. */
export function MarketSwitch({ value, onChange }: MarketSwitchProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="market-switch">
      <legend>{t('market.legend')}</legend>
      <div className="market-switch__options">
        {MARKET_CODES.map((market) => (
          <label key={market} className="market-switch__option">
            <input
              type="radio"
              name="market"
              value={market}
              checked={value === market}
              onChange={() => onChange(market)}
            />
            <span>{t(`market.${market}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
