import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@shared/contracts/accounts.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { ApiTokensSection } from './settings/api-tokens-section.js';
import { AuditSection } from './settings/audit-section.js';
import { EmailSection } from './settings/email-section.js';
import { LegalSection } from './settings/legal-section.js';
import { LinkedLoginsSection } from './settings/linked-logins-section.js';
import { MarketingSection } from './settings/marketing-section.js';
import { PasswordSection } from './settings/password-section.js';
import { ProfileSection } from './settings/profile-section.js';
import { SessionsSection } from './settings/sessions-section.js';

const SECTIONS = [
  'profile',
  'marketing',
  'email',
  'password',
  'sessions',
  'linked-logins',
  'api-tokens',
  'legal',
  'audit',
] as const;
type Section = (typeof SECTIONS)[number];

export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  return <RequireLogin>{(me) => <Settings me={me} />}</RequireLogin>;
}

/**
 * Client-side navigation does not scroll to `#section` by itself, and the provider routes come
 * back with `?linked=` or `?error=` and no fragment: take the reader to the section meant.
 */
function useScrollToSection() {
  const { hash, search } = useLocation();
  useEffect(() => {
    const params = new URLSearchParams(search);
    const fromProvider = params.has('linked') || params.has('error') || params.has('connect');
    const id = hash ? decodeURIComponent(hash.slice(1)) : fromProvider ? 'linked-logins' : undefined;
    const section = id ? document.getElementById(id) : null;
    if (!section) return;
    section.scrollIntoView({ block: 'start' });
    section.focus({ preventScroll: true });
  }, [hash, search]);
}

function Settings({ me }: { me: Me }) {
  const { t } = useTranslation();
  // Each change bumps these so the lists that show its effects load again.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const [auditVersion, setAuditVersion] = useState(0);
  const changed = useCallback(() => setAuditVersion((version) => version + 1), []);
  const sessionsChanged = useCallback(() => {
    setSessionsVersion((version) => version + 1);
    setAuditVersion((version) => version + 1);
  }, []);

  useScrollToSection();

  const titles: Record<Section, string> = {
    profile: t('settings.profile.title'),
    marketing: t('settings.marketing.title'),
    email: t('settings.email.title'),
    password: t('settings.password.title'),
    sessions: t('settings.sessions.title'),
    'linked-logins': t('settings.linked.title'),
    'api-tokens': t('settings.tokens.title'),
    legal: t('settings.legal.title'),
    audit: t('settings.audit.title'),
  };

  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <nav className="settings__nav" aria-label={t('settings.navigation')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#${section}`}>{titles[section]}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings__sections">
        <ProfileSection me={me} onChanged={changed} />
        <MarketingSection onChanged={changed} />
        <EmailSection me={me} onChanged={changed} />
        <PasswordSection me={me} onChanged={sessionsChanged} />
        <SessionsSection version={sessionsVersion} onChanged={changed} />
        <LinkedLoginsSection me={me} onChanged={changed} />
        <ApiTokensSection onChanged={changed} />
        <LegalSection me={me} />
        <AuditSection version={auditVersion} />
      </div>
    </div>
  );
}
