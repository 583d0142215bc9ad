import { useTranslation } from 'react-i18next';
import { MARKETING_CATEGORIES, type MarketingCategory } from '@shared/legal.js';
import { MARKET_CODES, type MarketCode } from '@shared/markets.js';
import { CheckboxField, CheckboxGroup } from './form.js';

export type MarketingState = Record<MarketingCategory, boolean>;

/** Marketing is opt-in: every box starts unticked. */
export const emptyMarketing: MarketingState = { newsletter: false, offers: false, tips: false };

export function useMarketChoices(): Array<{ value: MarketCode; label: string }> {
  const { t } = useTranslation();
  return MARKET_CODES.map((market) => ({ value: market, label: t(`market.${market}`) }));
}

interface ConsentFieldsProps {
  ids: { adult: string; terms: string; marketing: string };
  adult: boolean;
  onAdult: (checked: boolean) => void;
  terms: boolean;
  onTerms: (checked: boolean) => void;
  marketing: MarketingState;
  onMarketing: (marketing: MarketingState) => void;
  errors: { adult?: string; terms?: string };
}

/** 18+, terms and privacy (both required), then the optional marketing e-mails; shared by sign-up and onboarding. */
export function ConsentFields({
  ids,
  adult,
  onAdult,
  terms,
  onTerms,
  marketing,
  onMarketing,
  errors,
}: ConsentFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxField
        id={ids.adult}
        label={t('consent.adult')}
        checked={adult}
        onChange={onAdult}
        error={errors.adult}
      />
      <CheckboxField
        id={ids.terms}
        label={t('consent.terms')}
        checked={terms}
        onChange={onTerms}
        error={errors.terms}
        hint={
          <>
            <a href="/terms" target="_blank" rel="noopener">
              {t('consent.termsLink')}
            </a>
            {' · '}
            <a href="/privacy" target="_blank" rel="noopener">
              {t('consent.privacyLink')}
            </a>
          </>
        }
      />
      <CheckboxGroup
        id={ids.marketing}
        legend={t('consent.marketingLegend')}
        hint={t('consent.marketingHint')}
      >
        {MARKETING_CATEGORIES.map((category) => (
          <CheckboxField
            key={category}
            id={`${ids.marketing}-${category}`}
            label={t(`consent.marketing.${category}`)}
            checked={marketing[category]}
            onChange={(checked) => onMarketing({ ...marketing, [category]: checked })}
          />
        ))}
      </CheckboxGroup>
    </>
  );
}
