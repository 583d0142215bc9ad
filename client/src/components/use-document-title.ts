import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title for the current page, e.g. "Soukromí · Vratka". */
export function useDocumentTitle(pageTitle?: string): void {
  const { t } = useTranslation();
  const title = pageTitle ? `${pageTitle} · Vratka` : `Vratka – ${t('meta.tagline')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
