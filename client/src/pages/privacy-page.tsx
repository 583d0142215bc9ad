import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/use-document-title.js';

const SECTIONS = ['clicks', 'orders', 'account', 'adults', 'full'] as const;

export function PrivacyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacy.title'));
  return (
    <article className="prose">
      <h1>{t('privacy.title')}</h1>
      <p className="lead">{t('privacy.summary')}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(`privacy.${section}Title`)}</h2>
          <p>{t(`privacy.${section}`)}</p>
        </section>
      ))}
    </article>
  );
}
