import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LEGAL_DOCUMENTS } from '@shared/legal.js';
import { useMe } from '../auth/auth-context.js';
import { formatEffectiveDate, legalDocumentPath } from '../legal/legal-versions.js';
import { useLocale } from './format.js';

/** Which announcement the shopper has read, so it does not come back on every page. */
const DISMISSED_KEY = 'vratka.legalNoticeRead';

/**
 * A new version of the terms or the privacy notice is announced and not in effect yet: tell the
 * logged-in shopper a month ahead, with a link to the new text. Once it takes effect, the
 * acceptance page takes over.
 */
export function LegalChangeBanner() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { legal } = useMe();
  const announced = LEGAL_DOCUMENTS.flatMap((document) => {
    const next = legal[document].next;
    return next ? [{ document, next }] : [];
  });
  const key = announced.map(({ document, next }) => `${document}:${next.version}`).join(' ');
  const [dismissed, setDismissed] = useState(readDismissed);

  if (announced.length === 0 || dismissed === key) return null;

  function dismiss() {
    try {
      localStorage.setItem(DISMISSED_KEY, key);
    } catch {
      // Storage can be disabled; the notice then goes away for this visit only.
    }
    setDismissed(key);
  }

  return (
    <section className="banner" aria-labelledby="legal-change-title">
      <h2 id="legal-change-title" className="banner__title">
        {t('legal.bannerTitle')}
      </h2>
      {announced.map(({ document, next }) => (
        <p key={document}>
          {t(`legal.banner.${document}`, { date: formatEffectiveDate(next.effectiveFrom, locale) })}{' '}
          <Link to={legalDocumentPath(document, next.version)}>{t('legal.readUpcoming')}</Link>
        </p>
      ))}
      <button type="button" className="button button--secondary" onClick={dismiss}>
        {t('legal.bannerDismiss')}
      </button>
    </section>
  );
}

function readDismissed(): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}
