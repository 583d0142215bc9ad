import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKETING_CATEGORIES } from '@shared/legal.js';
import { getPreferences, updatePreferences } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import type { MarketingState } from '../../components/consent-fields.js';
import { CheckboxField, CheckboxGroup, SuccessMessage } from '../../components/form.js';
import { useLoader } from '../../components/use-loader.js';
import { SettingsSection } from './settings-section.js';

const GROUP_ID = 'marketing-consent';

/**
 * Marketing e-mails: one box per category, ticked where the shopper consents now. Saving sends the
 * whole choice; the server logs one consent event per category that changed, and none otherwise.
 */
export function MarketingSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoader(getPreferences, 0);

  function body() {
    switch (state.status) {
      case 'loading':
        return (
          <p className="status status--loading" role="status">
            {t('settings.marketing.loading')}
          </p>
        );
      case 'error':
        return (
          <div className="status status--error" role="alert">
            <p>{t('settings.marketing.loadFailed')}</p>
            <button type="button" className="button" onClick={reload}>
              {t('shops.retry')}
            </button>
          </div>
        );
      case 'loaded':
        return <MarketingForm onRecord={state.data.marketing} onChanged={onChanged} />;
    }
  }

  return (
    <SettingsSection
      id="marketing"
      title={t('settings.marketing.title')}
      intro={t('settings.marketing.intro')}
    >
      {body()}
    </SettingsSection>
  );
}

/** The boxes start from what the server has on record and follow what it answers to each save. */
function MarketingForm({ onRecord, onChanged }: { onRecord: MarketingState; onChanged: () => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<MarketingState>(onRecord);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'error'; message: string }>();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(undefined);
    setSaving(true);
    try {
      const saved = await updatePreferences({ marketing: choice });
      setChoice(saved.marketing);
      setOutcome({ kind: 'saved' });
      onChanged();
    } catch (error) {
      setOutcome({ kind: 'error', message: generalMessage(error, t) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      {outcome?.kind === 'saved' && (
        <SuccessMessage>
          <p>{t('settings.marketing.saved')}</p>
        </SuccessMessage>
      )}
      {outcome?.kind === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>{outcome.message}</p>
        </div>
      )}
      <CheckboxGroup id={GROUP_ID} legend={t('settings.marketing.legend')}>
        {MARKETING_CATEGORIES.map((category) => (
          <CheckboxField
            key={category}
            id={`${GROUP_ID}-${category}`}
            label={t(`consent.marketing.${category}`)}
            checked={choice[category]}
            onChange={(checked) => setChoice({ ...choice, [category]: checked })}
          />
        ))}
      </CheckboxGroup>
      <button type="submit" className="button" disabled={saving}>
        {saving ? t('settings.marketing.saving') : t('settings.marketing.save')}
      </button>
    </form>
  );
}
