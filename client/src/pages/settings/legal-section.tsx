import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import { LEGAL_DOCUMENTS } from '@shared/legal.js';
import { useMe } from '../../auth/auth-context.js';
import { formatDate, useLocale } from '../../components/format.js';
import { formatEffectiveDate, legalDocumentPath } from '../../legal/legal-versions.js';
import { SettingsSection } from './settings-section.js';

/** Which version of the terms and of the privacy notice the shopper accepted, when, and a link to it. */
export function LegalSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { legal } = useMe();
  const accepted = {
    terms: { version: me.termsVersion, at: me.termsAcceptedAt },
    privacy: { version: me.privacyVersion, at: me.privacyAcceptedAt },
  };

  return (
    <SettingsSection id="legal" title={t('settings.legal.title')}>
      <dl className="legal-acceptance">
        {LEGAL_DOCUMENTS.map((document) => {
          const { version, at } = accepted[document];
          const next = legal[document].next;
          return (
            <div key={document}>
              <dt>{t(`legal.${document}Title`)}</dt>
              <dd>
                {version && at ? (
                  <>
                    {t(`settings.legal.accepted.${document}`, { version, date: formatDate(at, locale) })}{' '}
                    <Link to={legalDocumentPath(document, version)}>{t('settings.legal.show')}</Link>
                  </>
                ) : (
                  t('settings.legal.none')
                )}
                {next && (
                  <>
                    <br />
                    {t('settings.legal.upcoming', {
                      version: next.version,
                      date: formatEffectiveDate(next.effectiveFrom, locale),
                    })}{' '}
                    <Link to={legalDocumentPath(document, next.version)}>{t('legal.readUpcoming')}</Link>
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </SettingsSection>
  );
}
