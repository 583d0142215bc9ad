import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/auth-context.js';
import { AccountMenu } from './account-menu.js';
import { LanguageSwitch } from './language-switch.js';
import { LegalChangeBanner } from './legal-change-banner.js';
import { UnverifiedEmailBanner } from './unverified-email-banner.js';

/** The documents themselves can always be read, also before accepting them. */
const LEGAL_PAGES = ['/terms', '/privacy'];
/** Pages a provider account may see before it has confirmed 18+ and the terms. */
const ALLOWED_BEFORE_ONBOARDING = ['/onboarding', ...LEGAL_PAGES];
/** Pages a shopper may see before accepting a new version of the terms or the privacy notice. */
const ALLOWED_BEFORE_ACCEPTING = ['/accept-terms', ...LEGAL_PAGES];

export function Layout() {
  const { t } = useTranslation();
  const { me } = useMe();
  const { pathname } = useLocation();
  const mustOnboard = me?.onboardingRequired === true && !ALLOWED_BEFORE_ONBOARDING.includes(pathname);
  const mustAccept = me?.mustAcceptTerms === true && !ALLOWED_BEFORE_ACCEPTING.includes(pathname);

  return (
    <div className="page">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand" aria-label={t('layout.homeLink')}>
            <span className="brand__mark" aria-hidden="true">
              V
            </span>
            <span className="brand__name">Vratka</span>
          </Link>
          <nav className="site-nav" aria-label={t('layout.navigation')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.shops')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/privacy">{t('nav.privacy')}</NavLink>
              </li>
            </ul>
          </nav>
          <LanguageSwitch />
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {me && !me.emailVerified && !mustOnboard && !mustAccept && <UnverifiedEmailBanner email={me.email} />}
        {me && !me.onboardingRequired && !me.mustAcceptTerms && <LegalChangeBanner />}
        {mustOnboard ? (
          <Navigate to="/onboarding" replace />
        ) : mustAccept ? (
          <Navigate to="/accept-terms" replace />
        ) : (
          <Outlet />
        )}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t('layout.footerAbout')}</p>
          <p>{t('layout.footerAdults')}</p>
          <nav aria-label={t('layout.footerNavigation')}>
            <ul className="site-footer__links">
              <li>
                <Link to="/terms">{t('legal.termsTitle')}</Link>
              </li>
              <li>
                <Link to="/privacy">{t('legal.privacyTitle')}</Link>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </div>
  );
}
