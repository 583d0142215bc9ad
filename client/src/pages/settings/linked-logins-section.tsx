import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PROVIDERS, type Me, type Provider } from '@shared/contracts/accounts.js';
import { providerLoginUrl, unlinkProvider } from '../../api/client.js';
import { interpretError } from '../../components/api-errors.js';
import { SuccessMessage } from '../../components/form.js';
import { ProviderErrorMessage } from '../../components/provider-error.js';
import { PROVIDER_NAMES } from '../../components/providers.js';
import { useMe } from '../../auth/auth-context.js';
import { SettingsSection } from './settings-section.js';

function parseProvider(value: string | null): Provider | undefined {
  return PROVIDERS.find((provider) => provider === value);
}

/**
 * Facebook and MojeID logins. Linking is a full-page trip to the provider and back
 * (`/api/v1/auth/<provider>?link=1`); the server returns here with `?linked=<provider>` or
 * `?error=<code>`. Someone who came from the login page's "already has an account" message
 * arrives with `?connect=<provider>`.
 */
export function LinkedLoginsSection({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const { setMe, refresh, providers } = useMe();
  const [searchParams] = useSearchParams();
  const justLinked = parseProvider(searchParams.get('linked'));
  const connect = parseProvider(searchParams.get('connect'));
  const error = searchParams.get('error');
  const [busy, setBusy] = useState<Provider>();
  const [unlinked, setUnlinked] = useState<Provider>();
  const [failure, setFailure] = useState<string>();

  // Without a password, the last linked provider is the only way in; the server refuses too.
  const onlyWayIn = !me.hasPassword && me.providers.length <= 1;
  // A login this instance does not offer cannot be linked; one linked earlier can still be removed.
  const shown = PROVIDERS.filter((provider) => providers[provider] || me.providers.includes(provider));

  async function unlink(provider: Provider) {
    setBusy(provider);
    setUnlinked(undefined);
    setFailure(undefined);
    try {
      await unlinkProvider(provider);
      setMe({ ...me, providers: me.providers.filter((linked) => linked !== provider) });
      setUnlinked(provider);
      onChanged();
      await refresh();
    } catch (caught) {
      const lastMethod = t('settings.linked.lastMethod');
      setFailure(
        interpretError(caught, t, {
          codes: {
            LAST_LOGIN_METHOD: lastMethod,
            CANNOT_UNLINK_LAST: lastMethod,
            NOT_FOUND: t('settings.linked.notLinked'),
          },
        }).form,
      );
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <SettingsSection id="linked-logins" title={t('settings.linked.title')} intro={t('settings.linked.intro')}>
      {justLinked && (
        <SuccessMessage>
          <p>{t(`settings.linked.${justLinked}.linked`)}</p>
        </SuccessMessage>
      )}
      {unlinked && (
        <SuccessMessage>
          <p>{t(`settings.linked.${unlinked}.unlinked`)}</p>
        </SuccessMessage>
      )}
      {error !== null && <ProviderErrorMessage code={error} />}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {connect && !me.providers.includes(connect) && (
        <div className="notice">
          <p>{t(`settings.linked.${connect}.connectNow`)}</p>
        </div>
      )}
      {shown.length === 0 && <p>{t('settings.linked.noneOffered')}</p>}
      <ul className="provider-list" hidden={shown.length === 0}>
        {shown.map((provider) => {
          const linked = me.providers.includes(provider);
          return (
            <li key={provider} className="provider-row">
              <div>
                <h3 className="provider-row__name">{PROVIDER_NAMES[provider]}</h3>
                <p className="provider-row__state">
                  {linked ? t('settings.linked.stateLinked') : t('settings.linked.stateNotLinked')}
                </p>
              </div>
              {linked ? (
                onlyWayIn ? (
                  <p className="provider-row__note">{t('settings.linked.onlyWayIn')}</p>
                ) : (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy !== undefined}
                    onClick={() => void unlink(provider)}
                  >
                    {t(`settings.linked.${provider}.unlink`)}
                  </button>
                )
              ) : (
                <a className="button button--secondary" href={providerLoginUrl(provider, { link: true })}>
                  {t(`settings.linked.${provider}.link`)}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </SettingsSection>
  );
}
